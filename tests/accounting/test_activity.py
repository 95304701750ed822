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
    return [(p.code, p.field, p.severity, str(p)) for p in problems]


def test_clean_activity_has_no_problems(factors):
    activity = year([line("electricity", "12", "MWh", variant="dk1"), line("district_heating", "40", "GJ"),
                     line("natural_gas", "800", "m³"), line("lpg", "11", "kg"), line("car_km", "3000", "km")])
    assert check_activity(activity, factors=factors) == []


def test_a_negative_amount_is_an_error_on_the_amount():
    (problem,) = check_activity(year([line("petrol", "-120", "l")]))
    assert (problem.code, problem.field, problem.line, problem.params) == (
        "negative", "amount", 0, {"source": "petrol", "variant": "", "field": "amount", "value": D(-120), "unit": "l"})
    assert str(problem) == "line 1: petrol: amount -120 is negative"


@pytest.mark.parametrize("source, unit, variant, expected", [
    ("electricity", "l", "dk1", "electricity cannot be measured in l; use kWh, MWh"),
    ("diesel", "kWh", "", "diesel cannot be measured in kWh; use l"),
    ("lpg", "l", "", "lpg cannot be measured in l; use kg"),
    ("district_heating", "m3", "", "district_heating cannot be measured in m3; use kWh, MWh, GJ"),
    ("waste", "km", "residual", "waste cannot be measured in km; use tonne, kg"),
    ("flight", "km", "short", "flight cannot be measured in km; use pkm, trip"),
    ("hotel", "kWh", "dk", "hotel cannot be measured in kWh; use night"),
])
def test_a_unit_that_does_not_fit_the_source_is_an_error(source, unit, variant, expected):
    assert messages(check_activity(year([line(source, "10", unit, variant=variant)]))) == [
        ("unit_does_not_fit", "unit", "error", f"line 1: {expected}")]


def test_an_unknown_unit_and_a_missing_variant_are_errors():
    activity = year([line("diesel", "10", "gallons of hope"), line("waste", "2", "t"),
                     line("flight", "2", "trip", variant="very long"), line("refrigerant", "2", "kg", variant="R-999")])
    assert [(p.code, p.field, p.line) for p in check_activity(activity)] == [
        ("unknown_unit", "unit", 0), ("missing_variant", "variant", 1), ("unknown_variant", "variant", 2),
        ("unknown_variant", "variant", 3)]


@pytest.mark.parametrize("unit", ["kwh", "KWH", "Kwh", "kWh"])
def test_units_are_read_whatever_their_case(unit, factors):
    assert check_activity(year([line("electricity", "1000", unit, variant="dk1")]), factors=factors) == []
    assert check_activity(year([line("district_heating", "2", "Mwh"), line("lpg", "3", "KG")]), factors=factors) == []


def test_certificates_cannot_exceed_the_energy_used(factors):
    activity = year([line("electricity", "20", "MWh", variant="dk2", guarantees_kwh=D(25000))])
    assert messages(check_activity(activity, factors=factors)) == [(
        "guarantees_exceed_use", "guarantees_kwh", "error",
        "line 1: electricity: certificates for 25000 kWh exceed the 20000 kWh used")]


def test_certificates_and_supplier_factors_are_refused_where_they_mean_nothing():
    activity = year([line("diesel", "100", "l", guarantees_kwh=D(10)),
                     line("flight", "1", "trip", variant="short", supplier_factor=D("0.1"))])
    assert [(p.code, p.field) for p in check_activity(activity)] == [
        ("guarantees_not_applicable", "guarantees_kwh"), ("supplier_factor_not_applicable", "supplier_factor")]


def test_electricity_without_a_grid_area_asks_for_it(factors):
    (problem,) = check_activity(year([line("electricity", "1000", "kWh")]), factors=factors)
    assert (problem.code, problem.field, problem.severity) == ("grid_area_unknown", "variant", "warning")


def test_a_hundred_times_last_year_is_flagged_both_ways():
    last = year([line("electricity", "150", "kWh", variant="dk1"), line("diesel", "3000", "l")], year=2023)
    now = year([line("electricity", "15", "MWh", variant="dk1"), line("diesel", "30", "l")])
    problems = check_activity(now, last)
    assert [(p.code, p.severity, p.params) for p in problems] == [
        ("jump_up", "warning", {"source": "electricity", "variant": "dk1", "amount": D(15000), "last": D(150),
                                "unit": "kWh", "ratio": D(100)}),
        ("jump_down", "warning", {"source": "diesel", "variant": "", "amount": D(30), "last": D(3000), "unit": "l",
                                  "ratio": D(100)}),
    ]
    assert problems[0].message == (
        "electricity: 15000 kWh is 100 times last year's 150 kWh; check the unit and the figure")


