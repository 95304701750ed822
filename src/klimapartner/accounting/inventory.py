"""A year's emissions by scope and category (GHG Protocol), base year and recalculation.

`compute_inventory` never raises: an activity with errors gives an Inventory
that is not `ok`, has no lines, and lists the errors.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from klimapartner.accounting import gwp
from klimapartner.accounting.activity import (
    ActivityLine, Source, YearActivity, check_activity, line_kwh, to_factor_unit,
)
from klimapartner.accounting.factors import CATEGORIES, Factor, FactorSet, Reference
from klimapartner.accounting.problems import Problem, Severity
from klimapartner.accounting.units import convert
from klimapartner.accounting.values import as_text, finite

ZERO = Decimal(0)
RESIDUAL_MIX = "electricity.market.residual_mix"
GUARANTEE_OF_ORIGIN = "electricity.market.guarantee_of_origin"
BIOGAS = "biogas"
IPCC = Reference("IPCC", "GWP100 (refrigerants)")


class Scope2Method(StrEnum):
    """The two ways the GHG Protocol's Scope 2 Guidance counts purchased electricity and heat."""

    LOCATION = "location"  # the grid's average where the energy is used
    MARKET = "market"  # certificates, the supplier's declaration, else the residual mix


def method_of(value) -> Scope2Method:
    """The method for a name; ValueError for anything else (an unknown method never means "leave scope 2 out")."""
    return value if isinstance(value, Scope2Method) else Scope2Method(value)


@dataclass(frozen=True)
class EmissionLine:
    """The emission from one activity line under one scope 2 method.

    method is "location" or "market" for scope 2 lines and "" for scope 1 and 3,
    which count in both totals. `biogenic_kg` is biogenic CO2, reported outside
    the scopes and never in a total.
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
    biogenic_kg: Decimal = ZERO
    factor_year: int | None = None
    publisher: str = ""


@dataclass(frozen=True)
class Inventory:
    """A partner's CO2 account for one year. All amounts in kg CO2e."""

    partner: str
    year: int
    factor_set: str  # label of the set used
    lines: tuple[EmissionLine, ...]
    employees: Decimal | None = None
    problems: tuple[Problem, ...] = ()
    provisional_factors: tuple[str, ...] = ()
    chp_method: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == Severity.WARNING)

    @property
    def notes(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == Severity.NOTE)

    def _sum(self, scope: int | None = None, method: Scope2Method | None = None) -> Decimal:
        return sum((e.kg_co2e for e in self.lines
                    if (scope is None or e.scope == scope) and (method is None or e.method in ("", method))), ZERO)

    @property
    def scope1(self) -> Decimal:
        return self._sum(1)

    @property
    def scope2_location(self) -> Decimal:
        return self._sum(2, Scope2Method.LOCATION)

    @property
    def scope2_market(self) -> Decimal:
        return self._sum(2, Scope2Method.MARKET)

    @property
    def scope3(self) -> Decimal:
        return self._sum(3)

    @property
    def biogenic(self) -> Decimal:
        """Biogenic CO2 (kg), outside the scopes: counted once, whatever the scope 2 method."""
        return sum((e.biogenic_kg for e in self.lines if e.method != Scope2Method.MARKET), ZERO)

    def total(self, scope2: Scope2Method | str = Scope2Method.LOCATION) -> Decimal:
        """Scope 1 + 2 + 3, with scope 2 by the given method (ValueError for an unknown method)."""
        return self._sum(method=method_of(scope2))

    def scope12(self, scope2: Scope2Method | str = Scope2Method.LOCATION) -> Decimal:
        return self.scope1 + self._sum(2, method_of(scope2))

    def by_scope(self, scope2: Scope2Method | str = Scope2Method.LOCATION) -> dict[int, Decimal]:
        return {1: self.scope1, 2: self._sum(2, method_of(scope2)), 3: self.scope3}

    def by_category(self, scope2: Scope2Method | str = Scope2Method.LOCATION) -> dict[str, Decimal]:
        """kg CO2e per GHG Protocol category code, in CATEGORIES order."""
        method = method_of(scope2)
        sums = defaultdict(lambda: ZERO)
        for e in self.lines:
            if e.method in ("", method):
                sums[e.category] += e.kg_co2e
        return {code: sums[code] for code in CATEGORIES if code in sums} | {
            code: value for code, value in sums.items() if code not in CATEGORIES}

    def per_employee(self, scope2: Scope2Method | str = Scope2Method.LOCATION) -> Decimal | None:
        """kg CO2e per employee (full-time equivalents); None without a head count."""
        employees = self.employees
        if not isinstance(employees, Decimal) or not employees.is_finite() or employees <= 0:
            return None
        return self.total(scope2) / employees


