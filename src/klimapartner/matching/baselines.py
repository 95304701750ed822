"""Simple schedules to measure the engine against: round-by-round greedy and random.

They go through the same rules ledgers as the engine, so they are valid
schedules and `check` accepts them.
"""

from __future__ import annotations

import numpy as np

from .constraints import PairsLedger, TablesLedger, availability_matrix, eligible_matrix, refusals
from .model import PairsFormat, Problem, Schedule, TablesFormat
from .pairs import repair, schedule_from_ledger
from .scores import PairScores
from .tables import schedule_from_seats


def greedy_pairs(problem: Problem, scores: PairScores, *, engine: str = "networkx", seed: int = 0) -> Schedule:
    """Each round a maximum-weight matching of the pairs not met yet, cut to the table limit."""
    fmt: PairsFormat = problem.format
    n = len(scores.ids)
    available = availability_matrix(problem)
    eligible = eligible_matrix(problem, scores, available)
    ledger = PairsLedger(n, fmt.rounds, fmt.tables, available, eligible)
    weights = scores.matrix
    for r in range(fmt.rounds):
        here = available[:, r]
        ok = np.triu(eligible & here[:, None] & here[None, :], 1)
        rows, cols = np.nonzero(ok)
        fresh = np.array([ledger.key(a, b) not in ledger.met for a, b in zip(rows.tolist(), cols.tolist())], dtype=bool)
        rows, cols = rows[fresh], cols[fresh] if len(fresh) else cols
        if engine == "networkx":
            import networkx as nx

            graph = nx.Graph()
            graph.add_weighted_edges_from(zip(rows.tolist(), cols.tolist(), weights[rows, cols].tolist()))
            chosen = [tuple(e) for e in nx.max_weight_matching(graph)]
        else:
            import rustworkx as rx

            graph = rx.PyGraph()
            graph.add_nodes_from(range(n))
            scale = 1e6 / max(float(weights.max()), 1e-9)
            graph.add_edges_from(list(zip(rows.tolist(), cols.tolist(), np.rint(weights[rows, cols] * scale).astype(np.int64).tolist())))
            chosen = list(rx.max_weight_matching(graph, weight_fn=int))
        chosen.sort(key=lambda e: -weights[e[0], e[1]])
        for a, b in chosen[: fmt.tables if fmt.tables is not None else len(chosen)]:
            if ledger.fits(int(a), int(b), r):
                ledger.place(int(a), int(b), r)
    repair(problem, scores, ledger)  # the day-wide rules hold for baselines too
    return schedule_from_ledger(ledger, scores, None, seed, with_reasons=False)


def random_pairs(problem: Problem, scores: PairScores, *, seed: int = 0) -> Schedule:
    """Each round people paired in random order, skipping pairs the rules refuse."""
    fmt: PairsFormat = problem.format
    n = len(scores.ids)
    rng = np.random.default_rng(seed)
    available = availability_matrix(problem)
    ledger = PairsLedger(n, fmt.rounds, fmt.tables, available, scores.allowed & (refusals(problem) == 0))
    for r in range(fmt.rounds):
        order = rng.permutation(np.flatnonzero(available[:, r])).tolist()
        for a, b in zip(order[0::2], order[1::2]):
            if ledger.fits(a, b, r):
                ledger.place(a, b, r)
    repair(problem, scores, ledger)
    return schedule_from_ledger(ledger, scores, None, seed, with_reasons=False)


def greedy_tables(problem: Problem, scores: PairScores, *, seed: int = 0, randomly: bool = False) -> Schedule:
    """Each round people take, one by one, the open seat where they add most (or a random one)."""
    fmt: TablesFormat = problem.format
    n = len(scores.ids)
    rng = np.random.default_rng(seed)
    ledger = TablesLedger(problem)
    weights = scores.matrix
    met = np.zeros((n, n), dtype=bool)
    lo, hi = ledger.min_seats, ledger.max_seats
    for r in range(fmt.rounds):
        people = rng.permutation(np.flatnonzero(ledger.available[:, r]))
        # Big organisations first, while every table still has room for one of them.
        orgs = [problem.participants[i].organisation or f"\0{i}" for i in people]
        size_of = {o: orgs.count(o) for o in orgs}
        people = [int(p) for _, p in sorted(zip((-size_of[o] for o in orgs), people), key=lambda t: t[0])]
        left = len(people)
        n_tables = len(lo)
        for person in people:
            seat = ledger.seat[r]
            seated = seat >= 0
            # The ledger's rules, computed for all tables at once: room, and no colleague there.
            room = ledger.size[r] < hi
            if ledger.colleagues is not None:
                mates = ledger.colleagues[person] & seated
                room &= np.bincount(seat[mates], minlength=n_tables) == 0
            # Every table to its minimum first, then the rest: otherwise the last people
            # would be herded together to fill whatever tables are still short.
            short = room & (ledger.size[r] < lo)
            options = np.flatnonzero(short) if short.any() else np.flatnonzero(room)
            if len(options) == 0:
                options = np.flatnonzero(room)
            if randomly:
                table = int(rng.choice(options))
            else:
                row = np.where(met[person], 0.0, weights[person])
                gains = np.bincount(seat[seated], weights=row[seated], minlength=n_tables)
                # Ties (an empty room at first) go to the emptiest table, so tables fill evenly.
                table = int(options[np.argmax(gains[options] - 1e-9 * ledger.size[r, options])])
            ledger.place(person, r, table)
            left -= 1
        s = ledger.seat[r]
        met |= (s[:, None] == s[None, :]) & (s[:, None] >= 0)
    return schedule_from_seats(problem, scores, ledger.seat, seed, with_reasons=False, bound=None)
