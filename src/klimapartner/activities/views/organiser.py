"""The organiser's pages (the coordinator, or the editors of the partner that holds the activity):
who has signed up, attendance at the door on a phone or ticked off afterwards, walk-ins."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.activities import changes
from klimapartner.activities.access import get_activity_for_organiser
from klimapartner.activities.forms import WalkInForm
from klimapartner.activities.models import SignUpStatus
from django.contrib.auth.decorators import login_required


def _people(activity):
    return activity.signups.exclude(status=SignUpStatus.CANCELLED).select_related("organisation").order_by(
        "status", "name", "pk")


@login_required
def attendance(request, pk):
    activity = get_activity_for_organiser(request, pk)
    people = list(_people(activity))
    return render(request, "activities/attendance.html", {
        "section": "activities", "activity": activity, "people": people, "walk_in_form": WalkInForm(),
        "registered": sum(p.status == SignUpStatus.REGISTERED for p in people),
        "waiting": sum(p.status == SignUpStatus.WAITING for p in people),
        "present": sum(p.attended for p in people),
    })


@login_required
@require_POST
def mark(request, pk, signup):
    """Check one person in (or undo it); htmx swaps the row, without JavaScript the page reloads."""
    activity = get_activity_for_organiser(request, pk)
    person = get_object_or_404(activity.signups.select_related("organisation"), pk=signup)
    changes.set_attendance(signup=person, present=request.POST.get("present") == "1")
    if request.headers.get("HX-Request"):
        return render(request, "activities/includes/attendance_row.html", {"activity": activity, "person": person})
    return redirect("activities:attendance", pk=activity.pk)


@login_required
@require_POST
def walk_in(request, pk):
    activity = get_activity_for_organiser(request, pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        changes.add_walk_in(activity=activity, **form.cleaned_data)
        messages.success(request, _("%(name)s is added and checked in.") % {"name": form.cleaned_data["name"]})
    else:
        messages.error(request, _("A walk-in needs a name (and a valid email address, if you give one)."))
    return redirect("activities:attendance", pk=activity.pk)
