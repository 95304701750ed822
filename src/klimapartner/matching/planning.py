"""The engine's front door: solve a problem, re-plan a published schedule."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

import numpy as np
import rustworkx as rx

from .constraints import PairsLedger, availability_matrix, check, colleagues_matrix, explain_infeasible
from .model import Meeting, PairsFormat, Problem, Replan, Schedule, TablesFormat
from .pairs import solve_pairs
from .scores import PairScores, score_pairs
from .tables import schedule_from_seats, solve_tables


class Infeasible(ValueError):
    """The request cannot be met; `reasons` says why in sentences."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def solve(problem: Problem, *, scores: PairScores | None = None, seed: int = 0, time_limit: float = 10.0,
          progress=None, with_reasons: bool = True) -> Schedule:
    """The best schedule found within `time_limit` seconds, checked against every rule."""
    reasons = explain_infeasible(problem)
    if reasons:
        raise Infeasible(reasons)
    if scores is None:
        scores = score_pairs(problem)
    if scores.ids != problem.ids:
        raise ValueError("scores must list the problem's participants in the same order")
    solver = solve_pairs if isinstance(problem.format, PairsFormat) else solve_tables
    schedule = solver(problem, scores, seed=seed, time_limit=time_limit, progress=progress, with_reasons=with_reasons)
    broken = check(problem, schedule)
    if broken:
        # A solver bug or a request explain_infeasible could not foresee
        # (e.g. colleagues who cannot all be kept apart): say so, never hand it out.
        raise Infeasible(broken)
    return schedule


def _present(problem: Problem, no_shows: Iterable[str], late_arrivals: Mapping[str, int], held_rounds: int = 0) -> Problem:
    """The problem as it stands: from round held_rounds + 1 on, no-shows are absent and late arrivals absent until they come.

    Rounds already held are history and keep their availability.
    """
    gone = set(no_shows)
    all_rounds = set(range(1, problem.format.rounds + 1))
    people = []
    for p in problem.participants:
        available = set(all_rounds) if p.rounds is None else set(p.rounds)
        if p.id in gone:
            available = {r for r in available if r <= held_rounds}
        if p.id in late_arrivals:
            available = {r for r in available if r <= held_rounds or r >= late_arrivals[p.id]}
        changed = p.id in gone or p.id in late_arrivals
        people.append(dataclasses.replace(p, rounds=frozenset(available)) if changed else p)
    return dataclasses.replace(problem, participants=tuple(people))


def replan(problem: Problem, published: Schedule, *, held_rounds: int, no_shows: Iterable[str] = (),
           late_arrivals: Mapping[str, int] | None = None, scores: PairScores | None = None, seed: int = 0) -> Replan:
    """Re-plan the rounds after `held_rounds`, keeping every published meeting that still can happen."""
    late_arrivals = dict(late_arrivals or {})
    unknown = sorted((set(no_shows) | set(late_arrivals)) - set(problem.ids))
    if unknown:
        raise ValueError(f"unknown participants: {', '.join(unknown)}")
    present = _present(problem, no_shows, late_arrivals, held_rounds)
    if scores is None:
        scores = score_pairs(problem)
    if isinstance(problem.format, PairsFormat):
        return _replan_pairs(present, published, held_rounds, scores, seed)
    return _replan_tables(present, published, held_rounds, scores, seed)


