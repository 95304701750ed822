"""Publishing a tour: it becomes an activity that people sign up for, and the hosts are told.

The activity (kind site visit, held by the municipality) carries what the calendar and the sign-up
need — title, day, departure and planned return, the depot, the bus's seats as its capacity — so
the waiting list, cancelling, check-in, reminders and the calendar feed are the activities' own.
The tour keeps the route. The activity is made when the tour is first published and kept in step
whenever the tour or its plan changes after that.
"""

from django.db import transaction
from django.utils import timezone

from klimapartner.activities.models import Activity, ActivityKind, ActivityStatus


def sync_activity(tour) -> Activity:
    """Make the tour's activity, or bring it in step with the tour; returns it."""
    activity = tour.activity or Activity(kind=ActivityKind.SITE_VISIT, status=ActivityStatus.APPROVED)
    activity.title, activity.date, activity.starts = tour.title, tour.date, tour.starts
    # the planned return is when it ends; before a plan, the latest return
    activity.ends = tour.planned_back or tour.ends
    if tour.groups > 1 and tour.group_plan:
        activity.ends = tour.group_plan_back  # when the last group is back
    activity.venue, activity.latitude, activity.longitude = tour.venue, tour.latitude, tour.longitude
    # every group's bus has the tour's seats
    activity.description, activity.is_public = tour.description, tour.is_public
    activity.capacity = tour.capacity * tour.groups
    activity.full_clean(exclude=["organiser", "photo"])
    activity.save()
    activity.focus_areas.set(tour.focus_areas.all())
    if tour.activity_id != activity.pk:
        tour.activity = activity
        tour.save(update_fields=["activity", "updated"])
    return activity


def sync_if_published(tour) -> None:
    if tour.activity_id:
        sync_activity(tour)


@transaction.atomic
def publish(*, tour) -> Activity:
    """The tour is open for sign-up and in the calendar. Telling the hosts is the caller's job to start."""
    tour.published_at = tour.published_at or timezone.now()
    tour.save(update_fields=["published_at", "updated"])
    return sync_activity(tour)
