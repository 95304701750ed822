import pytest

from decimal import Decimal

from klimapartner.accounting.activity import ActivityLine, without_sites
from klimapartner.accounting.factors import Factor, Reference, default_factor_set
from klimapartner.accounting.inventory import Scope2Method, compute_inventory, recalculate_base_year, set_base_year
from tests.accounting.factories import D, TEST_FACTORS_CSV, line, make_factors, year


@pytest.fixture(scope="module")
def factors():
    return make_factors()


def carpenter_2024():
    """A carpenter's workshop in Vrå (DK1), ten employees, every kind of activity once."""
    return year([
        line("electricity", "80", "MWh", variant="dk1", guarantees_kwh=D(30000)),
        line("district_heating", "360", "GJ"),
        line("natural_gas", "2500", "m3"),
        line("heating_oil", "1000", "l"),
        line("diesel", "4000", "liter"),
        line("petrol", "500", "l"),
        line("hvo", "2000", "l"),
        line("lpg", "150", "kg"),
        line("van_km", "10000", "km"),
        line("flight", "4", "trip", variant="medium"),
        line("flight", "1200", "pkm", variant="short"),
        line("waste", "3", "ton", variant="residual"),
        line("waste", "500", "kg", variant="plastic"),
        line("spend", "100000", "DKK", variant="services"),
    ], employees=10)


def test_it_computes_a_year_by_scope_and_category_by_hand(factors):
    inv = compute_inventory(carpenter_2024(), factors)
    # Scope 1
    natural_gas = D(2500) * D(40) / 1000 * D(56)  # 2,500 m³ × 40 MJ/m³ = 100 GJ × 56 kg/GJ = 5,600 kg
    heating_oil = D(1000) * D("2.5")  # 2,500
    lpg = D(150) * D(3)  # 450
    diesel = D(4000) * D("2.5")  # 10,000
    petrol = D(500) * D("2.2")  # 1,100
    hvo = D(2000) * D("0.04")  # 80
    van = D(10000) * D("0.25")  # 2,500
    assert inv.by_category()["1.stationary_combustion"] == natural_gas + heating_oil + lpg == D(8550)
    assert inv.by_category()["1.mobile_combustion"] == diesel + petrol + hvo + van == D(13680)
    assert inv.scope1 == D(22230)
    # Scope 2: 80 MWh = 80,000 kWh; heat 360 GJ = 100,000 kWh
    assert inv.scope2_location == D(80000) * D("0.1") + D(100000) * D("0.05") == D(13000)
    # market: 30,000 kWh with guarantees of origin at 0, the other 50,000 kWh at the residual mix 0.5
    assert inv.scope2_market == D(30000) * 0 + D(50000) * D("0.5") + D(5000) == D(30000)
    # Scope 3: flights 4 × 2,000 pkm × 0.15 + 1,200 pkm × 0.25; waste 3 t × 400 + 0.5 t × 20; spend 100,000 × 0.03
    assert inv.by_category()["3.6_business_travel"] == D(1200) + D(300)
    assert inv.by_category()["3.5_waste"] == D(1200) + D(10)
    assert inv.by_category()["3.1_purchased_goods"] == D(3000)
    assert inv.scope3 == D(5710)
    assert inv.total("location") == D(40940)
    assert inv.total("market") == D(57940)
    assert inv.by_scope("market") == {1: D(22230), 2: D(30000), 3: D(5710)}
    assert inv.per_employee() == D("4094")
    assert inv.per_employee("market") == D("5794")


def test_it_states_the_factor_set_and_the_provisional_factors_used(factors):
    inv = compute_inventory(carpenter_2024(), factors)
    assert inv.factor_set == "Test 2024 (AR5)"
    assert inv.provisional_factors == ("district_heating.national",)


def test_each_line_shows_its_arithmetic(factors):
    inv = compute_inventory(carpenter_2024(), factors)
    gas = next(e for e in inv.lines if e.source == "natural_gas")
    assert (gas.activity_amount, gas.activity_unit, gas.factor_value, gas.factor_unit, gas.kg_co2e) == (
        D(100), "GJ", D(56), "kg CO2e/GJ", D(5600))
    electricity = [(e.method, e.factor_key, e.activity_amount, e.kg_co2e) for e in inv.lines if e.source == "electricity"]
    assert electricity == [
        ("location", "electricity.location.dk1", D(80000), D(8000)),
        ("market", "electricity.market.guarantee_of_origin", D(30000), D(0)),
        ("market", "electricity.market.residual_mix", D(50000), D(25000)),
    ]


