"""A year's emissions by scope and category (GHG Protocol), base year and recalculation."""

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from klimapartner.accounting.activity import (
    ActivityLine, InvalidActivity, Problem, Source, YearActivity, check_activity, to_factor_unit,
)
from klimapartner.accounting.factors import CATEGORIES, FactorSet
from klimapartner.accounting.units import convert

ZERO = Decimal(0)
RESIDUAL_MIX = "electricity.market.residual_mix"
GUARANTEE_OF_ORIGIN = "electricity.market.guarantee_of_origin"


@dataclass(frozen=True)
class EmissionLine:
    """The emission from one activity line under one scope 2 method.

    method is "location" or "market" for scope 2 lines and "" for scope 1 and 3,
    which count in both totals.
    """

    line: int  # index into the activity's lines
    source: str
    variant: str
    scope: int
    category: str
    method: str
    activity_amount: Decimal  # in the factor's activity unit
    activity_unit: str
    factor_key: str
    factor_value: Decimal
    factor_unit: str
    kg_co2e: Decimal
    provisional: bool = False


@dataclass(frozen=True)
class Inventory:
    """A partner's CO2 account for one year. All amounts in kg CO2e."""

    partner: str
    year: int
    factor_set: str  # label of the set used
    lines: tuple[EmissionLine, ...]
    employees: Decimal | None = None
    warnings: tuple[Problem, ...] = ()
    provisional_factors: tuple[str, ...] = ()

    def _sum(self, scope: int | None = None, method: str | None = None) -> Decimal:
        return sum((e.kg_co2e for e in self.lines
                    if (scope is None or e.scope == scope) and (method is None or e.method in ("", method))), ZERO)

    @property
    def scope1(self) -> Decimal:
        return self._sum(1)

    @property
    def scope2_location(self) -> Decimal:
        return self._sum(2, "location")

    @property
    def scope2_market(self) -> Decimal:
        return self._sum(2, "market")

    @property
    def scope3(self) -> Decimal:
        return self._sum(3)

    def total(self, scope2: str = "location") -> Decimal:
        """Scope 1 + 2 + 3, with scope 2 by the given method."""
        return self._sum(method=scope2)

    def by_scope(self, scope2: str = "location") -> dict[int, Decimal]:
        return {1: self.scope1, 2: self._sum(2, scope2), 3: self.scope3}

    def by_category(self, scope2: str = "location") -> dict[str, Decimal]:
        """kg CO2e per GHG Protocol category code, in CATEGORIES order."""
        sums = defaultdict(lambda: ZERO)
        for e in self.lines:
            if e.method in ("", scope2):
                sums[e.category] += e.kg_co2e
        return {code: sums[code] for code in CATEGORIES if code in sums} | {
            code: value for code, value in sums.items() if code not in CATEGORIES}

    def per_employee(self, scope2: str = "location") -> Decimal | None:
        """kg CO2e per employee (full-time equivalents); None without a head count."""
        if not self.employees:
            return None
        return self.total(scope2) / self.employees


def compute_inventory(activity: YearActivity, factors: FactorSet, previous: YearActivity | None = None) -> Inventory:
    """Emissions for a year's activity with a factor set.

    Raises InvalidActivity listing every error; warnings (a hundredfold jump from
    last year) travel on the result for the user to confirm.
    """
    problems = check_activity(activity, previous, factors)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidActivity(errors)
    lines = []
    for index, line in enumerate(activity.lines):
        lines.extend(_emissions(index, line, factors))
    provisional = tuple(sorted({e.factor_key for e in lines if e.provisional}))
    return Inventory(activity.partner, activity.year, factors.label, tuple(lines), activity.employees,
                     tuple(p for p in problems if p.severity == "warning"), provisional)


def _emission(index, line, factor, amount, method="") -> EmissionLine:
    return EmissionLine(
        line=index, source=line.source.value, variant=line.variant, scope=factor.scope, category=factor.category,
        method=method, activity_amount=amount, activity_unit=factor.activity_unit, factor_key=factor.key,
        factor_value=factor.value, factor_unit=factor.unit,
        kg_co2e=convert(amount * factor.value, factor.emission_unit, "kg_CO2e"), provisional=factor.provisional,
    )


def _emissions(index: int, line: ActivityLine, factors: FactorSet) -> list[EmissionLine]:
    factor = factors.get(line.key)
    amount = to_factor_unit(line, factor)
    if factor.scope != 2:
        return [_emission(index, line, factor, amount)]
    location = _emission(index, line, factor, amount, "location")
    if line.source is Source.ELECTRICITY:
        return [location, *_market_electricity(index, line, factors, amount)]
    if line.supplier_factor is not None:
        # A heat utility's own declaration is the market-based figure for heat.
        kg = line.supplier_factor * convert(amount, factor.activity_unit, "kWh")
        return [location, replace(location, method="market", factor_key="supplier", factor_value=line.supplier_factor,
                                  factor_unit="kg CO2e/kWh", kg_co2e=kg, provisional=False)]
    return [location, replace(location, method="market")]


