"""A route as the pages show it: timetable rows and the map's points and legs."""

from django.conf import settings

from klimapartner.tours.adapt import time_of


def timetable_rows(draft, route):
    """One row per stop or break, in order, with times as `time` (templates format them)."""
    rows = []
    for number, leg in enumerate(route.legs, start=1):
        if leg.kind == "stop":
            site = draft.site_for(leg.id)
            rows.append({"kind": "stop", "id": leg.id, "site": site, "name": site.name if site else leg.id,
                         "arrive": time_of(leg.arrive), "start": time_of(leg.start), "leave": time_of(leg.leave),
                         "wait": leg.wait, "drive": leg.drive})
        else:
            b = draft.break_for(leg.id)
            place = draft.site_for(leg.place)
            rows.append({"kind": "break", "id": leg.id, "name": b.name if b else leg.id,
                         "place": place.name if place else "", "start": time_of(leg.start), "leave": time_of(leg.leave),
                         "wait": 0, "drive": 0})
    return rows


def map_data(draft, route):
    """Points in route order, the depot first and last, for tours-map.js (legs join consecutive points)."""
    tour = draft.tour
    depot = {"name": tour.venue, "lat": float(tour.latitude), "lon": float(tour.longitude), "label": "0"}
    points = [depot]
    for number, leg in enumerate(route.stop_legs, start=1):
        site = draft.site_for(leg.id)
        points.append({"name": site.name, "lat": float(site.latitude), "lon": float(site.longitude),
                       "label": str(number)})
    points.append(depot)
    return {"points": points, "tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def group_tables(tour, draft):
    """With several groups planned: each group's timetable, figures and people, when the last is back against
    the bound no plan can beat, and the check that no host receives two groups at once (as sentences)."""
    if tour.groups == 1 or not tour.group_plan:
        return None
    from collections import Counter
    from datetime import time

    from klimapartner.routing.groups import overlaps
    from klimapartner.routing.model import Problem
    from klimapartner.tours import planning
    from klimapartner.tours.seats import assign_groups
    from klimapartner.tours.words import describe

    routes = planning.saved_group_routes(tour)
    people = Counter(assign_groups(tour).values())
    changeover = tour.group_plan["changeover"]
    clashes = []
    for p in overlaps(routes, changeover):
        site = draft.site_for(p.params["stop_id"])
        clashes.append(describe(Problem(p.code, p.field, {**p.params, "stop_id": site.name if site else p.params["stop_id"]})))
    return {"routes": [{"number": n, "route": r, "rows": timetable_rows(draft, r), "back": time_of(r.back),
                        "people": people[n], "table_id": f"timetable-group-{n}"} for n, r in enumerate(routes, start=1)],
            "back": tour.group_plan_back, "bound": time.fromisoformat(tour.group_plan["bound"]),
            "changeover": changeover, "clashes": clashes}
