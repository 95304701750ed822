"""Pages where a partner editor (their own organisation only) or the coordinator keeps a partner up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import is_coordinator
from klimapartner.partners.access import get_child_for_edit, get_organisation_for_edit
from klimapartner.partners.changes import agreement_saved
from klimapartner.partners.forms import ActionForm, AgreementForm, ContactForm, OrganisationForm, TargetFormSet
from klimapartner.partners.models import Action, Agreement, ContactPerson


def _overview(organisation):
    return redirect("manage:organisation", slug=organisation.slug)


@login_required
def organisation(request, slug):
    organisation = get_organisation_for_edit(request, slug)
    agreements = organisation.agreements.prefetch_related(
        "focus_areas", "targets", Prefetch("actions", queryset=Action.objects.select_related("focus_area"))
    )
    return render(
        request,
        "partners/manage/organisation.html",
        {
            "section": "work",
            "organisation": organisation,
            "agreements": agreements,
            "contacts": organisation.contacts.all(),
            "editors": organisation.memberships.select_related("user") if is_coordinator(request.user) else None,
        },
    )


@login_required
def edit_organisation(request, slug):
    organisation = get_organisation_for_edit(request, slug)
    coordinator = is_coordinator(request.user)
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation, coordinator=coordinator
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The profile is saved."))
        return _overview(organisation)
    return render(request, "partners/manage/form.html", {
        "section": "work", "organisation": organisation, "form": form, "title": _("Edit profile"),
        "multipart": True,
    })


@login_required
def contact(request, slug, pk=None):
    if pk is None:
        organisation = get_organisation_for_edit(request, slug)
        instance = ContactPerson(organisation=organisation)
    else:
        organisation, instance = get_child_for_edit(request, slug, ContactPerson, pk)
    return _child_form_page(
        request, organisation, ContactForm(request.POST or None, instance=instance),
        title=_("New contact person") if pk is None else _("Edit contact person"),
        saved=_("The contact person is saved."), delete_url="manage:delete_contact",
    )


def _child_form_page(request, organisation, form, *, title, saved, delete_url):
    """Create or edit one of the organisation's contacts or actions, then go back to its overview."""
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, saved)
        return _overview(organisation)
    return render(request, "partners/manage/form.html", {
        "section": "work", "organisation": organisation, "form": form, "title": title,
        "delete_url": delete_url if form.instance.pk else None, "object": form.instance,
    })


@login_required
@require_POST
def delete_contact(request, slug, pk):
    organisation, instance = get_child_for_edit(request, slug, ContactPerson, pk)
    instance.delete()
    messages.success(request, _("The contact person is deleted."))
    return _overview(organisation)


@login_required
def agreement(request, slug, pk):
    organisation, instance = get_child_for_edit(request, slug, Agreement, pk)
    return agreement_form_page(request, organisation, instance)


def agreement_form_page(request, organisation, instance, *, initial=None, renews=None):
    """The agreement form with its reduction targets; shared by editing, recording and renewing."""
    coordinator = is_coordinator(request.user)
    form = AgreementForm(request.POST or None, instance=instance, initial=initial, coordinator=coordinator)
    targets = TargetFormSet(
        request.POST or None, instance=instance, prefix="targets",
        initial=[{"target_year": t.target_year, "percent": t.percent} for t in renews.targets.all()] if renews else None,
    )
    if renews:
        targets.extra = max(targets.extra, renews.targets.count())
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        with transaction.atomic():
            saved = form.save()
            targets.instance = saved
            targets.save()
            moved = agreement_saved(saved, renews=renews)
        messages.success(request, _("The agreement is saved."))
        if moved:
            messages.success(request, ngettext(
                "%(n)d unfinished action moved to the new agreement.",
                "%(n)d unfinished actions moved to the new agreement.", moved,
            ) % {"n": moved})
        return _overview(organisation)
    return render(request, "partners/manage/agreement_form.html", {
        "section": "work", "organisation": organisation, "form": form, "targets": targets,
        "renews": renews, "is_new": instance.pk is None,
    })


@login_required
def action(request, slug, pk=None, agreement_pk=None):
    if pk is None:
        organisation, parent = get_child_for_edit(request, slug, Agreement, agreement_pk)
        instance = Action(agreement=parent)
    else:
        organisation, instance = get_child_for_edit(request, slug, Action, pk)
    return _child_form_page(
        request, organisation, ActionForm(request.POST or None, instance=instance,
                                          coordinator=is_coordinator(request.user)),
        title=_("New action") if pk is None else _("Edit action"),
        saved=_("The action is saved."), delete_url="manage:delete_action",
    )


@login_required
@require_POST
def delete_action(request, slug, pk):
    organisation, instance = get_child_for_edit(request, slug, Action, pk)
    instance.delete()
    messages.success(request, _("The action is deleted."))
    return _overview(organisation)
