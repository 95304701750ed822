"""Activity data per partner and year, unit conversion and plausibility checks.

Nothing here raises on bad input: every check returns `Problem`s (see
problems.py) with a code, the field and the figures.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from klimapartner.accounting import gwp
from klimapartner.accounting.factors import Factor, FactorSet
from klimapartner.accounting.problems import Problem, Severity
from klimapartner.accounting.units import (
    LARGEST_AMOUNT, compatible, convert, is_unit, parse_quantity, parse_unit, plain, quantity,
)
from klimapartner.accounting.values import as_decimal, as_text, as_year


class Source(StrEnum):
    ELECTRICITY = "electricity"
    DISTRICT_HEATING = "district_heating"
    NATURAL_GAS = "natural_gas"
    BIOGAS = "biogas"
    HEATING_OIL = "heating_oil"
    DIESEL = "diesel"
    PETROL = "petrol"
    HVO = "hvo"
    LPG = "lpg"
    WOOD_PELLETS = "wood_pellets"
    WOOD_CHIPS = "wood_chips"
    COAL = "coal"
    REFRIGERANT = "refrigerant"
    CAR_KM = "car_km"
    VAN_KM = "van_km"
    FLIGHT = "flight"
    TRAIN = "train"
    FERRY = "ferry"
    HOTEL = "hotel"
    WASTE = "waste"
    SPEND = "spend"


# Units each source may be entered in, as examples of the dimension; any unit of
# the same dimension (Wh, TJ, m³ …) is accepted.
ACCEPTED_UNITS = {
    Source.ELECTRICITY: ("kWh", "MWh"),
    Source.DISTRICT_HEATING: ("kWh", "MWh", "GJ"),
    Source.NATURAL_GAS: ("m3", "kWh", "GJ"),
    Source.BIOGAS: ("m3", "kWh", "GJ"),
    Source.HEATING_OIL: ("l",),
    Source.DIESEL: ("l",),
    Source.PETROL: ("l",),
    Source.HVO: ("l",),
    Source.LPG: ("kg",),
    Source.WOOD_PELLETS: ("tonne", "kg"),
    Source.WOOD_CHIPS: ("tonne", "GJ", "MWh"),
    Source.COAL: ("tonne", "kg"),
    Source.REFRIGERANT: ("kg",),
    Source.CAR_KM: ("km",),
    Source.VAN_KM: ("km",),
    Source.FLIGHT: ("pkm", "trip"),
    Source.TRAIN: ("pkm",),
    Source.FERRY: ("pkm",),
    Source.HOTEL: ("night",),
    Source.WASTE: ("tonne", "kg"),
    Source.SPEND: ("DKK",),
}

# Variants a source can have; "" allowed where listed. Waste fractions and
# purchase groups are whatever the factor set has (waste.<fraction>).
VARIANTS = {
    Source.ELECTRICITY: ("dk1", "dk2", ""),
    Source.FLIGHT: ("short", "medium", "long"),
    Source.CAR_KM: ("petrol", "diesel", "electric", "hybrid", "plugin_hybrid", "unknown", ""),
    Source.FERRY: ("foot_passenger", "car_passenger", ""),
    Source.HOTEL: ("dk", "abroad", ""),
    Source.REFRIGERANT: gwp.REFRIGERANTS,
}
NEEDS_VARIANT = (Source.FLIGHT, Source.WASTE, Source.SPEND, Source.REFRIGERANT)

# Certificates (guarantees of origin for electricity, biogas certificates for gas) count the covered
# kWh as renewable; a supplier's declared factor replaces the default for the rest.
CERTIFICATE_SOURCES = (Source.ELECTRICITY, Source.NATURAL_GAS)
SUPPLIER_FACTOR_SOURCES = (Source.ELECTRICITY, Source.DISTRICT_HEATING, Source.NATURAL_GAS, Source.BIOGAS)

NUMBER_FIELDS = ("amount", "guarantees_kwh", "supplier_factor")


def grid_area_for_postcode(postcode) -> str:
    """DK1 (West: Jutland, Funen) or DK2 (East: Zealand, islands, Bornholm) from a Danish postcode; "" if unknown."""
    digits = str(postcode or "").strip()
    if len(digits) != 4 or not digits.isdigit() or digits.startswith("0"):
        return ""
    number = int(digits)
    if 3900 <= number < 4000:  # Greenland: not on the Danish grid
        return ""
    # 1000–4999 is Copenhagen, Zealand, Lolland-Falster and Bornholm (37xx), all in DK2.
    return "dk2" if number < 5000 else "dk1"


def source_of(value) -> Source | None:
    try:
        return Source(value)
    except ValueError:
        return None


def default_factor_key(source, variant: str = "") -> str:
    """The factor key a line uses unless it names one itself ("" for an unknown source)."""
    source = source_of(source)
    if source is None:
        return ""
    if source is Source.ELECTRICITY:
        return f"electricity.location.{variant or 'dk'}"
    if source is Source.DISTRICT_HEATING:
        return f"district_heating.{variant or 'national'}"
    if source is Source.CAR_KM:
        return f"car_km.{variant or 'unknown'}"
    if source is Source.FERRY:
        return f"ferry.{variant or 'foot_passenger'}"
    if source is Source.HOTEL:
        return f"hotel.{variant or 'dk'}"
    if source is Source.REFRIGERANT:
        return f"refrigerant.{gwp.normalise(variant) or variant}"
    if source in (Source.FLIGHT, Source.WASTE, Source.SPEND):
        return f"{source.value}.{variant}"
    return source.value


@dataclass(frozen=True)
class ActivityLine:
    """One amount of one activity in a year, as the partner entered it.

    variant: grid area (dk1/dk2) for electricity, band (short/medium/long) for
    flights, fuel for company cars, fraction for waste (residual, plastic …),
    group for spend, the gas for a refrigerant (R-410A …).
    factor_key: use this factor instead of the default, e.g. the local district
    heating utility's declaration imported into the factor set.
    guarantees_kwh: the kWh covered by cancelled certificates — guarantees of
    origin for electricity, biogas certificates for natural gas.
    supplier_factor: the supplier's declared kg CO2e/kWh for the rest
    (electricity, district heating, gas).
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
        object.__setattr__(self, "source", source_of(self.source) or self.source)
        for name in NUMBER_FIELDS:
            object.__setattr__(self, name, as_decimal(getattr(self, name)))
        if self.guarantees_kwh is None:
            object.__setattr__(self, "guarantees_kwh", Decimal(0))
        for name in ("unit", "variant", "factor_key", "label", "site"):
            object.__setattr__(self, name, as_text(getattr(self, name)))
        if self.source is Source.REFRIGERANT and gwp.normalise(self.variant):
            object.__setattr__(self, "variant", gwp.normalise(self.variant))

    @property
    def key(self) -> str:
        return self.factor_key or default_factor_key(self.source, self.variant)

    @property
    def source_code(self) -> str:
        return self.source.value if isinstance(self.source, Source) else str(self.source)


