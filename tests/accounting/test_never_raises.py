"""No input makes the accounting core raise: every public entry point gets arbitrary values of any type.

The contracts tested here are the documented ones: findings come back as
`Problem`s; the only refusals are `ValueError`s that say what was wrong — an
unknown scope 2 method name, a unit that is not one (`units`), and a path
asked for with targets that `check_targets` reports (`InvalidTargets`, with
the same findings).
"""

import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klimapartner import spreadsheets
from klimapartner.accounting import activity, factors, gwp, inventory, klimakompasset, reconcile, targets, units
from klimapartner.accounting.activity import ActivityLine, Source, YearActivity
from klimapartner.accounting.problems import Problem

FACTORS = factors.default_factor_set()
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))

anything = st.one_of(
    st.none(), st.booleans(), st.text(max_size=8), st.integers(-10**40, 10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=True, allow_infinity=True),
    st.binary(max_size=4), st.lists(st.integers(), max_size=2), st.just(object()),
)
years = st.one_of(st.integers(1985, 2105), st.sampled_from(["2024", Decimal("2023"), 2024.0]), anything)
sources = st.one_of(st.sampled_from([s.value for s in Source]), anything)
units_ = st.one_of(st.sampled_from(["kWh", "kwh", "MWH", "GJ", "l", "m3", "m³", "kg", "t", "ton", "km", "pkm",
                                    "trip", "night", "nætter", "DKK", ""]), anything)
variants = st.one_of(st.sampled_from(["", "dk1", "dk2", "short", "long", "residual", "R-410A", "r134a", "diesel",
                                      "electric", "moon"]), anything)
amounts = st.one_of(st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from(["1.234,5", "12", ""]),
                    anything)


@st.composite
def lines(draw):
    return ActivityLine(draw(sources), draw(amounts), draw(units_), variant=draw(variants),
                        factor_key=draw(st.one_of(st.just(""), anything)), label=draw(anything), site=draw(anything),
                        guarantees_kwh=draw(st.one_of(st.none(), amounts)),
                        supplier_factor=draw(st.one_of(st.none(), amounts)))


@st.composite
def year_activities(draw):
    lines_ = draw(st.one_of(st.lists(lines(), max_size=4), anything))
    return YearActivity(draw(anything), draw(years), lines_, draw(st.one_of(st.none(), amounts)))


def assert_findings(problems):
    for problem in problems:
        assert isinstance(problem, Problem) and problem.code
        assert isinstance(problem.message, str) and isinstance(str(problem), str)


@SETTINGS
@given(this=year_activities(), previous=st.one_of(st.none(), year_activities()))
def test_an_account_is_computed_or_refused_in_findings(this, previous):
    assert_findings(activity.check_activity(this, previous, FACTORS))
    inv = inventory.compute_inventory(this, FACTORS, previous)
    assert inv.ok == (not inv.errors)
    assert_findings(inv.problems)
    for method in inventory.Scope2Method:
        assert inv.total(method) == sum(inv.by_category(method).values(), Decimal(0))
        inv.per_employee(method), inv.scope12(method)
    assert isinstance(inv.biogenic, Decimal)


@SETTINGS
@given(base=year_activities(), changed=st.one_of(st.none(), year_activities()),
       reason=st.one_of(st.sampled_from(["structure", "method", "error", "grid"]), anything),
       description=st.one_of(st.just("A site was sold"), anything),
       threshold=st.one_of(st.just(Decimal("0.05")), anything))
def test_a_base_year_recalculation_is_made_or_refused_in_findings(base, changed, reason, description, threshold):
    result = inventory.recalculate_base_year(inventory.set_base_year(base, FACTORS), FACTORS, reason=reason,
                                             description=description, activity=changed, threshold=threshold)
    assert_findings(result.problems)
    assert isinstance(result.base, inventory.BaseYear)


@SETTINGS
@given(year=anything)
def test_a_factor_set_answers_for_any_year(year):
    chosen = FACTORS.for_year(year)
    assert chosen.get("natural_gas") is not None


@SETTINGS
@given(targets_=st.lists(st.builds(targets.Target, st.one_of(st.integers(1990, 2060), anything),
                                   st.one_of(st.decimals(0, 1, places=2), st.floats(0, 1), anything)), max_size=3),
       base_year=st.one_of(st.integers(1990, 2060), anything))
