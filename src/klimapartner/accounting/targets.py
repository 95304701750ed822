"""Targets and trajectories for a partner and for the whole programme."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from klimapartner.accounting.inventory import BaseYear, Inventory

ZERO = Decimal(0)


@dataclass(frozen=True)
class Target:
    """Reduce emissions by `reduction` (0.70 = 70%) from the base year by `year`."""

    year: int
    reduction: Decimal


@dataclass(frozen=True)
class TrajectoryPoint:
    year: int
    kg_co2e: Decimal  # the most the path allows in this year


class Status(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"


@dataclass(frozen=True)
class Progress:
    year: int
    actual: Decimal
    allowed: Decimal
    status: Status

    @property
    def gap(self) -> Decimal:
        """kg CO2e above the path (negative: below it)."""
        return self.actual - self.allowed


def _check_targets(base_year: int, targets) -> list[Target]:
    ordered = sorted(targets, key=lambda t: t.year)
    if not ordered:
        raise ValueError("at least one target is needed")
    previous = Decimal(0)
    for t in ordered:
        if t.year <= base_year:
            raise ValueError(f"the target year {t.year} is not after the base year {base_year}")
        if not Decimal(0) <= t.reduction <= Decimal(1):
            raise ValueError(f"the reduction for {t.year} must be between 0 and 1 (e.g. 0.70 for 70%), "
                             f"not {t.reduction}")
        if t.reduction < previous:
            raise ValueError(f"the reduction for {t.year} ({t.reduction}) is smaller than an earlier target's "
                             f"({previous})")
        previous = t.reduction
    if len({t.year for t in ordered}) != len(ordered):
        raise ValueError("two targets for the same year")
    return ordered


def allowed_in(year: int, base_year: int, base_kg: Decimal, targets) -> Decimal:
    """What the path allows in a year: straight lines from the base year through each target.

    After the last target the path stays at that target's level.
    """
    ordered = _check_targets(base_year, targets)
    if year <= base_year:
        return base_kg
    start_year, start_reduction = base_year, Decimal(0)
    for t in ordered:
        if year <= t.year:
            share = Decimal(year - start_year) / Decimal(t.year - start_year)
            reduction = start_reduction + (t.reduction - start_reduction) * share
            return base_kg * (1 - reduction)
        start_year, start_reduction = t.year, t.reduction
    return base_kg * (1 - ordered[-1].reduction)


def trajectory(base_year: int, base_kg: Decimal, targets) -> tuple[TrajectoryPoint, ...]:
    """The path year by year from the base year to the last target year."""
    last = max(t.year for t in _check_targets(base_year, targets))
    return tuple(TrajectoryPoint(y, allowed_in(y, base_year, base_kg, targets)) for y in range(base_year, last + 1))


def progress(year: int, actual_kg: Decimal, base_year: int, base_kg: Decimal, targets) -> Progress:
    """On track when the year's emissions are at or below the path."""
    allowed = allowed_in(year, base_year, base_kg, targets)
    return Progress(year, actual_kg, allowed, Status.ON_TRACK if actual_kg <= allowed else Status.BEHIND)


def scoped_total(inventory: Inventory, scopes=(1, 2, 3), scope2: str = "location") -> Decimal:
    """The inventory's total over the scopes an agreement's target covers."""
    return sum((kg for scope, kg in inventory.by_scope(scope2).items() if scope in scopes), ZERO)


def partner_progress(base: BaseYear, inventory: Inventory, targets, scopes=(1, 2, 3),
                     scope2: str = "location") -> Progress:
    """A partner's year against its agreement's path from its (recalculated) base year."""
    return progress(inventory.year, scoped_total(inventory, scopes, scope2), base.year,
                    scoped_total(base.inventory, scopes, scope2), targets)


@dataclass(frozen=True)
class Action:
    """An action ("indsats") and its yearly effect in kg CO2e (a reduction is positive)."""

    name: str
    expected_kg: Decimal
    realised_kg: Decimal | None = None  # None until measured


@dataclass(frozen=True)
class ActionEffect:
    name: str
    expected_kg: Decimal
    realised_kg: Decimal | None
    share_realised: Decimal | None  # realised / expected


