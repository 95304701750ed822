"""The engine's front door: solve a problem, re-plan a published schedule.

Every entry point hands out only a schedule that `check` accepts for the
problem it was made for; anything else raises `Infeasible` with the findings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

import numpy as np

from .budget import Budget
from .constraints import Finding, availability_matrix, check, colleagues_matrix, explain_infeasible, pins_of
from .model import Meeting, PairsFormat, Pin, Problem, Replan, Schedule, TablesFormat
from .pairs import fill_pairs, solve_pairs
from .scores import PairScores, score_pairs
from .tables import mdgp, objective_of, schedule_from_seats, solve_tables, usable_sizes


class Infeasible(ValueError):
    """The request cannot be met; `findings` says why (codes an app translates; `str()` is English)."""

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        super().__init__("; ".join(str(f) for f in self.findings))

    @property
    def reasons(self) -> list[str]:
        return [str(f) for f in self.findings]


def solve(problem: Problem, *, scores: PairScores | None = None, seed: int = 0, time_limit: float = 10.0,
          steps: int | None = None, progress=None, with_reasons: bool = True, clock: str = "wall") -> Schedule:
    """The best schedule found, checked against every rule.

    The search uses the whole `time_limit` (seconds), unless it proves the
    schedule optimal first. With `steps` it runs exactly that many search
    steps instead and never reads the clock: the same problem, scores, seed
    and steps give the same schedule on any machine. `progress(Progress)` is
    called as the search goes.
    """
    findings = explain_infeasible(problem)
    if findings:
        raise Infeasible(findings)
    if scores is None:
        scores = score_pairs(problem)
    if scores.ids != problem.ids:
        raise ValueError("scores must list the problem's participants in the same order")
    budget = Budget(time_limit, steps, progress, clock)
    if isinstance(problem.format, PairsFormat):
        schedule = solve_pairs(problem, scores, budget, seed=seed, with_reasons=with_reasons)
    else:
        schedule = solve_tables(problem, scores, budget, seed=seed, with_reasons=with_reasons)
    return _checked(problem, schedule)


def _checked(problem: Problem, schedule: Schedule) -> Schedule:
    broken = check(problem, schedule)
    if broken:
        # A solver bug or a request explain_infeasible could not foresee
        # (e.g. colleagues who cannot all be kept apart): say so, never hand it out.
        raise Infeasible(broken)
    return schedule


# -- re-planning ------------------------------------------------------------------


def present(problem: Problem, no_shows: Iterable[str], late_arrivals: Mapping[str, int], held_rounds: int = 0) -> Problem:
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


_present = present  # the name the tests and older callers use


def history(problem: Problem, published: Schedule, held_rounds: int) -> Problem:
    """`problem` with every published seat of the rounds already held pinned, and those rounds closed."""
    ids = set(problem.ids)
    keep = [p for p in problem.pins if p.round > held_rounds]
    held = [Pin(pid, m.round, m.table) for m in published.meetings if m.round <= held_rounds
            for pid in m.participants if pid in ids]
    return dataclasses.replace(problem, pins=tuple(held + keep), held_rounds=max(problem.held_rounds, held_rounds))


def replan(problem: Problem, published: Schedule, *, held_rounds: int, no_shows: Iterable[str] = (),
           late_arrivals: Mapping[str, int] | None = None, scores: PairScores | None = None, seed: int = 0,
           minimal: bool = True, time_limit: float = 5.0, steps: int | None = None) -> Replan:
    """Re-plan the rounds after `held_rounds` for the people still there.

    `minimal` (the default, for the day itself) changes as little as
    possible: every published meeting that can still happen stays where it
    is, and only the people it has to touch get new meetings or seats.
    Otherwise the rounds still to come are planned afresh around the pins.
    The result is checked against `Replan.problem`, the problem as it now
    stands (history pinned, absences applied); `Replan.affected` is who to tell.
    """
    late_arrivals = dict(late_arrivals or {})
    unknown = sorted((set(no_shows) | set(late_arrivals)) - set(problem.ids))
    if unknown:
        raise ValueError(f"unknown participants: {', '.join(unknown)}")
    now = history(present(problem, no_shows, late_arrivals, held_rounds), published, held_rounds)
    if scores is None:
        scores = score_pairs(problem)
    findings = explain_infeasible(now)
    if findings:
        raise Infeasible(findings)
    if isinstance(problem.format, PairsFormat):
        schedule = _replan_pairs(now, published, scores, seed, minimal, time_limit, steps)
    else:
        schedule = _replan_tables(now, published, scores, seed, minimal, time_limit, steps)
    # The rounds held stay exactly as published, reasons and all.
    history_meetings = {(m.round, m.table, frozenset(m.participants)): m for m in published.meetings
                        if m.round <= now.held_rounds}
    meetings = tuple(history_meetings.get((m.round, m.table, frozenset(m.participants)), m) for m in schedule.meetings)
    schedule = dataclasses.replace(schedule, meetings=meetings, bound=published.bound if minimal else schedule.bound)
    schedule = dataclasses.replace(schedule, objective=float(sum(m.score for m in meetings)))
    return _compare(now, published, _checked(now, schedule))


def _still_possible(now: Problem, published: Schedule) -> list[Pin]:
    """Published 1:1 meetings after the held rounds whose two people are both still there in that round."""
    people = {p.id: p for p in now.participants}
    out = []
    for m in published.meetings:
        if m.round <= now.held_rounds or len(m.participants) != 2:
            continue
        if all(pid in people and now.available(people[pid], m.round) for pid in m.participants):
            out += [Pin(pid, m.round, m.table) for pid in m.participants]
    return out


def _replan_pairs(now: Problem, published: Schedule, scores: PairScores, seed: int, minimal: bool,
                  time_limit: float, steps: int | None) -> Schedule:
    if minimal:
        # Keep what can still happen by pinning it; only the gaps it leaves are filled.
        taken = {(p.round, p.participant) for p in now.pins}
        kept = [p for p in _still_possible(now, published) if (p.round, p.participant) not in taken]
        pinned = dataclasses.replace(now, pins=now.pins + tuple(_valid_pairs(now, kept)))
        return fill_pairs(pinned, scores, seed=seed)
    return solve_pairs(now, scores, Budget(time_limit, steps), seed=seed, with_reasons=True)


def _valid_pairs(now: Problem, pins: list[Pin]) -> list[Pin]:
    """Pinned pairs that break no rule together: a meeting the published schedule had twice (it cannot) is kept once."""
    from .constraints import pairs_ledger

    ledger = pairs_ledger(now)
    index = {pid: i for i, pid in enumerate(now.ids)}
    out = []
    by_meeting: dict[tuple[int, str], list[Pin]] = {}
    for pin in pins:
        by_meeting.setdefault((pin.round, pin.table), []).append(pin)
    for p in pins_of(now).pairs:
        ledger.place(p[2], p[3], p[0])
    for (round_, _table), pair in sorted(by_meeting.items()):
        if len(pair) != 2:
            continue
        a, b = (index[p.participant] for p in pair)
        if ledger.fits(a, b, round_ - 1):
            ledger.place(a, b, round_ - 1)
            out += pair
    return out


def _replan_tables(now: Problem, published: Schedule, scores: PairScores, seed: int, minimal: bool,
                   time_limit: float, steps: int | None) -> Schedule:
    """Published seats, repaired round by round: late arrivals seated, tables below their minimum filled or closed."""
    fmt: TablesFormat = now.format
    ids = scores.ids
    index = {pid: i for i, pid in enumerate(ids)}
    table_of = {t.id: k for k, t in enumerate(fmt.tables)}
    n = len(ids)
    available = availability_matrix(now)
    lo = np.array([t.min_seats for t in fmt.tables])
    hi = np.array([t.max_seats for t in fmt.tables])
    colleagues = colleagues_matrix(now) if fmt.separate_organisations else np.zeros((n, n), dtype=bool)
    pins = pins_of(now).seat
    seats = np.full((fmt.rounds, n), -1, dtype=np.int64)
    for m in published.meetings:
        for pid in m.participants:
            if pid in index and m.table in table_of and 1 <= m.round <= fmt.rounds:
                seats[m.round - 1, index[pid]] = table_of[m.table]
    seats[~available.T] = -1  # no-shows and late arrivals leave their seats
    for (r, i), table in pins.items():
        if r < fmt.rounds and available[i, r] and table in table_of:
            seats[r, i] = table_of[table]
    weights = scores.matrix
    rng = np.random.default_rng(seed)
    for r in range(now.held_rounds, fmt.rounds):
        row = seats[r]
        fixed = np.full(n, -1, dtype=np.int64)
        for (rr, i), table in pins.items():
            if rr == r and available[i, r] and table in table_of:
                fixed[i] = table_of[table]
        value = np.where(_met_elsewhere(seats, r), np.minimum(weights, 0.0), weights)
        repaired = _repair_round(row.copy(), fixed, available[:, r], lo, hi, colleagues, value,
                                 empty_allowed=fmt.empty_tables)
        if repaired is None or not minimal:
            people = np.flatnonzero(available[:, r])
            d = value[np.ix_(people, people)] - 1e6 * colleagues[np.ix_(people, people)]
            start = None if repaired is None else repaired[people]
            limit = time_limit / max(fmt.rounds - now.held_rounds, 1)
            sub_lo, sub_hi = usable_sizes(len(people), lo, hi, fmt.empty_tables, fixed[people])
            groups, _ = mdgp(d, sub_lo, sub_hi, seed=int(rng.integers(2**31)), start=start, fixed=fixed[people],
                             time_limit=None if steps is not None else limit,
                             max_iterations=steps if steps is not None else None)
            if repaired is None or objective_of(d, groups) > objective_of(d, repaired[people]) + 1e-9:
                repaired = np.full(n, -1, dtype=np.int64)
                repaired[people] = groups
        seats[r] = repaired
    return schedule_from_seats(now, scores, seats, seed, with_reasons=True, bound=None)


def _met_elsewhere(seats: np.ndarray, r: int) -> np.ndarray:
    n = seats.shape[1]
    met = np.zeros((n, n), dtype=bool)
    for other in range(len(seats)):
        if other != r:
            s = seats[other]
            met |= (s[:, None] == s[None, :]) & (s[:, None] >= 0)
    return met


def _repair_round(row, fixed, here, lo, hi, colleagues, value, *, empty_allowed: bool):
    """The fewest moves that make one round's seating valid again, or None when moves alone cannot."""
    g = len(lo)

    def size():
        return np.bincount(row[row >= 0], minlength=g)

    def gain(person, table, without=-1):
        mates = (row == table) & (np.arange(len(row)) != person) & (np.arange(len(row)) != without)
        if colleagues[person, mates].any():
            return -np.inf
        return float(value[person, mates].sum())

    # Pinned people first, to their tables.
    for person in np.flatnonzero(fixed >= 0):
        row[person] = fixed[person]
    # Late arrivals and anyone without a seat: the open seat where they add most, tables short of people first.
    for person in np.flatnonzero(here & (row < 0)):
        s = size()
        options = [t for t in range(g) if s[t] < hi[t]]
        if not options:
            return None
        short = [t for t in options if 0 < s[t] < lo[t]]
        pool = short or options
        best = max(pool, key=lambda t: (gain(person, t), -s[t]))
        if not np.isfinite(gain(person, best)):
            finite = [t for t in options if np.isfinite(gain(person, t))]
            if not finite:
                return None
            best = max(finite, key=lambda t: gain(person, t))
        row[person] = best
    # Tables below their minimum take people from tables above theirs, cheapest move first; when
    # nobody can come, a table may close (if allowed) and its people go where there is room.
    for _ in range(4 * len(row) + 4):
        s = size()
        short = [t for t in range(g) if 0 < s[t] < lo[t]] + ([t for t in range(g) if s[t] == 0 and lo[t] > 0]
                                                               if not empty_allowed else [])
        if not short:
            return row
        t = min(short, key=lambda t: (lo[t] - s[t], t))
        donors = [p for p in np.flatnonzero(row >= 0) if row[p] != t and s[row[p]] > lo[row[p]] and fixed[p] < 0
                  and np.isfinite(gain(p, t))]
        if donors:
            p = max(donors, key=lambda p: gain(p, t) - gain(p, row[p], without=p))
            row[p] = t
            continue
        if not empty_allowed:
            return None
        movers = np.flatnonzero(row == t)
        if (fixed[movers] >= 0).any():
            return None
        row[movers] = -1
        for person in movers:
            s = size()
            options = [u for u in range(g) if u != t and s[u] < hi[u] and s[u] > 0 and np.isfinite(gain(person, u))]
            if not options:
                return None
            row[person] = max(options, key=lambda u: gain(person, u))
    return None


