"""The coordinator's own hand on a schedule: move or swap people, pin what a re-run must keep.

Plain functions on the engine's dataclasses, no database: a change makes a new `Schedule`, and
`effect` compares it with the old one through the engine's scores and its rule checker, so a change
that breaks a rule is refused with the engine's own sentence (with names, not ids).

The engine has no input for fixed meetings, so `solve_with_pins` keeps them itself: in 1:1 mode the
pinned pairs are taken out of the problem before solving and put back after; at tables the engine
seats everyone and the pinned people are then swapped back to their tables.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from klimapartner import matching
from klimapartner.matching.constraints import colleagues_matrix, mutual_must_meet
from klimapartner.matching.tables import schedule_from_seats

# (round, participant id) -> table id
Seating = dict[tuple[int, str], str]


@dataclass(frozen=True)
class Move:
    """`participant` goes to `table` in `round`; table None: they sit the round out."""

    participant: str
    round: int
    table: str | None


@dataclass(frozen=True)
class Swap:
    """`first` and `second` change places in `round` (one of them may be sitting out)."""

    first: str
    second: str
    round: int


Change = Move | Swap


@dataclass(frozen=True)
class Effect:
    before: matching.Schedule
    after: matching.Schedule
    refused: tuple[str, ...]  # why the change cannot be made, as sentences; empty when it can
    removed: tuple[matching.Meeting, ...]  # meetings the change cancels
    added: tuple[matching.Meeting, ...]  # meetings it makes, with their new reasons

    @property
    def delta(self) -> float:
        return self.after.objective - self.before.objective

    @property
    def allowed(self) -> bool:
        return not self.refused


def seating(schedule: matching.Schedule) -> Seating:
    return {(m.round, p): m.table for m in schedule.meetings for p in m.participants}


def _is_pairs(problem: matching.Problem) -> bool:
    return isinstance(problem.format, matching.PairsFormat)


def apply_change(problem: matching.Problem, schedule: matching.Schedule, change: Change) -> matching.Schedule:
    """The schedule after `change`, not yet scored; meetings it leaves alone stay as they were."""
    seats = seating(schedule)
    r = change.round
    if isinstance(change, Swap):
        first, second = seats.pop((r, change.first), None), seats.pop((r, change.second), None)
        if second is not None:
            seats[(r, change.first)] = second
        if first is not None:
            seats[(r, change.second)] = first
    else:
        old = seats.pop((r, change.participant), None)
        if change.table is None and old is not None and _is_pairs(problem):
            # A 1:1 meeting needs two: when one sits out, so does the other.
            for key in [k for k, t in seats.items() if k[0] == r and t == old]:
                del seats[key]
        if change.table is not None:
            seats[(r, change.participant)] = change.table
    return _rebuild(schedule, seats)


def _rebuild(schedule: matching.Schedule, seats: Seating) -> matching.Schedule:
    groups: dict[tuple[int, str], set[str]] = defaultdict(set)
    for (r, p), table in seats.items():
        groups[(r, table)].add(p)
    old = {(m.round, m.table): m for m in schedule.meetings}
    meetings = []
    for key, people in groups.items():
        m = old.get(key)
        if m is not None and set(m.participants) == people:
            meetings.append(m)
            continue
        # Keep the order people had at the table; newcomers take the places of those who left.
        newcomers = sorted(people - set(m.participants if m else ()))
        ordered = []
        for p in m.participants if m else ():
            if p in people:
                ordered.append(p)
            elif newcomers:
                ordered.append(newcomers.pop(0))
        ordered += newcomers
        meetings.append(matching.Meeting(key[0], key[1], tuple(ordered), 0.0, ()))
    meetings.sort(key=_meeting_order)
    return dataclasses.replace(schedule, meetings=tuple(meetings))


def _meeting_order(m: matching.Meeting):
    return (m.round, int(m.table) if m.table.isdigit() else 0, m.table)


def rescore(problem: matching.Problem, scores: matching.PairScores, schedule: matching.Schedule, *,
            reasons_from: matching.Schedule | None = None) -> matching.Schedule:
    """`schedule` with every meeting's score and the objective worked out again from `scores`.

    Meetings also found in `reasons_from` keep their reasons there; the others get fresh ones.
    """
    known = {(m.round, m.table, frozenset(m.participants)): m for m in (reasons_from or schedule).meetings}
    if _is_pairs(problem):
        meetings = []
        for m in schedule.meetings:
            if len(m.participants) != 2 or any(p not in scores.ids for p in m.participants):
                meetings.append(dataclasses.replace(m, score=0.0))
                continue
            a, b = m.participants
            same = known.get((m.round, m.table, frozenset(m.participants)))
            reasons = same.reasons if same is not None and same.reasons else scores.reasons(a, b)
            meetings.append(dataclasses.replace(m, score=scores.score(a, b), reasons=reasons))
        objective = float(sum(m.score for m in meetings))
        return dataclasses.replace(schedule, meetings=tuple(meetings), objective=objective)
    # At tables a pair earns only the first time it shares a table, so any change can move value
    # between rounds: the engine's own accounting of the whole day.
    index = {p: i for i, p in enumerate(scores.ids)}
    table_of = {t.id: k for k, t in enumerate(problem.format.tables)}
    seats = np.full((problem.format.rounds, len(index)), -1, dtype=np.int64)
    for m in schedule.meetings:
        for p in m.participants:
            if p in index and m.table in table_of and 1 <= m.round <= problem.format.rounds:
                seats[m.round - 1, index[p]] = table_of[m.table]
    scored = schedule_from_seats(problem, scores, seats, schedule.seed, with_reasons=True, bound=schedule.bound)
    meetings = []
    for m in scored.meetings:
        same = known.get((m.round, m.table, frozenset(m.participants)))
        meetings.append(dataclasses.replace(m, reasons=same.reasons) if same is not None and same.reasons else m)
    return dataclasses.replace(schedule, meetings=tuple(meetings), objective=scored.objective)


def _unique(labels: dict[str, str]) -> dict[str, str]:
    seen: dict[str, int] = defaultdict(int)
    out = {}
    for key, label in labels.items():
        seen[label] += 1
        out[key] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return out


def readable_check(problem: matching.Problem, schedule: matching.Schedule, *, names: dict[str, str],
                   tables: dict[str, str], language: str = "en") -> list[str]:
    """The engine's `check`, with people and tables called by their names instead of their ids."""
    names = _unique({p.id: names.get(p.id, p.id) for p in problem.participants})
    person = lambda pid: names.get(pid, pid)  # noqa: E731
    table_ids = set(tables) | {m.table for m in schedule.meetings}
    if isinstance(problem.format, matching.TablesFormat):
        table_ids |= {t.id for t in problem.format.tables}
    table_names = _unique({t: tables.get(t, t) for t in sorted(table_ids)})
    people = tuple(dataclasses.replace(
        p, id=person(p.id),
        wishes=tuple(dataclasses.replace(w, participant=person(w.participant)) if w.participant else w
                     for w in p.wishes),
        relations=tuple((person(other), relation) for other, relation in p.relations),
    ) for p in problem.participants)
    fmt = problem.format
    if isinstance(fmt, matching.TablesFormat):
        fmt = dataclasses.replace(fmt, tables=tuple(dataclasses.replace(t, id=table_names[t.id]) for t in fmt.tables))
    renamed = matching.Schedule(tuple(
        dataclasses.replace(m, table=table_names[m.table], participants=tuple(person(p) for p in m.participants))
        for m in schedule.meetings), schedule.objective, schedule.bound)
    return matching.check(matching.Problem(people, fmt), renamed, language=language)


