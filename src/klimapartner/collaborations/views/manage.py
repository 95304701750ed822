"""Pages where a partner editor (the ideas and collaborations their organisation is part of) or the
coordinator (all of them) keeps ideas and collaborations up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import edited_organisation_ids, is_coordinator
from klimapartner.collaborations import changes
from klimapartner.collaborations.access import (
    collaborations_for,
    get_collaboration_for_edit,
    get_idea_for_edit,
    ideas_for,
)
from klimapartner.collaborations.forms import CollaborationForm, IdeaForm
from klimapartner.collaborations.models import CollaborationPartner, IdeaSource, LogKind
from klimapartner.partners.access import get_organisation_for_edit
from klimapartner.partners.models import Organisation


def _section(request):
    return "collaborations" if is_coordinator(request.user) else "work"


def _with_partners(queryset):
    return queryset.prefetch_related(
        Prefetch("memberships", queryset=CollaborationPartner.objects.select_related("organisation"))
    )


@login_required
def organisation(request, slug):
    """The ideas and collaborations one organisation is part of."""
    organisation = get_organisation_for_edit(request, slug)
    ideas = ideas_for(request.user).filter(partners=organisation) | ideas_for(request.user).filter(
        owner_organisation=organisation
    )
    collaborations = _with_partners(collaborations_for(request.user).filter(memberships__organisation=organisation))
    collaborations = list(collaborations)
    for c in collaborations:
        c.mine = next(m for m in c.memberships.all() if m.organisation_id == organisation.pk)
    return render(request, "collaborations/organisation.html", {
        "section": _section(request), "organisation": organisation,
        "ideas": ideas.distinct().prefetch_related("partners").select_related("event"),
        "collaborations": collaborations,
    })


def _idea_page(idea):
    return redirect("collaborations:idea", pk=idea.pk)


@login_required
def new_idea(request):
    user = request.user
    if not is_coordinator(user) and not edited_organisation_ids(user):
        raise PermissionDenied
    initial = {}
    own = Organisation.objects.filter(pk__in=edited_organisation_ids(user)).first()
    if not is_coordinator(user) and own:
        initial = {"owner_organisation": own, "owner": user.get_full_name(), "owner_email": user.email}
    if is_coordinator(user):
        initial.update(IdeaForm.born_at_initial(request.GET))  # "register an idea" from an activity or a tour
    form = IdeaForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = data.get("source") or (IdeaSource.COORDINATOR if is_coordinator(user) else IdeaSource.PARTNER)
        idea = changes.register_idea(
            title=data["title"], description=data["description"], source=source, owner=data["owner"],
            owner_email=data["owner_email"], owner_organisation=data["owner_organisation"],
            event=data.get("event"), activity=data.get("activity"), tour=data.get("tour"), partners=data["partners"], focus_areas=data["focus_areas"], author=user,
        )
        messages.success(request, _("The idea is registered."))
        return _idea_page(idea)
    return render(request, "collaborations/form.html", {
        "section": _section(request), "form": form, "title": _("New idea"),
    })


@login_required
def idea(request, pk):
    """An idea: what it is, its log, and the form to change it or add to the log."""
    idea = get_idea_for_edit(request, pk)
    form = IdeaForm(request.POST or None, instance=idea, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            idea = form.save()  # the status is not a model field of the form: it changes through the log
            changes.set_idea_status(idea=idea, status=form.cleaned_data["status"], text=form.cleaned_data["note"],
                                    author=request.user)
        messages.success(request, _("The idea is saved."))
        return _idea_page(idea)
    return render(request, "collaborations/idea.html", {
        "section": _section(request), "idea": idea, "form": form,
        "log": idea.log.select_related("author"),
        "collaborations": idea.collaborations.all(),
        "follow_ups": idea.follow_ups.filter(sent_at__isnull=False),
    })


def _collaboration_page(collaboration):
    return redirect("collaborations:collaboration", pk=collaboration.pk)


@login_required
def new_collaboration(request, idea_pk=None):
    """A new collaboration; from an idea, with the idea's partners, focus areas and partnership day."""
    user = request.user
    idea = get_idea_for_edit(request, idea_pk) if idea_pk else None
    if idea is None and not is_coordinator(user) and not edited_organisation_ids(user):
        raise PermissionDenied
    initial = {"started_on": timezone.localdate()}
    if idea is not None:
        initial.update(title=idea.title, description=idea.description, partners=list(idea.partners.all()),
                       focus_areas=list(idea.focus_areas.all()), events=[idea.event] if idea.event_id else [])
    form = CollaborationForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        collaboration = changes.start_collaboration(
            title=data["title"], description=data["description"], kind=data["kind"], partners=data["partners"],
            started_on=data["started_on"], expected_effect=data["expected_effect"], idea=idea,
            events=data["events"], focus_areas=data["focus_areas"], author=user,
        )
        if data["ended_on"]:
            collaboration.ended_on = data["ended_on"]
            collaboration.save(update_fields=["ended_on"])
        if collaboration.is_confirmed:
            messages.success(request, _("The collaboration is registered and shown in the network."))
        else:
            messages.success(request, _("The collaboration is registered. It is shown in the network once the "
                                        "other partners have confirmed it."))
        return _collaboration_page(collaboration)
    return render(request, "collaborations/form.html", {
        "section": _section(request), "form": form, "idea": idea,
        "title": _("Register a collaboration") if idea is None else _("The idea becomes a collaboration"),
    })


