"""A partner's own activities: announce one, report one that was held, see the coordinator's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimapartner.activities import changes
from klimapartner.activities.access import get_partner_activity_for_edit
from klimapartner.activities.forms import PartnerActivityForm
from klimapartner.activities.views.staff import with_counts
from klimapartner.partners.access import get_organisation_for_edit


@login_required
def activity_list(request, slug):
    organisation = get_organisation_for_edit(request, slug)
    activities = with_counts(organisation.activities.all()).prefetch_related("focus_areas").order_by("-date", "-pk")
    return render(request, "activities/manage/list.html", {"section": "work", "organisation": organisation,
                                                           "activities": activities})


@login_required
def edit_activity(request, slug, pk=None):
    if pk:
        organisation, activity = get_partner_activity_for_edit(request, slug, pk)
    else:
        organisation, activity = get_organisation_for_edit(request, slug), None
    form = PartnerActivityForm(request.POST or None, request.FILES or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.organiser = organisation
        changes.submit(activity=activity)
        form.save_m2m()
        messages.success(request, _("The activity is saved. The coordinator approves it before it counts and "
                                    "is shown in the calendar.") if activity.status == "submitted" else
                         _("The activity is saved."))
        return redirect("activities:manage_list", slug=organisation.slug)
    return render(request, "activities/form.html", {
        "section": "work", "form": form, "activity": activity, "organisation": organisation, "multipart": True,
        "title": _("Edit activity") if activity else _("New activity"),
    })
