"""Activity data per partner and year, unit conversion and plausibility checks."""

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from klimapartner.accounting.factors import Factor, FactorSet
from klimapartner.accounting.units import compatible, parse_quantity, parse_unit, plain, quantity


class Source(StrEnum):
    ELECTRICITY = "electricity"
    DISTRICT_HEATING = "district_heating"
    NATURAL_GAS = "natural_gas"
    HEATING_OIL = "heating_oil"
    DIESEL = "diesel"
    PETROL = "petrol"
    HVO = "hvo"
    LPG = "lpg"
    CAR_KM = "car_km"
    VAN_KM = "van_km"
    FLIGHT = "flight"
    WASTE = "waste"
    SPEND = "spend"


# Units each source may be entered in, as examples of the dimension; any unit of
# the same dimension (Wh, TJ, m³ …) is accepted.
ACCEPTED_UNITS = {
    Source.ELECTRICITY: ("kWh", "MWh"),
    Source.DISTRICT_HEATING: ("kWh", "MWh", "GJ"),
    Source.NATURAL_GAS: ("m3", "kWh", "GJ"),
    Source.HEATING_OIL: ("l",),
    Source.DIESEL: ("l",),
    Source.PETROL: ("l",),
    Source.HVO: ("l",),
    Source.LPG: ("kg",),
    Source.CAR_KM: ("km",),
    Source.VAN_KM: ("km",),
    Source.FLIGHT: ("pkm", "trip"),
    Source.WASTE: ("tonne",),
    Source.SPEND: ("DKK",),
}

# Variants a source needs (grid area, flight band, waste fraction, spend group).
VARIANTS = {
    Source.ELECTRICITY: ("dk1", "dk2", ""),
    Source.FLIGHT: ("short", "medium", "long"),
}


def grid_area_for_postcode(postcode: str) -> str:
    """DK1 (West: Jutland, Funen) or DK2 (East: Zealand, islands, Bornholm) from a Danish postcode; "" if unknown."""
    digits = (postcode or "").strip()
    if len(digits) != 4 or not digits.isdigit() or digits.startswith("0"):
        return ""
    number = int(digits)
    if 3900 <= number < 4000:  # Greenland: not on the Danish grid
        return ""
    # 1000–4999 is Copenhagen, Zealand, Lolland-Falster and Bornholm (37xx), all in DK2.
    return "dk2" if number < 5000 else "dk1"


def default_factor_key(source: Source, variant: str = "") -> str:
    """The factor key a line uses unless it names one itself."""
    source = Source(source)
    if source is Source.ELECTRICITY:
        return f"electricity.location.{variant or 'dk'}"
    if source is Source.DISTRICT_HEATING:
        return f"district_heating.{variant or 'national'}"
    if source is Source.CAR_KM:
        return "car_km.unknown_fuel"
    if source in (Source.FLIGHT, Source.WASTE, Source.SPEND):
        return f"{source.value}.{variant}"
    return source.value


@dataclass(frozen=True)
class ActivityLine:
    """One amount of one activity in a year, as the partner entered it.

    variant: grid area (dk1/dk2) for electricity, band (short/medium/long) for
    flights, fraction for waste (residual, plastic …), group for spend.
    factor_key: use this factor instead of the default, e.g. the local district
    heating utility's declaration imported into the factor set.
    guarantees_kwh / supplier_factor: the market-based scope 2 instruments —
    the part covered by guarantees of origin, and the supplier's declared
    kg CO2e/kWh for the rest.
    site: which site the activity belongs to, so a structural change (a site
    sold or bought) can be applied to the base year.
    """

    source: Source
    amount: Decimal
    unit: str
    variant: str = ""
    factor_key: str = ""
    label: str = ""
    site: str = ""
    guarantees_kwh: Decimal = Decimal(0)
    supplier_factor: Decimal | None = None

    def __post_init__(self):
        # Django hands over strings and ints; floats go through repr so 0.1 stays 0.1.
        object.__setattr__(self, "source", Source(self.source))
        for name in ("amount", "guarantees_kwh", "supplier_factor"):
            value = getattr(self, name)
            if isinstance(value, float):
                object.__setattr__(self, name, Decimal(repr(value)))
            elif isinstance(value, (int, str)) and not isinstance(value, bool):
                try:
                    object.__setattr__(self, name, Decimal(value))
                except ArithmeticError:
                    pass  # left as it is; check_line reports it as not a number

    @property
    def key(self) -> str:
        return self.factor_key or default_factor_key(self.source, self.variant)