@login_required
def collaboration(request, pk):
    collaboration = get_collaboration_for_edit(request, pk)
    form = CollaborationForm(request.POST or None, instance=collaboration, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = set(collaboration.memberships.values_list("organisation_id", flat=True))
            collaboration = form.save(commit=False)
            collaboration.save()
            partners = {p.pk for p in form.cleaned_data["partners"]}
            collaboration.focus_areas.set(form.cleaned_data["focus_areas"])
            collaboration.events.set(form.cleaned_data["events"])
            collaboration.memberships.exclude(organisation_id__in=partners).delete()
            CollaborationPartner.objects.bulk_create(
                [CollaborationPartner(collaboration=collaboration, organisation_id=p) for p in partners - before]
            )
            if partners - before and not is_coordinator(request.user):
                # a new partner has not confirmed: until it does, the collaboration is not public
                collaboration.confirmed_at = None
                collaboration.save(update_fields=["confirmed_at"])
            changes.log(kind=LogKind.NOTE, collaboration=collaboration, text=_("Details changed"),
                        author=request.user)
            changes.confirm(collaboration=collaboration, user=request.user)
        messages.success(request, _("The collaboration is saved."))
        return _collaboration_page(collaboration)
    memberships = collaboration.memberships.select_related("organisation")
    own = edited_organisation_ids(request.user)
    return render(request, "collaborations/collaboration.html", {
        "section": _section(request), "collaboration": collaboration, "form": form,
        "memberships": memberships,
        "can_confirm": collaboration.confirmed_at is None and (
            is_coordinator(request.user) or any(m.organisation_id in own and not m.confirmed_at for m in memberships)
        ),
        "log": collaboration.log.select_related("author"),
        "events": collaboration.events.all(),
    })


@require_POST
@login_required
def confirm(request, pk):
    collaboration = get_collaboration_for_edit(request, pk)
    if changes.confirm(collaboration=collaboration, user=request.user):
        messages.success(request, _("The collaboration is confirmed and shown in the network."))
    else:
        messages.success(request, _("Thank you. The collaboration is shown in the network once the other partners "
                                    "have confirmed it too."))
    return _collaboration_page(collaboration)


@require_POST
@login_required
def decline(request, pk):
    collaboration = get_collaboration_for_edit(request, pk)
    changes.decline(collaboration=collaboration, user=request.user)
    messages.success(request, _("Your organisation is no longer part of the collaboration."))
    if is_coordinator(request.user):
        return redirect("collaborations:ideas")
    own = Organisation.objects.filter(pk__in=edited_organisation_ids(request.user)).order_by("name").first()
    return redirect("collaborations:organisation", slug=own.slug) if own else redirect("accounts:home")
