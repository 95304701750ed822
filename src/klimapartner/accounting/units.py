"""The package's one unit registry, with the units Danish climate accounts use.

Quantities are Decimal throughout: an account is a sum of products that a
coordinator checks by hand against invoices, so 0.1 + 0.2 must be 0.3, and the
same input must give the same last digit on every machine.
"""

from decimal import Decimal
from functools import lru_cache

import pint

# Spellings partners and spreadsheets use, mapped to what pint parses.
# "ton" is a metric tonne in Danish; pint's "ton" is the US short ton.
_SPELLINGS = {
    "ton": "tonne",
    "tons": "tonne",
    "tonnes": "tonne",
    "t": "tonne",
    "liter": "liter",
    "litre": "liter",
    "litres": "liter",
    "l": "liter",
    "m3": "m**3",
    "m³": "m**3",
    "nm3": "Nm3",
    "nm³": "Nm3",
    "km": "km",
    "pkm": "pkm",
    "personkm": "pkm",
    "passenger-km": "pkm",
    "passenger_km": "pkm",
    "kr": "DKK",
    "kr.": "DKK",
    "dkk": "DKK",
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """Return the package's unit registry (built once)."""
    ureg = pint.UnitRegistry(non_int_type=Decimal, autoconvert_offset_to_baseunit=False)
    # Emissions get their own dimension so kg of CO2e never adds to kg of LPG.
    ureg.define("kg_CO2e = [co2e] = kgCO2e")
    ureg.define("g_CO2e = 0.001 kg_CO2e = gCO2e")
    ureg.define("t_CO2e = 1000 kg_CO2e = tCO2e")
    # A passenger-km is not a vehicle-km: a flight is counted per seat.
    ureg.define("passenger_km = [passenger_distance] = pkm")
    ureg.define("trip = [trip]")
    # Normal cubic metre of gas (0 °C, 1 atm); a volume like any other here,
    # the energy comes from the calorific value on the factor.
    ureg.define("Nm3 = meter ** 3")
    ureg.define("DKK = [currency]")
    ureg.define("EUR = 7.46 DKK")
    return ureg


def normalise_unit(text: str) -> str:
    """Turn a unit as partners write it ("m³", "ton", "MWh") into pint syntax."""
    cleaned = (text or "").strip()
    cleaned = cleaned.replace("CO2-e", "CO2e").replace("CO₂e", "CO2e").replace("CO2eq", "CO2e")
    for prefix, unit in (("kg CO2e", "kg_CO2e"), ("g CO2e", "g_CO2e"), ("t CO2e", "t_CO2e"),
                         ("ton CO2e", "t_CO2e"), ("tonne CO2e", "t_CO2e")):
        if cleaned.startswith(prefix):
            cleaned = unit + cleaned[len(prefix):]
            break
    if "/" in cleaned:
        top, _, bottom = cleaned.partition("/")
        return f"{normalise_unit(top)}/{normalise_unit(bottom)}" if top.strip() else cleaned
    return _SPELLINGS.get(cleaned.lower(), cleaned.replace("³", "**3").replace("²", "**2"))


def parse_unit(text: str) -> pint.Unit:
    """Parse a unit; raise ValueError with the unit in the message when unknown."""
    return _parse_unit(text if isinstance(text, str) else repr(text))


@lru_cache(maxsize=512)
def _parse_unit(text: str) -> pint.Unit:
    # pint's parser dominates the time of an account; a few dozen spellings recur.
    try:
        return registry().parse_units(normalise_unit(text))
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError,
            AttributeError, TypeError, ValueError, AssertionError) as exc:
        raise ValueError(f"unknown unit {text!r}") from exc


def parse_quantity(text: str) -> pint.Quantity:
    """Parse "39.6 MJ/m3" into a Decimal quantity; raise ValueError when it isn't one."""
    number, _, unit = (text or "").strip().partition(" ")
    try:
        magnitude = Decimal(number.replace(",", "."))
    except ArithmeticError as exc:
        raise ValueError(f"not a quantity: {text!r} (expected a number, a space and a unit)") from exc
    return registry().Quantity(magnitude, parse_unit(unit))


def quantity(amount: Decimal, unit: str) -> pint.Quantity:
    """A Decimal quantity in a unit given as text."""
    return registry().Quantity(Decimal(amount), parse_unit(unit))


def plain(value) -> Decimal:
    """The same number without exponent or trailing zeros: 1.00E+5 -> 100000, 2.50 -> 2.5."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def convert(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert an amount between compatible units; raise ValueError if they don't fit."""
    q = quantity(amount, from_unit)
    try:
        return plain(q.to(parse_unit(to_unit)).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise ValueError(f"{from_unit} cannot be converted to {to_unit}") from exc


def compatible(unit_a: str, unit_b: str) -> bool:
    """Whether two units measure the same kind of thing."""
    try:
        return parse_unit(unit_a).dimensionality == parse_unit(unit_b).dimensionality
    except ValueError:
        return False