def compute_inventory(activity: YearActivity, factors: FactorSet, previous: YearActivity | None = None) -> Inventory:
    """Emissions for a year's activity with the set's factors for that year.

    Never raises. Errors give an inventory that is not ok and has no lines;
    warnings (a hundredfold jump, an unknown grid area) and notes (a factor
    from another year than the account's) travel on the result.
    """
    year = activity.year if isinstance(activity.year, int) else None
    factors = factors.for_year(year) if year else factors
    problems = check_activity(activity, previous, factors)
    if any(p.is_error for p in problems):
        return Inventory(str(activity.partner), activity.year, factors.label, (), None, tuple(problems),
                         chp_method=factors.chp_method)
    lines = []
    for index, line in enumerate(activity.lines):
        try:
            lines.extend(_emissions(index, line, factors))
        except (ArithmeticError, ValueError, TypeError, AttributeError) as error:  # a last guard: report, never raise
            problems.append(Problem("not_computable", "amount",
                                    {"source": line.source_code, "detail": type(error).__name__}, index))
    if any(p.is_error for p in problems):
        return Inventory(str(activity.partner), activity.year, factors.label, (), None, tuple(problems),
                         chp_method=factors.chp_method)
    seen = set()
    for e in lines:
        if e.factor_year is not None and year and e.factor_year != year and e.factor_key not in seen:
            seen.add(e.factor_key)
            problems.append(Problem("factor_year_differs", "", {"key": e.factor_key, "factor_year": e.factor_year,
                                                               "year": year}, e.line, Severity.NOTE))
    provisional = tuple(sorted({e.factor_key for e in lines if e.provisional}))
    return Inventory(str(activity.partner), activity.year, factors.label, tuple(lines), activity.employees,
                     tuple(problems), provisional, factors.chp_method)


def _emission(index, line: ActivityLine, factor: Factor, amount, method="", **changes) -> EmissionLine:
    kg = convert(amount * factor.value, factor.emission_unit, "kg_CO2e")
    biogenic = convert(amount * factor.biogenic, factor.emission_unit, "kg_CO2e") if factor.biogenic else ZERO
    result = EmissionLine(
        line=index, source=line.source_code, variant=line.variant, scope=factor.scope, category=factor.category,
        method=method, activity_amount=amount, activity_unit=factor.activity_unit, factor_key=factor.key,
        factor_value=factor.value, factor_unit=factor.unit, kg_co2e=kg, provisional=factor.provisional,
        biogenic_kg=biogenic, factor_year=factor.year, publisher=factor.reference.publisher,
    )
    return replace(result, **changes) if changes else result


def _emissions(index: int, line: ActivityLine, factors: FactorSet) -> list[EmissionLine]:
    if line.source is Source.REFRIGERANT:
        return [_refrigerant(index, line, factors)]
    factor = factors.get(line.key)
    amount = to_factor_unit(line, factor)
    if factor.scope == 2:
        out = _scope2(index, line, factors, factor, amount)
    elif line.guarantees_kwh or line.supplier_factor is not None:
        out = _certified_fuel(index, line, factors, factor, amount)
    else:
        out = [_emission(index, line, factor, amount)]
    return out + _upstream(index, line, factors, factor)


def _scope2(index, line, factors, factor, amount) -> list[EmissionLine]:
    location = _emission(index, line, factor, amount, Scope2Method.LOCATION)
    if line.source is Source.ELECTRICITY:
        return [location, *_market_electricity(index, line, factors, amount)]
    if line.supplier_factor is not None:
        # A heat utility's own declaration is the market-based figure for heat.
        kwh = convert(amount, factor.activity_unit, "kWh")
        return [location, _supplier(index, line, kwh, line.supplier_factor, "supplier", factor.scope,
                                    factor.category, Scope2Method.MARKET)]
    return [location, replace(location, method=Scope2Method.MARKET, biogenic_kg=location.biogenic_kg)]


