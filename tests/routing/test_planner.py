"""The planner against brute force, and properties every route must have."""

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klimapartner.routing.planner import plan
from klimapartner.routing.rules import start_windows, timetable

from .cases import brute_force, random_day


@pytest.mark.parametrize("seed", range(40))
def test_the_exact_route_is_as_good_as_the_best_of_every_order(seed):
    rng = random.Random(seed)
    day, travel = random_day(rng, rng.randint(1, 6), breaks=rng.choice([0, 0, 1]), asymmetric=seed % 2 == 1)
    for objective in ("return", "driving"):
        expected = brute_force(day, travel, objective)
        result = plan(day, travel, objective=objective)
        assert result.optimal
        if expected is None:
            assert result.route is None and result.problems
        else:
            assert (result.route.back, result.route.driving) == (expected.back, expected.driving)
            assert result.bound == result.value


def assert_keeps_every_rule(day, travel, route):
    """Every rule, checked here directly rather than by the planner's own checker."""
    stops = {s.id: s for s in day.stops}
    assert sorted(leg.id for leg in route.stop_legs) == sorted(stops)
    assert sorted(leg.id for leg in route.legs if leg.kind == "break") == sorted(b.id for b in day.breaks)
    t, here = day.depart, day.depot.id
    for leg in route.legs:
        if leg.kind == "stop":
            assert leg.arrive == t + travel[here, leg.id]
            assert leg.start >= leg.arrive
            assert any(lo <= leg.start <= hi for lo, hi in start_windows(stops[leg.id]))
            if stops[leg.id].hours:
                assert any(a <= leg.start and leg.leave <= b for a, b in stops[leg.id].hours)
            assert leg.leave == leg.start + stops[leg.id].visit_minutes
            here = leg.id
        else:
            brk = next(b for b in day.breaks if b.id == leg.id)
            assert here != day.depot.id and leg.place == here
            assert brk.at_stop in (None, here)
            assert brk.earliest <= leg.start and leg.leave == leg.start + brk.minutes <= brk.latest
        t = leg.leave
    assert route.back == t + (travel[here, day.depot.id] if here != day.depot.id else 0) <= day.return_by
    assert timetable(day, travel, route.order).problems == ()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 9), breaks=st.integers(0, 2), objective=st.sampled_from(["return", "driving"]))
def test_every_route_the_exact_planner_returns_keeps_every_rule(seed, n, breaks, objective):
    day, travel = random_day(random.Random(seed), n, breaks=breaks, asymmetric=seed % 3 == 0)
    result = plan(day, travel, objective=objective)
    if result.route is not None:
        assert_keeps_every_rule(day, travel, result.route)
    else:
        assert result.problems


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(2, 9), objective=st.sampled_from(["return", "driving"]))
def test_the_heuristic_keeps_every_rule_and_its_bound_never_exceeds_the_optimum(seed, n, objective):
    day, travel = random_day(random.Random(seed), n, breaks=seed % 2, asymmetric=seed % 3 == 0)
    exact = plan(day, travel, objective=objective)
    heuristic = plan(day, travel, objective=objective, exact_limit=0, seconds=0.05)
    if heuristic.method == "none":  # a stop that breaks a rule on its own: proven before any search
        assert exact.route is None and heuristic.problems == exact.problems
        return
    assert heuristic.method == "heuristic"
    if heuristic.route is not None:
        assert_keeps_every_rule(day, travel, heuristic.route)
        assert exact.route is not None and heuristic.value >= exact.value
    if exact.route is not None:
        assert heuristic.bound <= exact.value


def test_on_a_wide_open_day_the_heuristic_finds_the_proven_optimum_on_these_seeds():
    found = []
    for seed in range(5):
        day, travel = random_day(random.Random(1000 + seed), 9)
        day = replace(day, stops=tuple(replace(s, hours=()) for s in day.stops), return_by=day.depart + 900)
        exact, heuristic = plan(day, travel), plan(day, travel, exact_limit=0, seconds=0.1)
        found.append(heuristic.value - exact.value)
    assert found == [0, 0, 0, 0, 0]