def _compare(now: Problem, published: Schedule, schedule: Schedule) -> Replan:
    """What changed against the published schedule after the held rounds, and whom it touches."""
    held = now.held_rounds
    before = {(m.round, m.table): frozenset(m.participants) for m in published.meetings if m.round > held}
    after = {(m.round, m.table): frozenset(m.participants) for m in schedule.meetings if m.round > held}
    removed = tuple(m for m in published.meetings if m.round > held and after.get((m.round, m.table)) != before[(m.round, m.table)])
    added = tuple(m for m in schedule.meetings if m.round > held and before.get((m.round, m.table)) != after[(m.round, m.table)])
    kept = sum(1 for key, people in before.items() if after.get(key) == people)
    here = {p.id for p in now.participants}
    pairs = isinstance(now.format, PairsFormat)

    def agenda(s: Schedule) -> dict[str, set]:
        out: dict[str, set] = {}
        for m in s.meetings:
            if m.round <= held:
                continue
            for pid in m.participants:
                others = frozenset(m.participants) - {pid} if pairs else frozenset()
                out.setdefault(pid, set()).add((m.round, m.table, others))
        return out

    old, new = agenda(published), agenda(schedule)
    people = {p.id: p for p in now.participants}
    affected = frozenset(pid for pid in set(old) | set(new)
                         if pid in here and old.get(pid, set()) != new.get(pid, set())
                         and any(now.available(people[pid], r) for r in range(held + 1, now.format.rounds + 1)))
    return Replan(schedule, removed, added, kept, affected, now)
