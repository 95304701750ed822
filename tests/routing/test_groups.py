import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klimapartner.routing.groups import overlaps, plan_groups
from klimapartner.routing.model import Day, Stop
from klimapartner.routing.rules import timetable

from .cases import DEPOT, random_day, symmetric


def two_stop_day():
    stops = (Stop.open_between("A", "Gården", 0, 0, 30), Stop.open_between("B", "Værkstedet", 0, 0, 30))
    return Day(DEPOT, stops, 540, 900), symmetric({"DA": 10, "DB": 10, "AB": 10})


def test_two_groups_go_round_in_opposite_directions_and_never_meet_at_a_host():
    day, travel = two_stop_day()
    result = plan_groups(day, travel, 2)
    assert sorted(r.order for r in result.routes) == [("A", "B"), ("B", "A")]
    assert (result.makespan, result.bound, overlaps(result.routes)) == (630, 630, [])


def test_a_changeover_keeps_the_host_free_between_groups():
    day, travel = two_stop_day()
    result = plan_groups(day, travel, 3, changeover=10)
    assert overlaps(result.routes, changeover=10) == []
    # a host sees three 30-minute visits and two 10-minute changeovers from 09:10 at the earliest
    assert result.bound == 9 * 60 + 10 + 3 * 30 + 2 * 10 + 10
    assert result.makespan >= result.bound


def test_overlaps_names_a_host_with_two_groups_at_once():
    day, travel = two_stop_day()
    route = timetable(day, travel, ["A", "B"])
    assert [p.params for p in overlaps([route, route])] == [
        {"stop_id": "A", "group": 1, "other": 2, "start": 550, "until": 580},
        {"stop_id": "B", "group": 1, "other": 2, "start": 590, "until": 620}]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6), groups=st.integers(2, 3))
def test_every_group_route_keeps_every_rule_and_no_host_has_two_groups(seed, n, groups):
    day, travel = random_day(random.Random(seed), n)
    result = plan_groups(day, travel, groups, seconds=0.05)
    for route in result.routes:
        assert timetable(day, travel, route.order).problems == ()
    assert overlaps(result.routes) == []
    if len(result.routes) == groups:
        assert result.problems == () and result.makespan >= result.bound
    else:
        assert result.problems