def test_targets_are_checked_and_a_path_refused_exactly_when_they_have_findings(targets_, base_year):
    problems = targets.check_targets(base_year, targets_)
    assert_findings(problems)
    try:
        targets.trajectory(base_year, Decimal(1000), targets_)
        targets.progress(2030, Decimal(5), base_year, Decimal(1000), targets_)
    except targets.InvalidTargets as refused:
        assert refused.problems == tuple(problems) and problems
    else:
        assert not problems


@SETTINGS
@given(name=anything, tonnes=anything, total=anything, year=anything, limit=anything, share=anything,
       actions=st.lists(st.builds(targets.Action, anything, anything, anything), max_size=3))
def test_action_effects_are_checked_for_any_values(name, tonnes, total, year, limit, share, actions):
    assert_findings(targets.check_action_effect(name, tonnes, partner_total_kg=total, partner_year=year,
                                                limit_tonnes=limit, share=share))
    summary = targets.action_effects(actions)
    assert_findings(summary.problems)
    assert isinstance(summary.expected_kg, Decimal) and isinstance(summary.realised_kg, Decimal)


@SETTINGS
@given(accounts=st.lists(st.tuples(anything, anything, anything, year_activities()), max_size=3), year=years)
def test_the_programme_total_adds_any_accounts(accounts, year):
    partner_accounts = [targets.PartnerAccount(p, s, k, inventory.compute_inventory(a, FACTORS))
                        for p, s, k, a in accounts]
    total = targets.aggregate(partner_accounts, year)
    assert_findings(total.problems)
    assert total.total == total.scope12 + total.scope3
    targets.like_for_like(partner_accounts, [2023, 2024])


@SETTINGS
@given(ours=year_activities(), theirs=year_activities(), not_imported=anything, tolerance=anything)
def test_reconciliation_sets_any_two_inventories_side_by_side(ours, theirs, not_imported, tolerance):
    a, b = inventory.compute_inventory(ours, FACTORS), inventory.compute_inventory(theirs, FACTORS)
    result = reconcile.reconcile(a, b, not_imported=not_imported if isinstance(not_imported, list) else (),
                                 tolerance=tolerance)
    assert result.difference == result.ours - result.theirs
    entries = [klimakompasset.Entry(n, line, kg) for n, (line, kg) in enumerate(
        zip(ours.lines, [not_imported, tolerance, None, Decimal(7)], strict=False))]
    for row in reconcile.reconcile_entries(entries, FACTORS, ours.year, tolerance=tolerance):
        assert row.reason in ("matches", "factors_differ", "not_reported", "not_computable")


@SETTINGS
@given(data=st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda s: ("set_name;set_year;gwp;key;value;unit;scope;category;publisher\n" + s).encode()),
    st.binary(max_size=300).map(lambda b: spreadsheets.ZIP_MAGIC + b),
    st.just(spreadsheets.OLE_MAGIC + b"\0" * 20)),
    filename=st.sampled_from(["f.csv", "f.xlsx", "f", ""]))
def test_any_file_is_read_or_refused_in_findings(data, filename):
    loaded = factors.read_factor_file(io.BytesIO(data), filename)
    assert loaded.ok == (loaded.factor_set is not None)
    report = klimakompasset.read_klimakompasset(io.BytesIO(data), filename=filename)
    assert_findings(report.problems)


@SETTINGS
@given(value=anything, other=units_)
def test_units_and_gases_answer_or_refuse_with_a_value_error(value, other):
    assert isinstance(units.normalise_unit(value), str)
    assert units.is_unit(value) in (True, False) and units.compatible(value, other) in (True, False)
    for call in (lambda: units.parse_unit(value), lambda: units.parse_quantity(value), lambda: units.plain(value),
                 lambda: units.convert(value, other, "kWh")):
        try:
            call()
        except ValueError:
            pass
    assert gwp.gwp(value, "AR6") in ((None, False),) or isinstance(gwp.gwp(value, "AR6")[0], Decimal)
    assert isinstance(gwp.normalise(value), str)
    assert activity.grid_area_for_postcode(value) in ("", "dk1", "dk2")


@pytest.mark.parametrize("name", ["market-based", "Location", "", None, 2])
def test_an_unknown_scope_2_method_is_refused_by_name(name):
    inv = inventory.compute_inventory(YearActivity("p", 2024, ()), FACTORS)
    with pytest.raises(ValueError):
        inv.total(name)
