"""The rules a route must keep, written once.

`timetable` replays an order of stops and breaks into times and lists every
rule it breaks as a `Problem`. The solvers work on `Compiled` arrays built
here by the same window arithmetic, and every route they return is replayed
through `timetable` before it leaves the core, so a solver and the checker
can never disagree silently.

The rules:
1. every stop is visited exactly once, and every break taken once;
2. a visit begins when the bus has arrived and lies wholly inside one of the
   stop's free windows (its opening hours, narrowed by `earliest`/`latest`,
   less the times it is `busy` with another group); waiting is allowed;
3. a break lies wholly between its times, at its stop if it has one, and at
   a stop (after the visit) - never at the depot;
4. the bus leaves the depot at `depart` and is back by `return_by`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from .model import DAY_END, Break, Day, Leg, Problem, Route, Stop


def free_intervals(stop: Stop) -> list[tuple[int, int]]:
    """When the host can have the group: opening hours, narrowed, less busy times."""
    lo_limit = 0 if stop.earliest is None else stop.earliest
    hi_limit = DAY_END if stop.latest is None else stop.latest
    pieces = []
    for a, b in stop.hours or ((0, DAY_END),):
        a, b = max(a, lo_limit), min(b, hi_limit)
        if a < b or (a == b and stop.visit_minutes == 0):
            pieces.append((a, b))
    for busy_from, busy_to in sorted(stop.busy):
        cut = []
        for a, b in pieces:
            if busy_to <= a or busy_from >= b:
                cut.append((a, b))
                continue
            if a < busy_from:
                cut.append((a, busy_from))
            if busy_to < b:
                cut.append((busy_to, b))
        pieces = cut
    return sorted(pieces)


def start_windows(stop: Stop) -> list[tuple[int, int]]:
    """Intervals [lo, hi] in which the visit may begin so it ends inside a free interval."""
    return [(a, b - stop.visit_minutes) for a, b in free_intervals(stop) if b - a >= stop.visit_minutes]


def earliest_start(windows: Sequence[tuple[int, int]], arrive: int) -> int | None:
    """The first moment at or after `arrive` a visit can begin, or None when it is too late."""
    for lo, hi in windows:
        if hi >= arrive:
            return max(lo, arrive)
    return None


def break_window(b: Break) -> tuple[int, int]:
    return b.earliest, b.latest - b.minutes


@dataclass
class Compiled:
    """A day as arrays: node 0 is the depot, 1..n the stops; breaks are numbered apart.

    T[i, j] is the travel time, SP its shortest-path closure (a lower bound on
    getting from i to j by any way, used only to prune).
    """

    day: Day
    stop_ids: list[str]
    T: np.ndarray
    SP: np.ndarray
    visit: np.ndarray
    wlo: np.ndarray  # (n+1, W) visit start windows
    whi: np.ndarray
    wcount: np.ndarray
    blo: np.ndarray
    bhi: np.ndarray
    bmin: np.ndarray
    bat: np.ndarray  # node the break must be taken at, or -1

    @property
    def n(self) -> int:
        return len(self.stop_ids)

    @property
    def k(self) -> int:
        return len(self.day.breaks)

    def node_id(self, node: int) -> str:
        """Node code used by the solvers: 1..n a stop, n+1.. a break."""
        if node <= self.n:
            return self.stop_ids[node - 1]
        return self.day.breaks[node - self.n - 1].id


def compile_day(day: Day, travel: Mapping[tuple[str, str], int]) -> Compiled:
    ids = [day.depot.id, *(s.id for s in day.stops)]
    n = len(day.stops)
    T = np.zeros((n + 1, n + 1), dtype=np.int64)
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            if i != j:
                T[i, j] = travel[a, b]
    SP = T.copy()
    for m in range(n + 1):  # Floyd-Warshall: hand-made matrices need not obey the triangle inequality
        SP = np.minimum(SP, SP[:, m:m + 1] + SP[m:m + 1, :])
    windows = [[(day.depart, day.depart)]] + [start_windows(s) for s in day.stops]
    width = max(1, max(len(w) for w in windows))
    wlo = np.zeros((n + 1, width), dtype=np.int64)
    whi = np.full((n + 1, width), -1, dtype=np.int64)
    wcount = np.zeros(n + 1, dtype=np.int64)
    for i, ws in enumerate(windows):
        wcount[i] = len(ws)
        for w, (lo, hi) in enumerate(ws):
            wlo[i, w], whi[i, w] = lo, hi
    index = {s.id: i + 1 for i, s in enumerate(day.stops)}
    blo = np.array([break_window(b)[0] for b in day.breaks], dtype=np.int64)
    bhi = np.array([break_window(b)[1] for b in day.breaks], dtype=np.int64)
    bmin = np.array([b.minutes for b in day.breaks], dtype=np.int64)
    bat = np.array([index.get(b.at_stop, -2) if b.at_stop else -1 for b in day.breaks], dtype=np.int64)
    visit = np.array([0, *(s.visit_minutes for s in day.stops)], dtype=np.int64)
    return Compiled(day, ids[1:], T, SP, visit, wlo, whi, wcount, blo, bhi, bmin, bat)


def _late(stop: Stop, arrive: int) -> Problem:
    """Why a visit cannot begin at or after `arrive`, naming what ends the last window."""
    windows = start_windows(stop)
    if not windows:
        return Problem("visit_longer_than_hours", "visit_minutes",
                       {"stop": stop.name, "stop_id": stop.id, "visit": stop.visit_minutes,
                        "opens": stop.opens, "closes": stop.closes})
    end = windows[-1][1] + stop.visit_minutes
    params = {"stop": stop.name, "stop_id": stop.id, "arrive": arrive, "visit": stop.visit_minutes,
              "closes": end, "latest_start": windows[-1][1]}
    busy_starts = {a for a, _ in stop.busy}
    if end in busy_starts:
        return Problem("host_busy", "busy", params)
    if stop.latest is not None and end == stop.latest and (stop.closes is None or stop.latest < stop.closes):
        return Problem("after_latest" if arrive >= end else "visit_past_latest", "latest", params)
    return Problem("after_closing" if arrive >= end else "visit_past_closing", "closes", params)


def timetable(day: Day, travel: Mapping[tuple[str, str], int], order: Sequence[str]) -> Route:
    """Times for visiting stops and taking breaks in `order`, with every rule it breaks.

    A visit that is too late is still timed (begun on arrival) so the rest of the
    day shows what would follow; the problems say what is wrong.
    """
    stops = {s.id: s for s in day.stops}
    breaks = {b.id: b for b in day.breaks}
    problems: list[Problem] = []
    seen: set[str] = set()
    legs: list[Leg] = []
    t, here = day.depart, day.depot.id
    for item in order:
        if item in seen:
            problems.append(Problem("visited_twice", "order", {"stop": _name(day, item), "stop_id": item}))
            continue
        seen.add(item)
        if item in stops:
            stop = stops[item]
            drive = travel[here, item]
            arrive = t + drive
            start = earliest_start(start_windows(stop), arrive)
            if start is None:
                problems.append(_late(stop, arrive))
                start = arrive
            legs.append(Leg(item, "stop", arrive, start, start + stop.visit_minutes, drive, item))
            t, here = start + stop.visit_minutes, item
        elif item in breaks:
            b = breaks[item]
            lo, hi = break_window(b)
            start = max(t, lo)
            params = {"break": b.name, "break_id": b.id, "minutes": b.minutes, "earliest": b.earliest,
                      "latest": b.latest, "can_start": start, "latest_start": hi}
            if here == day.depot.id:
                problems.append(Problem("break_at_depot", "breaks", params))
            elif b.at_stop and b.at_stop != here:
                problems.append(Problem("break_elsewhere", "breaks", {
                    **params, "stop": _name(day, b.at_stop), "place": _name(day, here)}))
            if start > hi:
                problems.append(Problem("break_late", "breaks", {**params, "place": _name(day, here)}))
            legs.append(Leg(item, "break", t, start, start + b.minutes, 0, here))
            t = start + b.minutes
        else:
            problems.append(Problem("unknown_stop", "order", {"stop_id": item}))
    for stop in day.stops:
        if stop.id not in seen:
            problems.append(Problem("stop_left_out", "order", {"stop": stop.name, "stop_id": stop.id}))
    for b in day.breaks:
        if b.id not in seen:
            problems.append(Problem("break_left_out", "breaks", {"break": b.name, "break_id": b.id}))
    back_drive = travel[here, day.depot.id] if here != day.depot.id else 0
    back = t + back_drive
    if back > day.return_by:
        problems.append(Problem("back_late", "return_by", {"back": back, "return_by": day.return_by}))
    return Route(day.depart, tuple(legs), back, back_drive, tuple(problems))


def _name(day: Day, item: str) -> str:
    if item == day.depot.id:
        return day.depot.name
    for s in day.stops:
        if s.id == item:
            return s.name
    for b in day.breaks:
        if b.id == item:
            return b.name
    return item
