"""Hand-checkable days: every number here can be worked out on paper."""

from klimapartner.routing.model import Break, Day, Place, Problem, Stop, minutes
from klimapartner.routing.planner import plan
from klimapartner.routing.rules import free_intervals, start_windows, timetable
from klimapartner.routing.words import say

from .cases import DEPOT, symmetric

T = minutes

# D-A 40, D-B 10, D-C 20, A-B 10, A-C 30, B-C 10; B and C open 10:30; every visit 30 minutes.
WAIT_LEGS = symmetric({"DA": 40, "DB": 10, "DC": 20, "AB": 10, "AC": 30, "BC": 10})


def wait_day():
    stops = (Stop.open_between("A", "Gården", 0, 0, 30),
             Stop.open_between("B", "Værkstedet", 0, 0, 30, T("10:30")),
             Stop.open_between("C", "Skolen", 0, 0, 30, T("10:30")))
    return Day(DEPOT, stops, T("09:00"), T("17:00"))


def test_waiting_for_opening_beats_a_shorter_road():
    # A first (09:40-10:10), B at 10:20 waits for 10:30 (-11:00), C 11:10-11:40, back 12:00: 80 min driving.
    # The 70-minute road C, A, B gets to C at 09:20 and waits until 10:30, so it is back only at 12:50.
    result = plan(wait_day(), WAIT_LEGS)
    assert (result.optimal, result.method, result.route.order) == (True, "exact", ("A", "B", "C"))
    assert [(leg.arrive, leg.start, leg.leave) for leg in result.route.legs] == [
        (T("09:40"), T("09:40"), T("10:10")), (T("10:20"), T("10:30"), T("11:00")), (T("11:10"), T("11:10"), T("11:40"))]
    assert (result.route.back, result.route.driving, result.route.waiting) == (T("12:00"), 80, 10)


def test_least_driving_takes_the_shorter_road_and_comes_back_later():
    result = plan(wait_day(), WAIT_LEGS, objective="driving")
    # B, A, C also drives 70 minutes but is back at 13:00: the tie goes to the earlier return
    assert result.route.order == ("C", "A", "B")
    assert (result.route.back, result.route.driving, result.route.waiting, result.bound) == (T("12:50"), 70, 70, 70)


def lonstrup_day():
    smedje = Stop.open_between("smedje", "Lønstrup Kunstsmedje", 0, 0, 30, T("08:00"), T("09:10"))
    return Day(DEPOT, (smedje,), T("09:00"), T("16:00"))


def test_a_stop_closed_before_the_bus_can_get_there_is_explained_in_both_languages():
    result = plan(lonstrup_day(), {("D", "smedje"): 40, ("smedje", "D"): 40})
    assert (result.route, result.optimal) == (None, True)
    assert [p.code for p in result.problems] == ["after_closing"]
    assert result.problems[0].params == {"stop": "Lønstrup Kunstsmedje", "stop_id": "smedje", "arrive": T("09:40"),
                                         "visit": 30, "closes": T("09:10"), "latest_start": T("08:40")}
    assert say(result.problems[0], "en") == (
        "Lønstrup Kunstsmedje closes 09:10; the bus can be there at 09:40 at the earliest"
        " – start earlier, shorten a visit, or drop a stop.")
    assert say(result.problems[0], "da") == (
        "Lønstrup Kunstsmedje lukker kl. 09.10; bussen kan tidligst være der kl. 09.40"
        " – start tidligere, gør et besøg kortere, eller drop et stop.")


def test_a_visit_that_would_run_past_closing_says_when_it_must_begin():
    result = plan(lonstrup_day(), {("D", "smedje"): 5, ("smedje", "D"): 5})
    # at 09:05 the bus is there, but a 30-minute visit must begin by 08:40
    assert [(p.code, p.params["arrive"], p.params["latest_start"]) for p in result.problems] == [
        ("visit_past_closing", T("09:05"), T("08:40"))]


def test_two_stops_that_exclude_each_other_are_named_with_what_to_drop():
    stops = (Stop.open_between("A", "Havnen", 0, 0, 60, T("09:00"), T("10:00")),
             Stop.open_between("B", "Møllen", 0, 0, 60, T("09:00"), T("10:15")),
             Stop.open_between("C", "Kirken", 0, 0, 30))
    day = Day(DEPOT, stops, T("08:30"), T("16:00"))
    travel = symmetric({"DA": 10, "DB": 10, "DC": 10, "AB": 10, "AC": 10, "BC": 10})
    result = plan(day, travel)
    assert (result.route, result.optimal) == (None, True)
    assert result.problems == (
        Problem("pair_conflict", "order", {"stop": "Havnen", "stop_id": "A", "other": "Møllen", "other_id": "B"}),
        Problem("no_order_fits", "order", {"count": 3, "drop": ["Havnen", "Møllen"], "drop_ids": ["A", "B"]}),
    )
    assert say(result.problems[1], "da") == "Ingen rækkefølge af de 3 stop passer ind i dagen; uden Havnen eller Møllen går det."