def effect(problem: matching.Problem, scores: matching.PairScores, schedule: matching.Schedule, change: Change, *,
           names: dict[str, str], tables: dict[str, str], held_rounds: int = 0, pinned: Seating | None = None,
           language: str = "en") -> Effect:
    """What `change` would do to `schedule` (scored with `scores`): the new objective, the meetings it
    cancels and makes, and every rule it would break."""
    pinned = pinned or {}
    before = rescore(problem, scores, schedule)
    refused = _preconditions(problem, before, change, names=names, held_rounds=held_rounds, pinned=pinned)
    after = rescore(problem, scores, apply_change(problem, before, change), reasons_from=before)
    if not refused:
        already = set(readable_check(problem, before, names=names, tables=tables, language=language))
        refused = [s for s in readable_check(problem, after, names=names, tables=tables, language=language)
                   if s not in already]
    old = {(m.round, m.table, frozenset(m.participants)) for m in before.meetings}
    new = {(m.round, m.table, frozenset(m.participants)) for m in after.meetings}
    return Effect(
        before=before, after=after, refused=tuple(refused),
        removed=tuple(m for m in before.meetings if (m.round, m.table, frozenset(m.participants)) not in new),
        added=tuple(m for m in after.meetings if (m.round, m.table, frozenset(m.participants)) not in old),
    )


