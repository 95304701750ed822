"""Planning a tour: the app's side of the routing core (build the day, plan or check, save).

The rules and the search live in `klimapartner.routing`; here a tour's sites
and breaks become a `Day`, and a `Route` becomes saved stops with times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.db import transaction

from klimapartner.routing.choose import replan, suggest
from klimapartner.routing.model import Leg, Plan, Route
from klimapartner.routing.planner import plan
from klimapartner.routing.rules import timetable
from klimapartner.routing.travel import travel_times
from klimapartner.tours.adapt import break_id, build_day, minutes_of, site_stop, stop_id, time_of, travel_for
from klimapartner.tours.models import TourBreak, TourStop
from klimapartner.tours.publishing import sync_if_published


@dataclass
class Draft:
    """What the coordinator has on the planning page: sites (with visit minutes) and breaks, maybe an order."""

    tour: object
    visits: list  # [(site, minutes)]
    breaks: list  # [TourBreak] (unsaved)

    def day(self):
        return build_day(self.tour, self.visits, self.breaks)

    def site_for(self, item_id: str):
        return next((site for site, _ in self.visits if stop_id(site) == item_id), None)

    def break_for(self, item_id: str):
        return next((b for i, b in enumerate(self.breaks) if break_id(i) == item_id), None)


def plan_draft(draft: Draft) -> Plan:
    day = draft.day()
    return plan(day, travel_for(day), objective=draft.tour.objective, seconds=1.0)


def check_draft(draft: Draft, order: list[str]) -> Route:
    """Times for the coordinator's own order, with every rule it breaks."""
    day = draft.day()
    return timetable(day, travel_for(day), order)


def suggest_sites(draft: Draft, candidates, *, most: int | None = None) -> list:
    """Sites to add, the ones sharing most focus areas with the tour first, as many as the day holds."""
    tour_areas = set(draft.tour.focus_areas.values_list("pk", flat=True))
    day = draft.day()
    stops = [site_stop(site) for site in candidates]
    weights = {stop_id(site): len(tour_areas & {f.pk for f in site.focus_areas.all()}) for site in candidates}
    ids = suggest(day, travel_times([*day.places, *stops]), stops, weights, most=most)
    by_id = {stop_id(site): site for site in candidates}
    return [by_id[i] for i in ids]


@transaction.atomic
def save_route(draft: Draft, route: Route, *, optimal: bool) -> None:
    """Replace the tour's stops and breaks by `route` (which must keep every rule)."""
    if not route.ok:
        raise ValueError("a route that breaks rules is never saved")
    tour = draft.tour
    kept = {s.site_id: s for s in tour.stops.all()}
    tour.stops.exclude(site_id__in=[site.pk for site, _ in draft.visits]).delete()
    tour.breaks.all().delete()
    minutes = {stop_id(site): m for site, m in draft.visits}
    for position, leg in enumerate(route.legs):
        if leg.kind == "stop":
            site = draft.site_for(leg.id)
            stop = kept.get(site.pk) or TourStop(tour=tour, site=site)
            stop.position, stop.visit_minutes, stop.drive_minutes = position, minutes[leg.id], leg.drive
            stop.arrive, stop.start, stop.leave = time_of(leg.arrive), time_of(leg.start), time_of(leg.leave)
            stop.save()
        else:
            b = draft.break_for(leg.id)
            TourBreak.objects.create(tour=tour, name=b.name, minutes=b.minutes, earliest=b.earliest, latest=b.latest,
                                     site=b.site, position=position, start=time_of(leg.start), leave=time_of(leg.leave))
    tour.planned_back, tour.planned_driving, tour.planned_optimal = time_of(route.back), route.driving, optimal
    tour.group_plan = None  # the groups are planned again around the new route's sites
    tour.save(update_fields=["planned_back", "planned_driving", "planned_optimal", "group_plan", "updated"])
    sync_if_published(tour)  # a published tour's activity ends when the bus is back


def saved_draft(tour) -> Draft:
    stops = list(tour.stops.select_related("site"))
    return Draft(tour, [(s.site, s.visit_minutes) for s in stops], list(tour.breaks.select_related("site")))