def test_a_day_too_short_for_its_visits_says_how_long_they_take():
    stops = tuple(Stop.open_between(x, f"Sted {x}", 0, 0, 60) for x in "ABC")
    day = Day(DEPOT, stops, T("09:00"), T("12:00"))
    travel = symmetric({"DA": 10, "DB": 10, "DC": 10, "AB": 10, "AC": 10, "BC": 10})
    result = plan(day, travel)
    # 3 hours of visits and at least 40 minutes of driving
    assert [p.code for p in result.problems] == ["day_too_short", "no_order_fits"]
    assert say(result.problems[0], "en") == (
        "The visits, breaks and driving take at least 3 h 40 min; from 09:00 to 12:00 there are 3 h 00 min"
        " – start earlier, return later, or drop a stop.")
    assert result.problems[1].params["drop"] == ["Sted A", "Sted B", "Sted C"]


def test_lunch_at_a_named_stop_is_held_there_after_the_visit():
    stops = (Stop.open_between("A", "Gården", 0, 0, 30), Stop.open_between("B", "Caféen", 0, 0, 30))
    lunch = Break("frokost", "Frokost", 45, T("11:30"), T("13:00"), at_stop="B")
    day = Day(DEPOT, stops, T("10:00"), T("15:00"), (lunch,))
    travel = symmetric({"DA": 20, "DB": 20, "AB": 20})
    result = plan(day, travel)
    # A 10:20-10:50, B 11:10-11:40, lunch at B 11:40-12:25, back 12:45
    assert result.route.order == ("A", "B", "frokost")
    assert [(leg.kind, leg.place, leg.start, leg.leave) for leg in result.route.legs] == [
        ("stop", "A", T("10:20"), T("10:50")), ("stop", "B", T("11:10"), T("11:40")),
        ("break", "B", T("11:40"), T("12:25"))]
    assert result.route.back == T("12:45")


def test_the_checker_names_every_broken_rule_of_a_hand_made_order():
    stops = (Stop.open_between("A", "Gården", 0, 0, 30, T("09:00"), T("10:00")),
             Stop.open_between("B", "Caféen", 0, 0, 30))
    lunch = Break("frokost", "Frokost", 30, T("10:00"), T("11:00"), at_stop="B")
    day = Day(DEPOT, stops, T("09:00"), T("10:30"), (lunch,))
    travel = symmetric({"DA": 20, "DB": 20, "AB": 20})
    route = timetable(day, travel, ["B", "A", "frokost"])
    # B 09:20-09:50; A 10:10 after closing; lunch at A (not B) 10:40 - 11:10 too late; back 11:30
    assert [p.code for p in route.problems] == ["after_closing", "break_elsewhere", "break_late", "back_late"]
    assert route.problems[1].params["place"] == "Gården"
    assert timetable(day, travel, ["A", "A"]).problems[0].code == "visited_twice"
    assert [p.code for p in timetable(day, travel, ["frokost"]).problems] == [
        "break_at_depot", "stop_left_out", "stop_left_out"]


def test_busy_times_cut_the_opening_hours_into_windows():
    stop = Stop("A", "Gården", 0, 0, 30, hours=((540, 720),), busy=((600, 660),), earliest=560)
    assert free_intervals(stop) == [(560, 600), (660, 720)]
    assert start_windows(stop) == [(560, 570), (660, 690)]


def test_a_host_receiving_another_group_is_explained_as_busy():
    stop = Stop("A", "Gården", 0, 0, 30, hours=((540, 720),), busy=((600, 720),))
    result = plan(Day(DEPOT, (stop,), 540, 900), {("D", "A"): 50, ("A", "D"): 50})
    assert [(p.code, p.params["closes"]) for p in result.problems] == [("host_busy", 600)]


def test_place_names_are_not_needed_for_a_depot_only_day():
    result = plan(Day(Place("D", "Rådhuset", 0, 0), (), 540, 600), {})
    assert (result.route.order, result.route.back, result.optimal) == ((), 540, True)
