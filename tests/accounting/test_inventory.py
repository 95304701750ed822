import pytest

from klimapartner.accounting.activity import InvalidActivity, without_sites
from klimapartner.accounting.factors import Factor, Reference, default_factor_set
from klimapartner.accounting.inventory import compute_inventory, recalculate_base_year, set_base_year
from tests.accounting.factories import D, line, make_factors, year


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


def test_electricity_without_grid_area_uses_the_national_declaration(factors):
    inv = compute_inventory(year([line("electricity", "1000", "kWh")]), factors)
    assert inv.scope2_location == D(90)
    assert inv.scope2_market == D(500)


def test_a_line_can_point_to_the_local_utilitys_declaration(factors):
    local = Factor("district_heating.hjoerring", D("0.020"), "kg CO2e/kWh", 2, "2.heat",
                   Reference("Hjørring Varmeforsyning", "Varmedeklaration 2024"))
    inv = compute_inventory(year([line("district_heating", "10", "MWh", factor_key="district_heating.hjoerring")]),
                            factors.with_factors(local))
    assert (inv.scope2_location, inv.scope2_market) == (D(200), D(200))


def test_it_refuses_activity_with_errors_and_lists_them_all(factors):
    activity = year([line("electricity", "100", "l", variant="dk1"), line("diesel", "-5", "l")])
    with pytest.raises(InvalidActivity) as caught:
        compute_inventory(activity, factors)
    assert [str(p) for p in caught.value.problems] == [
        "line 1: electricity (dk1) cannot be measured in l; use kWh or MWh",
        "line 2: diesel: the amount -5 l is negative",
    ]


def test_a_hundredfold_jump_travels_as_a_warning_on_the_result(factors):
    last = year([line("diesel", "400", "l")], year=2023)
    inv = compute_inventory(year([line("diesel", "40000", "l")]), factors, previous=last)
    assert [(p.code, p.severity, p.message) for p in inv.warnings] == [
        ("jump_up", "warning", "diesel: 40000 l is 100 times last year's 400 l; check the unit and the figure")]


def test_a_missing_factor_is_named(factors):
    with pytest.raises(InvalidActivity) as caught:
        compute_inventory(year([line("waste", "1", "t", variant="glass")]), factors)
    assert str(caught.value) == "line 1: waste (glass): the factor set Test 2024 (AR5) has no factor waste.glass"


def base_2019():
    return year([
        line("electricity", "40000", "kWh", variant="dk1", site="Vrå"),  # 4,000 kg
        line("diesel", "2000", "l", site="Vrå"),  # 5,000 kg
        line("natural_gas", "1250", "m3", site="Tårs"),  # 1,250 × 40 MJ = 50 GJ × 56 = 2,800 kg
    ], year=2019)


def test_base_year_recalculation_after_a_site_is_sold(factors):
    base = set_base_year(base_2019(), factors)
    assert base.inventory.total() == D(11800)
    after = recalculate_base_year(base, factors, reason="structure", description="Tårs site sold in 2023",
                                  activity=without_sites(base.activity, "Tårs"))
    assert after.inventory.total() == D(9000)
    (note,) = after.notes
    assert (note.previous_total, note.new_total, note.change, note.significant) == (D(11800), D(9000), D(-2800), True)
    assert note.text == ("Base year recalculated (structure): Tårs site sold in 2023. "
                         "11.800 → 9.000 t CO2e (-23.7%), factors Test 2024 (AR5) → Test 2024 (AR5).")


def test_base_year_recalculation_with_a_new_method_keeps_the_history(factors):
    base = recalculate_base_year(set_base_year(base_2019(), factors), factors, reason="structure",
                                 description="Tårs site sold", activity=without_sites(base_2019(), "Tårs"))
    new_diesel = Factor("diesel", D("2.4"), "kg CO2e/l", 1, "1.mobile_combustion", Reference("Energistyrelsen"))
    updated = factors.with_factors(new_diesel, name="Test v2")
    after = recalculate_base_year(base, updated, reason="factors", description="diesel factor with bio blend")
    assert after.inventory.total() == D(4000) + D(2000) * D("2.4") == D(8800)
    assert after.inventory.factor_set == "Test v2 2024 (AR5)"
    assert [n.reason for n in after.notes] == ["structure", "factors"]
    # 200 kg of 9,000 is 2.2%: below the 5% threshold, noted but not significant
    assert (after.notes[1].change, after.notes[1].significant) == (D(-200), False)


def test_recalculation_needs_a_reason_and_a_description(factors):
    base = set_base_year(base_2019(), factors)
    with pytest.raises(ValueError, match="reason must be one of structure, method, error, factors, not 'whim'"):
        recalculate_base_year(base, factors, reason="whim", description="x")
    with pytest.raises(ValueError, match="needs a description"):
        recalculate_base_year(base, factors, reason="method", description=" ")


def test_the_default_danish_set_computes_a_whole_account():
    factors = default_factor_set()
    inv = compute_inventory(carpenter_2024(), factors)
    assert next(e.kg_co2e for e in inv.lines if e.source == "diesel") == factors.get("diesel").value * 4000
    assert inv.factor_set == factors.label
    assert "diesel" in inv.provisional_factors