def saved_route(tour) -> Route | None:
    """The saved plan as the core's Route, with the saved times."""
    stops = list(tour.stops.select_related("site"))
    if not stops or tour.planned_back is None:
        return None
    breaks = list(tour.breaks.all())
    legs = [(s.position, Leg(stop_id(s.site), "stop", minutes_of(s.arrive), minutes_of(s.start), minutes_of(s.leave),
                             s.drive_minutes or 0, stop_id(s.site))) for s in stops]
    legs += [(b.position, Leg(break_id(i), "break", minutes_of(b.start), minutes_of(b.start), minutes_of(b.leave), 0,
                              stop_id(b.site) if b.site_id else "")) for i, b in enumerate(breaks)]
    legs.sort(key=lambda x: x[0])
    back = minutes_of(tour.planned_back)
    return Route(minutes_of(tour.starts), tuple(leg for _, leg in legs), back, back - max(leg.leave for _, leg in legs))


def cancel_stop(tour, tour_stop):
    """A host cancels: the rest re-planned with the fewest changes, saved. Returns the core's answer."""
    draft = saved_draft(tour)
    before = saved_route(tour)
    day = draft.day()
    result = replan(day, travel_for(day), before, stop_id(tour_stop.site))
    if result.route is None:
        return result
    rest = Draft(tour, [(s, m) for s, m in draft.visits if s.pk != tour_stop.site_id],
                 [b for b in draft.breaks if b.site_id != tour_stop.site_id])
    # break ids are positions in the list: renumber the route's breaks to the remaining list
    old_ids = {break_id(i): b for i, b in enumerate(draft.breaks)}
    new_ids = {id(b): break_id(i) for i, b in enumerate(rest.breaks)}
    legs = tuple(leg if leg.kind == "stop" else Leg(new_ids[id(old_ids[leg.id])], "break", leg.arrive, leg.start,
                                                     leg.leave, leg.drive, leg.place) for leg in result.route.legs)
    route = Route(result.route.depart, legs, result.route.back, result.route.back_drive)
    save_route(rest, route, optimal=result.how == "new_plan")
    return result


# A host needs this long between two groups (to say goodbye and get ready); the core widens each visit by it.
CHANGEOVER = 10


def plan_groups_for(tour):
    """Routes for the tour's groups round the saved plan's sites and breaks (the core's `plan_groups`)."""
    from klimapartner.routing.groups import plan_groups

    day = saved_draft(tour).day()
    return plan_groups(day, travel_for(day), tour.groups, changeover=CHANGEOVER)


@transaction.atomic
def save_group_plan(tour, group_plan) -> None:
    """Keep the groups' routes with the tour (times as HH:MM): for each group its legs, back and driving."""
    routes = [{"back": time_of(r.back).isoformat("minutes"), "back_drive": r.back_drive,
               "legs": [{"id": leg.id, "kind": leg.kind, "arrive": time_of(leg.arrive).isoformat("minutes"),
                         "start": time_of(leg.start).isoformat("minutes"),
                         "leave": time_of(leg.leave).isoformat("minutes"), "drive": leg.drive, "place": leg.place}
                        for leg in r.legs]} for r in group_plan.routes]
    tour.group_plan = {"routes": routes, "back": time_of(group_plan.makespan).isoformat("minutes"),
                       "bound": time_of(group_plan.bound).isoformat("minutes"), "changeover": CHANGEOVER}
    tour.save(update_fields=["group_plan", "updated"])
    sync_if_published(tour)


def saved_group_routes(tour) -> list[Route]:
    """The saved groups' routes as the core's Routes (for the pages and the check that no host gets two at once)."""
    if not tour.group_plan:
        return []

    def clock(text):
        return minutes_of(time.fromisoformat(text))

    return [Route(minutes_of(tour.starts),
                  tuple(Leg(leg["id"], leg["kind"], clock(leg["arrive"]), clock(leg["start"]), clock(leg["leave"]),
                            leg["drive"], leg["place"]) for leg in r["legs"]),
                  clock(r["back"]), r["back_drive"])
            for r in tour.group_plan["routes"]]


def group_route(tour, group: int = 1) -> Route | None:
    """The route group `group` travels: its own with several groups (once planned), else the saved route."""
    if tour.groups > 1:
        routes = saved_group_routes(tour)
        return routes[group - 1] if 0 < group <= len(routes) else None
    return saved_route(tour)