@dataclass(frozen=True)
class YearActivity:
    """All activity of one partner in one year."""

    partner: str
    year: int
    lines: tuple[ActivityLine, ...]
    employees: Decimal | None = None


@dataclass(frozen=True)
class Problem:
    """A finding about the input. Errors block the calculation; warnings ask the user to confirm."""

    code: str
    message: str
    line: int | None = None  # index into YearActivity.lines
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"line {self.line + 1}: " if self.line is not None else ""
        return f"{where}{self.message}"


class InvalidActivity(ValueError):
    """Activity data with errors; `problems` lists all of them."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def _describe(line: ActivityLine) -> str:
    return f"{line.source.value}{' (' + line.variant + ')' if line.variant else ''}"


def check_line(line: ActivityLine, index: int | None = None, factors: FactorSet | None = None) -> list[Problem]:
    """Problems with one line on its own: sign, unit, variant, factor."""
    problems = []
    source = line.source
    name = _describe(line)
    if not isinstance(line.amount, Decimal) or not line.amount.is_finite():
        problems.append(Problem("not_a_number", f"{name}: the amount {line.amount!r} is not a number", index))
        return problems
    if line.amount < 0:
        problems.append(Problem("negative", f"{name}: the amount {line.amount} {line.unit} is negative", index))
    try:
        parse_unit(line.unit)
    except ValueError:
        problems.append(Problem("unknown_unit", f"{name}: the unit {line.unit!r} is not known", index))
        return problems
    accepted = ACCEPTED_UNITS[source]
    if not any(compatible(line.unit, u) for u in accepted):
        problems.append(Problem(
            "unit_does_not_fit",
            f"{name} cannot be measured in {line.unit}; use {' or '.join(accepted)}", index))
    if source in VARIANTS and line.variant not in VARIANTS[source] and not line.factor_key:
        allowed = ", ".join(v for v in VARIANTS[source] if v)
        problems.append(Problem("unknown_variant", f"{name}: choose one of {allowed}", index))
    if source in (Source.WASTE, Source.SPEND) and not line.variant and not line.factor_key:
        problems.append(Problem("missing_variant", f"{source.value}: say which "
                                f"{'fraction' if source is Source.WASTE else 'purchase group'} it is", index))
    if line.guarantees_kwh or line.supplier_factor is not None:
        if source is not Source.ELECTRICITY and line.guarantees_kwh:
            problems.append(Problem("guarantees_not_electricity",
                                    f"{name}: guarantees of origin apply to electricity only", index))
        if line.guarantees_kwh < 0:
            problems.append(Problem("negative", f"{name}: guarantees of origin {line.guarantees_kwh} kWh is negative",
                                    index))
        if line.supplier_factor is not None and line.supplier_factor < 0:
            problems.append(Problem("negative", f"{name}: the supplier's factor {line.supplier_factor} is negative",
                                    index))
        if source is Source.ELECTRICITY and not problems:
            total_kwh = quantity(line.amount, line.unit).to("kWh").magnitude
            if line.guarantees_kwh > total_kwh:
                problems.append(Problem(
                    "guarantees_exceed_use",
                    f"{name}: guarantees of origin for {_fmt(line.guarantees_kwh)} kWh exceed the {_fmt(total_kwh)} kWh used",
                    index))
    if factors is not None and not problems:
        factor = factors.get(line.key)
        if factor is None:
            problems.append(Problem("no_factor", f"{name}: the factor set {factors.label} has no factor {line.key}",
                                    index))
        else:
            try:
                to_factor_unit(line, factor)
            except ValueError as exc:
                problems.append(Problem("unit_does_not_fit", f"{name}: {exc}", index))
    return problems


def check_activity(activity: YearActivity, previous: YearActivity | None = None,
                   factors: FactorSet | None = None, jump: Decimal = Decimal(100)) -> list[Problem]:
    """Every problem in a year's activity; compares with last year when given.

    A total per source and variant at least `jump` times last year's, or at most
    1/`jump` of it, is a warning: often a unit slip (MWh typed as kWh), sometimes real.
    """
    problems = []
    for index, line in enumerate(activity.lines):
        problems.extend(check_line(line, index, factors))
    if activity.employees is not None and activity.employees < 0:
        problems.append(Problem("negative", f"the number of employees {activity.employees} is negative"))
    if previous is None or any(p.severity == "error" for p in problems):
        return problems
    now, before = _totals(activity), _totals(previous)
    for key, amount in now.items():
        if key not in before or before[key][0] == 0:
            continue
        last, unit = before[key]
        this = amount[0]
        name = f"{key[0]}{' (' + key[1] + ')' if key[1] else ''}"
        if this >= last * jump:
            problems.append(Problem(
                "jump_up", f"{name}: {_fmt(this)} {unit} is {_fmt(this / last)} times last year's "
                           f"{_fmt(last)} {unit}; check the unit and the figure", None, "warning"))
        elif this * jump <= last:
            problems.append(Problem(
                "jump_down", f"{name}: {_fmt(this)} {unit} is 1/{_fmt(last / this) if this else '∞'} of last "
                             f"year's {_fmt(last)} {unit}; check the unit and the figure", None, "warning"))
    return problems


def _fmt(value: Decimal) -> str:
    """A number for a message: whole numbers as they are, others to two decimals."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value.to_integral_value():f}"
    return f"{plain(value.quantize(Decimal('0.01'))):f}"


