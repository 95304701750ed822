"""The rules a schedule must keep, written once.

Each rule is a labelled predicate on a *ledger*, the running state of a
schedule being built. Solvers ask the ledger whether a meeting or a seat
`fits` before placing it; `check` replays a finished schedule into a fresh
ledger, so a broken schedule comes back as the same rules in words.
`explain_infeasible` says in words why a request cannot be met at all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .model import PairsFormat, Problem, Schedule, WishKind


def _say(language: str, da: str, en: str) -> str:
    return da if language == "da" else en


# -- 1:1 meetings ------------------------------------------------------------


@dataclass(frozen=True)
class PairRule:
    label_da: str
    label_en: str
    admits: Callable[["PairsLedger", int, int, int], bool]  # (ledger, a, b, round index from 0)


PAIR_RULES: tuple[PairRule, ...] = (
    PairRule("runden findes ikke", "the round does not exist", lambda L, a, b, r: 0 <= r < L.rounds),
    PairRule("man kan ikke mødes med sig selv", "nobody meets themselves", lambda L, a, b, r: a != b),
    PairRule("kolleger fra samme organisation mødes ikke 1:1", "colleagues from the same organisation never meet 1:1",
             lambda L, a, b, r: bool(L.allowed[a, b])),
    PairRule("begge skal være til stede i runden", "both must be available in the round",
             lambda L, a, b, r: bool(L.available[a, r] and L.available[b, r])),
    PairRule("ingen har to møder i samme runde", "nobody has two meetings in a round",
             lambda L, a, b, r: L.partner[r, a] < 0 and L.partner[r, b] < 0),
    PairRule("intet par mødes to gange", "no pair meets twice", lambda L, a, b, r: L.key(a, b) not in L.met),
    PairRule("højst T borde pr. runde", "at most T tables per round",
             lambda L, a, b, r: L.table_limit is None or L.count[r] < L.table_limit),
)


class PairsLedger:
    """Who meets whom in which round, by participant index; refuses what breaks a rule."""

    def __init__(self, n: int, rounds: int, table_limit: int | None, available: np.ndarray, allowed: np.ndarray):
        self.n, self.rounds, self.table_limit = n, rounds, table_limit
        self.available, self.allowed = available, allowed
        self.partner = np.full((rounds, n), -1, dtype=np.int64)
        self.count = np.zeros(rounds, dtype=np.int64)
        self.met: dict[int, int] = {}  # pair key -> round index

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


def mutual_must_meet(problem: Problem) -> list[tuple[str, str]]:
    """Pairs (a, b), a < b by id, who both asked to meet each other (by person or organisation)."""
    by_id = {p.id: p for p in problem.participants}
    wants: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[str]] = defaultdict(list)
    for p in problem.participants:
        members[p.organisation].append(p.id)
    for p in problem.participants:
        for wish in p.wishes:
            if wish.kind != WishKind.MUST_MEET:
                continue
            if wish.participant in by_id:
                wants[p.id].add(wish.participant)
            elif wish.organisation:
                wants[p.id].update(members.get(wish.organisation, []))
    return sorted({(min(a, b), max(a, b)) for a in wants for b in wants[a] if a != b and a in wants.get(b, ())})


def _rounds_text(rounds) -> str:
    return ", ".join(str(r) for r in sorted(rounds)) or "-"


def _check_pairs(problem: Problem, schedule: Schedule, language: str) -> list[str]:
    fmt = problem.format
    index = {p.id: i for i, p in enumerate(problem.participants)}
    ledger = PairsLedger(len(index), fmt.rounds, fmt.tables, availability_matrix(problem), ~colleagues_matrix(problem))
    problems: list[str] = []
    for m in sorted(schedule.meetings, key=lambda m: m.round):
        unknown = [pid for pid in m.participants if pid not in index]
        if len(m.participants) != 2 or unknown:
            problems.append(_say(language, f"Runde {m.round}, bord {m.table}: et 1:1-møde skal have to kendte deltagere, ikke {list(m.participants)}",
                                 f"Round {m.round}, table {m.table}: a 1:1 meeting needs two known participants, not {list(m.participants)}"))
            continue
        a, b = (index[pid] for pid in m.participants)
        rule = ledger.broken_rule(a, b, m.round - 1)
        if rule is not None:
            problems.append(_say(language, f"Runde {m.round}: {m.participants[0]} og {m.participants[1]} — {rule.label_da}",
                                 f"Round {m.round}: {m.participants[0]} and {m.participants[1]} — {rule.label_en}"))
        else:
            ledger.place(a, b, m.round - 1)
    tables_per_round = Counter((m.round, m.table) for m in schedule.meetings)
    for (round_, table), count in sorted(tables_per_round.items()):
        if count > 1:
            problems.append(_say(language, f"Runde {round_}: bord {table} bruges af {count} møder",
                                 f"Round {round_}: table {table} is used by {count} meetings"))
    # Mutual must-meet wishes come first: a pair left out while a round had
    # both of them free and a table to spare was simply forgotten.
    for a, b in mutual_must_meet(problem):
        i, j = index[a], index[b]
        if ledger.key(i, j) in ledger.met or not ledger.allowed[i, j]:
            continue
        free = [r + 1 for r in range(ledger.rounds) if ledger.fits(i, j, r)]
        if free:
            problems.append(_say(language, f"{a} og {b} ønsker begge at mødes og er begge ledige i runde {free[0]}, men mødes ikke",
                                 f"{a} and {b} both asked to meet and are both free in round {free[0]}, but do not meet"))
    return problems


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
        n = len(problem.participants)
        self.seat = np.full((fmt.rounds, n), -1, dtype=np.int64)
        self.size = np.zeros((fmt.rounds, len(fmt.tables)), dtype=np.int64)

    def broken_rule(self, person: int, r: int, table: int) -> tuple[str, str] | None:
        if not 0 <= r < self.rounds:
            return ("runden findes ikke", "the round does not exist")
        if not 0 <= table < len(self.max_seats):
            return ("bordet findes ikke", "the table does not exist")
        if not self.available[person, r]:
            return ("deltageren er ikke til stede i runden", "the participant is not available in the round")
        if self.seat[r, person] >= 0:
            return ("deltageren sidder allerede ved et andet bord i runden", "the participant already sits at another table in the round")
        if self.size[r, table] >= self.max_seats[table]:
            return ("bordet er fuldt", "the table is full")
        if self.colleagues is not None and self.colleagues[person, self.seat[r] == table].any():
            return ("en kollega sidder allerede ved bordet", "a colleague already sits at the table")
        return None

    def fits(self, person: int, r: int, table: int) -> bool:
        return self.broken_rule(person, r, table) is None

    def place(self, person: int, r: int, table: int) -> None:
        self.seat[r, person] = table
        self.size[r, table] += 1

    def unfinished(self) -> list[tuple[str, int, int, int]]:
        """What is still wrong when seating ends: (kind, round index, index, count)."""
        out = []
        for r in range(self.rounds):
            for person in np.flatnonzero(self.available[:, r] & (self.seat[r] < 0)):
                out.append(("unseated", r, int(person), 0))
            for table in np.flatnonzero(self.size[r] < self.min_seats):
                out.append(("below_min", r, int(table), int(self.size[r, table])))
        return out


def _check_tables(problem: Problem, schedule: Schedule, language: str) -> list[str]:
    fmt = problem.format
    index = {p.id: i for i, p in enumerate(problem.participants)}
    table_index = {t.id: i for i, t in enumerate(fmt.tables)}
    ledger = TablesLedger(problem)
    problems: list[str] = []
    seen_tables = Counter((m.round, m.table) for m in schedule.meetings)
    for (round_, table), count in sorted(seen_tables.items()):
        if count > 1:
            problems.append(_say(language, f"Runde {round_}: bord {table} optræder {count} gange", f"Round {round_}: table {table} appears {count} times"))
    for m in sorted(schedule.meetings, key=lambda m: (m.round, m.table)):
        for pid in m.participants:
            if pid not in index:
                problems.append(_say(language, f"Runde {m.round}, bord {m.table}: ukendt deltager {pid}", f"Round {m.round}, table {m.table}: unknown participant {pid}"))
                continue
            rule = ledger.broken_rule(index[pid], m.round - 1, table_index.get(m.table, -1))
            if rule is not None:
                problems.append(_say(language, f"Runde {m.round}, bord {m.table}: {pid} — {rule[0]}", f"Round {m.round}, table {m.table}: {pid} — {rule[1]}"))
            else:
                ledger.place(index[pid], m.round - 1, table_index[m.table])
    ids = problem.ids
    for kind, r, i, count in ledger.unfinished():
        if kind == "unseated":
            problems.append(_say(language, f"Runde {r + 1}: {ids[i]} er til stede men har ingen plads", f"Round {r + 1}: {ids[i]} is available but has no seat"))
        else:
            t = fmt.tables[i]
            problems.append(_say(language, f"Runde {r + 1}: bord {t.id} har {count} personer, mindst {t.min_seats} kræves",
                                 f"Round {r + 1}: table {t.id} seats {count}, at least {t.min_seats} required"))
    return problems


# -- public ---------------------------------------------------------------------


def check(problem: Problem, schedule: Schedule, *, language: str = "en") -> list[str]:
    """Every rule `schedule` breaks, as sentences; empty when it keeps them all."""
    if isinstance(problem.format, PairsFormat):
        return _check_pairs(problem, schedule, language)
    return _check_tables(problem, schedule, language)


def explain_infeasible(problem: Problem, *, language: str = "en") -> list[str]:
    """Why no schedule can satisfy `problem`, in sentences; empty when one can."""
    fmt = problem.format
    out: list[str] = []
    if fmt.rounds < 1:
        out.append(_say(language, "Der skal være mindst én runde", "There must be at least one round"))
        return out
    available = availability_matrix(problem)
    ids = problem.ids
    if isinstance(fmt, PairsFormat):
        if fmt.tables is not None and fmt.tables < 1:
            out.append(_say(language, "Der skal være mindst ét bord pr. runde", "There must be at least one table per round"))
        index = {pid: i for i, pid in enumerate(ids)}
        colleagues = colleagues_matrix(problem)
        for a, b in mutual_must_meet(problem):
            i, j = index[a], index[b]
            if colleagues[i, j]:
                out.append(_say(language, f"{a} og {b} ønsker at mødes, men er kolleger, og kolleger mødes ikke 1:1",
                                f"{a} and {b} asked to meet, but they are colleagues and colleagues never meet 1:1"))
            elif not (available[i] & available[j]).any():
                pa, pb = problem.participants[i], problem.participants[j]
                ra = [r + 1 for r in np.flatnonzero(available[i])]
                rb = [r + 1 for r in np.flatnonzero(available[j])]
                out.append(_say(language, f"{a} og {b} ønsker at mødes, men er aldrig til stede i samme runde ({a}: runde {_rounds_text(ra)}; {b}: runde {_rounds_text(rb)})",
                                f"{a} and {b} asked to meet, but are never available in the same round ({a}: rounds {_rounds_text(ra)}; {b}: rounds {_rounds_text(rb)})"))
        return out
    tables = fmt.tables
    if not tables:
        out.append(_say(language, "Der er ingen borde", "There are no tables"))
        return out
    for t in tables:
        if t.min_seats > t.max_seats or t.max_seats < 1 or t.min_seats < 0:
            out.append(_say(language, f"Bord {t.id}: mindst {t.min_seats} og højst {t.max_seats} pladser giver ingen mening",
                            f"Table {t.id}: at least {t.min_seats} and at most {t.max_seats} seats makes no sense"))
    low = sum(t.min_seats for t in tables)
    high = sum(t.max_seats for t in tables)
    organisations = [p.organisation for p in problem.participants]
    for r in range(fmt.rounds):
        present = int(available[:, r].sum())
        if present > high:
            out.append(_say(language, f"Runde {r + 1}: {present} deltagere er til stede, men bordene har kun {high} pladser",
                            f"Round {r + 1}: {present} participants are available but the tables seat only {high}"))
        if present < low:
            out.append(_say(language, f"Runde {r + 1}: kun {present} deltagere er til stede, men bordene kræver mindst {low}",
                            f"Round {r + 1}: only {present} participants are available but the tables need at least {low}"))
        if fmt.separate_organisations:
            counts = Counter(o for o, here in zip(organisations, available[:, r]) if here and o)
            for org, count in sorted(counts.items()):
                if count > len(tables):
                    out.append(_say(language, f"Runde {r + 1}: {org} har {count} deltagere, men der er kun {len(tables)} borde, og kolleger sidder ved hver sit bord",
                                    f"Round {r + 1}: {org} has {count} participants but there are only {len(tables)} tables, and colleagues sit at different tables"))
    return out
