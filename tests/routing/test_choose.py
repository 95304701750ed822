from klimapartner.routing.choose import replan, suggest
from klimapartner.routing.model import Day, Stop, minutes
from klimapartner.routing.rules import timetable

from .cases import DEPOT, symmetric

T = minutes


def test_suggest_adds_the_heaviest_stops_that_still_fit_the_day():
    stops = [Stop.open_between(x, f"Sted {x}", 0, 0, 60) for x in "ABCE"]
    day = Day(DEPOT, (), T("09:00"), T("12:00"))
    travel = symmetric({"DA": 10, "DB": 10, "DC": 20, "DE": 5, "AB": 10, "AC": 10, "AE": 10, "BC": 10, "BE": 10,
                        "CE": 10})
    # two hours of visits and some driving fit in three hours; a third visit does not
    assert suggest(day, travel, stops, {"C": 2, "A": 1, "B": 1, "E": 0}) == ["C", "A"]
    assert suggest(day, travel, stops, {}, most=1) == ["E"]  # equal weights: the nearest first


def three_stop_day():
    stops = (Stop.open_between("A", "Gården", 0, 0, 30), Stop.open_between("B", "Værkstedet", 0, 0, 30),
             Stop.open_between("C", "Skolen", 0, 0, 30))
    travel = symmetric({"DA": 10, "DB": 20, "DC": 10, "AB": 10, "AC": 30, "BC": 10})
    return Day(DEPOT, stops, T("09:00"), T("17:00")), travel


def test_a_host_cancelling_leaves_every_other_slot_where_it_was():
    day, travel = three_stop_day()
    before = timetable(day, travel, ["A", "B", "C"])
    assert [(leg.id, leg.start) for leg in before.legs] == [("A", T("09:10")), ("B", T("09:50")), ("C", T("10:30"))]
    after = replan(day, travel, before, "B")
    # the bus could be at C at 09:50, but waits: C keeps its 10:30
    assert (after.how, after.changed) == ("same_slots", ())
    assert [(leg.id, leg.arrive, leg.start) for leg in after.route.legs] == [("A", T("09:10"), T("09:10")),
                                                                             ("C", T("10:10"), T("10:30"))]


def test_when_the_slots_cannot_be_kept_the_order_is_and_the_moved_host_is_named():
    day, travel = three_stop_day()
    travel.update(symmetric({"AC": 60}))  # by hand: the road from A to C is slower than going round by B
    before = timetable(day, travel, ["A", "B", "C"])
    after = replan(day, travel, before, "B")
    # straight from A (leaves 09:40) the bus is at C at 10:40, ten minutes after C's old slot
    assert (after.how, after.changed) == ("same_order", ("C",))
    assert [(leg.id, leg.start) for leg in after.route.legs] == [("A", T("09:10")), ("C", T("10:40"))]
