"""Several buses: each group visits every stop, and no host receives two groups at once.

What the core can do, and what not:
- Groups are planned one after another, each optimally (exactly, up to the
  exact limit) around the visits already given to the others, which become
  `busy` times at the hosts, widened by a `changeover` for the host to get
  ready. Then each group in turn is re-planned around all the others while
  that brings the last return (the makespan) or the sum of returns forward.
- That is a good plan, not a proven best one: the exact search is per group,
  not over all groups together. `bound` is a proven lower bound on the
  makespan (no group can beat the one-bus optimum; and a host that receives
  every group one after another needs all their visits in a row), so
  `makespan - bound` says how much could at most be gained.
- All groups leave the same depot at the same time; the objective is the
  earliest last return.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Mapping

from .model import Day, Problem, Route
from .planner import plan
from .rules import compile_day, earliest_start, start_windows


@dataclass(frozen=True)
class GroupPlan:
    routes: tuple[Route, ...]
    bound: int | None
    problems: tuple[Problem, ...] = ()
    stats: dict = field(default_factory=dict)

    @property
    def makespan(self) -> int | None:
        return max(r.back for r in self.routes) if self.routes else None


def _around(day: Day, others: list[Route], changeover: int) -> Day:
    busy: dict[str, list[tuple[int, int]]] = {}
    for route in others:
        for leg in route.stop_legs:
            busy.setdefault(leg.id, []).append((leg.start - changeover, leg.leave + changeover))
    return replace(day, stops=tuple(replace(s, busy=s.busy + tuple(busy.get(s.id, ()))) for s in day.stops))


def _bound(day: Day, travel, groups: int, changeover: int, single_back: int) -> int:
    c = compile_day(day, travel)
    bound = single_back
    for j, stop in enumerate(day.stops, start=1):
        first = earliest_start(start_windows(stop), day.depart + int(c.SP[0, j]))
        if first is not None:
            last_end = first + groups * stop.visit_minutes + (groups - 1) * changeover
            bound = max(bound, last_end + int(c.SP[j, 0]))
    return bound


def plan_groups(day: Day, travel: Mapping[tuple[str, str], int], groups: int, *, changeover: int = 0,
                rounds: int = 4, seconds: float = 1.0) -> GroupPlan:
    """Routes for `groups` buses that never meet at a host."""
    started = time.perf_counter()
    single = plan(day, travel, seconds=seconds)
    if single.route is None:
        return GroupPlan((), None, single.problems)
    bound = _bound(day, travel, groups, changeover, single.route.back)
    routes: list[Route] = [single.route]
    for g in range(1, groups):
        result = plan(_around(day, routes, changeover), travel, seconds=seconds)
        if result.route is None:
            return GroupPlan(tuple(routes), bound, (Problem("groups_do_not_fit", "groups", {
                "groups": groups, "fitted": g}),), {"seconds": time.perf_counter() - started})
        routes.append(result.route)
    passes = 0
    for _ in range(rounds):
        passes += 1
        changed = False
        for g in range(groups):
            others = routes[:g] + routes[g + 1:]
            result = plan(_around(day, others, changeover), travel, seconds=seconds)
            if result.route is None:
                continue
            trial = others[:g] + [result.route] + others[g:]
            key = (max(r.back for r in trial), sum(r.back for r in trial))
            if key < (max(r.back for r in routes), sum(r.back for r in routes)):
                routes, changed = trial, True
        if not changed or max(r.back for r in routes) == bound:
            break
    return GroupPlan(tuple(routes), bound, (), {"seconds": time.perf_counter() - started, "passes": passes})


def overlaps(routes, changeover: int = 0) -> list[Problem]:
    """Hosts that would receive two groups at once (the rule `plan_groups` keeps), as findings."""
    problems = []
    visits: dict[str, list[tuple[int, int, int]]] = {}
    for g, route in enumerate(routes):
        for leg in route.stop_legs:
            visits.setdefault(leg.id, []).append((leg.start, leg.leave, g))
    for stop_id, slots in visits.items():
        slots.sort()
        for (s1, e1, g1), (s2, e2, g2) in zip(slots, slots[1:]):
            if s2 < e1 + changeover:
                problems.append(Problem("host_two_groups", "groups", {
                    "stop_id": stop_id, "group": g1 + 1, "other": g2 + 1, "start": s2, "until": e1}))
    return problems
