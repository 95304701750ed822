"""The package's one unit registry, with the units Danish climate accounts use.

Quantities are Decimal throughout: an account is a sum of products that a
coordinator checks by hand against invoices, so 0.1 + 0.2 must be 0.3, and the
same input must give the same last digit on every machine.

Units are read as people type them: "kwh", "KWH" and "Mwh" are kWh and MWh
(nobody reports milliwatt-hours), "ton" is a metric tonne, "liter" a litre.
"""

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pint

# Spellings partners and spreadsheets use (lower case), mapped to what pint parses.
# "ton" is a metric tonne in Danish; pint's "ton" is the US short ton, and "T" is a tesla.
_SPELLINGS = {
    "wh": "Wh", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "j": "J", "kj": "kJ", "mj": "MJ", "gj": "GJ", "tj": "TJ",
    "g": "g", "gram": "g", "kg": "kg", "kilo": "kg",
    "t": "tonne", "ton": "tonne", "tons": "tonne", "tonne": "tonne", "tonnes": "tonne", "tonnes.": "tonne",
    "l": "liter", "ltr": "liter", "liter": "liter", "litre": "liter", "litres": "liter", "liters": "liter",
    "m3": "m**3", "m³": "m**3", "kubikmeter": "m**3",
    "nm3": "Nm3", "nm³": "Nm3", "normalkubikmeter": "Nm3",
    "km": "km", "kilometer": "km",
    "pkm": "pkm", "personkm": "pkm", "person-km": "pkm", "passenger-km": "pkm", "passenger_km": "pkm",
    "passenger.km": "pkm",
    "trip": "trip", "trips": "trip", "tur": "trip", "ture": "trip", "rejse": "trip", "rejser": "trip",
    "night": "night", "nights": "night", "nat": "night", "nætter": "night", "overnatning": "night",
    "overnatninger": "night", "hotelnat": "night", "hotelnætter": "night", "room-night": "night",
    "kr": "DKK", "kr.": "DKK", "dkk": "DKK", "eur": "EUR", "euro": "EUR",
}

_CO2E_SPELLINGS = {"co2e": "", "co2-e": "", "co₂e": "", "co2eq": "", "co2-eq": "", "co2": ""}
_MASS_CO2E = {"g": "g_CO2e", "kg": "kg_CO2e", "t": "t_CO2e", "ton": "t_CO2e", "tonne": "t_CO2e", "tons": "t_CO2e",
              "g_co2e": "g_CO2e", "kg_co2e": "kg_CO2e", "t_co2e": "t_CO2e", "kgco2e": "kg_CO2e", "gco2e": "g_CO2e",
              "tco2e": "t_CO2e"}

# Above this an amount is no real partner's (a million GWh); it also keeps Decimal far from its 28 digits.
LARGEST_AMOUNT = Decimal("1e15")


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """Return the package's unit registry (built once)."""
    ureg = pint.UnitRegistry(non_int_type=Decimal, autoconvert_offset_to_baseunit=False)
    # Emissions get their own dimension so kg of CO2e never adds to kg of LPG.
    ureg.define("kg_CO2e = [co2e] = kgCO2e")
    ureg.define("g_CO2e = 0.001 kg_CO2e = gCO2e")
    ureg.define("t_CO2e = 1000 kg_CO2e = tCO2e")
    # A passenger-km is not a vehicle-km: a flight or a train journey is counted per seat.
    ureg.define("passenger_km = [passenger_distance] = pkm")
    ureg.define("trip = [trip]")
    ureg.define("night = [night]")  # a hotel room for one night
    # Normal cubic metre of gas (0 °C, 1 atm); a volume like any other here,
    # the energy comes from the calorific value on the factor.
    ureg.define("Nm3 = meter ** 3")
    ureg.define("DKK = [currency]")
    ureg.define("EUR = 7.46 DKK")
    return ureg


def normalise_unit(text: str) -> str:
    """Turn a unit as partners write it ("m³", "ton", "MWH", "kg CO2e/kWh") into pint syntax ("" for no text)."""
    if not isinstance(text, str):
        return ""
    cleaned = " ".join(text.split())
    if "/" in cleaned:
        top, _, bottom = cleaned.partition("/")
        if not top.strip() or not bottom.strip():
            return cleaned
        return f"{normalise_unit(top)}/{normalise_unit(bottom)}"
    lower = cleaned.lower()
    words = lower.replace("_", " ").split()
    if len(words) == 2 and words[1] in _CO2E_SPELLINGS and words[0] in _MASS_CO2E:
        return _MASS_CO2E[words[0]]
    if lower in _MASS_CO2E and "co2e" in lower:
        return _MASS_CO2E[lower]
    if lower in _SPELLINGS:
        return _SPELLINGS[lower]
    return cleaned.replace("³", "**3").replace("²", "**2")


def parse_unit(text: str) -> pint.Unit:
    """Parse a unit; raise ValueError with the unit in the message when unknown."""
    return _parse_unit(text if isinstance(text, str) else repr(text))


@lru_cache(maxsize=512)
def _parse_unit(text: str) -> pint.Unit:
    # pint's parser dominates the time of an account; a few dozen spellings recur.
    try:
        unit = registry().parse_units(normalise_unit(text))
    except Exception as exc:  # pint's parser raises many kinds (a lone "{" gives tokenize.TokenError)
        raise ValueError(f"unknown unit {text!r}") from exc
    if not text.strip():
        raise ValueError("no unit")
    return unit


def is_unit(text) -> bool:
    try:
        parse_unit(text)
    except ValueError:
        return False
    return True


def parse_quantity(text: str) -> pint.Quantity:
    """Parse "39.6 MJ/m3" into a Decimal quantity; raise ValueError when it isn't one."""
    if not isinstance(text, str):
        raise ValueError(f"not a quantity: {text!r} (expected a number, a space and a unit)")
    number, _, unit = text.strip().partition(" ")
    try:
        magnitude = Decimal(number.replace(",", "."))
    except (ArithmeticError, ValueError) as exc:
        raise ValueError(f"not a quantity: {text!r} (expected a number, a space and a unit)") from exc
    if not magnitude.is_finite():
        raise ValueError(f"not a quantity: {text!r} (expected a number, a space and a unit)")
    return registry().Quantity(magnitude, parse_unit(unit))


def quantity(amount: Decimal, unit: str) -> pint.Quantity:
    """A Decimal quantity in a unit given as text; ValueError when either is not one."""
    return registry().Quantity(_number(amount), parse_unit(unit))


def _number(value) -> Decimal:
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (ArithmeticError, TypeError, ValueError) as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    return number


def plain(value) -> Decimal:
    """The same number without exponent or trailing zeros: 1.00E+5 -> 100000, 2.50 -> 2.5.

    Never raises for a finite Decimal, however large (quantize would beyond 28 digits); ValueError for what is
    not a number at all.
    """
    value = _number(value)
    if not value.is_finite():
        return value
    try:
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
    except InvalidOperation:
        return value  # more digits than the context holds: leave it as it is
    return value.normalize()


def convert(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert an amount between compatible units; raise ValueError if they don't fit."""
    q = quantity(amount, from_unit)
    try:
        return plain(q.to(parse_unit(to_unit)).magnitude)
    except (pint.errors.DimensionalityError, ArithmeticError, TypeError) as exc:
        raise ValueError(f"{from_unit} cannot be converted to {to_unit}") from exc


def compatible(unit_a: str, unit_b: str) -> bool:
    """Whether two units measure the same kind of thing."""
    try:
        return parse_unit(unit_a).dimensionality == parse_unit(unit_b).dimensionality
    except ValueError:
        return False
