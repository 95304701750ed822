import pytest

from klimapartner.accounting.inventory import compute_inventory, set_base_year
from klimapartner.accounting.targets import (
    check_targets,
    PLAN_TARGETS, Action, PartnerAccount, Status, Target, aggregate, action_effects, allowed_in, like_for_like,
    partner_progress, programme_path, progress, trajectory,
)
from tests.accounting.factories import D, line, make_factors, year


def test_the_path_runs_straight_from_the_base_year_to_each_target():
    # 1,000 t in 2020; 70% less by 2030 is 7% a year; then 30 points over 20 years is 1.5% a year to zero in 2050.
    path = {p.year: p.kg_co2e for p in trajectory(2020, D(1000), PLAN_TARGETS)}
    assert (path[2020], path[2021], path[2025], path[2030], path[2031], path[2040], path[2050]) == (
        D(1000), D(930), D(650), D(300), D(285), D(150), D(0))
    assert len(path) == 31


def test_after_the_last_target_the_path_stays_at_its_level():
    assert allowed_in(2035, 2020, D(1000), [Target(2030, D("0.5"))]) == D(500)


def test_targets_must_make_sense():
    with pytest.raises(ValueError, match="the target year 2019 is not after the base year 2020"):
        trajectory(2020, D(1), [Target(2019, D("0.5"))])
    with pytest.raises(ValueError, match=r"between 0 and 1 \(0.70 for 70 %\), not 70"):
        trajectory(2020, D(1), [Target(2030, D(70))])
    with pytest.raises(ValueError, match="smaller than an earlier target's"):
        trajectory(2020, D(1), [Target(2030, D("0.7")), Target(2040, D("0.5"))])
    assert [(p.code, p.field) for p in check_targets(2020, [Target(2030, D(70)), Target(2030, D("0.5"))])] == [
        ("reduction_out_of_range", "percent"), ("target_year_twice", "target_year")]


def test_a_target_given_as_a_float_is_read_as_written():
    assert Target(2030, 0.7).reduction == D("0.7")
    assert allowed_in(2030, 2020, D(1000), [Target(2030, 0.7)]) == D(300)


def test_status_is_on_track_at_or_below_the_path_and_behind_above_it():
    assert progress(2025, D(650), 2020, D(1000), PLAN_TARGETS).status is Status.ON_TRACK
    behind = progress(2025, D(700), 2020, D(1000), PLAN_TARGETS)
    assert (behind.status, behind.allowed, behind.gap) == (Status.BEHIND, D(650), D(50))


def test_a_partners_progress_uses_its_base_year_and_the_scopes_of_its_target():
    factors = make_factors()
    base = set_base_year(year([line("diesel", "4000", "l"), line("electricity", "100000", "kWh", variant="dk1")],
                              year=2022), factors)  # 10,000 + 10,000 kg
    now = compute_inventory(year([line("diesel", "3000", "l"), line("electricity", "100000", "kWh", variant="dk1")],
                                 year=2024), factors)  # 7,500 + 10,000 kg
    target = [Target(2030, D("0.4"))]  # 5% a year: 2024 allows 90% of the base
    assert partner_progress(base, now, target) == progress(2024, D(17500), 2022, D(20000), target)
    assert partner_progress(base, now, target).status is Status.ON_TRACK  # 17,500 ≤ 18,000
    # the same year is behind on a scope 2 target: electricity didn't fall
    scope2_only = partner_progress(base, now, target, scopes=(2,))
    assert (scope2_only.actual, scope2_only.allowed, scope2_only.status) == (D(10000), D(9000), Status.BEHIND)


def test_actions_expected_against_realised():
    summary = action_effects([
        Action("LED-belysning", D(2000), D(1500)),
        Action("Varmepumpe", D(8000), D(9000)),
        Action("Elvarebil", D(3000)),
    ])
    assert [(a.name, a.share_realised) for a in summary.actions] == [
        ("LED-belysning", D("0.75")), ("Varmepumpe", D("1.125")), ("Elvarebil", None)]
    assert (summary.expected_kg, summary.realised_kg, summary.expected_of_measured_kg) == (D(13000), D(10500), D(10000))
    assert summary.share_realised == D("1.05")
    assert summary.unmeasured == ("Elvarebil",)


