"""The public progress page's figures: the CO2 path of the published partners against the plan, actions
by status with their effect, activities held and climate stories published, and collaborations. Aggregates only of what
partners/access.py lets the public see; the CO2 sums use climate's own functions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from klimapartner.accounting.targets import PLAN_TARGETS
from klimapartner.climate.charts import year_chart
from klimapartner.climate.programme import describe_path
from klimapartner.climate.progress import default_base_year, programme_accounts, programme_progress
from klimapartner.collaborations import network
from klimapartner.collaborations.access import public_collaboration_list
from klimapartner.collaborations.models import CollaborationKind
from klimapartner.partners.access import public_actions, public_activities, public_organisations, public_stories
from klimapartner.partners.models import ActionStatus


def co2_path():
    """(chart, path) of the published partners' like-for-like emissions against the plan, or (None, None)."""
    public = set(public_organisations().values_list("slug", flat=True))
    accounts = [a for a in programme_accounts() if a.partner in public]
    years = sorted({a.inventory.year for a in accounts})
    if not years:
        return None, None
    last = years[-1]
    base = default_base_year(accounts, last)
    path = programme_progress(accounts, base, last) if base is not None else None
    if path is None:
        return None, None
    final = max(t.year for t in PLAN_TARGETS)
    chart = year_chart(
        title=_("The published partners' emissions against the plan's path"), description=describe_path(path),
        years=range(path.base_year, final + 1), actual={p.year: p.actual for p in path.points if p.actual is not None},
        planned={p.year: p.planned for p in path.points},
        status={p.year: p.status for p in path.points if p.year != path.base_year and p.status},
    )
    return chart, path


@dataclass(frozen=True)
class ActionRow:
    status: str
    label: str
    count: int
    expected: Decimal
    realised: Decimal


def actions_by_status() -> list[ActionRow]:
    """The public actions by status, with their expected and realised effect in t CO2e a year (one query); effects
    count once the coordinator has reviewed them (``partners.access.public_effect``)."""
    rows = {r["status"]: r for r in public_actions().values("status").annotate(
        n=Count("pk"), expected=Sum("expected_effect", filter=Q(effect_approved=True)),
        realised=Sum("realised_effect", filter=Q(effect_approved=True)))}
    return [ActionRow(value, label, rows.get(value, {}).get("n", 0), rows.get(value, {}).get("expected") or Decimal(0),
                      rows.get(value, {}).get("realised") or Decimal(0)) for value, label in ActionStatus.choices]


def partnership_days():
    """Partnership days held (before today) and the people who came (one query)."""
    from klimapartner.events.models import Event

    from klimapartner.activities.models import ActivityStatus

    held = Event.objects.filter(date__lt=timezone.localdate(), status=ActivityStatus.APPROVED).aggregate(
        days=Count("pk", distinct=True), people=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)))
    return held


@dataclass(frozen=True)
class YearActivity:
    year: int
    activities: int  # held: approved, before today; public or a partnership day
    partnership_days: int
    for_citizens: int
    stories: int  # climate stories published


def activities_by_year() -> list[YearActivity]:
    """Per year: the activities held (partnership days and those for citizens among them) and the climate
    stories published (2 queries). The public activities count, and every partnership day held, also one by
    invitation: that the day was held is public (the figures above count them), its page is not."""
    from klimapartner.activities.models import CITIZEN_KINDS, Activity, ActivityKind, ActivityStatus

    held = Counter()
    rows = (public_activities() | Activity.objects.filter(kind=ActivityKind.PARTNERSHIP_DAY)).filter(
        status=ActivityStatus.APPROVED, date__lt=timezone.localdate()).distinct()
    for day, kind in rows.values_list("date", "kind"):
        held[day.year, "all"] += 1
        held[day.year, "day"] += kind == ActivityKind.PARTNERSHIP_DAY
        held[day.year, "citizens"] += kind in CITIZEN_KINDS
    stories = Counter(timezone.localtime(at).year for at in public_stories().exclude(published_at=None)
                      .values_list("published_at", flat=True))
    years = sorted({year for year, _ in held} | set(stories))
    return [YearActivity(y, held[y, "all"], held[y, "day"], held[y, "citizens"], stories[y]) for y in years]


def collaborations_by_kind():
    kinds = Counter(public_collaboration_list().values_list("kind", flat=True))
    return [(label, kinds.get(value, 0)) for value, label in CollaborationKind.choices]


def growth():
    return network.growth(until=timezone.localdate().year)