@dataclass(frozen=True)
class ActionSummary:
    actions: tuple[ActionEffect, ...]
    expected_kg: Decimal  # all actions
    realised_kg: Decimal  # actions with a measured effect
    expected_of_measured_kg: Decimal  # what those measured actions were expected to give
    unmeasured: tuple[str, ...]

    @property
    def share_realised(self) -> Decimal | None:
        """Realised against expected, over the actions that have been measured."""
        return self.realised_kg / self.expected_of_measured_kg if self.expected_of_measured_kg else None


def action_effects(actions) -> ActionSummary:
    """Expected against realised effects of a partner's actions."""
    effects = []
    for a in actions:
        share = (a.realised_kg / a.expected_kg) if a.realised_kg is not None and a.expected_kg else None
        effects.append(ActionEffect(a.name, a.expected_kg, a.realised_kg, share))
    measured = [a for a in actions if a.realised_kg is not None]
    return ActionSummary(
        tuple(effects),
        sum((a.expected_kg for a in actions), ZERO),
        sum((a.realised_kg for a in measured), ZERO),
        sum((a.expected_kg for a in measured), ZERO),
        tuple(a.name for a in actions if a.realised_kg is None),
    )


# The municipality's view ---------------------------------------------------

@dataclass(frozen=True)
class PartnerAccount:
    """One partner's inventory with what the municipality groups partners by."""

    partner: str
    sector: str
    kind: str  # company, school, association, municipal unit …
    inventory: Inventory


@dataclass(frozen=True)
class ProgrammeTotal:
    """The sum over partners for one year, kg CO2e."""

    year: int
    scope2_method: str
    total: Decimal
    by_scope: dict
    by_sector: dict
    by_kind: dict
    partners: tuple[str, ...]
    factor_sets: tuple[str, ...]  # every set used, so mixed sets are visible


def aggregate(accounts, year: int, scope2: str = "location") -> ProgrammeTotal:
    """Totals over the partners' inventories for a year, by sector, kind and scope."""
    by_scope = {1: ZERO, 2: ZERO, 3: ZERO}
    by_sector, by_kind = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    partners, sets = [], set()
    for account in accounts:
        inv = account.inventory
        if inv.year != year:
            continue
        if account.partner in partners:
            raise ValueError(f"two inventories for {account.partner} in {year}")
        partners.append(account.partner)
        sets.add(inv.factor_set)
        for scope, kg in inv.by_scope(scope2).items():
            by_scope[scope] += kg
        total = inv.total(scope2)
        by_sector[account.sector] += total
        by_kind[account.kind] += total
    return ProgrammeTotal(year, scope2, sum(by_scope.values(), ZERO), by_scope, dict(sorted(by_sector.items())),
                          dict(sorted(by_kind.items())), tuple(partners), tuple(sorted(sets)))


# The plan's targets for the municipality: 70% less by 2030, neutral by 2050.
PLAN_TARGETS = (Target(2030, Decimal("0.70")), Target(2050, Decimal("1")))


@dataclass(frozen=True)
class PathPoint:
    year: int
    actual: Decimal | None  # None for years without data
    planned: Decimal
    status: Status | None


def programme_path(totals: dict[int, Decimal], base_year: int, targets=PLAN_TARGETS) -> tuple[PathPoint, ...]:
    """The programme's totals by year against the plan's path from the base year's total.

    Compare like with like: the totals should cover the same partners as the
    base year (a partner joining adds its emissions without anyone emitting more).
    """
    if base_year not in totals:
        raise ValueError(f"no total for the base year {base_year}")
    base = totals[base_year]
    points = []
    for point in trajectory(base_year, base, targets):
        actual = totals.get(point.year)
        status = None if actual is None else (Status.ON_TRACK if actual <= point.kg_co2e else Status.BEHIND)
        points.append(PathPoint(point.year, actual, point.kg_co2e, status))
    return tuple(points)


def like_for_like(accounts, years, scope2: str = "location") -> dict[int, Decimal]:
    """Totals per year over only the partners with an inventory in every one of the years."""
    years = tuple(years)
    have = defaultdict(set)
    for a in accounts:
        have[a.partner].add(a.inventory.year)
    steady = {p for p, ys in have.items() if all(y in ys for y in years)}
    return {y: aggregate([a for a in accounts if a.partner in steady], y, scope2).total for y in years}
