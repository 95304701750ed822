"""Targets and trajectories for a partner and for the whole programme."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from klimapartner.accounting.inventory import BaseYear, Inventory, Scope2Method, method_of
from klimapartner.accounting.problems import Problem, Severity
from klimapartner.accounting.values import as_decimal, as_text, as_year, finite, is_year

ZERO = Decimal(0)


@dataclass(frozen=True)
class Target:
    """Reduce emissions by `reduction` (0.70 = 70%) from the base year by `year`. Floats are read as written."""

    year: int
    reduction: Decimal

    def __post_init__(self):
        object.__setattr__(self, "year", as_year(self.year))
        object.__setattr__(self, "reduction", as_decimal(self.reduction))


class InvalidTargets(ValueError):
    """Targets that can't make a path; `problems` says why (check_targets gives them without raising)."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("; ".join(p.message for p in self.problems))


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


def check_targets(base_year: int, targets) -> list[Problem]:
    """Every problem with a set of targets, without raising."""
    base_year = as_year(base_year)
    try:
        targets = [t for t in targets if isinstance(t, Target)]
    except TypeError:
        targets = []
    ordered = sorted(targets, key=lambda t: t.year if is_year(t.year) else 0)
    if not ordered:
        return [Problem("no_targets", "targets")]
    if not is_year(base_year) or not 1900 <= base_year <= 2100:
        return [Problem("base_year_missing", "base_year", {"value": base_year})]
    problems, previous, years = [], Decimal(0), set()
    for t in ordered:
        if t.year in years:
            problems.append(Problem("target_year_twice", "target_year", {"year": t.year}))
        years.add(t.year)
        if not is_year(t.year) or t.year <= base_year:
            problems.append(Problem("target_not_after_base", "target_year", {"year": t.year, "base_year": base_year}))
        value = t.reduction
        if not isinstance(value, Decimal) or not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
            problems.append(Problem("reduction_out_of_range", "percent", {"year": t.year, "value": str(value)}))
            continue
        if value < previous:
            problems.append(Problem("reduction_decreases", "percent",
                                    {"year": t.year, "value": value, "previous": previous}))
        previous = max(previous, value)
    return problems


def _check_targets(base_year: int, targets) -> list[Target]:
    problems = check_targets(base_year, targets)
    if problems:
        raise InvalidTargets(problems)
    return sorted((t for t in targets if isinstance(t, Target)), key=lambda t: t.year)


def allowed_in(year: int, base_year: int, base_kg: Decimal, targets) -> Decimal:
    """What the path allows in a year: straight lines from the base year through each target.

    After the last target the path stays at that target's level.
    """
    ordered = _check_targets(base_year, targets)
    base_year, year, base_kg = as_year(base_year), as_year(year), as_decimal(base_kg)
    if not is_year(year) or not isinstance(base_kg, Decimal):
        raise InvalidTargets([Problem("not_a_number", "year", {"value": as_text(year)})])
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
    base_year = as_year(base_year)
    return tuple(TrajectoryPoint(y, allowed_in(y, base_year, base_kg, targets)) for y in range(base_year, last + 1))


def progress(year: int, actual_kg: Decimal, base_year: int, base_kg: Decimal, targets) -> Progress:
    """On track when the year's emissions are at or below the path."""
    allowed = allowed_in(year, base_year, base_kg, targets)
    return Progress(year, actual_kg, allowed, Status.ON_TRACK if actual_kg <= allowed else Status.BEHIND)


def scoped_total(inventory: Inventory, scopes=(1, 2, 3), scope2: Scope2Method | str = Scope2Method.LOCATION) -> Decimal:
    """The inventory's total over the scopes an agreement's target covers."""
    return sum((kg for scope, kg in inventory.by_scope(scope2).items() if scope in scopes), ZERO)