def _preconditions(problem, schedule, change, *, names, held_rounds, pinned) -> list[str]:
    """What makes a change impossible before any rule is checked: our rules, not the engine's."""
    r = change.round
    if not 1 <= r <= problem.format.rounds:
        return [_("There is no round %(n)d.") % {"n": r}]
    if r <= held_rounds:
        return [_("Round %(n)d has already begun and can no longer change.") % {"n": r}]
    people = [change.first, change.second] if isinstance(change, Swap) else [change.participant]
    if isinstance(change, Swap) and change.first == change.second:
        return [_("Choose two different people to swap.")]
    seats = seating(schedule)
    if isinstance(change, Move) and seats.get((r, change.participant)) == change.table:
        return [_("%(name)s already sits there in round %(n)d.") % {"name": names.get(change.participant), "n": r}]
    if isinstance(change, Swap) and seats.get((r, change.first)) == seats.get((r, change.second)):
        return [_("%(first)s and %(second)s already sit at the same table in round %(n)d.") % {
            "first": names.get(change.first), "second": names.get(change.second), "n": r}]
    # A pinned seat is the coordinator's decision: it moves only when unpinned. In 1:1 mode the
    # partner's seat goes with it, and so does the seat of anyone left alone by a move.
    touched = set(people)
    if _is_pairs(problem):
        for p in people:
            touched |= {q for (rr, q), t in seats.items() if rr == r and t == seats.get((r, p))}
        if isinstance(change, Move) and change.table is not None:
            touched |= {q for (rr, q), t in seats.items() if rr == r and t == change.table}
    # The people the coordinator chose are named first, then the partners their change would move.
    for p in people + sorted(touched - set(people), key=lambda p: names.get(p, p)):
        if (r, p) in pinned:
            return [_("%(name)s is pinned in round %(n)d; unpin the meeting before changing it.") % {
                "name": names.get(p, p), "n": r}]
    return []


# -- re-running the engine with pins ----------------------------------------------


def _pinned_pairs(problem: matching.Problem, pins: Seating) -> list[tuple[int, str, str, str]]:
    """Pinned 1:1 meetings that can still happen: (round, table, a, b)."""
    by_table: dict[tuple[int, str], list[str]] = defaultdict(list)
    for (r, p), table in pins.items():
        by_table[(r, table)].append(p)
    people = {p.id: p for p in problem.participants}
    out = []
    for (r, table), group in sorted(by_table.items()):
        if len(group) != 2 or any(p not in people for p in group):
            continue
        if not all(problem.available(people[p], r) for p in group):
            continue
        a, b = sorted(group)
        out.append((r, table, a, b))
    return out


def solve_with_pins(problem: matching.Problem, scores: matching.PairScores, pins: Seating, *, seed: int = 0,
                    time_limit: float = 3.0) -> matching.Schedule:
    """The engine's schedule that keeps every pinned meeting (1:1) or seat (tables) that can still happen."""
    if not pins:
        return matching.solve(problem, scores=scores, seed=seed, time_limit=time_limit)
    if _is_pairs(problem):
        schedule = _solve_pairs_with_pins(problem, scores, pins, seed=seed, time_limit=time_limit)
    else:
        schedule = _solve_tables_with_pins(problem, scores, pins, seed=seed, time_limit=time_limit)
    broken = matching.check(problem, schedule)
    if broken:
        raise matching.Infeasible(broken)
    return schedule


