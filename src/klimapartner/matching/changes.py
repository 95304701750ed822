"""The coordinator's own hand on a schedule: move or swap people, and what that does.

`effect(problem, scores, schedule, change)` makes the new schedule, scores it
with the engine's own accounting, and checks it with the same rules every
other entry point uses (`constraints.check`): a change is refused with the
findings it would add. Pins and the rounds already held are part of the
problem (`Problem.pins`, `Problem.held_rounds`, see `planning.history`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .constraints import Finding, check, pins_of
from .model import Meeting, PairsFormat, Problem, Schedule
from .scores import PairScores
from .tables import schedule_from_seats

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
    before: Schedule
    after: Schedule
    refused: tuple[Finding, ...]  # why the change cannot be made; empty when it can
    removed: tuple[Meeting, ...]  # meetings the change cancels
    added: tuple[Meeting, ...]  # meetings it makes, with their new reasons

    @property
    def delta(self) -> float:
        return self.after.objective - self.before.objective

    @property
    def allowed(self) -> bool:
        return not self.refused

    @property
    def affected(self) -> frozenset[str]:
        """Everyone in a meeting the change cancels or makes: the people to tell."""
        return frozenset(p for m in (*self.removed, *self.added) for p in m.participants)


def seating(schedule: Schedule) -> Seating:
    return {(m.round, p): m.table for m in schedule.meetings for p in m.participants}


def _is_pairs(problem: Problem) -> bool:
    return isinstance(problem.format, PairsFormat)


def apply_change(problem: Problem, schedule: Schedule, change: Change) -> Schedule:
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


def _rebuild(schedule: Schedule, seats: Seating) -> Schedule:
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
        meetings.append(Meeting(key[0], key[1], tuple(ordered), 0.0, ()))
    meetings.sort(key=meeting_order)
    return dataclasses.replace(schedule, meetings=tuple(meetings))


def meeting_order(m: Meeting):
    return (m.round, int(m.table) if m.table.isdigit() else 0, m.table)


def rescore(problem: Problem, scores: PairScores, schedule: Schedule, *, reasons_from: Schedule | None = None) -> Schedule:
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
    strays = []
    for m in schedule.meetings:
        if m.table not in table_of or not 1 <= m.round <= problem.format.rounds:
            strays.append(dataclasses.replace(m, score=0.0))
            continue
        for p in m.participants:
            if p in index:
                seats[m.round - 1, index[p]] = table_of[m.table]
    scored = schedule_from_seats(problem, scores, seats, schedule.seed, with_reasons=True, bound=schedule.bound)
    meetings = []
    for m in scored.meetings:
        same = known.get((m.round, m.table, frozenset(m.participants)))
        meetings.append(dataclasses.replace(m, reasons=same.reasons) if same is not None and same.reasons else m)
    return dataclasses.replace(schedule, meetings=tuple(sorted(meetings + strays, key=meeting_order)),
                               objective=scored.objective)


def effect(problem: Problem, scores: PairScores, schedule: Schedule, change: Change) -> Effect:
    """What `change` would do to `schedule` (scored with `scores`): the new objective, the meetings it
    cancels and makes, and every rule it would break."""
    before = rescore(problem, scores, schedule)
    refused = _preconditions(problem, before, change)
    after = rescore(problem, scores, apply_change(problem, before, change), reasons_from=before)
    if not refused:
        already = check(problem, before)
        refused = [f for f in check(problem, after) if f not in already]
    old = {(m.round, m.table, frozenset(m.participants)) for m in before.meetings}
    new = {(m.round, m.table, frozenset(m.participants)) for m in after.meetings}
    return Effect(
        before=before, after=after, refused=tuple(refused),
        removed=tuple(m for m in before.meetings if (m.round, m.table, frozenset(m.participants)) not in new),
        added=tuple(m for m in after.meetings if (m.round, m.table, frozenset(m.participants)) not in old),
    )


def _preconditions(problem: Problem, schedule: Schedule, change: Change) -> list[Finding]:
    """What makes a change impossible before any rule is checked."""
    r = change.round
    if not 1 <= r <= problem.format.rounds:
        return [Finding("round_missing", {"round": r})]
    if r <= problem.held_rounds:
        return [Finding("held", {"round": r})]
    people = [change.first, change.second] if isinstance(change, Swap) else [change.participant]
    if isinstance(change, Swap) and change.first == change.second:
        return [Finding("same_person", {"round": r, "a": change.first})]
    seats = seating(schedule)
    if isinstance(change, Move) and seats.get((r, change.participant)) == change.table:
        return [Finding("already_there", {"round": r, "a": change.participant})]
    if isinstance(change, Swap) and seats.get((r, change.first)) == seats.get((r, change.second)):
        return [Finding("same_table", {"round": r, "a": change.first, "b": change.second})]
    # A pinned seat is the coordinator's decision: it moves only when unpinned. In 1:1 mode the
    # partner's seat goes with it, and so does the seat of anyone left alone by a move.
    pinned = {(rr + 1, problem.ids[i]) for (rr, i) in pins_of(problem).seat}
    touched = set(people)
    if _is_pairs(problem):
        for p in people:
            touched |= {q for (rr, q), t in seats.items() if rr == r and t == seats.get((r, p))}
        if isinstance(change, Move) and change.table is not None:
            touched |= {q for (rr, q), t in seats.items() if rr == r and t == change.table}
    # The people the coordinator chose are named first, then the partners their change would move.
    for p in people + sorted(touched - set(people)):
        if (r, p) in pinned:
            return [Finding("pinned", {"round": r, "a": p})]
    return []