def test_market_based_uses_the_suppliers_declaration_before_the_residual_mix(factors):
    activity = year([
        line("electricity", "50000", "kWh", variant="dk2", guarantees_kwh=D(10000), supplier_factor=D("0.2")),
        line("district_heating", "20", "MWh", supplier_factor=D("0.03")),
    ])
    inv = compute_inventory(activity, factors)
    assert inv.scope2_location == D(50000) * D("0.08") + D(20000) * D("0.05") == D(5000)
    assert inv.scope2_market == D(10000) * 0 + D(40000) * D("0.2") + D(20000) * D("0.03") == D(8600)


def test_electricity_without_grid_area_uses_the_national_declaration_and_says_so(factors):
    inv = compute_inventory(year([line("electricity", "1000", "kWh")]), factors)
    assert inv.scope2_location == D(90)
    assert inv.scope2_market == D(500)
    assert [(p.code, p.severity) for p in inv.problems] == [("grid_area_unknown", "warning")]


def test_a_line_can_point_to_the_local_utilitys_declaration(factors):
    local = Factor("district_heating.hjoerring", D("0.020"), "kg CO2e/kWh", 2, "2.heat",
                   Reference("Hjørring Varmeforsyning", "Varmedeklaration 2024"))
    inv = compute_inventory(year([line("district_heating", "10", "MWh", factor_key="district_heating.hjoerring")]),
                            factors.with_factors(local))
    assert (inv.scope2_location, inv.scope2_market) == (D(200), D(200))


def test_activity_with_errors_gives_an_inventory_that_is_not_ok_and_lists_every_error(factors):
    inv = compute_inventory(year([line("electricity", "100", "l", variant="dk1"), line("diesel", "-5", "l")]), factors)
    assert (inv.ok, inv.lines, inv.total()) == (False, (), D(0))
    assert [(p.code, p.line) for p in inv.errors] == [("unit_does_not_fit", 0), ("negative", 1)]


def test_a_hundredfold_jump_travels_as_a_warning_on_the_result(factors):
    last = year([line("diesel", "400", "l")], year=2023)
    inv = compute_inventory(year([line("diesel", "40000", "l")]), factors, previous=last)
    assert [(p.code, p.severity, p.message) for p in inv.warnings] == [
        ("jump_up", "warning", "diesel: 40000 l is 100 times last year's 400 l; check the unit and the figure")]


def test_a_missing_factor_is_named(factors):
    inv = compute_inventory(year([line("waste", "1", "t", variant="glass")]), factors)
    assert str(inv.errors[0]) == "line 1: waste: the factor set Test 2024 (AR5) has no factor waste.glass"


def test_the_scope_2_method_is_an_enum_and_an_unknown_name_is_refused(factors):
    inv = compute_inventory(carpenter_2024(), factors)
    assert inv.total(Scope2Method.MARKET) == inv.total("market") == D(57940)
    for wrong in ("market-based", "Market", ""):
        with pytest.raises(ValueError):
            inv.total(wrong)
        with pytest.raises(ValueError):
            inv.by_category(wrong)


def test_a_supplier_factor_on_gas_replaces_the_default(factors):
    # 1,000 m³ × 40 MJ = 40 GJ = 11,111.1… kWh at the supplier's 0.18 kg/kWh
    inv = compute_inventory(year([line("natural_gas", "1000", "m3", supplier_factor=D("0.18"))]), factors)
    (gas,) = inv.lines
    assert (gas.scope, gas.factor_key, gas.kg_co2e.quantize(D("0.001"))) == (1, "supplier", D("2000.000"))


def bio_factors():
    return make_factors(TEST_FACTORS_CSV.replace(
        ",conversion\n", ",conversion,factor_year,biogenic_value\n", 1).replace(
        "Test,2024,AR5,hvo,0.04,kg CO2e/l,1,1.mobile_combustion,Energistyrelsen,Standardfaktorer,,,no,,\n",
        "Test,2024,AR5,hvo,0.04,kg CO2e/l,1,1.mobile_combustion,Energistyrelsen,Standardfaktorer,,,no,,,,2.5\n"
        "Test,2024,AR5,biogas,0.01,kg CO2e/m3,1,1.stationary_combustion,Evida,Biogas,,,no,,40 MJ/m**3,,2\n"
        "Test,2024,AR5,upstream.diesel,0.6,kg CO2e/l,3,3.3_fuel_and_energy,DESNZ,WTT,,,no,,\n"
        "Test,2024,AR5,upstream.electricity,0.03,kg CO2e/kWh,3,3.3_fuel_and_energy,Test,,,,no,,\n"))


