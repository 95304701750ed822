"""`plan`: the best route for a day, proven optimal up to `EXACT_LIMIT` stops.

Up to the limit the exact search decides: a route it returns is optimal, and
when it returns none, no route exists and `explain` says why. Beyond it the
local search plans and the bounds say how far from optimal it can be at most.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Mapping

import numpy as np

from .exact import solve_exact
from .heuristic import driving_bound, return_bound, search
from .model import OBJECTIVES, Day, Plan, Problem
from .rules import Compiled, break_window, compile_day, earliest_start, start_windows, timetable

EXACT_LIMIT = 15


def validate(day: Day, travel: Mapping[tuple[str, str], int]) -> list[Problem]:
    """Input that cannot be planned at all, whatever the order."""
    problems = []
    if day.return_by <= day.depart:
        problems.append(Problem("return_before_depart", "return_by", {"depart": day.depart, "return_by": day.return_by}))
    ids = [p.id for p in day.places]
    for a in ids:
        for b in ids:
            if a != b and ((a, b) not in travel or travel[a, b] < 0):
                problems.append(Problem("travel_missing", "travel", {"from": a, "to": b}))
                return problems
    for s in day.stops:
        if s.visit_minutes < 0:
            problems.append(Problem("visit_negative", "visit_minutes", {"stop": s.name, "stop_id": s.id}))
        if any(b <= a for a, b in s.hours):
            problems.append(Problem("closes_before_opens", "closes", {"stop": s.name, "stop_id": s.id,
                                                                      "opens": s.opens, "closes": s.closes}))
    stop_ids = {s.id for s in day.stops}
    for b in day.breaks:
        if b.at_stop and b.at_stop not in stop_ids:
            problems.append(Problem("break_at_unknown_stop", "breaks", {"break": b.name, "stop_id": b.at_stop}))
        if b.minutes <= 0:
            problems.append(Problem("break_too_short", "breaks", {"break": b.name, "minutes": b.minutes}))
    return problems


def _single_problems(c: Compiled) -> list[Problem]:
    """Rules a stop or break breaks on its own, even on a trip just for it."""
    day = c.day
    problems = []
    for j, stop in enumerate(day.stops, start=1):
        windows = start_windows(stop)
        arrive = day.depart + int(c.SP[0, j])
        if not windows:
            problems.append(Problem("visit_longer_than_hours", "visit_minutes", {
                "stop": stop.name, "stop_id": stop.id, "visit": stop.visit_minutes,
                "opens": stop.opens, "closes": stop.closes}))
            continue
        start = earliest_start(windows, arrive)
        if start is None:
            route = timetable(day, _closure(c), [stop.id])
            problems.extend(p for p in route.problems if p.params.get("stop_id") == stop.id)
            continue
        back = start + stop.visit_minutes + int(c.SP[j, 0])
        if back > day.return_by:
            problems.append(Problem("cannot_get_back", "return_by", {
                "stop": stop.name, "stop_id": stop.id, "back": back, "return_by": day.return_by}))
    for b in day.breaks:
        lo, hi = break_window(b)
        params = {"break": b.name, "break_id": b.id, "minutes": b.minutes, "earliest": b.earliest, "latest": b.latest}
        if hi < lo:
            problems.append(Problem("break_window_short", "breaks", params))
        elif hi < day.depart or lo + b.minutes > day.return_by:
            problems.append(Problem("break_outside_day", "breaks", {**params, "depart": day.depart,
                                                                    "return_by": day.return_by}))
    return problems


def _closure(c: Compiled) -> dict:
    ids = [c.day.depot.id, *c.stop_ids]
    return {(a, b): int(c.SP[i, j]) for i, a in enumerate(ids) for j, b in enumerate(ids) if i != j}


def _feasible(day: Day, travel) -> bool:
    c = compile_day(day, travel)
    if _single_problems(c):
        return False
    status, _, _ = solve_exact(c, objective=0)
    return status == 0


def explain(day: Day, travel: Mapping[tuple[str, str], int], c: Compiled | None = None) -> list[Problem]:
    """Why no route exists, in findings a coordinator can act on, most specific first.

    First what a stop or break breaks on its own, then pairs of stops that rule
    each other out, then a day too short for what it holds; and in any case which
    single stop could be dropped to make the day fit (searched exactly).
    """
    c = c or compile_day(day, travel)
    problems = _single_problems(c)
    if problems:
        return problems
    ids = [s.id for s in day.stops]
    pairs = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            both = replace(day, stops=(day.stop(a), day.stop(b)), breaks=())
            if not timetable(both, travel, [a, b]).ok and not timetable(both, travel, [b, a]).ok:
                pairs.append(Problem("pair_conflict", "order", {
                    "stop": day.stop(a).name, "stop_id": a, "other": day.stop(b).name, "other_id": b}))
    problems.extend(pairs[:3])
    need = return_bound(c, driving_bound(c))
    if need > day.return_by:
        problems.append(Problem("day_too_short", "return_by", {
            "need": need - day.depart, "have": day.return_by - day.depart,
            "depart": day.depart, "return_by": day.return_by}))
    if len(ids) <= EXACT_LIMIT + 1:
        drops = []
        for s in day.stops:
            rest = replace(day, stops=tuple(x for x in day.stops if x.id != s.id),
                           breaks=tuple(b for b in day.breaks if b.at_stop != s.id))
            if _feasible(rest, travel):
                drops.append(s)
        problems.append(Problem("no_order_fits", "order", {
            "count": len(ids), "drop": [s.name for s in drops], "drop_ids": [s.id for s in drops]}))
    return problems


def _route(c: Compiled, codes) -> "Route":  # noqa: F821 - Route from model, kept loose for numba arrays
    return timetable(c.day, _travel_of(c), [c.node_id(int(x)) for x in codes])


def _travel_of(c: Compiled) -> dict:
    ids = [c.day.depot.id, *c.stop_ids]
    return {(a, b): int(c.T[i, j]) for i, a in enumerate(ids) for j, b in enumerate(ids) if i != j}


def plan(day: Day, travel: Mapping[tuple[str, str], int], *, objective: str = "return",
         exact_limit: int = EXACT_LIMIT, seconds: float = 2.0, seed: int = 1) -> Plan:
    """The best route for `day` with `travel` minutes between its places."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}")
    started = time.perf_counter()
    problems = validate(day, travel)
    if problems:
        return Plan(objective, None, True, None, "none", tuple(problems))
    c = compile_day(day, travel)
    single = _single_problems(c)
    if single:
        return Plan(objective, None, True, None, "none", tuple(single),
                    {"seconds": time.perf_counter() - started})
    which = 0 if objective == "return" else 1
    exact = c.n <= exact_limit
    seq, penalty, search_stats = search(c, objective=which, seconds=0.05 if exact else seconds, seed=seed,
                                        iterations=10 if exact else 50)
    incumbent = _route(c, seq) if penalty == 0 else None
    stats = {"heuristic_rounds": search_stats["rounds"]}
    if exact:
        upper = None
        if incumbent is not None:
            upper = incumbent.back if which == 0 else incumbent.driving
        status, codes, dp_stats = solve_exact(c, objective=which, upper_bound=upper)
        stats.update(dp_stats)
        if status == 0:
            route = _route(c, codes)
            assert route.ok, route.problems  # the DP and the rules disagree: a bug, never a plan
            stats["seconds"] = time.perf_counter() - started
            value = route.back if which == 0 else route.driving
            return Plan(objective, route, True, value, "exact", (), stats)
        if status == 1:
            stats["seconds"] = time.perf_counter() - started
            return Plan(objective, None, True, None, "exact", tuple(explain(day, travel, c)), stats)
        stats["gave_up"] = True  # too many labels: fall through to the heuristic's answer
    drive_lb = driving_bound(c, upper=incumbent.driving if incumbent else None)
    bound = return_bound(c, drive_lb) if which == 0 else drive_lb
    stats["seconds"] = time.perf_counter() - started
    if incumbent is None:
        attempt = _route(c, seq)
        found = [Problem("no_route_found", "order", {"count": c.n}), *attempt.problems]
        return Plan(objective, None, False, bound, "heuristic", tuple(found), stats)
    value = incumbent.back if which == 0 else incumbent.driving
    return Plan(objective, incumbent, value <= bound, bound, "heuristic", (), stats)
