"""The one place that fetches partner data for a request, with the permission check.

Every view that reads or writes a partner's data goes through these functions:
the public sees published organisations only, a partner editor edits only the
organisations they are a member of, and the coordinator sees and edits everything.
What the public may see is decided here, in the public_* functions, and nowhere else:
every public page, list, map, API endpoint, CSV download and network graph uses them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from klimapartner.accounts.roles import can_edit_organisation, edited_organisation_ids, is_coordinator
from klimapartner.partners.models import (
    Action,
    Agreement,
    AgreementStatus,
    ContactPerson,
    FocusArea,
    Organisation,
)


def get_organisation_for_edit(request, slug) -> Organisation:
    """The organisation, if the signed-in user may edit it; 403 otherwise, 404 if unknown."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    return organisation


def get_child_for_edit(request, slug, model, pk):
    """(organisation, object) for a contact, agreement or action that belongs to the organisation."""
    organisation = get_organisation_for_edit(request, slug)
    if model is Action:
        obj = get_object_or_404(Action, pk=pk, agreement__organisation=organisation)
    else:
        obj = get_object_or_404(model, pk=pk, organisation=organisation)
    return organisation, obj


def get_organisation_for_staff(request, slug) -> Organisation:
    """The organisation, for the coordinator only."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    return get_object_or_404(Organisation, slug=slug)


def public_organisations(queryset=None):
    """The organisations the public may see, and the only ones a participant's form may name: the published ones."""
    return (Organisation.objects.all() if queryset is None else queryset).filter(is_published=True)


def public_collaborations(queryset):
    """Of a queryset of collaborations, the ones the public may see: confirmed (by every partner or by the
    coordinator), and with published partners only. The collaborations app passes its queryset in, so
    partners need not import it."""
    return queryset.filter(confirmed_at__isnull=False).exclude(partners__is_published=False)


def public_effect(action, which: str = "expected"):
    """An action's expected or realised effect as the public sees it: only once the coordinator has reviewed it."""
    return getattr(action, f"{which}_effect") if action.effect_approved else None


def counted_effects(actions):
    """The actions whose effects count in public figures (reviewed by the coordinator)."""
    return actions.filter(effect_approved=True)


def public_agreement_list():
    """Agreements the public may see: of published partners, and not drafts."""
    return Agreement.objects.filter(organisation__in=public_organisations()).exclude(status=AgreementStatus.DRAFT)


def public_actions():
    """Actions the public may see: marked public, in an agreement the public may see."""
    return Action.objects.filter(is_public=True, agreement__in=public_agreement_list())


def public_co2_results(counted_accounts):
    """Of the CO2 accounts the climate app counts (approved, finished years: it passes them in), the ones
    the public may see one by one: computed, of a published partner that has chosen to publish its progress."""
    return counted_accounts.exclude(computed_at=None).filter(
        organisation__in=public_organisations(), organisation__climate_profile__publish_progress=True
    )


def public_version() -> str:
    """A key that changes whenever an organisation, an agreement or a focus area is added, removed or changed:
    rendered lists of them (the directory, the partners in participants' forms) are cached under it. Three
    small aggregate queries instead of rendering the list again. (Renaming a focus area shows after at
    most the cache's five minutes.)"""
    organisations = Organisation.objects.aggregate(n=Count("pk"), last=Max("updated"))
    # Filters look at agreements (focus areas, status) too.
    agreements = Agreement.objects.aggregate(n=Count("pk"), last=Max("updated"))
    areas = FocusArea.objects.aggregate(n=Count("pk"), last=Max("pk"))
    stamp = [(row["n"], row["last"].timestamp() if row["last"] else 0) for row in (organisations, agreements)]
    return f"{stamp}.{areas['n']}.{areas['last']}"


def public_agreements():
    """Agreements as the public sees them: no drafts, public actions only (as `public_actions`)."""
    return Agreement.objects.exclude(status=AgreementStatus.DRAFT).prefetch_related(
        "focus_areas",
        "targets",
        Prefetch(
            "actions",
            queryset=Action.objects.filter(is_public=True).select_related("focus_area"),
            to_attr="public_actions",
        ),
    )


def get_public_organisation(request, slug) -> Organisation:
    """A published organisation with what the public may see: public actions and contacts,
    agreements that are not drafts. The coordinator and the partner's editors may preview an
    unpublished one."""
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related(
            Prefetch("agreements", queryset=public_agreements(), to_attr="public_agreements"),
            Prefetch(
                "contacts",
                queryset=ContactPerson.objects.filter(is_public=True, consent=True),
                to_attr="public_contacts",
            ),
        ),
        slug=slug,
    )
    if not organisation.is_published and not can_edit_organisation(request.user, organisation):
        raise Http404  # to the public an unpublished partner does not exist
    return organisation


# -- what the public may see of the other apps' data ------------------------------
# The register is the ground floor: the models are imported inside the functions, so partners
# never imports activities or stories at start-up.


def visible_activities(user):
    """Activities as `user` may see them in the calendar and on their pages.

    Everyone: approved (and cancelled, so the calendar shows them go) public activities held by the
    municipality or a published partner. Signed-in partner editors and the coordinator also see
    the activities for partners only. Waiting or rejected ones only on their organiser's pages."""
    from klimapartner.activities.models import Activity, ActivityStatus

    shown = Activity.objects.filter(status__in=[ActivityStatus.APPROVED, ActivityStatus.CANCELLED]).filter(
        Q(organiser__isnull=True) | Q(organiser__is_published=True)
    )
    if is_coordinator(user) or edited_organisation_ids(user):
        return shown
    return shown.filter(is_public=True)


def public_activities():
    """The activities anyone may see (the calendar's, signed out): the open data's."""
    from django.contrib.auth.models import AnonymousUser

    return visible_activities(AnonymousUser())


def get_visible_activity(request, pk):
    """The activity's page: visible activities, and for the coordinator and the organiser's editors
    also their own waiting or rejected ones (as a preview). 404 for anything else."""
    from klimapartner.activities.models import Activity

    activity = Activity.objects.select_related("organiser").filter(pk=pk).first()
    if activity is None:
        raise Http404
    if visible_activities(request.user).filter(pk=pk).exists():
        return activity
    if activity.organiser_id and can_edit_organisation(request.user, activity.organiser):
        return activity
    if is_coordinator(request.user):
        return activity
    raise Http404


def signup_organisations(user, activity):
    """The partners a person may say they come from when signing up: published partners (and, for
    a partner editor, their own even if unpublished); the coordinator may choose any."""
    if is_coordinator(user):
        return Organisation.objects.all()
    return public_organisations() | Organisation.objects.filter(pk__in=edited_organisation_ids(user))


def public_stories():
    """Climate stories the public may read: published, by a published partner."""
    from klimapartner.stories.models import Story, StoryStatus

    return Story.objects.filter(status=StoryStatus.PUBLISHED, organisation__is_published=True)


def get_public_story(request, pk):
    """A story's page: public stories, and for the coordinator and the partner's editors also the
    unpublished ones (a preview). 404 for anything else."""
    from klimapartner.stories.models import Story

    story = Story.objects.select_related("organisation").filter(pk=pk).first()
    if story is None:
        raise Http404
    if public_stories().filter(pk=pk).exists() or can_edit_organisation(request.user, story.organisation):
        return story
    raise Http404
