from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from klimapartner.accounting.inventory import compute_inventory
from tests.accounting.factories import line, make_factors, year

FACTORS = make_factors()
amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(electricity=amounts, heat=amounts, diesel=amounts, waste=amounts, share=st.integers(0, 100))
def test_totals_add_up_and_scale_exactly(electricity, heat, diesel, waste, share):
    guarantees = electricity * share / 100

    def account(k):
        return compute_inventory(year([
            line("electricity", electricity * k, "kWh", variant="dk2", guarantees_kwh=guarantees * k),
            line("district_heating", heat * k, "kWh"),
            line("diesel", diesel * k, "l"),
            line("waste", waste * k, "t", variant="plastic"),
        ]), FACTORS)

    once, twice = account(1), account(2)
    for method in ("location", "market"):
        assert once.total(method) == sum(once.by_scope(method).values(), Decimal(0))
        assert once.total(method) == sum(once.by_category(method).values(), Decimal(0))
        assert twice.total(method) == 2 * once.total(method)
    # the two scope 2 methods only differ in electricity
    assert once.total("market") - once.total("location") == (
        (electricity - guarantees) * Decimal("0.5") - electricity * Decimal("0.08"))


anything = st.one_of(st.none(), st.text(max_size=6), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                     st.decimals(allow_nan=True, allow_infinity=True), st.booleans())
sources = st.one_of(st.sampled_from([s.value for s in __import__("klimapartner.accounting.activity", fromlist=["x"]).Source]),
                    st.text(max_size=5))
units = st.one_of(st.sampled_from(["kWh", "kwh", "MWh", "l", "m3", "kg", "t", "km", "pkm", "trip", "night", "DKK"]),
                  st.text(max_size=5), st.none(), st.integers())


@settings(max_examples=300, deadline=None)
@given(source=sources, amount=anything, unit=units, variant=st.one_of(st.text(max_size=4),
       st.sampled_from(["dk1", "dk2", "short", "residual", "R-410A", "diesel"])),
       guarantees=anything, supplier=anything, employees=anything)
def test_no_input_makes_the_core_raise(source, amount, unit, variant, guarantees, supplier, employees):
    from klimapartner.accounting.activity import ActivityLine, YearActivity

    line_ = ActivityLine(source, amount, unit, variant=variant, guarantees_kwh=guarantees, supplier_factor=supplier)
    inv = compute_inventory(YearActivity("p", 2024, (line_,), employees), FACTORS)
    assert inv.ok == (not inv.errors)
    inv.total("location"), inv.total("market"), inv.per_employee(), inv.biogenic
    for problem in inv.problems:
        assert problem.code and isinstance(problem.message, str)
