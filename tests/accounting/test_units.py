from decimal import Decimal

import pytest

from klimapartner.accounting.units import compatible, convert, normalise_unit, parse_quantity, parse_unit

D = Decimal


@pytest.mark.parametrize("amount, source, target, expected", [
    ("2.5", "MWh", "kWh", "2500"),
    ("36", "GJ", "MWh", "10"),
    ("1", "ton", "kg", "1000"),  # Danish ton is the metric tonne, not pint's short ton
    ("1", "t", "kg", "1000"),
    ("1000", "l", "m³", "1"),
    ("250", "liter", "m3", "0.25"),
    ("1", "Nm3", "m3", "1"),
    ("1", "tCO2e", "kg_CO2e", "1000"),
    ("1", "EUR", "DKK", "7.46"),
])
def test_it_converts_the_units_danish_accounts_use(amount, source, target, expected):
    assert convert(D(amount), source, target) == D(expected)


def test_emissions_and_masses_never_mix():
    assert not compatible("kg CO2e", "kg")
    assert compatible("kg CO2e", "t CO2e")
    with pytest.raises(ValueError, match="l cannot be converted to kWh"):
        convert(D(1), "l", "kWh")


def test_spellings_are_normalised():
    assert normalise_unit("kg CO2e/kWh") == "kg_CO2e/kWh"
    assert normalise_unit("ton CO2e") == "t_CO2e"
    assert str(parse_unit("kg CO2-e/m³")) == "kg_CO2e / meter ** 3"
    assert parse_quantity("39,6 MJ/m3").magnitude == D("39.6")


def test_an_unknown_unit_is_named():
    with pytest.raises(ValueError, match="unknown unit 'barrels of sunshine'"):
        parse_unit("barrels of sunshine")


@pytest.mark.parametrize("typed, unit", [("kwh", "kWh"), ("KWH", "kWh"), ("Mwh", "MWh"), ("gj", "GJ"), ("KG", "kg"),
                                         ("Ton", "tonne"), ("LITER", "l"), ("M3", "m3"), ("nætter", "night")])
def test_units_are_read_the_way_people_type_them(typed, unit):
    from klimapartner.accounting.units import parse_unit

    assert parse_unit(typed) == parse_unit(unit)


def test_plain_never_raises_on_a_huge_number():
    from decimal import Decimal

    from klimapartner.accounting.units import plain

    assert plain(Decimal("1E+40")) == Decimal("1E+40")