@dataclass(frozen=True)
class YearActivity:
    """All activity of one partner in one year."""

    partner: str
    year: int
    lines: tuple[ActivityLine, ...]
    employees: Decimal | None = None

    def __post_init__(self):
        object.__setattr__(self, "partner", as_text(self.partner))
        object.__setattr__(self, "year", as_year(self.year))
        object.__setattr__(self, "employees", as_decimal(self.employees))
        try:
            lines = () if isinstance(self.lines, (str, bytes)) else tuple(self.lines)
        except TypeError:
            lines = ()
        object.__setattr__(self, "lines", tuple(line if isinstance(line, ActivityLine) else ActivityLine(None, None, "")
                                                for line in lines))


def _params(line: ActivityLine, **more) -> dict:
    return {"source": line.source_code, "variant": line.variant, **more}


def check_amount(line: ActivityLine, index: int | None = None) -> list[Problem]:
    """Whether the line's amount is a number an account can hold (finite, not negative, not absurdly large)."""
    return _check_number(line, index, "amount")


def _check_number(line, index, name) -> list[Problem]:
    value = getattr(line, name)
    if name == "supplier_factor" and value is None:
        return []
    if not isinstance(value, Decimal) or not value.is_finite():
        return [Problem("not_a_number", name, _params(line, field=name, value=str(value)), index)]
    if value < 0:
        return [Problem("negative", name, _params(line, field=name, value=value, unit=line.unit), index)]
    limit = Decimal(100) if name == "supplier_factor" else LARGEST_AMOUNT
    if value > limit:
        return [Problem("out_of_range", name, _params(line, field=name, value=value, limit=limit), index)]
    return []


