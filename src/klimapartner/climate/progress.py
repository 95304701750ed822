"""Progress against targets: one partner's path from its base year, and the programme's against the plan."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from klimapartner.accounting.targets import (
    PLAN_TARGETS, ActionSummary, PartnerAccount, PathPoint, ProgrammeTotal, Target, action_effects,
    aggregate, check_targets, like_for_like, programme_path, progress, trajectory,
)
from klimapartner.accounting.targets import Action as CoreAction
from klimapartner.climate.accounts import stored_inventory
from klimapartner.climate.models import COUNTED, YearAccount

ZERO = Decimal(0)
TONNE = Decimal(1000)


@dataclass(frozen=True)
class PartnerProgress:
    base_year: int | None
    base_kg: Decimal | None
    targets: tuple[Target, ...]
    points: tuple[PathPoint, ...]  # every year from the base year to the last target (actual None without an account)
    latest: PathPoint | None  # the newest year with an account, against the path
    actions: ActionSummary | None
    problem: str = ""  # why there is no path: no agreement, no base year, no account for it, no targets

    @property
    def has_path(self) -> bool:
        return bool(self.points)


def partner_progress(accounts, agreement) -> PartnerProgress:
    """A partner's years against the path its agreement sets; `accounts` are its YearAccounts (any order)."""
    from django.utils.translation import gettext as _

    totals = {a.year: a.total_location for a in accounts if a.computed_at}
    bases = {a.year: a.base_kg for a in accounts if a.computed_at}
    actions = None
    if agreement is not None:
        actions = action_effects([
            CoreAction(a.title, (a.expected_effect or ZERO) * TONNE,
                       None if a.realised_effect is None else a.realised_effect * TONNE)
            for a in agreement.actions.all() if a.expected_effect is not None or a.realised_effect is not None
        ])
    if agreement is None:
        return PartnerProgress(None, None, (), (), None, None, _("No agreement is recorded yet."))
    base_year = agreement.baseline_year
    targets = tuple(Target(t.target_year, t.percent / 100) for t in agreement.targets.all()
                    if base_year is None or t.target_year > base_year)
    if base_year is None:
        return PartnerProgress(None, None, targets, (), None, actions, _("The agreement has no base year."))
    if base_year not in totals:
        return PartnerProgress(base_year, None, targets, (), None, actions,
                               _("There is no account for the base year %(year)s yet.") % {"year": base_year})
    if not targets:
        return PartnerProgress(base_year, bases[base_year], (), (), None, actions,
                               _("The agreement has no reduction targets."))
    problems = check_targets(base_year, targets)
    if problems:  # the agreement form takes each target on its own; together they may make no path
        from klimapartner.climate.findings import describe

        return PartnerProgress(base_year, bases[base_year], targets, (), None, actions,
                               " ".join(describe(p) for p in problems))
    # Measured from the base in force: a recalculation below the significance threshold leaves it where it was.
    base_kg = bases[base_year]
    points = []
    for step in trajectory(base_year, base_kg, targets):
        actual = totals.get(step.year) if step.year != base_year else base_kg
        status = None if actual is None else progress(step.year, actual, base_year, base_kg, targets).status
        points.append(PathPoint(step.year, actual, step.kg_co2e, status))
    measured = [p for p in points if p.actual is not None and p.year > base_year]
    return PartnerProgress(base_year, base_kg, targets, tuple(points), measured[-1] if measured else None, actions)


# The programme -------------------------------------------------------------

def programme_accounts(*, counted_only=True):
    """Every computed account with what aggregate() groups by, as PartnerAccounts, in one query.

    `counted_only`: the accounts the coordinator has reviewed, of finished years (this year is not over).
    """
    from django.utils import timezone

    accounts = YearAccount.objects.exclude(computed_at=None).select_related("organisation")
    if counted_only:
        accounts = accounts.filter(status__in=COUNTED, year__lt=timezone.localdate().year)
    return [PartnerAccount(a.organisation.slug, a.organisation.sector, a.organisation.org_type, stored_inventory(a))
            for a in accounts]


def programme_totals(accounts, year: int, scope2: str = "location") -> ProgrammeTotal:
    return aggregate(accounts, year, scope2)


def default_base_year(accounts, last_year: int) -> int | None:
    """The earliest year in which at least half of the partners with an account in `last_year` had one too.

    Comparing like with like keeps only partners with every year, so an early base
    year that few partners have would leave the comparison almost empty.
    """
    years_of: dict[str, set[int]] = {}
    for a in accounts:
        years_of.setdefault(a.partner, set()).add(a.inventory.year)
    current = [ys for ys in years_of.values() if last_year in ys]
    if not current:
        return None
    counts = Counter(y for ys in current for y in ys if y <= last_year)
    for year in sorted(counts):
        steady = sum(1 for ys in current if all(y in ys for y in range(year, last_year + 1)))
        if steady * 2 >= len(current):
            return year
    return last_year


@dataclass(frozen=True)
class ProgrammePath:
    base_year: int
    last_year: int
    partners: int  # how many partners the like-for-like comparison covers
    points: tuple[PathPoint, ...]


def programme_progress(accounts, base_year: int, last_year: int, targets=PLAN_TARGETS) -> ProgrammePath | None:
    """The like-for-like totals from the base year to the last year against the plan's path."""
    if last_year < base_year:
        return None
    years = range(base_year, last_year + 1)
    totals = like_for_like(accounts, years)
    have: dict[str, set[int]] = {}
    for a in accounts:
        have.setdefault(a.partner, set()).add(a.inventory.year)
    partners = sum(1 for ys in have.values() if all(y in ys for y in years))
    if not partners:
        return None
    return ProgrammePath(base_year, last_year, partners, programme_path(totals, base_year, targets))