def partner_progress(base: BaseYear, inventory: Inventory, targets, scopes=(1, 2, 3),
                     scope2: Scope2Method | str = Scope2Method.LOCATION) -> Progress:
    """A partner's year against its agreement's path from its (recalculated) base year."""
    return progress(inventory.year, scoped_total(inventory, scopes, scope2), base.year,
                    scoped_total(base.inventory, scopes, scope2), targets)


@dataclass(frozen=True)
class Action:
    """An action ("indsats") and its yearly effect in kg CO2e (a reduction is positive)."""

    name: str
    expected_kg: Decimal
    realised_kg: Decimal | None = None  # None until measured

    def __post_init__(self):
        object.__setattr__(self, "name", as_text(self.name))
        object.__setattr__(self, "expected_kg", as_decimal(self.expected_kg))
        object.__setattr__(self, "realised_kg", as_decimal(self.realised_kg))


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
    problems: tuple[Problem, ...] = ()  # actions left out: an effect that is not a number

    @property
    def share_realised(self) -> Decimal | None:
        """Realised against expected, over the actions that have been measured."""
        return self.realised_kg / self.expected_of_measured_kg if self.expected_of_measured_kg else None


def action_effects(actions) -> ActionSummary:
    """Expected against realised effects of a partner's actions."""
    effects, usable, problems = [], [], []
    for a in actions:
        bad = [name for name in ("expected_kg", "realised_kg")
               if getattr(a, name) is not None and finite(getattr(a, name)) is None]
        if bad:
            problems.extend(Problem("not_a_number", name, {"action": a.name, "field": name,
                                                          "value": as_text(getattr(a, name))}) for name in bad)
            continue
        expected = a.expected_kg or ZERO
        share = (a.realised_kg / expected) if a.realised_kg is not None and expected else None
        effects.append(ActionEffect(a.name, expected, a.realised_kg, share))
        usable.append(Action(a.name, expected, a.realised_kg))
    measured = [a for a in usable if a.realised_kg is not None]
    return ActionSummary(
        tuple(effects),
        sum((a.expected_kg for a in usable), ZERO),
        sum((a.realised_kg for a in measured), ZERO),
        sum((a.expected_kg for a in measured), ZERO),
        tuple(a.name for a in usable if a.realised_kg is None),
        tuple(problems),
    )


# The municipality's view ---------------------------------------------------

@dataclass(frozen=True)
class PartnerAccount:
    """One partner's inventory with what the municipality groups partners by."""

    partner: str
    sector: str
    kind: str  # company, school, association, municipal unit …
    inventory: Inventory

    def __post_init__(self):
        for name in ("partner", "sector", "kind"):
            object.__setattr__(self, name, as_text(getattr(self, name)))


# Scope 3 categories in which one partner's emissions are often another partner's scope 1 or 2 (waste burnt
# in the district heating plant, goods bought from or transported by another partner, the fuel's upstream).
OVERLAPPING_CATEGORIES = ("3.1_purchased_goods", "3.3_fuel_and_energy", "3.4_upstream_transport", "3.5_waste")


@dataclass(frozen=True)
class ProgrammeTotal:
    """The sum over partners for one year, kg CO2e.

    A plain sum double-counts: one partner's scope 3 can be another's scope 1
    or 2 (residual waste incinerated in the district heating plant of a
    partner utility; goods bought from a partner), and the utility's scope 1
    is the other partners' scope 2. So scope 1+2 and scope 3 are kept apart,
    and `overlapping_kg` holds the scope 3 categories that most often overlap.
    """

    year: int
    scope2_method: str
    total: Decimal
    by_scope: dict
    by_sector: dict
    by_kind: dict
    partners: tuple[str, ...]
    factor_sets: tuple[str, ...]  # every set used, so mixed sets are visible
    scope3_by_category: dict = None
    biogenic: Decimal = ZERO
    problems: tuple[Problem, ...] = ()  # accounts left out (a partner's second inventory for the year)

    @property
    def scope12(self) -> Decimal:
        return self.by_scope[1] + self.by_scope[2]

    @property
    def scope3(self) -> Decimal:
        return self.by_scope[3]

    @property
    def overlapping_kg(self) -> Decimal:
        return sum((kg for code, kg in (self.scope3_by_category or {}).items() if code in OVERLAPPING_CATEGORIES),
                   ZERO)


