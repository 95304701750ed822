"""The coordinator's pages: every idea, collaborations waiting for confirmation, follow-up."""

from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import coordinator_required
from klimapartner.collaborations.followup import due_follow_ups, waiting_for_follow_up
from klimapartner.collaborations.suggestions import suggestions
from klimapartner.collaborations.forms import StatusFilter
from klimapartner.collaborations.models import Collaboration, CollaborationPartner, Idea
from klimapartner.jobs.runner import active_job, start_job


@coordinator_required
def ideas(request):
    """Every idea, filtered by status and source, and the collaborations still waiting for confirmation."""
    form = StatusFilter(request.GET or None)
    rows = Idea.objects.select_related("event", "activity", "tour", "owner_organisation").prefetch_related("partners")
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["source"]:
            rows = rows.filter(source=form.cleaned_data["source"])
    unconfirmed = Collaboration.objects.filter(confirmed_at__isnull=True).prefetch_related(
        Prefetch("memberships", queryset=CollaborationPartner.objects.select_related("organisation"))
    )
    return render(request, "collaborations/staff/ideas.html", {
        "section": "collaborations", "form": form, "ideas": rows, "unconfirmed": unconfirmed,
        "waiting": len(waiting_for_follow_up(now=timezone.now())),
    })


@coordinator_required
def follow_up(request):
    """The open ideas that need the coordinator: quiet for a month, or said to have become a collaboration."""
    now = timezone.now()
    return render(request, "collaborations/staff/follow_up.html", {
        "section": "collaborations", "rows": waiting_for_follow_up(now=now), "due": len(due_follow_ups(now=now)),
        "job": active_job("collaborations.follow_up", "follow-ups"),
    })


@require_POST
@coordinator_required
def send_follow_ups(request):
    """Send the follow-up emails that are due now, as a background job (the daily command does the same)."""
    job = start_job("collaborations.follow_up", user=request.user, subject="follow-ups")
    return redirect("jobs:progress", job.pk)


@coordinator_required
def without(request):
    """Partners with an active agreement and no confirmed collaboration, with whom they could meet."""
    return render(request, "collaborations/staff/without.html", {
        "section": "collaborations", "rows": suggestions(),
    })