def _solve_pairs_with_pins(problem, scores, pins, *, seed, time_limit):
    pinned = _pinned_pairs(problem, pins)
    busy: dict[str, set[int]] = defaultdict(set)
    pairs = set()
    for r, _table, a, b in pinned:
        busy[a].add(r)
        busy[b].add(r)
        pairs.add(frozenset((a, b)))
    # Pinned pairs have met: they leave the problem in their round, are never paired again, and a
    # mutual wish they fulfil no longer binds the solver.
    mutual = {frozenset(pair) for pair in mutual_must_meet(problem)} & pairs
    by_id = {p.id: p for p in problem.participants}
    all_rounds = frozenset(range(1, problem.format.rounds + 1))
    people = []
    for p in problem.participants:
        if p.id not in busy:
            people.append(p)
            continue
        rounds = (all_rounds if p.rounds is None else p.rounds) - busy[p.id]
        fulfilled = {q for pair in mutual if p.id in pair for q in pair if q != p.id}
        wishes = tuple(w for w in p.wishes if not (
            w.kind == matching.WishKind.MUST_MEET
            and (w.participant in fulfilled or any(by_id[q].organisation == w.organisation for q in fulfilled))))
        people.append(dataclasses.replace(p, rounds=frozenset(rounds), wishes=wishes))
    reduced = dataclasses.replace(problem, participants=tuple(people))
    allowed, matrix = scores.allowed.copy(), scores.matrix.copy()
    for pair in pairs:
        i, j = (scores.index(p) for p in pair)
        allowed[i, j] = allowed[j, i] = False
        matrix[i, j] = matrix[j, i] = 0.0
    reduced_scores = matching.PairScores(scores.ids, matrix, allowed, scores.problem, scores.weights, scores.text)
    solved = matching.solve(reduced, scores=reduced_scores, seed=seed, time_limit=time_limit)
    limit = problem.format.tables
    meetings = []
    for r in range(1, problem.format.rounds + 1):
        kept = [matching.Meeting(r, table, (a, b), scores.score(a, b), scores.reasons(a, b))
                for rr, table, a, b in pinned if rr == r]
        fresh = sorted(solved.meetings_in(r), key=lambda m: -m.score)
        if limit is not None:
            # The engine planned with every table free; the pinned meetings take theirs.
            fresh = fresh[: max(limit - len(kept), 0)]
        taken = {m.table for m in kept}
        numbers = (str(n) for n in range(1, 10**6) if str(n) not in taken)
        meetings += kept + [dataclasses.replace(m, table=next(numbers)) for m in fresh]
    meetings.sort(key=_meeting_order)
    objective = float(sum(m.score for m in meetings))
    # The pinned value plus a bound on the rest (planned with every table) bounds any schedule with these pins.
    bound = None if solved.bound is None else solved.bound + sum(scores.score(a, b) for _r, _t, a, b in pinned)
    return matching.Schedule(tuple(meetings), objective, bound, seed)


def _solve_tables_with_pins(problem, scores, pins, *, seed, time_limit):
    solved = matching.solve(problem, scores=scores, seed=seed, time_limit=time_limit)
    fmt = problem.format
    index = {p: i for i, p in enumerate(scores.ids)}
    table_of = {t.id: k for k, t in enumerate(fmt.tables)}
    people = {p.id: p for p in problem.participants}
    seats = np.full((fmt.rounds, len(index)), -1, dtype=np.int64)
    for m in solved.meetings:
        for p in m.participants:
            seats[m.round - 1, index[p]] = table_of[m.table]
    colleagues = colleagues_matrix(problem) if fmt.separate_organisations else np.zeros((len(index),) * 2, bool)
    wanted = {(r - 1, index[p]): table_of[t] for (r, p), t in pins.items()
              if p in index and t in table_of and 1 <= r <= fmt.rounds and problem.available(people[p], r)}
    hi = [t.max_seats for t in fmt.tables]
    lo = [t.min_seats for t in fmt.tables]
    for (r, i), t in sorted(wanted.items()):
        row = seats[r]
        here = row[i]
        if here == t:
            continue
        size = np.bincount(row[row >= 0], minlength=len(hi))
        if size[t] < hi[t] and (here < 0 or size[here] > lo[here]) and not colleagues[i, row == t].any():
            row[i] = t
            continue
        # Swap with the unpinned person at the table whose move costs least and breaks no rule.
        options = []
        for j in np.flatnonzero(row == t):
            if (r, j) in wanted or (here < 0 and size[t] <= lo[t]):
                continue
            at_t = (row == t) & (np.arange(len(row)) != j)
            at_here = (row == here) & (np.arange(len(row)) != i) if here >= 0 else np.zeros(len(row), bool)
            if colleagues[i, at_t].any() or colleagues[j, at_here].any():
                continue
            loss = scores.matrix[j, at_t].sum() + scores.matrix[i, at_here].sum()
            gain = scores.matrix[i, at_t].sum() + scores.matrix[j, at_here].sum()
            options.append((loss - gain, int(j)))
        if options:
            _cost, j = min(options)
            row[i], row[j] = t, here
    return schedule_from_seats(problem, scores, seats, seed, with_reasons=True, bound=solved.bound)