def line_kwh(line: ActivityLine, factor: Factor | None) -> Decimal | None:
    """The line's amount as energy (kWh), through the factor's conversion when needed; None if it has none."""
    try:
        amount = quantity(line.amount, line.unit)
        kwh = parse_unit("kWh")
        if amount.dimensionality == kwh.dimensionality:
            return plain(amount.to(kwh).magnitude)
        if factor is not None and factor.conversion:
            conversion = parse_quantity(factor.conversion)
            for bridged in (amount * conversion, amount / conversion):
                if bridged.dimensionality == kwh.dimensionality:
                    return plain(bridged.to(kwh).magnitude)
    except (ValueError, ArithmeticError):
        return None
    return None


def check_line(line: ActivityLine, index: int | None = None, factors: FactorSet | None = None) -> list[Problem]:
    """Problems with one line on its own: source, numbers, unit, variant, instruments, factor."""
    source = line.source
    if not isinstance(source, Source):
        return [Problem("unknown_source", "source", {"value": str(source)}, index)]
    problems = []
    for name in NUMBER_FIELDS:
        problems.extend(_check_number(line, index, name))
    if problems:
        return problems
    if not isinstance(line.unit, str) or not is_unit(line.unit):
        return [Problem("unknown_unit", "unit", _params(line, unit=str(line.unit)), index)]
    accepted = ACCEPTED_UNITS[source]
    if not any(compatible(line.unit, u) for u in accepted):
        problems.append(Problem("unit_does_not_fit", "unit", _params(line, unit=line.unit, accepted=accepted), index))
    if source in VARIANTS and line.variant not in VARIANTS[source] and not line.factor_key:
        allowed = tuple(v for v in VARIANTS[source] if v)
        if line.variant or source in NEEDS_VARIANT:
            code = "unknown_variant" if line.variant else "missing_variant"
            problems.append(Problem(code, "variant", _params(line, allowed=allowed), index))
    elif source in NEEDS_VARIANT and not line.variant and not line.factor_key:
        problems.append(Problem("missing_variant", "variant", _params(line, allowed=()), index))
    if line.guarantees_kwh and source not in CERTIFICATE_SOURCES:
        problems.append(Problem("guarantees_not_applicable", "guarantees_kwh", _params(line), index))
    if line.supplier_factor is not None and source not in SUPPLIER_FACTOR_SOURCES:
        problems.append(Problem("supplier_factor_not_applicable", "supplier_factor", _params(line), index))
    if problems or factors is None:
        return problems
    if source is Source.REFRIGERANT:
        value, _estimated = gwp.gwp(line.variant, factors.gwp)
        if value is None:
            problems.append(Problem("no_gwp", "variant", _params(line, gwp=factors.gwp), index))
        return problems
    factor = factors.get(line.key)
    if factor is None:
        problems.append(Problem("no_factor", "variant" if line.variant or source in VARIANTS else "source",
                                _params(line, key=line.key, factor_set=factors.label), index))
        return problems
    try:
        to_factor_unit(line, factor)
    except ValueError:
        problems.append(Problem("unit_does_not_fit", "unit", _params(line, unit=line.unit, accepted=accepted), index))
        return problems
    if line.guarantees_kwh or line.supplier_factor is not None:
        kwh = line_kwh(line, factor)
        if kwh is None:
            field = "guarantees_kwh" if line.guarantees_kwh else "supplier_factor"
            problems.append(Problem("no_energy_conversion", field, _params(line, unit=line.unit), index))
        elif line.guarantees_kwh > kwh:
            problems.append(Problem("guarantees_exceed_use", "guarantees_kwh",
                                    _params(line, guarantees=line.guarantees_kwh, used=kwh), index))
    return problems