def test_biogenic_co2_is_reported_outside_the_scopes():
    inv = compute_inventory(year([line("hvo", "1000", "l"), line("diesel", "100", "l")]), bio_factors())
    assert inv.biogenic == D(2500)  # 1,000 l × 2.5 kg biogenic CO2, in no scope and no total
    assert inv.scope1 == D(1000) * D("0.04") + D(100) * D("2.5") == D(290)
    assert inv.total() == D(290) + D(60)  # scope 1 + the diesel's well-to-tank in 3.3


def test_gas_with_biogas_certificates_counts_the_certified_share_as_biogas():
    # 1,000 m³ × 40 MJ = 11,111.1 kWh; certificates cover 5,555.55… kWh, half of it
    kwh = D(1000) * D(40) / D("3.6")
    inv = compute_inventory(year([line("natural_gas", "1000", "m3", guarantees_kwh=kwh / 2)]), bio_factors())
    assert [(e.factor_key, e.activity_amount.quantize(D("0.001"))) for e in inv.lines] == [
        ("biogas", D("500.000")), ("natural_gas", D("20.000"))]
    assert inv.scope1.quantize(D("0.001")) == (D(500) * D("0.01") + D(20) * D(56)).quantize(D("0.001"))
    assert inv.biogenic.quantize(D("0.001")) == D("1000.000")


def test_scope_3_category_3_holds_the_upstream_of_fuels_and_electricity():
    inv = compute_inventory(year([line("diesel", "1000", "l"), line("electricity", "10", "MWh", variant="dk1")]),
                            bio_factors())
    assert inv.by_category()["3.3_fuel_and_energy"] == D(1000) * D("0.6") + D(10000) * D("0.03") == D(900)
    assert inv.by_category("market")["3.3_fuel_and_energy"] == D(900)  # upstream is the same for both methods


def test_refrigerant_leaks_use_the_sets_gwp_table():
    leak = [line("refrigerant", "2.5", "kg", variant="r410a"), line("refrigerant", "1", "kg", variant="R-134a")]
    ar5 = compute_inventory(year(leak), make_factors())
    ar6 = compute_inventory(year(leak), make_factors(TEST_FACTORS_CSV.replace(",AR5,", ",AR6,")))
    # R-410A = 50 % R-32 + 50 % R-125: AR5 (677 + 3170) / 2 = 1923.5, AR6 (771 + 3740) / 2 = 2255.5
    assert ar5.by_category()["1.fugitive"] == D("2.5") * D("1923.5") + D(1300) == D("6108.75")
    assert ar6.by_category()["1.fugitive"] == D("2.5") * D("2255.5") + D(1530) == D("7168.75")
    assert [e.factor_key for e in ar6.lines] == ["gwp.AR6.R-410A", "gwp.AR6.R-134a"]


def test_new_sources_are_computed():
    factors = default_factor_set(2024)
    inv = compute_inventory(year([
        line("train", "1000", "pkm"), line("ferry", "100", "pkm", variant="car_passenger"),
        line("hotel", "3", "nætter"), line("car_km", "1000", "km", variant="diesel"),
        line("wood_pellets", "2", "t"), line("coal", "500", "kg"),
    ]), factors)
    by_key = {e.factor_key: e.kg_co2e for e in inv.lines if not e.factor_key.startswith("upstream")}
    assert by_key == {
        "train": D(1000) * factors.get("train").value, "ferry.car_passenger": 100 * factors.get("ferry.car_passenger").value,
        "hotel.dk": 3 * factors.get("hotel.dk").value, "car_km.diesel": 1000 * factors.get("car_km.diesel").value,
        "wood_pellets": 2 * factors.get("wood_pellets").value, "coal": D("0.5") * factors.get("coal").value,
    }
    assert inv.biogenic == 2 * factors.get("wood_pellets").biogenic


def test_each_year_uses_the_factors_for_that_year_or_the_nearest_and_says_so():
    factors = default_factor_set()
    gas = [line("natural_gas", "1000", "m3")]
    assert compute_inventory(year(gas, year=2021), factors).scope1 == D("2196.6")  # Evida 2021: 2,1966 kg/m³
    assert compute_inventory(year(gas, year=2023), factors).scope1 == D("2262.7")  # Evida 2023: 2,2627 kg/m³
    later = compute_inventory(year(gas, year=2025), factors)
    assert later.scope1 == D("2262.7")  # nothing newer than 2023: the latest earlier year
    assert [(p.code, p.params) for p in later.notes] == [
        ("factor_year_differs", {"key": "natural_gas", "factor_year": 2023, "year": 2025}),
        ("factor_year_differs", {"key": "upstream.natural_gas", "factor_year": 2026, "year": 2025})]
    earlier = compute_inventory(year(gas, year=2019), factors)
    assert earlier.scope1 == D("2198.6")  # nothing older than 2020: the earliest later year