def _replan_pairs(problem: Problem, published: Schedule, held: int, scores: PairScores, seed: int) -> Replan:
    fmt: PairsFormat = problem.format
    index = {pid: i for i, pid in enumerate(scores.ids)}
    n = len(index)
    available = availability_matrix(problem)
    allowed = scores.allowed & ~colleagues_matrix(problem)
    ledger = PairsLedger(n, fmt.rounds, fmt.tables, available, allowed)
    kept, removed = 0, []
    # History first, so nobody is planned to meet someone they already met.
    for m in sorted(published.meetings, key=lambda m: (m.round > held, m.round)):
        if len(m.participants) != 2 or any(x not in index for x in m.participants):
            # Someone who has left the problem altogether (e.g. cancelled): the meeting cannot happen.
            if m.round > held:
                removed.append(m)
            continue
        a, b = (index[x] for x in m.participants)
        if ledger.fits(a, b, m.round - 1):
            ledger.place(a, b, m.round - 1)
            kept += m.round > held
        elif m.round > held:
            removed.append(m)
    # Fill each remaining round among the people who are free in it.
    weights = scores.matrix
    minimum = scores.weights.minimum_pair_score
    published_keys = {(m.round, frozenset(m.participants)) for m in published.meetings}
    for r in range(held, fmt.rounds):
        free = np.flatnonzero(available[:, r] & (ledger.partner[r] < 0))
        room = None if fmt.tables is None else fmt.tables - int(ledger.count[r])
        if len(free) < 2 or room == 0:
            continue
        sub = weights[np.ix_(free, free)]
        ok = np.triu(allowed[np.ix_(free, free)] & (sub > minimum), 1)
        rows, cols = np.nonzero(ok)
        pairs = [(int(free[i]), int(free[j])) for i, j in zip(rows, cols) if ledger.key(int(free[i]), int(free[j])) not in ledger.met]
        if not pairs:
            continue
        graph = rx.PyGraph()
        graph.add_nodes_from(range(len(free)))
        position = {int(p): k for k, p in enumerate(free)}
        scale = 1e6 / max(float(weights.max()), 1e-9)
        graph.add_edges_from([(position[a], position[b], int(round(weights[a, b] * scale))) for a, b in pairs])
        chosen = [(int(free[x]), int(free[y])) for x, y in rx.max_weight_matching(graph, weight_fn=int)]
        chosen.sort(key=lambda e: -weights[e])
        for a, b in chosen[: room if room is not None else len(chosen)]:
            if ledger.fits(a, b, r):
                ledger.place(a, b, r)
    # Kept meetings keep their table; new ones take the lowest free table numbers.
    ids = scores.ids
    published_by_key = {(m.round, frozenset(m.participants)): m for m in published.meetings}
    meetings, added = [], []
    for r in range(fmt.rounds):
        pairs_in_round = [(a, b) for rr, a, b in ledger.meetings() if rr == r]
        kept_here = [published_by_key[(r + 1, frozenset((ids[a], ids[b])))] for a, b in pairs_in_round
                     if (r + 1, frozenset((ids[a], ids[b]))) in published_by_key]
        used = {m.table for m in kept_here}
        free_tables = (str(t) for t in range(1, 10**9) if str(t) not in used)
        meetings.extend(kept_here)
        fresh = [(a, b) for a, b in pairs_in_round if (r + 1, frozenset((ids[a], ids[b]))) not in published_by_key]
        for a, b in sorted(fresh, key=lambda e: -weights[e]):
            meeting = Meeting(r + 1, next(free_tables), (ids[a], ids[b]), float(weights[a, b]), scores.reasons(ids[a], ids[b]))
            meetings.append(meeting)
            added.append(meeting)
    meetings.sort(key=lambda m: (m.round, int(m.table) if m.table.isdigit() else 0, m.table))
    schedule = Schedule(tuple(meetings), float(sum(m.score for m in meetings)), published.bound, seed)
    return Replan(schedule, tuple(removed), tuple(added), kept)


def _replan_tables(problem: Problem, published: Schedule, held: int, scores: PairScores, seed: int) -> Replan:
    fmt: TablesFormat = problem.format
    index = {pid: i for i, pid in enumerate(scores.ids)}
    table_of = {t.id: k for k, t in enumerate(fmt.tables)}
    n = len(index)
    available = availability_matrix(problem)
    lo = np.array([t.min_seats for t in fmt.tables])
    hi = np.array([t.max_seats for t in fmt.tables])
    colleagues = colleagues_matrix(problem) if fmt.separate_organisations else np.zeros((n, n), dtype=bool)
    seats = np.full((fmt.rounds, n), -1, dtype=np.int64)
    for m in published.meetings:
        for pid in m.participants:
            if pid in index and m.table in table_of and 1 <= m.round <= fmt.rounds:
                seats[m.round - 1, index[pid]] = table_of[m.table]
    seats[~available.T] = -1  # no-shows and late arrivals leave their seats
    weights = scores.matrix
    for r in range(held, fmt.rounds):
        row = seats[r]
        size = np.bincount(row[row >= 0], minlength=len(lo))
        met = np.zeros((n, n), dtype=bool)
        for other in range(fmt.rounds):
            if other != r:
                s = seats[other]
                met |= (s[:, None] == s[None, :]) & (s[:, None] >= 0)
        value = np.where(met, np.minimum(weights, 0.0), weights)

        def gain(person, table):
            mates = row == table
            if colleagues[person, mates].any():
                return -np.inf
            return float(value[person, mates].sum())

        # Late arrivals: the open seat where they add most.
        for person in np.flatnonzero(available[:, r] & (row < 0)):
            options = [(gain(person, t), t) for t in range(len(lo)) if size[t] < hi[t]]
            options = [o for o in options if np.isfinite(o[0])] or options
            if options:
                _, t = max(options)
                row[person], size[t] = t, size[t] + 1
        # Tables left below their minimum take the person whose move costs least.
        for t in np.flatnonzero(size < lo):
            while size[t] < lo[t]:
                donors = [p for p in np.flatnonzero(row >= 0) if size[row[p]] > lo[row[p]] and row[p] != t]
                if not donors:
                    break
                p = max(donors, key=lambda p: gain(p, t) - gain(p, row[p]) + float(value[p, p]))
                size[row[p]] -= 1
                row[p], size[t] = t, size[t] + 1
    schedule = schedule_from_seats(problem, scores, seats, seed, with_reasons=True, bound=published.bound)
    before = {(m.round, m.table): frozenset(m.participants) for m in published.meetings if m.round > held}
    after = {(m.round, m.table): frozenset(m.participants) for m in schedule.meetings if m.round > held}
    removed = tuple(m for m in published.meetings if m.round > held and after.get((m.round, m.table)) != before[(m.round, m.table)])
    added = tuple(m for m in schedule.meetings if m.round > held and before.get((m.round, m.table)) != after[(m.round, m.table)])
    kept = sum(1 for key, people in before.items() if after.get(key) == people)
    return Replan(schedule, removed, added, kept)
