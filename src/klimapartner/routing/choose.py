"""Choosing which stops make a day, and re-planning when a host cancels.

`suggest` fills a day with the candidates that matter most (the app weighs
them by focus area), adding one at a time while the exact planner still finds
a route. `replan` takes a stop out of a planned day with the fewest changes
for everyone else: first the same order with every other host keeping its
slot (the bus waits instead of arriving early), then the same order with new
times, then the nearest orders (one stop moved), and only then a new plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from .model import Day, Route, Stop
from .planner import plan
from .rules import timetable


def suggest(day: Day, travel: Mapping[tuple[str, str], int], candidates: Sequence[Stop],
            weights: Mapping[str, float], *, most: int | None = None) -> list[str]:
    """Ids of candidates to add to `day`, heaviest first (ties: the nearer to the depot), as many as fit.

    `travel` covers the day's places and every candidate.
    """
    chosen: list[Stop] = []
    order = sorted(candidates, key=lambda s: (-weights.get(s.id, 0.0), travel[day.depot.id, s.id], s.id))
    for stop in order:
        if most is not None and len(chosen) >= most:
            break
        if len(day.stops) + len(chosen) + 1 > 15:
            break
        trial = replace(day, stops=day.stops + tuple(chosen) + (stop,))
        if plan(trial, travel).route is not None:
            chosen.append(stop)
    return [s.id for s in chosen]


@dataclass(frozen=True)
class Replanned:
    route: Route | None
    how: str  # "same_slots", "same_order", "one_moved", "new_plan" or "none"
    changed: tuple[str, ...]  # ids of stops whose visit starts at another time than before


def replan(day: Day, travel: Mapping[tuple[str, str], int], before: Route, dropped: str) -> Replanned:
    """The day without `dropped` (a stop id), changing as little as possible for the other hosts."""
    rest = replace(day, stops=tuple(s for s in day.stops if s.id != dropped),
                   breaks=tuple(b for b in day.breaks if b.at_stop != dropped))
    old = {leg.id: leg.start for leg in before.legs}
    ends = {leg.id: leg.leave for leg in before.legs}
    order = [x for x in before.order if x != dropped]

    def changed(route: Route) -> tuple[str, ...]:
        return tuple(leg.id for leg in route.stop_legs if old.get(leg.id) != leg.start)

    # every other visit exactly where it was: no earlier than its old start, over by its old end
    held = replace(rest, stops=tuple(replace(s, earliest=max(s.earliest or 0, old[s.id]),
                                             latest=min(s.latest if s.latest is not None else ends[s.id], ends[s.id]))
                                     for s in rest.stops))
    route = timetable(held, travel, order)
    if route.ok:
        return Replanned(route, "same_slots", changed(route))
    route = timetable(rest, travel, order)
    if route.ok:
        return Replanned(route, "same_order", changed(route))
    best = None
    for i in range(len(order)):
        for j in range(len(order)):
            if i == j:
                continue
            moved = order[:i] + order[i + 1:]
            moved.insert(j, order[i])
            route = timetable(rest, travel, moved)
            if route.ok:
                key = (len(changed(route)), route.back)
                if best is None or key < best[0]:
                    best = (key, route)
    if best is not None:
        return Replanned(best[1], "one_moved", changed(best[1]))
    result = plan(rest, travel)
    if result.route is not None:
        return Replanned(result.route, "new_plan", changed(result.route))
    return Replanned(None, "none", ())