@pytest.mark.parametrize("bad", [
    ActivityLine("diesel", Decimal("1E+28"), "l"), ActivityLine("diesel", Decimal("9E+999999"), "l"),
    ActivityLine("electricity", 100, "kWh", variant="dk1", supplier_factor=Decimal("NaN")),
    ActivityLine("electricity", 100, "kWh", variant="dk1", guarantees_kwh="text"),
    ActivityLine("refrigerant", 1, "kg", variant=""), ActivityLine("hotel", 1, "night", variant="moon"),
])
def test_no_input_makes_the_core_raise(bad, factors):
    inv = compute_inventory(year([bad], employees=None), factors)
    assert not inv.ok and inv.total() == 0
    nan_staff = compute_inventory(year([line("diesel", "1", "l")]).__class__("p", 2024, (), Decimal("NaN")), factors)
    assert [p.code for p in nan_staff.errors] == ["employees_not_a_number"] and nan_staff.per_employee() is None


def base_2019():
    return year([
        line("electricity", "40000", "kWh", variant="dk1", site="Vrå"),  # 4,000 kg
        line("diesel", "2000", "l", site="Vrå"),  # 5,000 kg
        line("natural_gas", "1250", "m3", site="Tårs"),  # 1,250 × 40 MJ = 50 GJ × 56 = 2,800 kg
    ], year=2019)


def test_base_year_recalculation_after_a_site_is_sold(factors):
    base = set_base_year(base_2019(), factors)
    assert base.inventory.total() == D(11800)
    result = recalculate_base_year(base, factors, reason="structure", description="Tårs site sold in 2023",
                                   activity=without_sites(base.activity, "Tårs"))
    assert result.applied and result.base.inventory.total() == D(9000)
    (note,) = result.base.notes
    assert (note.previous_total, note.new_total, note.change, note.significant, note.applied) == (
        D(11800), D(9000), D(-2800), True, True)


def test_a_change_below_the_threshold_is_noted_and_the_base_year_kept(factors):
    new_diesel = Factor("diesel", D("2.4"), "kg CO2e/l", 1, "1.mobile_combustion", Reference("Energistyrelsen"))
    updated = factors.with_factors(new_diesel, name="Test v2")
    base = set_base_year(base_2019(), factors)
    result = recalculate_base_year(base, updated, reason="method", description="diesel factor with bio blend")
    # 2,000 l × 0.1 = 200 kg of 11,800 is 1.7 %: below the 5 % threshold
    assert (result.applied, result.base.inventory.total(), result.note.change) == (False, D(11800), D(-200))
    assert [(p.code, p.params["threshold"]) for p in result.problems] == [("below_threshold", D(5))]
    # the same change counts with a 1 % threshold
    strict = recalculate_base_year(base, updated, reason="method", description="diesel", threshold=0.01)
    assert (strict.applied, strict.base.inventory.total(), strict.base.inventory.factor_set) == (
        True, D(11600), "Test v2 2024 (AR5)")


def test_changes_in_the_grid_never_move_a_base_year(factors):
    base = set_base_year(base_2019(), factors)
    for reason in ("factors", "grid", "whim"):
        result = recalculate_base_year(base, factors, reason=reason, description="greener grid")
        assert (result.applied, result.base, [p.code for p in result.problems]) == (False, base, ["reason_not_allowed"])
    assert [p.code for p in recalculate_base_year(base, factors, reason="error", description=" ").problems] == [
        "description_missing"]


def test_the_default_danish_set_computes_a_whole_account():
    factors = default_factor_set()
    inv = compute_inventory(carpenter_2024(), factors)
    assert inv.ok
    assert next(e.kg_co2e for e in inv.lines if e.source == "diesel" and e.scope == 1) == (
        factors.get("diesel").value * 4000)
    assert inv.factor_set == factors.label == "Klimapartner standard (DK) 2026 (AR5)"
    assert "diesel" in inv.provisional_factors and "natural_gas" not in inv.provisional_factors
    assert inv.chp_method == "125"