def accounts():
    factors = make_factors()

    def account(partner, sector, kind, y, lines):
        return PartnerAccount(partner, sector, kind, compute_inventory(year(lines, year=y, partner=partner), factors))

    return [
        # 2,500 kg scope 1; 1,000 kg scope 2 (location), 5,000 kg market
        account("tomrer", "Byggeri", "company", 2019, [line("diesel", "1000", "l"),
                                                      line("electricity", "10000", "kWh", variant="dk1")]),
        account("tomrer", "Byggeri", "company", 2024, [line("diesel", "600", "l"),
                                                      line("electricity", "10000", "kWh", variant="dk1",
                                                           guarantees_kwh=D(10000))]),
        # 1,000 kg scope 2; 400 kg scope 3
        account("skole", "Uddannelse", "school", 2019, [line("district_heating", "20", "MWh"),
                                                        line("waste", "1", "t", variant="residual")]),
        account("skole", "Uddannelse", "school", 2024, [line("district_heating", "16", "MWh"),
                                                        line("waste", "1", "t", variant="residual")]),
        # joined in 2024
        account("fiskeri", "Fiskeri", "company", 2024, [line("diesel", "2000", "l")]),
    ]


def test_the_municipality_sees_totals_by_sector_kind_and_scope():
    total = aggregate(accounts(), 2024)
    # tømrer 600 × 2.5 + 10,000 × 0.1 = 2,500; skole 16,000 × 0.05 + 400 = 1,200; fiskeri 5,000
    assert total.total == D(8700)
    assert total.by_scope == {1: D(1500) + D(5000), 2: D(1000) + D(800), 3: D(400)}
    assert total.by_sector == {"Byggeri": D(2500), "Fiskeri": D(5000), "Uddannelse": D(1200)}
    assert total.by_kind == {"company": D(7500), "school": D(1200)}
    assert total.partners == ("tomrer", "skole", "fiskeri")
    assert total.factor_sets == ("Test 2024 (AR5)",)
    assert aggregate(accounts(), 2024, scope2="market").by_scope[2] == D(800)


def test_the_programme_path_compares_like_with_like():
    totals = like_for_like(accounts(), [2019, 2024])
    assert totals == {2019: D(3500) + D(1400), 2024: D(2500) + D(1200)}  # fiskeri has no 2019 account
    path = {p.year: p for p in programme_path(totals, 2019)}
    # 4,900 kg in 2019; 70% less by 2030 is 70/11 % a year; 2024 allows 4,900 × (1 − 0.7 × 5/11)
    assert path[2024].planned == D(4900) * (1 - D("0.7") * D(5) / D(11))
    assert (path[2024].actual, path[2024].status) == (D(3700), Status.BEHIND)
    assert (path[2020].actual, path[2020].status) == (None, None)
    assert path[2050].planned == D(0)


def test_a_second_inventory_for_one_partner_in_a_year_is_left_out_and_said():
    once, twice = aggregate(accounts(), 2024), aggregate(accounts() + [accounts()[1]], 2024)
    assert twice.total == once.total and twice.partners == once.partners
    assert [(p.code, p.params) for p in twice.problems] == [("partner_twice", {"partner": "tomrer", "year": 2024})]
    assert once.problems == ()


def test_the_programme_total_keeps_scope_1_and_2_apart_from_scope_3():
    total = aggregate(accounts(), 2024)
    assert (total.scope12, total.scope3) == (D(1500) + D(5000) + D(1000) + D(800), D(400))
    assert total.scope3_by_category == {"3.5_waste": D(400)}
    assert total.overlapping_kg == D(400)  # waste: often burnt in a partner's district heating plant
    with pytest.raises(ValueError):
        aggregate(accounts(), 2024, scope2="marked")


def test_an_implausible_action_effect_is_a_warning():
    from klimapartner.accounting.targets import check_action_effect

    (warning,) = check_action_effect("Ny ovn", D("1234.5"), partner_total_kg=D(48000), partner_year=2025)
    assert (warning.code, warning.severity, warning.params) == ("effect_implausible", "warning", {
        "action": "Ny ovn", "tonnes": D("1234.5"), "share": D("0.5"), "total": D(48), "year": 2025})
    assert check_action_effect("Ny ovn", "12,5", partner_total_kg=D(48000)) == []  # not a number: the form says so
    assert check_action_effect("Ny ovn", D(12), partner_total_kg=D(48000)) == []
    (small,) = check_action_effect("Ny ovn", D("1234.5"), limit_tonnes=50)
    assert (small.code, small.params["limit"]) == ("effect_without_account", D(50))
    assert check_action_effect("Ny ovn", D(40), limit_tonnes=50) == []
