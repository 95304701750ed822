from decimal import Decimal

import pytest

from klimapartner.accounting.activity import (
    ActivityLine, Source, check_activity, default_factor_key, grid_area_for_postcode, to_factor_unit, with_lines,
    without_sites,
)
from tests.accounting.factories import D, line, make_factors, year


@pytest.fixture(scope="module")
def factors():
    return make_factors()


def messages(problems):
    return [(p.code, p.severity, str(p)) for p in problems]


def test_clean_activity_has_no_problems(factors):
    activity = year([line("electricity", "12", "MWh", variant="dk1"), line("district_heating", "40", "GJ"),
                     line("natural_gas", "800", "m³"), line("lpg", "11", "kg"), line("car_km", "3000", "km")])
    assert check_activity(activity, factors=factors) == []


def test_a_negative_amount_is_an_error():
    assert messages(check_activity(year([line("petrol", "-120", "l")]))) == [
        ("negative", "error", "line 1: petrol: the amount -120 l is negative")]


@pytest.mark.parametrize("source, unit, variant, expected", [
    ("electricity", "l", "dk1", "electricity (dk1) cannot be measured in l; use kWh or MWh"),
    ("diesel", "kWh", "", "diesel cannot be measured in kWh; use l"),
    ("lpg", "l", "", "lpg cannot be measured in l; use kg"),
    ("district_heating", "m3", "", "district_heating cannot be measured in m3; use kWh or MWh or GJ"),
    ("waste", "km", "residual", "waste (residual) cannot be measured in km; use tonne"),
    ("flight", "km", "short", "flight (short) cannot be measured in km; use pkm or trip"),
])
def test_a_unit_that_does_not_fit_the_source_is_an_error(source, unit, variant, expected):
    assert messages(check_activity(year([line(source, "10", unit, variant=variant)]))) == [
        ("unit_does_not_fit", "error", f"line 1: {expected}")]


def test_an_unknown_unit_and_a_missing_variant_are_errors():
    activity = year([line("diesel", "10", "gallons of hope"), line("waste", "2", "t"),
                     line("flight", "2", "trip", variant="very long")])
    assert messages(check_activity(activity)) == [
        ("unknown_unit", "error", "line 1: diesel: the unit 'gallons of hope' is not known"),
        ("missing_variant", "error", "line 2: waste: say which fraction it is"),
        ("unknown_variant", "error", "line 3: flight (very long): choose one of short, medium, long"),
    ]


def test_guarantees_of_origin_cannot_exceed_the_electricity_used():
    activity = year([line("electricity", "20", "MWh", variant="dk2", guarantees_kwh=D(25000))])
    assert messages(check_activity(activity)) == [(
        "guarantees_exceed_use", "error",
        "line 1: electricity (dk2): guarantees of origin for 25000 kWh exceed the 20000 kWh used")]


def test_a_hundred_times_last_year_is_flagged_both_ways():
    last = year([line("electricity", "150", "kWh", variant="dk1"), line("diesel", "3000", "l")], year=2023)
    now = year([line("electricity", "15", "MWh", variant="dk1"), line("diesel", "30", "l")])
    assert messages(check_activity(now, last)) == [
        ("jump_up", "warning",
         "electricity (dk1): 15000 kWh is 100 times last year's 150 kWh; check the unit and the figure"),
        ("jump_down", "warning", "diesel: 30 l is 1/100 of last year's 3000 l; check the unit and the figure"),
    ]


def test_a_tenfold_change_passes_quietly():
    last = year([line("diesel", "300", "l")], year=2023)
    assert check_activity(year([line("diesel", "2999", "l")]), last) == []


def test_natural_gas_in_cubic_metres_uses_the_calorific_value(factors):
    gas = factors.get("natural_gas")  # 56 kg/GJ, 40 MJ/m³
    assert to_factor_unit(line("natural_gas", "1000", "m3"), gas) == D(40)  # 1,000 m³ × 40 MJ = 40 GJ
    assert to_factor_unit(line("natural_gas", "10000", "kWh"), gas) == D(36)  # 10 MWh = 36 GJ


def test_flight_trips_use_the_bands_typical_distance(factors):
    assert to_factor_unit(line("flight", "3", "trip", variant="long"), factors.get("flight.long")) == D(21000)


def test_a_missing_factor_is_a_problem_when_a_set_is_given(factors):
    assert messages(check_activity(year([line("waste", "1", "t", variant="metal")]), factors=factors)) == [
        ("no_factor", "error", "line 1: waste (metal): the factor set Test 2024 (AR5) has no factor waste.metal")]


@pytest.mark.parametrize("postcode, area", [("9800", "dk1"), ("5000", "dk1"), ("4000", "dk2"), ("3700", "dk2"),
                                            ("2100", "dk2"), ("3900", ""), ("98", ""), ("", "")])
def test_the_grid_area_follows_the_postcode(postcode, area):
    assert grid_area_for_postcode(postcode) == area


def test_default_factor_keys():
    assert [default_factor_key(s, v) for s, v in [
        (Source.ELECTRICITY, "dk2"), (Source.ELECTRICITY, ""), (Source.DISTRICT_HEATING, ""),
        (Source.CAR_KM, ""), (Source.FLIGHT, "short"), (Source.WASTE, "food"), (Source.HVO, "")]] == [
        "electricity.location.dk2", "electricity.location.dk", "district_heating.national",
        "car_km.unknown_fuel", "flight.short", "waste.food", "hvo"]


def test_sites_can_be_removed_and_lines_added():
    activity = year([line("diesel", "1", "l", site="A"), line("diesel", "2", "l", site="B")])
    extra = ActivityLine(Source.PETROL, Decimal(3), "l", site="C")
    assert [l.site for l in with_lines(without_sites(activity, "A"), extra).lines] == ["B", "C"]


def test_lines_accept_what_a_form_or_database_hands_over():
    converted = ActivityLine("diesel", 0.1, "l", supplier_factor=2)
    assert (converted.source, converted.amount, converted.supplier_factor) == (Source.DIESEL, D("0.1"), D(2))
    assert messages(check_activity(year([ActivityLine("diesel", "ti", "l")]))) == [
        ("not_a_number", "error", "line 1: diesel: the amount 'ti' is not a number")]
    with pytest.raises(ValueError, match="'coal' is not a valid Source"):
        ActivityLine("coal", 1, "t")