def _totals(activity: YearActivity) -> dict:
    """Amount per (source, variant) in the source's first accepted unit; lines that can't convert are skipped."""
    totals: dict[tuple[str, str], tuple[Decimal, str]] = {}
    for line in activity.lines:
        try:
            source = Source(line.source)
        except ValueError:
            continue
        base = next((u for u in ACCEPTED_UNITS[source] if compatible(line.unit, u)), None)
        if base is None:
            continue
        amount = Decimal(quantity(line.amount, line.unit).to(parse_unit(base)).magnitude)
        key = (source.value, line.variant)
        totals[key] = (totals.get(key, (Decimal(0), base))[0] + amount, base)
    return totals


def to_factor_unit(line: ActivityLine, factor: Factor) -> Decimal:
    """The line's amount in the factor's activity unit, using the factor's conversion when needed.

    m³ of natural gas become GJ through the calorific value; flight trips become
    passenger-km through the band's typical distance.
    """
    target = parse_unit(factor.activity_unit)
    amount = quantity(line.amount, line.unit)
    if amount.dimensionality == target.dimensionality:
        return plain(amount.to(target).magnitude)
    if factor.conversion:
        bridged = amount * parse_quantity(factor.conversion)
        if bridged.dimensionality == target.dimensionality:
            return plain(bridged.to(target).magnitude)
    raise ValueError(f"{line.unit} cannot be converted to {factor.activity_unit} for factor {factor.key}")


def without_sites(activity: YearActivity, *sites: str) -> YearActivity:
    """The activity without the lines of the given sites (a site sold or closed)."""
    return replace(activity, lines=tuple(line for line in activity.lines if line.site not in sites))


def with_lines(activity: YearActivity, *lines: ActivityLine) -> YearActivity:
    """The activity with lines added (a site bought, or a source now counted)."""
    return replace(activity, lines=activity.lines + tuple(lines))