def _market_electricity(index: int, line: ActivityLine, factors: FactorSet, amount) -> list[EmissionLine]:
    """GHG Protocol Scope 2 hierarchy: guarantees of origin, then the supplier's declaration, then the residual mix."""
    kwh = convert(amount, factors.get(line.key).activity_unit, "kWh")
    covered = min(line.guarantees_kwh, kwh)
    rest = kwh - covered
    out = []
    if covered:
        gos = factors.get(GUARANTEE_OF_ORIGIN)
        out.append(_emission(index, line, gos, convert(covered, "kWh", gos.activity_unit), Scope2Method.MARKET)
                   if gos else _supplier(index, line, covered, ZERO, "guarantee_of_origin"))
    if rest or not covered:
        if line.supplier_factor is not None:
            out.append(_supplier(index, line, rest, line.supplier_factor, "supplier"))
        else:
            residual = factors.get(RESIDUAL_MIX)
            if residual is None:  # a set without a residual mix: say so rather than count zero
                raise ValueError(f"the factor set {factors.label} has no {RESIDUAL_MIX}")
            out.append(_emission(index, line, residual, convert(rest, "kWh", residual.activity_unit),
                                 Scope2Method.MARKET))
    return out


def _certified_fuel(index, line, factors, factor, amount) -> list[EmissionLine]:
    """Gas with biogas certificates or a supplier's factor (kg CO2e/kWh): the certified kWh count as biogas."""
    kwh = line_kwh(line, factor)
    covered = min(line.guarantees_kwh, kwh)
    out = []
    if covered:
        biogas = factors.get(BIOGAS)
        if biogas is None:
            raise ValueError(f"the factor set {factors.label} has no {BIOGAS} for certified gas")
        share = covered / kwh
        out.append(_emission(index, line, biogas, to_factor_unit(replace(line, amount=line.amount * share), biogas)))
        amount = amount * (1 - share)
    rest_kwh = kwh - covered
    if line.supplier_factor is not None:
        if rest_kwh:
            out.append(_supplier(index, line, rest_kwh, line.supplier_factor, "supplier", factor.scope, factor.category))
    elif amount:
        out.append(_emission(index, line, factor, amount))
    return out


def _supplier(index, line, kwh, value, key, scope=2, category="2.electricity", method=Scope2Method.MARKET):
    return EmissionLine(line=index, source=line.source_code, variant=line.variant, scope=scope, category=category,
                        method=method if scope == 2 else "", activity_amount=kwh, activity_unit="kWh", factor_key=key,
                        factor_value=value, factor_unit="kg CO2e/kWh", kg_co2e=kwh * value)


def _refrigerant(index, line, factors) -> EmissionLine:
    value, estimated = gwp.gwp(line.variant, factors.gwp)
    kg = convert(line.amount, line.unit, "kg")
    return EmissionLine(line=index, source=line.source_code, variant=line.variant, scope=1, category="1.fugitive",
                        method="", activity_amount=kg, activity_unit="kg", factor_key=f"gwp.{factors.gwp}.{line.variant}",
                        factor_value=value, factor_unit="kg CO2e/kg", kg_co2e=kg * value, provisional=estimated,
                        publisher=IPCC.publisher)


def _upstream(index, line, factors, factor) -> list[EmissionLine]:
    """Scope 3.3: well-to-tank for fuels, upstream of electricity and heat, when the set has the factor."""
    upstream = factors.get(f"upstream.{line.key}") or factors.get(f"upstream.{line.source_code}")
    if upstream is None:
        return []
    return [_emission(index, line, upstream, to_factor_unit(line, upstream), biogenic_kg=ZERO)]


# Base year ------------------------------------------------------------------

class Reason(StrEnum):
    """What may move a base year (GHG Protocol Corporate Standard, chapter 5)."""

    STRUCTURE = "structure"  # a site, a subsidiary or an activity bought, sold, moved in or out
    METHOD = "method"  # a better method or better emission factors for the base year itself
    ERROR = "error"  # an error in the base year's data found


