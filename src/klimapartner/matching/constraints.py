"""The rules a schedule must keep, written once.

Each rule is a labelled predicate on a *ledger*, the running state of a
schedule being built. Solvers ask the ledger whether a meeting or a seat
`fits` before placing it; `check` replays a finished schedule into a fresh
ledger, so a broken schedule comes back as the same rules, as `Finding`s
with a code the app translates (`Finding.text(language)` words them in
Danish or English for the command line). `explain_infeasible` says why a
request cannot be met at all.

Rules about the day as a whole live here too: pins (fixed seats, including
every seat of the rounds already held), people who met at an earlier
partnership day, must-meet wishes, and the minimum number of meetings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

import numpy as np

from .model import PairsFormat, Problem, Relation, Schedule, TablesFormat, WishKind

if TYPE_CHECKING:
    from .scores import PairScores


# -- findings -------------------------------------------------------------------

# code -> (Danish, English); the fields come from Finding.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # one meeting or seat
    "round_missing": ("Runde {round}: runden findes ikke", "Round {round}: the round does not exist"),
    "self": ("Runde {round}: {a} kan ikke mødes med sig selv", "Round {round}: {a} cannot meet themselves"),
    "colleagues": ("Runde {round}: {a} og {b} er kolleger fra samme organisation og mødes ikke 1:1",
                   "Round {round}: {a} and {b} are colleagues from the same organisation and never meet 1:1"),
    "met_earlier": ("Runde {round}: {a} og {b} mødtes ved en tidligere partnerskabsdag, og ingen af dem bad om at mødes igen",
                    "Round {round}: {a} and {b} met at an earlier partnership day, and neither asked to meet again"),
    "absent": ("Runde {round}: {a} er ikke til stede i runden", "Round {round}: {a} is not there in this round"),
    "busy": ("Runde {round}: {a} har allerede et møde i runden", "Round {round}: {a} already has a meeting in this round"),
    "met_twice": ("Runde {round}: {a} og {b} mødes allerede i runde {other}",
                  "Round {round}: {a} and {b} already meet in round {other}"),
    "tables_full": ("Runde {round}: der er kun {limit} borde", "Round {round}: there are only {limit} tables"),
    "malformed": ("Runde {round}, bord {table}: et 1:1-møde skal have to kendte deltagere",
                  "Round {round}, table {table}: a 1:1 meeting needs two known participants"),
    "table_twice": ("Runde {round}: bord {table} bruges af {count} møder", "Round {round}: table {table} is used by {count} meetings"),
    "unknown": ("Runde {round}, bord {table}: ukendt deltager {a}", "Round {round}, table {table}: unknown participant {a}"),
    "table_missing": ("Runde {round}: bord {table} findes ikke", "Round {round}: table {table} does not exist"),
    "seated_twice": ("Runde {round}: {a} sidder allerede ved et andet bord", "Round {round}: {a} already sits at another table"),
    "table_full": ("Runde {round}: bord {table} er fuldt ({limit} pladser)", "Round {round}: table {table} is full ({limit} seats)"),
    "colleague_at_table": ("Runde {round}: {a} og kollegaen {b} ved samme bord {table}",
                           "Round {round}: {a} and their colleague {b} at the same table {table}"),
    "held": ("Runde {round} er allerede begyndt og kan ikke længere ændres", "Round {round} has already begun and can no longer change"),
    # a manual change that makes no sense
    "same_person": ("Vælg to forskellige personer at bytte", "Choose two different people to swap"),
    "already_there": ("{a} sidder der allerede i runde {round}", "{a} already sits there in round {round}"),
    "same_table": ("{a} og {b} sidder allerede ved samme bord i runde {round}",
                   "{a} and {b} already sit at the same table in round {round}"),
    "pinned": ("{a} er fastlåst i runde {round}; lås mødet op, før du ændrer det",
               "{a} is pinned in round {round}; unpin the meeting before changing it"),
    # the day as a whole
    "unseated": ("Runde {round}: {a} er til stede men har ingen plads", "Round {round}: {a} is there but has no seat"),
    "below_minimum": ("Runde {round}: bord {table} har {count} personer, mindst {minimum} kræves",
                      "Round {round}: table {table} seats {count}, at least {minimum} required"),
    "pin_broken": ("Runde {round}: {a} er fastlåst ved bord {table}, men sidder der ikke",
                   "Round {round}: {a} is pinned to table {table} but does not sit there"),
    "wish_left_out": ("{a} bad om at møde {b}; i runde {round} kunne de mødes i stedet for et almindeligt møde",
                      "{a} asked to meet {b}; in round {round} they could meet instead of an ordinary meeting"),
    "too_few_meetings": ("{a} har kun {count} møder (mindst {minimum}), men {b} er også ledig i runde {round}",
                         "{a} has only {count} meetings (at least {minimum}), but {b} is free in round {round} too"),
    # why nothing can work
    "no_rounds": ("Der skal være mindst én runde", "There must be at least one round"),
    "no_tables_per_round": ("Der skal være mindst ét bord pr. runde", "There must be at least one table per round"),
    "wish_colleagues": ("{a} og {b} ønsker at mødes, men er kolleger, og kolleger mødes ikke 1:1",
                        "{a} and {b} asked to meet, but they are colleagues and colleagues never meet 1:1"),
    "wish_never_together": ("{a} og {b} ønsker at mødes, men er aldrig til stede i samme runde ({a}: runde {rounds_a}; {b}: runde {rounds_b})",
                            "{a} and {b} asked to meet, but are never available in the same round ({a}: rounds {rounds_a}; {b}: rounds {rounds_b})"),
    "minimum_too_high": ("Borde til {capacity} møder i alt, men mindst {minimum} møder til hver kræver {needed}",
                         "The tables hold {capacity} meetings in all, but at least {minimum} meetings each needs {needed}"),
    "no_tables": ("Der er ingen borde", "There are no tables"),
    "table_sizes": ("Bord {table}: mindst {minimum} og højst {limit} pladser giver ingen mening",
                    "Table {table}: at least {minimum} and at most {limit} seats makes no sense"),
    "too_many": ("Runde {round}: {count} deltagere er til stede, men bordene har kun {limit} pladser",
                 "Round {round}: {count} participants are available but the tables seat only {limit}"),
    "too_few": ("Runde {round}: kun {count} deltagere er til stede, men bordene kræver mindst {minimum}",
                "Round {round}: only {count} participants are available but the tables need at least {minimum}"),
    "organisation_too_big": ("Runde {round}: {organisation} har {count} deltagere, men der er kun {limit} borde, og kolleger sidder ved hver sit bord",
                             "Round {round}: {organisation} has {count} participants but there are only {limit} tables, and colleagues sit at different tables"),
    "pin_unknown": ("Fastlåsning af en ukendt deltager eller et ukendt bord: {a}, bord {table}, runde {round}",
                    "A pin names an unknown participant or table: {a}, table {table}, round {round}"),
    "pin_absent": ("Runde {round}: {a} er fastlåst ved bord {table}, men er ikke til stede",
                   "Round {round}: {a} is pinned to table {table} but is not there"),
    "pin_twice": ("Runde {round}: {a} er fastlåst ved to borde", "Round {round}: {a} is pinned to two tables"),
    "pin_crowded": ("Runde {round}: {count} personer er fastlåst ved bord {table}, der har plads til {limit}",
                    "Round {round}: {count} people are pinned to table {table}, which seats {limit}"),
}


@dataclass(frozen=True)
class Finding:
    """A rule a schedule breaks, or a reason a request cannot be met: a code and what it is about.

    `params` holds participant ids (a, b), table ids, round numbers and counts;
    an app words the code itself, with names instead of ids.
    """

    code: str
    params: dict = field(default_factory=dict)

    def text(self, language: str = "en", *, names: Callable[[str], str] | None = None,
             tables: Callable[[str], str] | None = None) -> str:
        da, en = MESSAGES[self.code]
        params = dict(self.params)
        for key in ("a", "b"):
            if key in params and names is not None:
                params[key] = names(params[key])
        if "table" in params and tables is not None:
            params["table"] = tables(params["table"])
        return (da if language == "da" else en).format(**params)

    def __str__(self) -> str:
        return self.text("en")


def _rounds_text(rounds) -> str:
    return ", ".join(str(r) for r in sorted(rounds)) or "-"


# -- who may meet ---------------------------------------------------------------


def availability_matrix(problem: Problem) -> np.ndarray:
    rounds = problem.format.rounds
    out = np.ones((len(problem.participants), rounds), dtype=bool)
    for i, p in enumerate(problem.participants):
        if p.rounds is not None:
            out[i] = [r + 1 in p.rounds for r in range(rounds)]
    return out


def colleagues_matrix(problem: Problem) -> np.ndarray:
    """True where two different participants belong to the same named organisation."""
    orgs = np.array([p.organisation or f"\0{i}" for i, p in enumerate(problem.participants)])
    same = orgs[:, None] == orgs[None, :]
    np.fill_diagonal(same, False)
    return same


def _targets(problem: Problem) -> tuple[dict[str, int], dict[str, list[int]]]:
    index = {p.id: i for i, p in enumerate(problem.participants)}
    members: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(problem.participants):
        if p.organisation:
            members[p.organisation].append(i)
    return index, members


def wish_matrix(problem: Problem, kind: WishKind = WishKind.MUST_MEET) -> np.ndarray:
    """wants[i, j]: i asked (for j, or j's organisation) with this kind of wish."""
    n = len(problem.participants)
    index, members = _targets(problem)
    wants = np.zeros((n, n), dtype=bool)
    for i, p in enumerate(problem.participants):
        for wish in p.wishes:
            if wish.kind != kind:
                continue
            if wish.participant in index:
                wants[i, index[wish.participant]] = True
            elif wish.organisation:
                wants[i, members.get(wish.organisation, [])] = True
    np.fill_diagonal(wants, False)
    return wants


def met_earlier_matrix(problem: Problem) -> np.ndarray:
    """Pairs who met at an earlier partnership day and where neither asked to meet the other again.

    They are not paired 1:1 again; at tables sitting together costs as much as a "rather not".
    """
    n = len(problem.participants)
    index = {p.id: i for i, p in enumerate(problem.participants)}
    met = np.zeros((n, n), dtype=bool)
    for i, p in enumerate(problem.participants):
        for other, relation in p.relations:
            if relation == Relation.MET_BEFORE and other in index:
                met[i, index[other]] = True
    met |= met.T
    if met.any():
        wants = wish_matrix(problem)
        met &= ~(wants | wants.T)
    return met


def refusals(problem: Problem) -> np.ndarray:
    """Why a pair may never meet 1:1: 0 they may, 1 colleagues, 2 met at an earlier day without a wish."""
    out = np.where(met_earlier_matrix(problem), 2, 0).astype(np.int8)
    out[colleagues_matrix(problem)] = 1
    np.fill_diagonal(out, 1)
    return out


def eligible_matrix(problem: Problem, scores: "PairScores", available: np.ndarray) -> np.ndarray:
    """Pairs worth a meeting: allowed, positive score (or wished), and a round where both are there."""
    minimum = scores.weights.minimum_pair_score
    wished = wish_matrix(problem)
    ok = scores.allowed & (refusals(problem) == 0) & ((scores.matrix > minimum) | wished | wished.T)
    a = available.astype(np.float32)
    ok &= (a @ a.T) > 0
    np.fill_diagonal(ok, False)
    return ok


def mutual_must_meet(problem: Problem) -> list[tuple[str, str]]:
    """Pairs (a, b), a < b by id, who both asked to meet each other (by person or organisation)."""
    wants = wish_matrix(problem)
    ids = problem.ids
    rows, cols = np.nonzero(np.triu(wants & wants.T, 1))
    return sorted({(min(ids[i], ids[j]), max(ids[i], ids[j])) for i, j in zip(rows.tolist(), cols.tolist())})


def meeting_targets(problem: Problem, available: np.ndarray | None = None) -> np.ndarray:
    """Each person's minimum number of meetings: the format's minimum, or the rounds they attend if fewer."""
    fmt = problem.format
    minimum = getattr(fmt, "minimum_meetings", 0)
    available = availability_matrix(problem) if available is None else available
    return np.minimum(available.sum(axis=1), minimum).astype(np.int64)


# -- pins -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pins:
    """The problem's pins by index: seat[(round index, person)] = table id; pairs = fixed 1:1 meetings."""

    seat: dict[tuple[int, int], str]
    pairs: tuple[tuple[int, str, int, int], ...]  # (round index, table, a, b), a < b
    lone: tuple[tuple[int, str, int], ...]  # (round index, table, person): a seat, partner free to choose


def pins_of(problem: Problem) -> Pins:
    index = {p.id: i for i, p in enumerate(problem.participants)}
    seat = {}
    for pin in problem.pins:
        if pin.participant in index:
            seat[(pin.round - 1, index[pin.participant])] = pin.table
    by_table: dict[tuple[int, str], list[int]] = defaultdict(list)
    for (r, i), table in sorted(seat.items()):
        by_table[(r, table)].append(i)
    pairs, lone = [], []
    if isinstance(problem.format, PairsFormat):
        for (r, table), people in sorted(by_table.items()):
            if len(people) == 2:
                pairs.append((r, table, min(people), max(people)))
            elif len(people) == 1:
                lone.append((r, table, people[0]))
    return Pins(seat, tuple(pairs), tuple(lone))


# -- 1:1 meetings ------------------------------------------------------------


@dataclass(frozen=True)
class PairRule:
    code: str
    admits: Callable[["PairsLedger", int, int, int], bool]  # (ledger, a, b, round index from 0)


PAIR_RULES: tuple[PairRule, ...] = (
    PairRule("round_missing", lambda L, a, b, r: 0 <= r < L.rounds),
    PairRule("self", lambda L, a, b, r: a != b),
    PairRule("colleagues", lambda L, a, b, r: L.refused[a, b] != 1),
    PairRule("met_earlier", lambda L, a, b, r: L.refused[a, b] != 2),
    PairRule("absent", lambda L, a, b, r: bool(L.available[a, r] and L.available[b, r])),
    PairRule("busy", lambda L, a, b, r: L.partner[r, a] < 0 and L.partner[r, b] < 0),
    PairRule("met_twice", lambda L, a, b, r: L.key(a, b) not in L.met),
    PairRule("tables_full", lambda L, a, b, r: L.table_limit is None or L.count[r] < L.table_limit),
)


class PairsLedger:
    """Who meets whom in which round, by participant index; refuses what breaks a rule.

    `refused[a, b]` is 0 where a pair may meet (see `refusals`); a boolean
    matrix of allowed pairs is accepted too.
    """

    def __init__(self, n: int, rounds: int, table_limit: int | None, available: np.ndarray, allowed: np.ndarray):
        self.n, self.rounds, self.table_limit = n, rounds, table_limit
        self.available = available
        self.refused = np.where(allowed, 0, 1).astype(np.int8) if allowed.dtype == bool else allowed
        self.partner = np.full((rounds, n), -1, dtype=np.int64)
        self.count = np.zeros(rounds, dtype=np.int64)
        self.met: dict[int, int] = {}  # pair key -> round index

    @property
    def allowed(self) -> np.ndarray:
        return self.refused == 0

    def key(self, a: int, b: int) -> int:
        return min(a, b) * self.n + max(a, b)

    def broken_rule(self, a: int, b: int, r: int) -> PairRule | None:
        return next((rule for rule in PAIR_RULES if not rule.admits(self, a, b, r)), None)

    def fits(self, a: int, b: int, r: int) -> bool:
        return self.broken_rule(a, b, r) is None

    def place(self, a: int, b: int, r: int) -> None:
        self.partner[r, a], self.partner[r, b] = b, a
        self.count[r] += 1
        self.met[self.key(a, b)] = r

    def remove(self, a: int, b: int, r: int) -> None:
        self.partner[r, a] = self.partner[r, b] = -1
        self.count[r] -= 1
        del self.met[self.key(a, b)]

    def meetings(self):
        """(round index, a, b) with a < b."""
        for r in range(self.rounds):
            for a in np.flatnonzero(self.partner[r] >= 0):
                b = self.partner[r, a]
                if a < b:
                    yield r, int(a), int(b)

    def meeting_counts(self) -> np.ndarray:
        return (self.partner >= 0).sum(axis=0)


def pairs_ledger(problem: Problem) -> PairsLedger:
    """An empty ledger with the problem's rules."""
    fmt = problem.format
    return PairsLedger(len(problem.participants), fmt.rounds, fmt.tables, availability_matrix(problem), refusals(problem))


def _pair_finding(code: str, ids, a: int, b: int, r: int, ledger: PairsLedger) -> Finding:
    params = {"round": r + 1, "a": ids[a], "b": ids[b]}
    if code == "busy":
        params["a"] = ids[a] if ledger.partner[r, a] >= 0 else ids[b]
    elif code == "absent":
        params["a"] = ids[a] if not ledger.available[a, r] else ids[b]
    elif code == "met_twice":
        params["other"] = ledger.met[ledger.key(a, b)] + 1
    elif code == "tables_full":
        params["limit"] = ledger.table_limit
    return Finding(code, params)


@dataclass
class DayState:
    """What the day-wide rules need beyond the ledger: wishes, targets, fixed meetings."""

    wants: np.ndarray  # must-meet wishes, either direction, among pairs that may meet
    targets: np.ndarray  # minimum meetings per person
    fixed: set[tuple[int, int]]  # (round index, person) whose meeting may not be moved: pins and held rounds
    held: int


def day_state(problem: Problem, ledger: PairsLedger, pins: Pins | None = None) -> DayState:
    pins = pins_of(problem) if pins is None else pins
    wants = wish_matrix(problem)
    wants = (wants | wants.T) & ledger.allowed
    fixed = {(r, i) for (r, i) in pins.seat}
    fixed |= {(r, i) for r in range(min(problem.held_rounds, ledger.rounds)) for i in range(ledger.n)}
    return DayState(wants, meeting_targets(problem, ledger.available), fixed, problem.held_rounds)


def left_out_wishes(ledger: PairsLedger, state: DayState):
    """Must-meet pairs who do not meet although some round lets them, instead of ordinary meetings: (a, b, round index)."""
    counts = ledger.meeting_counts()
    rows, cols = np.nonzero(np.triu(state.wants, 1))
    for a, b in zip(rows.tolist(), cols.tolist()):
        if ledger.key(a, b) in ledger.met:
            continue
        for r in range(state.held, ledger.rounds):
            if not (ledger.available[a, r] and ledger.available[b, r]):
                continue
            if not (_movable_with(state, ledger, counts, r, a) and _movable_with(state, ledger, counts, r, b)):
                continue
            both_free = ledger.partner[r, a] < 0 and ledger.partner[r, b] < 0
            if both_free and ledger.table_limit is not None and ledger.count[r] >= ledger.table_limit:
                continue  # the round is full; a table could only come from someone else's meeting
            yield a, b, r
            break


def _movable_with(state: DayState, ledger: PairsLedger, counts: np.ndarray, r: int, person: int) -> bool:
    if (r, person) in state.fixed:
        return False
    partner = int(ledger.partner[r, person])
    if partner < 0:
        return True
    if (r, partner) in state.fixed or state.wants[person, partner]:
        return False
    return counts[partner] > state.targets[partner]


def short_of_meetings(ledger: PairsLedger, state: DayState):
    """People below their minimum although they and someone they may meet are both free in a round with a table: (a, b, round index)."""
    counts = ledger.meeting_counts()
    for a in np.flatnonzero(counts < state.targets).tolist():
        for r in range(state.held, ledger.rounds):
            if ledger.partner[r, a] >= 0 or not ledger.available[a, r] or (r, a) in state.fixed:
                continue
            if ledger.table_limit is not None and ledger.count[r] >= ledger.table_limit:
                continue
            free = np.flatnonzero(ledger.available[:, r] & (ledger.partner[r] < 0) & ledger.allowed[a])
            free = [b for b in free.tolist() if b != a and ledger.key(a, b) not in ledger.met and (r, b) not in state.fixed]
            if free:
                yield a, free[0], r
                break


def _check_pairs(problem: Problem, schedule: Schedule) -> list[Finding]:
    fmt = problem.format
    ids = problem.ids
    index = {pid: i for i, pid in enumerate(ids)}
    ledger = pairs_ledger(problem)
    pins = pins_of(problem)
    findings: list[Finding] = []
    placed_at: dict[tuple[int, int], str] = {}
    for m in sorted(schedule.meetings, key=lambda m: m.round):
        unknown = [pid for pid in m.participants if pid not in index]
        if len(m.participants) != 2 or unknown:
            findings.append(Finding("malformed", {"round": m.round, "table": m.table}))
            continue
        a, b = (index[pid] for pid in m.participants)
        r = m.round - 1
        rule = ledger.broken_rule(a, b, r)
        if rule is not None:
            findings.append(_pair_finding(rule.code, ids, a, b, r, ledger))
            continue
        if r < problem.held_rounds and not ((r, a) in pins.seat and (r, b) in pins.seat):
            findings.append(Finding("held", {"round": m.round}))
            continue
        ledger.place(a, b, r)
        placed_at[(r, a)] = placed_at[(r, b)] = m.table
    for (round_, table), count in sorted(Counter((m.round, m.table) for m in schedule.meetings).items()):
        if count > 1:
            findings.append(Finding("table_twice", {"round": round_, "table": table, "count": count}))
    for (r, i), table in sorted(pins.seat.items()):
        if r < fmt.rounds and ledger.available[i, r] and placed_at.get((r, i)) != table:
            findings.append(Finding("pin_broken", {"round": r + 1, "a": ids[i], "table": table}))
    state = day_state(problem, ledger, pins)
    for a, b, r in short_of_meetings(ledger, state):
        findings.append(Finding("too_few_meetings", {"a": ids[a], "b": ids[b], "round": r + 1,
                                                     "count": int(ledger.meeting_counts()[a]), "minimum": int(state.targets[a])}))
    for a, b, r in left_out_wishes(ledger, state):
        findings.append(Finding("wish_left_out", {"a": ids[a], "b": ids[b], "round": r + 1}))
    return findings


# -- tables -------------------------------------------------------------------


class TablesLedger:
    """Who sits where in each round, by participant and table index."""

    def __init__(self, problem: Problem):
        fmt = problem.format
        self.rounds = fmt.rounds
        self.min_seats = np.array([t.min_seats for t in fmt.tables])
        self.max_seats = np.array([t.max_seats for t in fmt.tables])
        self.available = availability_matrix(problem)
        self.colleagues = colleagues_matrix(problem) if fmt.separate_organisations else None
        self.empty_tables = fmt.empty_tables
        n = len(problem.participants)
        self.seat = np.full((fmt.rounds, n), -1, dtype=np.int64)
        self.size = np.zeros((fmt.rounds, len(fmt.tables)), dtype=np.int64)

    def broken_rule(self, person: int, r: int, table: int) -> str | None:
        if not 0 <= r < self.rounds:
            return "round_missing"
        if not 0 <= table < len(self.max_seats):
            return "table_missing"
        if not self.available[person, r]:
            return "absent"
        if self.seat[r, person] >= 0:
            return "seated_twice"
        if self.size[r, table] >= self.max_seats[table]:
            return "table_full"
        if self.colleague(person, r, table) is not None:
            return "colleague_at_table"
        return None

    def colleague(self, person: int, r: int, table: int) -> int | None:
        if self.colleagues is None:
            return None
        mates = np.flatnonzero(self.colleagues[person] & (self.seat[r] == table))
        return int(mates[0]) if len(mates) else None

    def fits(self, person: int, r: int, table: int) -> bool:
        return self.broken_rule(person, r, table) is None

    def place(self, person: int, r: int, table: int) -> None:
        self.seat[r, person] = table
        self.size[r, table] += 1

    def unfinished(self) -> list[tuple[str, int, int, int]]:
        """What is still wrong when seating ends: (code, round index, index, count)."""
        out = []
        for r in range(self.rounds):
            for person in np.flatnonzero(self.available[:, r] & (self.seat[r] < 0)):
                out.append(("unseated", r, int(person), 0))
            short = self.size[r] < self.min_seats
            if self.empty_tables:
                short &= self.size[r] > 0
            for table in np.flatnonzero(short):
                out.append(("below_minimum", r, int(table), int(self.size[r, table])))
        return out


def _check_tables(problem: Problem, schedule: Schedule) -> list[Finding]:
    fmt = problem.format
    ids = problem.ids
    index = {pid: i for i, pid in enumerate(ids)}
    table_index = {t.id: i for i, t in enumerate(fmt.tables)}
    ledger = TablesLedger(problem)
    pins = pins_of(problem)
    findings: list[Finding] = []
    for (round_, table), count in sorted(Counter((m.round, m.table) for m in schedule.meetings).items()):
        if count > 1:
            findings.append(Finding("table_twice", {"round": round_, "table": table, "count": count}))
    for m in sorted(schedule.meetings, key=lambda m: (m.round, m.table)):
        r = m.round - 1
        for pid in m.participants:
            if pid not in index:
                findings.append(Finding("unknown", {"round": m.round, "table": m.table, "a": pid}))
                continue
            person = index[pid]
            code = ledger.broken_rule(person, r, table_index.get(m.table, -1))
            if code is not None:
                params = {"round": m.round, "table": m.table, "a": pid}
                if code == "table_full":
                    params["limit"] = int(ledger.max_seats[table_index[m.table]])
                if code == "colleague_at_table":
                    params["b"] = ids[ledger.colleague(person, r, table_index[m.table])]
                findings.append(Finding(code, params))
                continue
            if r < problem.held_rounds and pins.seat.get((r, person)) != m.table:
                findings.append(Finding("held", {"round": m.round}))
                continue
            ledger.place(person, r, table_index[m.table])
    for (r, i), table in sorted(pins.seat.items()):
        if r < fmt.rounds and ledger.available[i, r] and table in table_index and ledger.seat[r, i] != table_index[table]:
            findings.append(Finding("pin_broken", {"round": r + 1, "a": ids[i], "table": table}))
    for code, r, i, count in ledger.unfinished():
        if code == "unseated":
            findings.append(Finding(code, {"round": r + 1, "a": ids[i]}))
        else:
            t = fmt.tables[i]
            findings.append(Finding(code, {"round": r + 1, "table": t.id, "count": count, "minimum": t.min_seats}))
    return findings


# -- public ---------------------------------------------------------------------


def check(problem: Problem, schedule: Schedule) -> list[Finding]:
    """Every rule `schedule` breaks; empty when it keeps them all."""
    if isinstance(problem.format, PairsFormat):
        return _check_pairs(problem, schedule)
    return _check_tables(problem, schedule)


def explain_infeasible(problem: Problem) -> list[Finding]:
    """Why no schedule can satisfy `problem`; empty when one can (as far as simple counting tells)."""
    fmt = problem.format
    out: list[Finding] = []
    if fmt.rounds < 1:
        return [Finding("no_rounds")]
    available = availability_matrix(problem)
    ids = problem.ids
    out += _explain_pins(problem, available)
    if isinstance(fmt, PairsFormat):
        if fmt.tables is not None and fmt.tables < 1:
            out.append(Finding("no_tables_per_round"))
        index = {pid: i for i, pid in enumerate(ids)}
        colleagues = colleagues_matrix(problem)
        for a, b in mutual_must_meet(problem):
            i, j = index[a], index[b]
            if colleagues[i, j]:
                out.append(Finding("wish_colleagues", {"a": a, "b": b}))
            elif not (available[i] & available[j]).any():
                ra = [r + 1 for r in np.flatnonzero(available[i])]
                rb = [r + 1 for r in np.flatnonzero(available[j])]
                out.append(Finding("wish_never_together", {"a": a, "b": b, "rounds_a": _rounds_text(ra), "rounds_b": _rounds_text(rb)}))
        if fmt.tables is not None and fmt.minimum_meetings > 0:
            targets = meeting_targets(problem, available)
            needed = -(-int(targets.sum()) // 2)
            if needed > fmt.rounds * fmt.tables:
                out.append(Finding("minimum_too_high", {"capacity": fmt.rounds * fmt.tables, "minimum": fmt.minimum_meetings,
                                                        "needed": needed}))
        return out
    tables = fmt.tables
    if not tables:
        out.append(Finding("no_tables"))
        return out
    for t in tables:
        if t.min_seats > t.max_seats or t.max_seats < 1 or t.min_seats < 0:
            out.append(Finding("table_sizes", {"table": t.id, "minimum": t.min_seats, "limit": t.max_seats}))
    low = sum(t.min_seats for t in tables)
    high = sum(t.max_seats for t in tables)
    organisations = [p.organisation for p in problem.participants]
    for r in range(fmt.rounds):
        present = int(available[:, r].sum())
        if present > high:
            out.append(Finding("too_many", {"round": r + 1, "count": present, "limit": high}))
        if present < low and not (fmt.empty_tables and _seatable(present, tables)):
            minimum = min(t.min_seats for t in tables) if fmt.empty_tables else low
            out.append(Finding("too_few", {"round": r + 1, "count": present, "minimum": minimum}))
        if fmt.separate_organisations:
            counts = Counter(o for o, here in zip(organisations, available[:, r]) if here and o)
            for org, count in sorted(counts.items()):
                if count > len(tables):
                    out.append(Finding("organisation_too_big", {"round": r + 1, "organisation": org, "count": count,
                                                                "limit": len(tables)}))
    return out


def _seatable(count: int, tables) -> bool:
    """Whether `count` people fill some of the tables to between their minimum and maximum (the others empty)."""
    reachable = {0}
    for t in tables:
        reachable |= {x + s for x in reachable for s in range(max(t.min_seats, 1), t.max_seats + 1) if x + s <= count}
    return count in reachable


def _explain_pins(problem: Problem, available: np.ndarray) -> list[Finding]:
    fmt = problem.format
    index = {p.id: i for i, p in enumerate(problem.participants)}
    tables = {t.id: t for t in fmt.tables} if isinstance(fmt, TablesFormat) else None
    out = []
    seen: dict[tuple[int, str], str] = {}
    crowd: Counter = Counter()
    for pin in problem.pins:
        params = {"round": pin.round, "a": pin.participant, "table": pin.table}
        if pin.participant not in index or not 1 <= pin.round <= fmt.rounds or (tables is not None and pin.table not in tables):
            out.append(Finding("pin_unknown", params))
            continue
        if not available[index[pin.participant], pin.round - 1]:
            continue  # someone who has left: the pin no longer binds
        if seen.setdefault((pin.round, pin.participant), pin.table) != pin.table:
            out.append(Finding("pin_twice", params))
        crowd[(pin.round, pin.table)] += 1
    for (round_, table), count in sorted(crowd.items()):
        limit = 2 if tables is None else tables[table].max_seats
        if count > limit:
            out.append(Finding("pin_crowded", {"round": round_, "table": table, "count": count, "limit": limit}))
    return out