def check_activity(activity: YearActivity, previous: YearActivity | None = None,
                   factors: FactorSet | None = None, jump: Decimal = Decimal(100)) -> list[Problem]:
    """Every problem in a year's activity; compares with last year when given.

    A total per source and variant at least `jump` times last year's, or at most
    1/`jump` of it, is a warning: often a unit slip (MWh typed as kWh), sometimes
    real. Electricity without a grid area is a warning too: Energinet's national
    declaration is then used, which it advises against for climate accounts.
    """
    problems = []
    if not isinstance(activity.year, int) or isinstance(activity.year, bool) or not 1990 <= activity.year <= 2100:
        problems.append(Problem("year_out_of_range", "year", {"value": activity.year}))
    for index, line in enumerate(activity.lines):
        problems.extend(check_line(line, index, factors))
    employees = activity.employees
    if employees is not None:
        if not isinstance(employees, Decimal) or not employees.is_finite():
            problems.append(Problem("employees_not_a_number", "employees", {"value": str(employees)}))
        elif employees < 0:
            problems.append(Problem("employees_negative", "employees", {"value": employees}))
        elif employees > LARGEST_AMOUNT:
            problems.append(Problem("out_of_range", "employees", {"source": "", "field": "employees",
                                                                  "value": employees, "limit": LARGEST_AMOUNT}))
    if any(p.is_error for p in problems):
        return problems
    for index, line in enumerate(activity.lines):
        if line.source is Source.ELECTRICITY and not line.variant and not line.factor_key:
            problems.append(Problem("grid_area_unknown", "variant", _params(line), index, Severity.WARNING))
    if previous is None:
        return problems
    now, before = _totals(activity), _totals(previous)
    for key, (this, unit) in now.items():
        if key not in before or before[key][0] == 0:
            continue
        last = before[key][0]
        params = {"source": key[0], "variant": key[1], "amount": this, "last": last, "unit": unit}
        if this >= last * jump:
            problems.append(Problem("jump_up", "amount", params | {"ratio": this / last}, None, Severity.WARNING))
        elif this * jump <= last:
            ratio = last / this if this else None
            problems.append(Problem("jump_down", "amount", params | {"ratio": ratio}, None, Severity.WARNING))
    return problems


def _totals(activity: YearActivity) -> dict:
    """Amount per (source, variant) in the source's first accepted unit; lines that aren't usable are skipped."""
    totals: dict[tuple[str, str], tuple[Decimal, str]] = {}
    for line in activity.lines:
        if check_line(line):
            continue
        base = next((u for u in ACCEPTED_UNITS[line.source] if compatible(line.unit, u)), None)
        try:
            amount = convert(line.amount, line.unit, base)
        except (ValueError, ArithmeticError):
            continue
        key = (line.source.value, line.variant)
        totals[key] = (totals.get(key, (Decimal(0), base))[0] + amount, base)
    return totals


def to_factor_unit(line: ActivityLine, factor: Factor) -> Decimal:
    """The line's amount in the factor's activity unit, using the factor's conversion when needed.

    kWh of natural gas become m³ through the calorific value; flight trips become
    passenger-km through the band's typical distance. Raises ValueError when the
    units can't meet (check_line reports it first).
    """
    target = parse_unit(factor.activity_unit)
    amount = quantity(line.amount, line.unit)
    if amount.dimensionality == target.dimensionality:
        return plain(amount.to(target).magnitude)
    if factor.conversion:
        conversion = parse_quantity(factor.conversion)
        for bridged in (amount * conversion, amount / conversion):
            if bridged.dimensionality == target.dimensionality:
                return plain(bridged.to(target).magnitude)
    raise ValueError(f"{line.unit} cannot be converted to {factor.activity_unit} for factor {factor.key}")


def without_sites(activity: YearActivity, *sites: str) -> YearActivity:
    """The activity without the lines of the given sites (a site sold or closed)."""
    return replace(activity, lines=tuple(line for line in activity.lines if line.site not in sites))


def with_lines(activity: YearActivity, *lines: ActivityLine) -> YearActivity:
    """The activity with lines added (a site bought, or a source now counted)."""
    return replace(activity, lines=activity.lines + tuple(lines))
