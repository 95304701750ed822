"""The coordinator's pages: every activity, new ones, partners' activities to approve."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import coordinator_required
from klimapartner.activities import changes
from klimapartner.activities.forms import ActivityForm, ReviewForm
from klimapartner.activities.models import Activity, ActivityStatus, SignUpStatus


def with_counts(activities):
    return activities.select_related("organiser").annotate(
        registered=Count("signups", filter=Q(signups__status=SignUpStatus.REGISTERED)),
        attended=Count("signups", filter=Q(signups__checked_in_at__isnull=False)),
    )


@coordinator_required
def activity_list(request):
    today = timezone.localdate()
    activities = with_counts(Activity.objects.all())
    return render(request, "activities/staff/list.html", {
        "section": "activities",
        "to_review": activities.filter(status=ActivityStatus.SUBMITTED).order_by("date", "pk"),
        "upcoming": activities.filter(date__gte=today).exclude(status=ActivityStatus.SUBMITTED).order_by("date", "pk"),
        "past": activities.filter(date__lt=today).exclude(status=ActivityStatus.SUBMITTED).order_by("-date", "-pk")[:100],
    })


@coordinator_required
def edit_activity(request, pk=None):
    activity = get_object_or_404(Activity, pk=pk) if pk else None
    if activity is not None and hasattr(activity, "event"):
        return redirect("events:edit", pk=activity.pk)  # a partnership day has its own form
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        activity = form.save()
        messages.success(request, _("The activity is saved."))
        return redirect("activities:attendance", pk=activity.pk)
    return render(request, "activities/form.html", {
        "section": "activities", "form": form, "activity": activity,
        "title": _("Edit activity") if activity else _("New activity"),
    })


@coordinator_required
def review(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("organiser"), pk=pk, organiser__isnull=False)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = "approve" in request.POST
        if not approve and not form.cleaned_data["comment"].strip():
            form.add_error("comment", _("Say what is missing, so the partner can put it right."))
        else:
            changes.review(activity=activity, approve=approve, comment=form.cleaned_data["comment"])
            messages.success(request, _("The activity is approved.") if approve else
                             _("The partner is told what is missing."))
            return redirect("activities:staff_list")
    return render(request, "activities/staff/review.html", {"section": "activities", "activity": activity,
                                                             "form": form, "focus_areas": activity.focus_areas.all()})


@coordinator_required
@require_POST
def cancel_activity(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    activity.status = ActivityStatus.CANCELLED
    activity.save(update_fields=["status"])
    messages.success(request, _("The activity is cancelled. It stays in the calendar, marked as cancelled."))
    return redirect("activities:attendance", pk=activity.pk)