def _market_electricity(index: int, line: ActivityLine, factors: FactorSet, kwh_in_factor_unit) -> list[EmissionLine]:
    """GHG Protocol Scope 2 hierarchy: guarantees of origin, then the supplier's declaration, then the residual mix."""
    kwh = convert(kwh_in_factor_unit, factors.get(line.key).activity_unit, "kWh")
    covered = min(line.guarantees_kwh, kwh)
    rest = kwh - covered
    out = []
    if covered:
        gos = factors.get(GUARANTEE_OF_ORIGIN)
        out.append(_emission(index, line, gos, convert(covered, "kWh", gos.activity_unit), "market")
                   if gos else _supplier(index, line, covered, ZERO, "guarantee_of_origin"))
    if rest or not covered:
        if line.supplier_factor is not None:
            out.append(_supplier(index, line, rest, line.supplier_factor, "supplier"))
        else:
            residual = factors.get(RESIDUAL_MIX)
            if residual is None:
                raise InvalidActivity([Problem("no_factor", f"the factor set {factors.label} has no {RESIDUAL_MIX} "
                                                            "for market-based electricity", index)])
            out.append(_emission(index, line, residual, convert(rest, "kWh", residual.activity_unit), "market"))
    return out


def _supplier(index, line, kwh, value, key) -> EmissionLine:
    return EmissionLine(line=index, source=line.source.value, variant=line.variant, scope=2, category="2.electricity",
                        method="market", activity_amount=kwh, activity_unit="kWh", factor_key=key, factor_value=value,
                        factor_unit="kg CO2e/kWh", kg_co2e=kwh * value)


@dataclass(frozen=True)
class RecalculationNote:
    """Why and how much the base year changed."""

    reason: str  # "structure", "method", "error" or "factors"
    description: str
    previous_total: Decimal
    new_total: Decimal
    previous_factor_set: str
    new_factor_set: str
    significant: bool

    @property
    def change(self) -> Decimal:
        return self.new_total - self.previous_total

    @property
    def text(self) -> str:
        share = (self.change / self.previous_total * 100) if self.previous_total else ZERO
        return (f"Base year recalculated ({self.reason}): {self.description}. "
                f"{_tonnes(self.previous_total)} → {_tonnes(self.new_total)} t CO2e ({share:+.1f}%), "
                f"factors {self.previous_factor_set} → {self.new_factor_set}.")


def _tonnes(kg: Decimal) -> str:
    return f"{(kg / 1000).quantize(Decimal('0.001'))}"


@dataclass(frozen=True)
class BaseYear:
    """The base year's activity and inventory, with every recalculation noted."""

    activity: YearActivity
    inventory: Inventory
    notes: tuple[RecalculationNote, ...] = ()

    @property
    def year(self) -> int:
        return self.activity.year


REASONS = ("structure", "method", "error", "factors")


def set_base_year(activity: YearActivity, factors: FactorSet) -> BaseYear:
    """Fix a year as the base year."""
    return BaseYear(activity, compute_inventory(activity, factors))


def recalculate_base_year(base: BaseYear, factors: FactorSet, *, reason: str, description: str,
                          activity: YearActivity | None = None, scope2: str = "location",
                          threshold: Decimal = Decimal("0.05")) -> BaseYear:
    """Recompute the base year with the current method and record why.

    `activity` is the base year's activity adjusted for the change (a site sold
    removed, a site bought added; see activity.without_sites/with_lines); leave
    it out when only the method or factors changed. The note is `significant`
    when the total moves by `threshold` (GHG Protocol practice: 5%) or more.
    """
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {', '.join(REASONS)}, not {reason!r}")
    if not description.strip():
        raise ValueError("a base-year recalculation needs a description of what changed")
    new_activity = activity or base.activity
    if new_activity.year != base.year:
        raise ValueError(f"the adjusted activity is for {new_activity.year}, the base year is {base.year}")
    new_inventory = compute_inventory(new_activity, factors)
    old_total, new_total = base.inventory.total(scope2), new_inventory.total(scope2)
    significant = (abs(new_total - old_total) >= threshold * old_total) if old_total else bool(new_total)
    note = RecalculationNote(reason, description.strip(), old_total, new_total, base.inventory.factor_set,
                             new_inventory.factor_set, significant)
    return BaseYear(new_activity, new_inventory, base.notes + (note,))