@dataclass(frozen=True)
class RecalculationNote:
    """Why and how much the base year changed, and whether the change was applied."""

    reason: str
    description: str
    previous_total: Decimal
    new_total: Decimal
    previous_factor_set: str
    new_factor_set: str
    significant: bool
    threshold: Decimal = Decimal("0.05")

    @property
    def applied(self) -> bool:
        """Only a significant change moves the base year; a smaller one is noted and the base year kept."""
        return self.significant

    @property
    def change(self) -> Decimal:
        return self.new_total - self.previous_total

    @property
    def share(self) -> Decimal | None:
        return self.change / self.previous_total if self.previous_total else None


@dataclass(frozen=True)
class BaseYear:
    """The base year's activity and inventory (those targets are measured from), with every recalculation noted."""

    activity: YearActivity
    inventory: Inventory
    notes: tuple[RecalculationNote, ...] = ()

    @property
    def year(self) -> int:
        return self.activity.year


@dataclass(frozen=True)
class Recalculation:
    """The base year after a proposed change: moved when the change was significant, else as it was."""

    base: BaseYear
    note: RecalculationNote | None
    problems: tuple[Problem, ...] = ()

    @property
    def applied(self) -> bool:
        return self.note is not None and self.note.applied


def set_base_year(activity: YearActivity, factors: FactorSet) -> BaseYear:
    """Fix a year as the base year (check `inventory.ok`)."""
    return BaseYear(activity, compute_inventory(activity, factors))


def significant(old_total: Decimal, new_total: Decimal, threshold: Decimal) -> bool:
    """Whether a change reaches the threshold (a share of the old total); any change from zero is significant."""
    if not old_total:
        return bool(new_total)
    return abs(new_total - old_total) >= threshold * abs(old_total)


def recalculate_base_year(base: BaseYear, factors: FactorSet, *, reason, description: str,
                          activity: YearActivity | None = None, scope2: Scope2Method | str = Scope2Method.LOCATION,
                          threshold: Decimal = Decimal("0.05")) -> Recalculation:
    """Recompute the base year after a structural change, a change of method or a found error.

    `activity` is the base year's activity adjusted for the change (a site sold
    removed, a site bought added; see activity.without_sites/with_lines); leave
    it out when only the method or factors changed. The GHG Protocol moves a
    base year only for a *significant* change: when the total moves by
    `threshold` (5 % is common practice) or more, the new inventory becomes the
    base; a smaller change is noted and the base year is kept. A real change in
    emissions — a greener grid, a new year's factors — is never a reason.
    """
    given, threshold = threshold, finite(threshold)
    problems = []
    if threshold is None or not 0 <= threshold <= 1:
        problems.append(Problem("threshold_out_of_range", "threshold", {"value": as_text(given)}))
    try:
        reason = Reason(reason)
    except ValueError:
        problems.append(Problem("reason_not_allowed", "reason", {"reason": str(reason)}))
    description = as_text(description)
    if not description.strip():
        problems.append(Problem("description_missing", "description"))
    new_activity = activity if isinstance(activity, YearActivity) else base.activity
    if new_activity.year != base.year:
        problems.append(Problem("base_year_mismatch", "year", {"year": new_activity.year, "base_year": base.year}))
    if problems:
        return Recalculation(base, None, tuple(problems))
    new_inventory = compute_inventory(new_activity, factors)
    if not new_inventory.ok:
        return Recalculation(base, None, new_inventory.errors)
    old_total, new_total = base.inventory.total(scope2), new_inventory.total(scope2)
    note = RecalculationNote(reason.value, description.strip(), old_total, new_total, base.inventory.factor_set,
                             new_inventory.factor_set, significant(old_total, new_total, threshold), threshold)
    if note.applied:
        return Recalculation(BaseYear(new_activity, new_inventory, base.notes + (note,)), note)
    kept = BaseYear(base.activity, base.inventory, base.notes + (note,))
    share = abs(note.share * 100) if note.share is not None else ZERO
    return Recalculation(kept, note, (Problem("below_threshold", "", {"share": share, "threshold": threshold * 100},
                                              severity=Severity.NOTE),))
