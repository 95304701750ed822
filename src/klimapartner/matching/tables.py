"""Rounds of tables: the Maximally Diverse Grouping Problem, round after round.

One round with given pair values is exactly MDGP: split n people into groups
with sizes in [min, max] so the summed value of pairs inside groups is as
large as possible. `mdgp` solves it by tabu search over *move* (one person to
another table) and *swap* (two people trade tables) on numpy arrays, with the
gains of every move kept in a people x tables matrix so each step costs O(n).
Over R rounds a pair seated together again earns nothing, so each round is
solved on the scores of pairs that have not met in the other rounds, and the
rounds are re-solved in turn while that improves the total.
"""

from __future__ import annotations

import time

import numpy as np

from . import grouping
from .constraints import availability_matrix, colleagues_matrix
from .model import Meeting, Problem, Schedule, TablesFormat
from .scores import PairScores


def _most_pairs_profile(n: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Table sizes in [lo, hi] summing to n with the most pairs seated together.

    With different table sizes allowed the size profile decides most of the
    value (on the MDGPLIB "ds" instances one pair fewer costs ~0.15%), and the
    tabu steps, which move one person at a time between tables at their
    bounds, hardly ever change it. Pair values are mostly positive here, so
    start where the pair count is largest: a small knapsack DP over tables.
    """
    g_count = len(lo)
    most = np.full((g_count + 1, n + 1), -1)  # most[k, m]: pairs at tables k.. seating m people
    most[g_count, 0] = 0
    for k in range(g_count - 1, -1, -1):
        # A table larger than the whole room can seat at most n people.
        for s in range(int(lo[k]), min(int(hi[k]), n) + 1):
            rest = most[k + 1, : n + 1 - s]
            shifted = np.where(rest >= 0, rest + s * (s - 1) // 2, -1)
            np.maximum(most[k, s:], shifted, out=most[k, s:])
    sizes, m = np.zeros(g_count, dtype=np.int64), n
    for k in range(g_count):
        sizes[k] = max((s for s in range(int(lo[k]), min(int(hi[k]), m) + 1) if most[k + 1, m - s] >= 0),
                       key=lambda s: most[k + 1, m - s] + s * (s - 1) // 2)
        m -= sizes[k]
    return sizes


def _random_assignment(n: int, lo: np.ndarray, hi: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """People at random over tables sized by `_most_pairs_profile`."""
    return rng.permutation(np.repeat(np.arange(len(lo)), _most_pairs_profile(n, lo, hi)))


def objective_of(values: np.ndarray, groups: np.ndarray) -> float:
    """Summed value of the pairs who share a group."""
    groups = np.asarray(groups, dtype=np.int64)
    if grouping.AVAILABLE and len(groups):
        # O(n^2) in compiled code, without the n x n temporaries numpy needs.
        values = np.ascontiguousarray(values, dtype=np.float64)
        return float(grouping.rebuild(values, groups, int(groups.max()) + 1)[2] - np.trace(values) / 2)
    same = groups[:, None] == groups[None, :]
    return float(np.triu(values * same, 1).sum())


def mdgp(values: np.ndarray, lo, hi, *, seed: int = 0, time_limit: float = 3.0, start: np.ndarray | None = None,
         target: float | None = None, max_iterations: int | None = None) -> tuple[np.ndarray, float]:
    """Best grouping found: (table index of each person, objective).

    Stops at `time_limit` seconds, at `target`, or after `max_iterations`
    tabu steps (the one limit that makes the result the same on any machine).
    """
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    d = np.asarray(values, dtype=float)
    n = len(d)
    lo, hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
    g_count = len(lo)
    if n == 0:
        return np.zeros(0, dtype=np.int64), 0.0
    if not lo.sum() <= n <= hi.sum():
        raise ValueError(f"{n} people cannot fill tables of {lo.sum()}..{hi.sum()} seats")
    groups = _random_assignment(n, lo, hi, rng) if start is None else np.array(start, dtype=np.int64)
    if grouping.AVAILABLE:
        return _compiled(d, groups, lo, hi, rng, started, time_limit, target, max_iterations)
    if n > 600:
        return _descent_large(d, groups, lo, hi, rng, started, time_limit)
    return _tabu(d, groups, lo, hi, rng, started, time_limit, target)


def _compiled(d, groups, lo, hi, rng, started, time_limit, target, max_iterations):
    """Tabu search in numba for up to a few hundred people, first-improvement descent beyond."""
    n, g_count = len(d), len(lo)
    d = np.ascontiguousarray(d, dtype=np.float64)
    groups = groups.astype(np.int64)
    random_state = np.array([rng.integers(1, 2**63)], dtype=np.uint64)
    gain, size, value = grouping.rebuild(d, groups, g_count)
    if n > 600:
        passes = 0
        while passes == 0 or time.perf_counter() - started < time_limit:
            passes += 1
            if grouping.descent_pass(d, lo, hi, groups, gain, size, rng.permutation(n).astype(np.int64)) <= 1e-9:
                break
        return groups, objective_of(d, groups)
    best_groups = groups.copy()
    state = np.array([value, value, 0.0, 0.0, 0.0])
    tabu = np.zeros(n, dtype=np.int64)
    chunk = max(50, 200_000 // max(n, 1))
    done = 0
    # The first chunk runs whatever the clock says: loading the compiled
    # kernels can eat a short time limit, and a random grouping is no answer.
    while (done == 0 or time.perf_counter() - started < time_limit) and (max_iterations is None or done < max_iterations):
        steps = chunk if max_iterations is None else min(chunk, max_iterations - done)
        grouping.tabu_chunk(d, lo, hi, groups, gain, size, state, best_groups, tabu, random_state, steps,
                            _STALL * n, _TENURE_MIN, max(2, n // _TENURE_DIV), max(2, n // _STRENGTH_DIV), _FROM_BEST, _ESCALATE)
        done += steps
        if target is not None and state[1] >= target:
            break
    return best_groups, objective_of(d, best_groups)


# Tabu parameters, tuned on the MDGPLIB RanReal instances.
_STALL = 20
_TENURE_MIN = 5
_TENURE_DIV = 10
_STRENGTH_DIV = 10
_FROM_BEST = 1
_ESCALATE = 8  # failed restarts before the perturbation grows (0: never)


def _tabu(d, groups, lo, hi, rng, started, time_limit, target):
    n, g_count = len(d), len(lo)
    rows = np.arange(n)
    onehot = np.zeros((n, g_count))
    onehot[rows, groups] = 1.0
    gain = d @ onehot  # gain[i, k]: value of i's pairs with the people at table k
    size = np.bincount(groups, minlength=g_count)
    value = float((gain[rows, groups]).sum() / 2)
    best, best_groups = value, groups.copy()
    tabu_until = np.zeros(n, dtype=np.int64)
    it, last_best = 0, 0
    stall = max(200, 4 * n)
    noise = 1e-9 * (np.abs(d).max() + 1.0)
    while time.perf_counter() - started < time_limit:
        it += 1
        own = gain[rows, groups]
        cross = gain[:, groups]  # cross[i, j] = gain of i at j's table
        swap = cross - own[:, None]
        swap = swap + swap.T - 2 * d
        swap[groups[:, None] == groups[None, :]] = -np.inf
        move = gain - own[:, None]
        can_leave = size[groups] > lo[groups]
        move[~can_leave] = -np.inf
        move[:, size >= hi] = -np.inf
        move[rows, groups] = -np.inf
        allowed = tabu_until <= it
        aspiration = value + 1e-9
        swap_ok = np.where(allowed[:, None] & allowed[None, :], swap, np.where(value + swap > best + 1e-9, swap, -np.inf))
        move_ok = np.where(allowed[:, None], move, np.where(value + move > best + 1e-9, move, -np.inf))
        s_flat = int(np.argmax(swap_ok + noise * rng.random(swap_ok.shape)))
        m_flat = int(np.argmax(move_ok))
        s_val = swap_ok.flat[s_flat]
        m_val = move_ok.flat[m_flat]
        if not np.isfinite(s_val) and not np.isfinite(m_val):
            tabu_until[:] = 0
            continue
        tenure = 10 + int(rng.integers(0, max(2, n // 10)))
        if m_val > s_val:
            i, k = divmod(m_flat, g_count)
            a = groups[i]
            gain[:, a] -= d[:, i]
            gain[:, k] += d[:, i]
            size[a] -= 1
            size[k] += 1
            groups[i] = k
            value += m_val
            tabu_until[i] = it + tenure
        else:
            i, j = divmod(s_flat, n)
            a, b = groups[i], groups[j]
            delta = d[:, j] - d[:, i]
            gain[:, a] += delta
            gain[:, b] -= delta
            groups[i], groups[j] = b, a
            value += s_val
            tabu_until[i] = tabu_until[j] = it + tenure
        if value > best + 1e-9:
            best, best_groups, last_best = value, groups.copy(), it
            if target is not None and best >= target:
                break
        elif it - last_best > stall:
            # Perturb the best grouping with a few random swaps and search again.
            groups = best_groups.copy()
            for _ in range(max(2, n // 20)):
                i, j = rng.integers(n, size=2)
                groups[i], groups[j] = groups[j], groups[i]
            onehot[:] = 0.0
            onehot[rows, groups] = 1.0
            gain = d @ onehot
            size = np.bincount(groups, minlength=g_count)
            value = float(gain[rows, groups].sum() / 2)
            tabu_until[:] = 0
            last_best = it
    return best_groups, float(objective_of(d, best_groups))


def _descent_large(d, groups, lo, hi, rng, started, time_limit):
    """First-improvement descent, one person at a time: O(n) per step, for thousands of people."""
    n, g_count = len(d), len(lo)
    rows = np.arange(n)
    gain = np.zeros((n, g_count))
    for k in range(g_count):
        gain[:, k] = d[:, groups == k].sum(axis=1)
    size = np.bincount(groups, minlength=g_count)
    improved = True
    while improved and time.perf_counter() - started < time_limit:
        improved = False
        for i in rng.permutation(n).tolist():
            if time.perf_counter() - started >= time_limit:
                break
            a = groups[i]
            own_i = gain[i, a]
            own = gain[rows, groups]
            swap = gain[i, groups] - own_i + gain[rows, a] - own - 2 * d[i]
            swap[groups == a] = -np.inf
            j = int(np.argmax(swap))
            move_val, k = -np.inf, -1
            if size[a] > lo[a]:
                move = gain[i] - own_i
                move[size >= hi] = -np.inf
                move[a] = -np.inf
                k = int(np.argmax(move))
                move_val = move[k]
            if move_val > 1e-9 and move_val >= swap[j]:
                gain[:, a] -= d[:, i]
                gain[:, k] += d[:, i]
                size[a] -= 1
                size[k] += 1
                groups[i] = k
                improved = True
            elif swap[j] > 1e-9:
                b = groups[j]
                delta = d[:, j] - d[:, i]
                gain[:, a] += delta
                gain[:, b] -= delta
                groups[i], groups[j] = b, a
                improved = True
    return groups, float((gain[rows, groups]).sum() / 2)


def read_mdgp(path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """An MDGPLIB instance: (values, min sizes, max sizes)."""
    with open(path) as f:
        head = f.readline().split()
        n, g = int(head[0]), int(head[1])
        bounds = np.array(head[3 : 3 + 2 * g], dtype=np.int64).reshape(g, 2)
        data = np.loadtxt(f, ndmin=2)
    d = np.zeros((n, n))
    i, j = data[:, 0].astype(int), data[:, 1].astype(int)
    d[i, j] = d[j, i] = data[:, 2]
    return d, bounds[:, 0], bounds[:, 1]


# -- several rounds -------------------------------------------------------------


def _penalised(problem: Problem, scores: PairScores) -> np.ndarray:
    """Scores with colleagues kept apart by a penalty no gain can outweigh."""
    values = scores.matrix.astype(float).copy()
    if problem.format.separate_organisations:
        big = 1.0 + 2.0 * float(np.abs(values).sum(axis=1).max())
        values[colleagues_matrix(problem)] = -big
    np.fill_diagonal(values, 0.0)
    return values


def _met_elsewhere(seats: np.ndarray, r: int, people: np.ndarray) -> np.ndarray:
    """met[i, j]: people[i] and people[j] share a table in some round other than r."""
    met = np.zeros((len(people), len(people)), dtype=bool)
    for other in range(len(seats)):
        if other != r:
            s = seats[other, people]
            met |= (s[:, None] == s[None, :]) & (s[:, None] >= 0)
    return met


def total_value(scores_matrix: np.ndarray, seats: np.ndarray) -> float:
    """Sum of the scores of distinct pairs who share a table in at least one round."""
    n = scores_matrix.shape[0]
    together = np.zeros((n, n), dtype=bool)
    for s in seats:
        together |= (s[:, None] == s[None, :]) & (s[:, None] >= 0)
    np.fill_diagonal(together, False)
    return float(np.triu(np.where(together, scores_matrix, 0.0), 1).sum())


def solve_tables(problem: Problem, scores: PairScores, *, seed: int = 0, time_limit: float = 10.0,
                 progress=None, with_reasons: bool = True) -> Schedule:
    started = time.perf_counter()
    say = progress or (lambda message: None)
    fmt: TablesFormat = problem.format
    available = availability_matrix(problem)
    values = _penalised(problem, scores)
    lo = np.array([t.min_seats for t in fmt.tables])
    hi = np.array([t.max_seats for t in fmt.tables])
    n = len(scores.ids)
    seats = np.full((fmt.rounds, n), -1, dtype=np.int64)
    rng = np.random.default_rng(seed)
    # First pass: each round in turn; then passes re-solving each round against the others.
    passes = 2 if fmt.rounds > 1 else 1
    solves_left = fmt.rounds * passes
    for p in range(passes):
        for r in range(fmt.rounds):
            # Share what is left of the time among the solves still to come; the
            # second pass is skipped when the first used it all.
            budget = (time_limit - (time.perf_counter() - started)) / (solves_left + 0.5)
            solves_left -= 1
            if p > 0 and budget <= 0:
                break
            people = np.flatnonzero(available[:, r])
            if len(people) == 0:
                continue
            d = values[np.ix_(people, people)]
            d = np.where(_met_elsewhere(seats, r, people), np.minimum(d, 0.0), d)
            start = seats[r, people] if p > 0 else None
            # An iteration cap, not only the clock, so a seed gives the same schedule on any machine.
            groups, found = mdgp(d, lo, hi, seed=int(rng.integers(2**31)), time_limit=budget, start=start,
                                 max_iterations=100 * len(people) + 1000)
            if p == 0 or found > objective_of(d, start) + 1e-9:
                seats[r, people] = groups
            if progress:
                say(f"round {r + 1} pass {p + 1}: {total_value(scores.matrix, seats):.2f} ({time.perf_counter() - started:.1f}s)")
    return schedule_from_seats(problem, scores, seats, seed, with_reasons)


def tables_bound(problem: Problem, scores: PairScores) -> float:
    """A simple valid upper bound: each person shares tables with at most sum(max seats - 1) others."""
    fmt: TablesFormat = problem.format
    available = availability_matrix(problem)
    biggest = max(t.max_seats for t in fmt.tables) - 1
    values = np.where(scores.allowed | ~np.asarray(fmt.separate_organisations), scores.matrix, 0.0)
    values = np.maximum(values, 0.0)
    np.fill_diagonal(values, 0.0)
    total = 0.0
    for i, k in enumerate((available.sum(axis=1) * biggest).tolist()):
        row = np.sort(values[i])[::-1]
        total += row[: int(k)].sum()
    return total / 2


def schedule_from_seats(problem: Problem, scores: PairScores, seats: np.ndarray, seed: int, with_reasons: bool,
                        bound: float | None = None) -> Schedule:
    """Meetings from a rounds x people table-index array, each with the new pair value it earns."""
    fmt: TablesFormat = problem.format
    ids = scores.ids
    n = len(ids)
    met = np.zeros((n, n), dtype=bool)
    meetings = []
    for r in range(fmt.rounds):
        for t, table in enumerate(fmt.tables):
            people = np.flatnonzero(seats[r] == t)
            if len(people) == 0:
                continue
            block = np.ix_(people, people)
            new = ~met[block]
            np.fill_diagonal(new, False)
            earned = float(np.triu(np.where(new, scores.matrix[block], 0.0), 1).sum())
            reasons = _table_reasons(scores, people, met) if with_reasons else ()
            met[block] = True
            meetings.append(Meeting(r + 1, table.id, tuple(ids[i] for i in people), earned, reasons))
    objective = float(sum(m.score for m in meetings))
    if bound is None:
        bound = tables_bound(problem, scores)
    return Schedule(tuple(meetings), objective, bound, seed)


def _table_reasons(scores: PairScores, people: np.ndarray, met: np.ndarray):
    """Each person's reason names their most valuable new table-mate."""
    out = []
    for i in people:
        others = [j for j in people if j != i]
        if not others:
            continue
        fresh = [j for j in others if not met[i, j]] or others
        j = max(fresh, key=lambda j: scores.matrix[i, j])
        reason = scores.reasons(scores.ids[i], scores.ids[j])[0]
        other = scores.ids[j]
        name = other
        if scores.problem is not None:
            name = next((p.label for p in scores.problem.participants if p.id == other), other)
        out.append(type(reason)(reason.participant, f"Ved bordet: {name}. {reason.da}", f"At the table: {name}. {reason.en}"))
    return tuple(out)