def test_a_tenfold_change_passes_quietly():
    last = year([line("diesel", "300", "l")], year=2023)
    assert check_activity(year([line("diesel", "2999", "l")]), last) == []


def test_natural_gas_in_cubic_metres_uses_the_calorific_value(factors):
    gas = factors.get("natural_gas")  # 56 kg/GJ, 40 MJ/m³
    assert to_factor_unit(line("natural_gas", "1000", "m3"), gas) == D(40)  # 1,000 m³ × 40 MJ = 40 GJ
    assert to_factor_unit(line("natural_gas", "10000", "kWh"), gas) == D(36)  # 10 MWh = 36 GJ


def test_a_factor_per_cubic_metre_takes_kwh_through_the_calorific_value():
    from klimapartner.accounting.factors import default_factor_set

    gas = default_factor_set(2023).get("natural_gas")  # Evida: per m³; Gasnet: 39.6 MJ per m³
    assert to_factor_unit(line("natural_gas", "11000", "kWh"), gas) == D(1000)  # 11,000 kWh = 39,600 MJ = 1,000 m³


def test_flight_trips_use_the_bands_typical_distance(factors):
    assert to_factor_unit(line("flight", "3", "trip", variant="long"), factors.get("flight.long")) == D(21000)


def test_a_missing_factor_is_a_problem_when_a_set_is_given(factors):
    (problem,) = check_activity(year([line("waste", "1", "t", variant="metal")]), factors=factors)
    assert (problem.code, problem.field, problem.params["key"], problem.params["factor_set"]) == (
        "no_factor", "variant", "waste.metal", "Test 2024 (AR5)")


@pytest.mark.parametrize("postcode, area", [("9800", "dk1"), ("5000", "dk1"), ("4000", "dk2"), ("3700", "dk2"),
                                            ("2100", "dk2"), ("3900", ""), ("98", ""), ("", ""), (9760, "dk1")])
def test_the_grid_area_follows_the_postcode(postcode, area):
    assert grid_area_for_postcode(postcode) == area


def test_default_factor_keys():
    assert [default_factor_key(s, v) for s, v in [
        (Source.ELECTRICITY, "dk2"), (Source.ELECTRICITY, ""), (Source.DISTRICT_HEATING, ""),
        (Source.CAR_KM, ""), (Source.CAR_KM, "diesel"), (Source.FLIGHT, "short"), (Source.WASTE, "food"),
        (Source.HVO, ""), (Source.FERRY, ""), (Source.HOTEL, ""), (Source.REFRIGERANT, "r410a"), ("nonsense", "")]] == [
        "electricity.location.dk2", "electricity.location.dk", "district_heating.national",
        "car_km.unknown", "car_km.diesel", "flight.short", "waste.food", "hvo", "ferry.foot_passenger", "hotel.dk",
        "refrigerant.R-410A", ""]


def test_sites_can_be_removed_and_lines_added():
    activity = year([line("diesel", "1", "l", site="A"), line("diesel", "2", "l", site="B")])
    extra = ActivityLine(Source.PETROL, Decimal(3), "l", site="C")
    assert [l.site for l in with_lines(without_sites(activity, "A"), extra).lines] == ["B", "C"]


def test_lines_accept_what_a_form_or_database_hands_over():
    converted = ActivityLine("diesel", 0.1, "l", supplier_factor=2)
    assert (converted.source, converted.amount, converted.supplier_factor) == (Source.DIESEL, D("0.1"), D(2))
    assert [(p.code, p.field, p.params["value"]) for p in check_activity(year([ActivityLine("diesel", "ti", "l")]))] \
        == [("not_a_number", "amount", "ti")]


@pytest.mark.parametrize("bad", [
    ActivityLine("uranium", 1, "t"),
    ActivityLine("diesel", Decimal("1E+28"), "l"),
    ActivityLine("diesel", Decimal("NaN"), "l"),
    ActivityLine("electricity", 10, "kWh", variant="dk1", supplier_factor=Decimal("NaN")),
    ActivityLine("electricity", 10, "kWh", variant="dk1", guarantees_kwh=Decimal("sNaN")),
    ActivityLine("electricity", 10, "kWh", variant="dk1", guarantees_kwh="lots"),
    ActivityLine("electricity", 10, "kWh", variant="dk1", guarantees_kwh=[1]),
    ActivityLine("diesel", 10, None),
    ActivityLine("diesel", 10, 42),
    ActivityLine("diesel", float("inf"), "l"),
])
def test_no_line_makes_the_check_raise(bad, factors):
    problems = check_activity(year([bad]), factors=factors)
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].code in ("unknown_source", "out_of_range", "not_a_number", "unknown_unit")


def test_employees_that_are_not_a_number_are_a_finding():
    assert [(p.code, p.field) for p in check_activity(year([], employees=None).__class__(
        "p", 2024, (), Decimal("NaN")))] == [("employees_not_a_number", "employees")]