def aggregate(accounts, year: int, scope2: Scope2Method | str = Scope2Method.LOCATION) -> ProgrammeTotal:
    """Totals over the partners' inventories for a year, by sector, kind and scope."""
    scope2 = method_of(scope2)
    by_scope = {1: ZERO, 2: ZERO, 3: ZERO}
    by_sector, by_kind = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    scope3_categories = defaultdict(lambda: ZERO)
    biogenic = ZERO
    partners, sets, problems = [], set(), []
    year = as_year(year)
    for account in accounts:
        inv = account.inventory
        if not isinstance(inv, Inventory) or inv.year != year:
            continue
        partner = account.partner
        if partner in partners:
            problems.append(Problem("partner_twice", "partner", {"partner": partner, "year": year}))
            continue
        partners.append(partner)
        sets.add(inv.factor_set)
        for scope, kg in inv.by_scope(scope2).items():
            by_scope[scope] += kg
        for code, kg in inv.by_category(scope2).items():
            if code.startswith("3"):
                scope3_categories[code] += kg
        biogenic += inv.biogenic
        total = inv.total(scope2)
        by_sector[account.sector] += total
        by_kind[account.kind] += total
    return ProgrammeTotal(year, scope2.value, sum(by_scope.values(), ZERO), by_scope, dict(sorted(by_sector.items())),
                          dict(sorted(by_kind.items())), tuple(partners), tuple(sorted(sets)),
                          dict(sorted(scope3_categories.items())), biogenic, tuple(problems))


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
        raise InvalidTargets([Problem("base_year_missing", "base_year", {"value": base_year})])
    base = totals[base_year]
    points = []
    for point in trajectory(base_year, base, targets):
        actual = totals.get(point.year)
        status = None if actual is None else (Status.ON_TRACK if actual <= point.kg_co2e else Status.BEHIND)
        points.append(PathPoint(point.year, actual, point.kg_co2e, status))
    return tuple(points)


def like_for_like(accounts, years, scope2: Scope2Method | str = Scope2Method.LOCATION) -> dict[int, Decimal]:
    """Totals per year over only the partners with an inventory in every one of the years."""
    years = tuple(years)
    have = defaultdict(set)
    for a in accounts:
        have[a.partner].add(a.inventory.year)
    steady = {p for p, ys in have.items() if all(y in ys for y in years)}
    return {y: aggregate([a for a in accounts if a.partner in steady], y, scope2).total for y in years}


def check_action_effect(name: str, tonnes, *, partner_total_kg=None, partner_year=None, limit_tonnes=None,
                        share=Decimal("0.5")) -> list[Problem]:
    """Warnings about an action's yearly effect (t CO2e) that is hard to believe.

    With the partner's latest account: more than `share` (half) of its total is
    unlikely from one action. Without one: more than `limit_tonnes`, a ceiling
    for an organisation of its size. Typically kg typed as tonnes, or a
    thousands point read as a decimal comma.
    """
    name, value = as_text(name), finite(tonnes)
    partner_total_kg, limit_tonnes = finite(partner_total_kg), finite(limit_tonnes)
    share = finite(share)
    if share is None or share <= 0:
        share = Decimal("0.5")
    if value is None or value <= 0:
        return []
    if partner_total_kg:
        total_t = partner_total_kg / 1000
        if value > total_t * share:
            return [Problem("effect_implausible", "expected_effect",
                            {"action": name, "tonnes": value, "share": share, "total": total_t, "year": partner_year},
                            severity=Severity.WARNING)]
        return []
    if limit_tonnes is not None and value > limit_tonnes:
        return [Problem("effect_without_account", "expected_effect",
                        {"action": name, "tonnes": value, "limit": limit_tonnes}, severity=Severity.WARNING)]
    return []
