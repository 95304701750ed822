"""Who travels with which group, when a tour has several: each person with a seat keeps their group, and a
newcomer joins the group with fewest people (the lowest number when even), so no bus has more than its seats."""

from collections import Counter

from django.db import transaction

from klimapartner.activities.models import SignUpStatus
from klimapartner.tours.models import Seat, Tour


@transaction.atomic
def assign_groups(tour) -> dict[int, int]:
    """{sign-up id: group} for everyone with a seat; {} for a tour of one group or not yet published."""
    if tour.groups == 1 or not tour.activity_id:
        return {}
    Tour.objects.select_for_update().filter(pk=tour.pk).first()  # one assignment at a time
    registered = list(tour.activity.signups.filter(status=SignUpStatus.REGISTERED).order_by("pk")
                      .values_list("pk", flat=True))
    tour.seats.exclude(signup_id__in=registered).delete()
    tour.seats.filter(group__gt=tour.groups).delete()
    groups = dict(tour.seats.values_list("signup_id", "group"))
    counts = Counter(groups.values())
    for signup_id in registered:
        if signup_id not in groups:
            group = min(range(1, tour.groups + 1), key=lambda g: (counts[g], g))
            Seat.objects.create(tour=tour, signup_id=signup_id, group=group)
            groups[signup_id], counts[group] = group, counts[group] + 1
    return groups


def group_of(tour, signup) -> int:
    return assign_groups(tour).get(signup.pk, 1)
