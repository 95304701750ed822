"""Between the tours app's models and the routing core's dataclasses. It translates; it decides nothing."""

from __future__ import annotations

import logging
from datetime import time

from django.conf import settings

from klimapartner.routing.model import Break, Day, Place, Route, Stop
from klimapartner.routing.travel import osrm_table, travel_times

log = logging.getLogger(__name__)

DEPOT = "depot"


def minutes_of(value: time | None) -> int | None:
    return None if value is None else value.hour * 60 + value.minute


def time_of(value: int) -> time:
    return time(min(value // 60, 23), value % 60 if value < 24 * 60 else 59)


def stop_id(site) -> str:
    return f"site-{site.pk}"


def break_id(index: int) -> str:
    return f"break-{index}"


def site_stop(site, visit_minutes: int | None = None, busy=()) -> Stop:
    return Stop.open_between(stop_id(site), site.name, float(site.latitude), float(site.longitude),
                             visit_minutes or site.visit_minutes, minutes_of(site.opens), minutes_of(site.closes),
                             busy=tuple(busy))


def depot_of(tour) -> Place:
    return Place(DEPOT, tour.venue, float(tour.latitude), float(tour.longitude))


def build_day(tour, visits, breaks=()) -> Day:
    """`visits`: (site, visit minutes) in the order wanted; `breaks`: TourBreak-like objects (unsaved is fine)."""
    stops = tuple(site_stop(site, minutes) for site, minutes in visits)
    pauses = tuple(Break(break_id(i), b.name, b.minutes, minutes_of(b.earliest), minutes_of(b.latest),
                         stop_id(b.site) if b.site_id else None) for i, b in enumerate(breaks))
    return Day(depot_of(tour), stops, minutes_of(tour.starts), minutes_of(tour.ends), pauses)


def travel_for(day: Day) -> dict:
    """The day's travel times: from the municipality's road-routing service when `ROUTING_TABLE_URL` is set (one
    request to its OSRM-compatible table), else, or when it does not answer, from the coordinates."""
    url = settings.ROUTING_TABLE_URL
    if url:
        try:
            return travel_times(day.places, matrix=osrm_table(url, day.places, timeout=5.0))
        except (OSError, ValueError) as error:
            log.warning("The road-routing service at %s did not answer (%s); travel times from the coordinates.",
                        url, error)
    return travel_times(day.places)


def route_from_saved(tour, day: Day, stops, breaks) -> Route:
    """The saved plan as the core's Route, with the order it was saved in (for re-planning)."""
    from klimapartner.routing.rules import timetable

    items = sorted([(s.position, stop_id(s.site)) for s in stops]
                   + [(b.position, break_id(i)) for i, b in enumerate(breaks)])
    return timetable(day, travel_for(day), [x for _, x in items])
