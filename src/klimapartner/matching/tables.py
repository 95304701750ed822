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
from .bounds import tables_bound
from .budget import Budget
from .constraints import availability_matrix, colleagues_matrix, pins_of, wish_matrix
from .designs import perfect_rounds
from .model import Meeting, Problem, Schedule, TablesFormat
from .scores import PairScores


def _most_pairs_profile(n: int, lo: np.ndarray, hi: np.ndarray, *, empty_allowed: bool = False,
                        at_least: np.ndarray | None = None) -> np.ndarray:
    """Table sizes in [lo, hi] summing to n with the most pairs seated together.

    With different table sizes allowed the size profile decides most of the
    value (on the MDGPLIB "ds" instances one pair fewer costs ~0.15%), and the
    tabu steps, which move one person at a time between tables at their
    bounds, hardly ever change it. Pair values are mostly positive here, so
    start where the pair count is largest: a small knapsack DP over tables.
    """
    g_count = len(lo)
    at_least = np.zeros(g_count, dtype=np.int64) if at_least is None else np.asarray(at_least)

    def options(k, room):
        # With empty tables allowed a table seats 0 or lo..hi; never fewer than its pinned people.
        first = max(int(lo[k]), int(at_least[k]))
        sizes = list(range(first, min(int(hi[k]), room) + 1))
        if empty_allowed and at_least[k] == 0 and first > 0:
            sizes.insert(0, 0)
        return sizes

    most = np.full((g_count + 1, n + 1), -1)  # most[k, m]: pairs at tables k.. seating m people
    most[g_count, 0] = 0
    for k in range(g_count - 1, -1, -1):
        # A table larger than the whole room can seat at most n people.
        for s in options(k, n):
            rest = most[k + 1, : n + 1 - s]
            shifted = np.where(rest >= 0, rest + s * (s - 1) // 2, -1)
            np.maximum(most[k, s:], shifted, out=most[k, s:])
    sizes, m = np.zeros(g_count, dtype=np.int64), n
    for k in range(g_count):
        sizes[k] = max((s for s in options(k, m) if most[k + 1, m - s] >= 0),
                       key=lambda s: (most[k + 1, m - s] + s * (s - 1) // 2, -s))
        m -= sizes[k]
    return sizes


def usable_sizes(n: int, lo: np.ndarray, hi: np.ndarray, empty_allowed: bool, fixed: np.ndarray | None = None):
    """Table size limits for one round's search; with empty tables allowed and too few people, some close (0..0)."""
    if not empty_allowed or lo.sum() <= n:
        return lo, hi
    pinned = np.zeros(len(lo), dtype=np.int64) if fixed is None else np.bincount(fixed[fixed >= 0], minlength=len(lo))
    sizes = _most_pairs_profile(n, lo, hi, empty_allowed=True, at_least=pinned)
    closed = sizes == 0
    return np.where(closed, 0, lo), np.where(closed, 0, hi)


def _random_assignment(n: int, lo: np.ndarray, hi: np.ndarray, rng: np.random.Generator,
                       fixed: np.ndarray | None = None) -> np.ndarray:
    """People at random over tables sized by `_most_pairs_profile`; fixed[i] >= 0 keeps i at that table."""
    if fixed is None or not (fixed >= 0).any():
        return rng.permutation(np.repeat(np.arange(len(lo)), _most_pairs_profile(n, lo, hi)))
    already = np.bincount(fixed[fixed >= 0], minlength=len(lo))
    sizes = _most_pairs_profile(n, np.maximum(lo, already), hi)
    out = fixed.copy()
    free = np.flatnonzero(fixed < 0)
    out[free] = rng.permutation(np.repeat(np.arange(len(lo)), sizes - already))
    return out


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
         target: float | None = None, max_iterations: int | None = None, fixed: np.ndarray | None = None,
         clock=time.perf_counter) -> tuple[np.ndarray, float]:
    """Best grouping found: (table index of each person, objective).

    Stops at `time_limit` seconds (of `clock`), at `target`, or after
    `max_iterations` tabu steps: with `max_iterations` and no time limit
    (`time_limit=None`) the result is the same on any machine. `fixed[i] >= 0`
    pins person i to that table.
    """
    started = clock()
    rng = np.random.default_rng(seed)
    d = np.asarray(values, dtype=float)
    n = len(d)
    lo, hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
    if n == 0:
        return np.zeros(0, dtype=np.int64), 0.0
    if not lo.sum() <= n <= hi.sum():
        raise ValueError(f"{n} people cannot fill tables of {lo.sum()}..{hi.sum()} seats")
    fixed = np.full(n, -1, dtype=np.int64) if fixed is None else np.asarray(fixed, dtype=np.int64)
    groups = _random_assignment(n, lo, hi, rng, fixed) if start is None else np.array(start, dtype=np.int64)
    groups[fixed >= 0] = fixed[fixed >= 0]
    frozen = (fixed >= 0).astype(np.uint8)
    time_limit = np.inf if time_limit is None else time_limit
    if frozen.all():
        return groups, objective_of(d, groups)
    if grouping.AVAILABLE:
        return _compiled(d, groups, lo, hi, rng, started, time_limit, target, max_iterations, frozen, clock)
    if n > 600:
        return _descent_large(d, groups, lo, hi, rng, started, time_limit, frozen, clock)
    return _tabu(d, groups, lo, hi, rng, started, time_limit, target, max_iterations, frozen, clock)


def _compiled(d, groups, lo, hi, rng, started, time_limit, target, max_iterations, frozen, clock):
    """Tabu search in numba for up to a few hundred people, first-improvement descent beyond."""
    n, g_count = len(d), len(lo)
    d = np.ascontiguousarray(d, dtype=np.float64)
    groups = groups.astype(np.int64)
    random_state = np.array([rng.integers(1, 2**63)], dtype=np.uint64)
    gain, size, value = grouping.rebuild(d, groups, g_count)
    if n > 600:
        passes = 0
        while passes == 0 or clock() - started < time_limit:
            passes += 1
            if max_iterations is not None and passes > max(1, max_iterations // n):
                break
            if grouping.descent_pass(d, lo, hi, groups, gain, size, rng.permutation(n).astype(np.int64), frozen) <= 1e-9:
                break
        return groups, objective_of(d, groups)
    if _MEMETIC and n >= 2 * len(lo) and (max_iterations is None or max_iterations >= _MEMETIC_MIN_STEPS * n):
        return _memetic(d, groups, lo, hi, rng, started, time_limit, target, max_iterations, frozen, clock, random_state)
    best_groups = groups.copy()
    state = np.array([value, value, 0.0, 0.0, 0.0])
    tabu = np.zeros(n, dtype=np.int64)
    chunk = max(50, 200_000 // max(n, 1))
    done = 0
    # The first chunk runs whatever the clock says: loading the compiled
    # kernels can eat a short time limit, and a random grouping is no answer.
    while (done == 0 or clock() - started < time_limit) and (max_iterations is None or done < max_iterations):
        steps = chunk if max_iterations is None else min(chunk, max_iterations - done)
        grouping.tabu_chunk(d, lo, hi, groups, gain, size, state, best_groups, tabu, random_state, steps,
                            _STALL * n, _TENURE_MIN, max(2, n // _TENURE_DIV), max(2, n // _STRENGTH_DIV), _FROM_BEST, _ESCALATE,
                            frozen)
        done += steps
        if target is not None and state[1] >= target:
            break
    return best_groups, objective_of(d, best_groups)


# -- a population of tabu searches, recombined --------------------------------------

_MEMETIC = True
_POPULATION = 8
_LOCAL_STEPS = 20  # tabu steps of one local search, per person
_MEMETIC_MIN_STEPS = 400  # per person: below this budget one tabu search does better than a population


def _local_search(d, lo, hi, g, frozen, random_state, steps):
    """Tabu search from g for `steps` steps without restarts; (best grouping, its value)."""
    n = len(d)
    gain, size, value = grouping.rebuild(d, g, len(lo))
    best = g.copy()
    state = np.array([value, value, 0.0, 0.0, 0.0])
    tabu = np.zeros(n, dtype=np.int64)
    grouping.tabu_chunk(d, lo, hi, g, gain, size, state, best, tabu, random_state, steps,
                        steps + 1, _TENURE_MIN, max(2, n // _TENURE_DIV), max(2, n // _STRENGTH_DIV), _FROM_BEST, _ESCALATE,
                        frozen)
    return best, float(state[1])


def _crossover(d, a, b, lo, hi, frozen, rng):
    """A child of two groupings: tables taken whole, alternately from each parent, best first; the rest placed greedily.

    At each turn the parent gives the table whose members not yet placed are worth most together.
    """
    n, g_count = len(d), len(lo)
    child = np.where(frozen.astype(bool), a, -1)
    parents = (a, b)
    open_tables = list(range(g_count))
    turn = int(rng.integers(2))
    for _ in range(g_count):
        p = parents[turn]
        best_table, best_value, best_members = -1, -np.inf, None
        for t in open_tables:
            members = np.flatnonzero((p == t) & (child < 0))
            room = hi[t] - int((child == t).sum())
            if room <= 0:
                continue
            members = members[:room]
            value = float(d[np.ix_(members, members)].sum()) / 2 if len(members) else 0.0
            if value > best_value:
                best_table, best_value, best_members = t, value, members
        if best_table < 0:
            break
        child[best_members] = best_table
        open_tables.remove(best_table)
        turn ^= 1
    size = np.bincount(child[child >= 0], minlength=g_count)
    # The rest: to the tables still short of their minimum first, then wherever they add most.
    for person in rng.permutation(np.flatnonzero(child < 0)):
        short = np.flatnonzero(size < lo)
        options = short if len(short) else np.flatnonzero(size < hi)
        gains = np.array([d[person, child == t].sum() for t in options])
        t = int(options[int(np.argmax(gains))])
        child[person] = t
        size[t] += 1
    # Tables still short take the person whose move costs least from a table above its minimum.
    for t in np.flatnonzero(size < lo):
        while size[t] < lo[t]:
            donors = np.flatnonzero((size[child] > lo[child]) & (child != t) & ~frozen.astype(bool))
            cost = np.array([d[x, child == t].sum() - d[x, child == child[x]].sum() for x in donors])
            x = int(donors[int(np.argmax(cost))])
            size[child[x]] -= 1
            child[x] = t
            size[t] += 1
    return child


def _memetic(d, groups, lo, hi, rng, started, time_limit, target, max_iterations, frozen, clock, random_state):
    """A small population of tabu searches; children of two parents replace the worst when they beat it."""
    n = len(d)
    steps = max(200, _LOCAL_STEPS * n)
    done = 0

    def spent():
        if max_iterations is not None:
            return done >= max_iterations
        return clock() - started >= time_limit

    population, values = [], []
    fixed = np.where(frozen.astype(bool), groups, -1)
    for k in range(_POPULATION):
        start = groups.copy() if k == 0 else _random_assignment(n, lo, hi, rng, fixed)
        g, v = _local_search(d, lo, hi, start, frozen, random_state, steps)
        done += steps
        population.append(g)
        values.append(v)
        if k > 0 and spent():
            break
    while not spent() and not (target is not None and max(values) >= target):
        i, j = rng.choice(len(population), size=2, replace=False)
        child = _crossover(d, population[i], population[j], lo, hi, frozen, rng)
        child, value = _local_search(d, lo, hi, child, frozen, random_state, steps)
        done += steps
        worst = int(np.argmin(values))
        if value > values[worst] + 1e-9 and all(abs(value - v) > 1e-9 for v in values):
            population[worst], values[worst] = child, value
    best = int(np.argmax(values))
    return population[best], objective_of(d, population[best])


# Tabu parameters, tuned on the MDGPLIB RanReal instances.
_STALL = 20
_TENURE_MIN = 5
_TENURE_DIV = 10
_STRENGTH_DIV = 10
_FROM_BEST = 1
_ESCALATE = 8  # failed restarts before the perturbation grows (0: never)


def _tabu(d, groups, lo, hi, rng, started, time_limit, target, max_iterations, frozen, clock):
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
    still = frozen.astype(bool)
    while clock() - started < time_limit and (max_iterations is None or it < max_iterations):
        it += 1
        own = gain[rows, groups]
        cross = gain[:, groups]  # cross[i, j] = gain of i at j's table
        swap = cross - own[:, None]
        swap = swap + swap.T - 2 * d
        swap[groups[:, None] == groups[None, :]] = -np.inf
        swap[still, :] = -np.inf
        swap[:, still] = -np.inf
        move = gain - own[:, None]
        can_leave = size[groups] > lo[groups]
        move[~can_leave] = -np.inf
        move[:, size >= hi] = -np.inf
        move[rows, groups] = -np.inf
        move[still, :] = -np.inf
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
                if not (still[i] or still[j]):
                    groups[i], groups[j] = groups[j], groups[i]
            onehot[:] = 0.0
            onehot[rows, groups] = 1.0
            gain = d @ onehot
            size = np.bincount(groups, minlength=g_count)
            value = float(gain[rows, groups].sum() / 2)
            tabu_until[:] = 0
            last_best = it
    return best_groups, float(objective_of(d, best_groups))


def _descent_large(d, groups, lo, hi, rng, started, time_limit, frozen, clock):
    """First-improvement descent, one person at a time: O(n) per step, for thousands of people."""
    n, g_count = len(d), len(lo)
    rows = np.arange(n)
    gain = np.zeros((n, g_count))
    for k in range(g_count):
        gain[:, k] = d[:, groups == k].sum(axis=1)
    size = np.bincount(groups, minlength=g_count)
    improved = True
    still = frozen.astype(bool)
    while improved and clock() - started < time_limit:
        improved = False
        for i in rng.permutation(n).tolist():
            if clock() - started >= time_limit:
                break
            if still[i]:
                continue
            a = groups[i]
            own_i = gain[i, a]
            own = gain[rows, groups]
            swap = gain[i, groups] - own_i + gain[rows, a] - own - 2 * d[i]
            swap[groups == a] = -np.inf
            swap[still] = -np.inf
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
    """An MDGPLIB instance (a path or an open text file): (values, min sizes, max sizes)."""
    if hasattr(path, "read"):
        return _read_mdgp(path)
    with open(path) as f:
        return _read_mdgp(f)


def _read_mdgp(f):
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


def _wish_values(problem: Problem, scores: PairScores, values: np.ndarray) -> np.ndarray:
    """The search's values: a must-meet pair sitting together is worth more than any table of ordinary mates."""
    wants = wish_matrix(problem)
    wants = (wants | wants.T) & scores.allowed
    if not wants.any():
        return values
    top = float(np.abs(scores.matrix).max()) or 1.0
    seats = max(t.max_seats for t in problem.format.tables)
    return values + (2 * seats * top + 1) * wants


# The search over all rounds at once, after the rounds have been solved one by one: up to this many
# people (its step costs rounds x n^2 x table size), with this share of a timed run's budget.
ROUNDS_SEARCH_MAX = 400
ROUNDS_SEARCH_SHARE = 0.5


def _rounds_search(values, seats, lo, hi, fixed, open_rounds, budget, rng, steps, target=None):
    """Tabu search swapping people within rounds on the whole day's value (grouping.rounds_tabu)."""
    n_rounds, n = seats.shape
    work = seats.copy()
    lo2 = np.zeros((n_rounds, len(lo)), dtype=np.int64)
    hi2 = np.zeros((n_rounds, len(lo)), dtype=np.int64)
    for r in range(n_rounds):
        people = np.flatnonzero(seats[r] >= 0)
        lo2[r], hi2[r] = lo, hi
        if len(people):
            sizes = np.bincount(seats[r, people], minlength=len(lo))
            closed = (sizes == 0) & (lo > 0)
            lo2[r][closed] = hi2[r][closed] = 0
    w = np.ascontiguousarray(values, dtype=np.float64)
    members, size, slot, count = grouping.rounds_state(w, work, len(lo))
    value = total_value(w, work)
    state = np.array([value, value, 0.0, 0.0])
    best = work.copy()
    tabu = np.zeros((n_rounds, n), dtype=np.int64)
    random_state = np.array([rng.integers(1, 2**63)], dtype=np.uint64)
    frozen = (fixed >= 0).astype(np.uint8)
    frozen[[r for r in range(n_rounds) if r not in set(open_rounds)]] = 1
    rounds = np.array(open_rounds, dtype=np.int64)
    chunk = max(20, 2_000_000 // max(1, len(rounds) * n * n))
    done = 0
    while True:
        if steps is not None:
            if done >= steps:
                break
            k = min(chunk, steps - done)
        else:
            if budget.exhausted():
                break
            k = chunk
        grouping.rounds_tabu(w, work, lo2, hi2, frozen, rounds, members, size, slot, count, state, best, tabu,
                             random_state, k, 10 * n, 3, max(2, n // 10), max(2, n // 10))
        done += k
        budget.spend(k)
        if target is not None and state[1] >= target - 1e-9 * max(1.0, abs(target)):
            break
    return best, float(state[1])


def _design_start(problem: Problem, available: np.ndarray, lo: np.ndarray, hi: np.ndarray, held: int):
    """A seating where nobody sits with anyone twice (designs.perfect_rounds), when everyone is there every round."""
    if problem.pins or held or not available.all():
        return None
    return perfect_rounds(len(available), problem.format.rounds, lo, hi)


def solve_tables(problem: Problem, scores: PairScores, budget: Budget, *, seed: int = 0,
                 with_reasons: bool = True) -> Schedule:
    """Everyone seated every round; pinned seats (and the rounds already held) stay as they are.

    Each open round is one MDGP on the values of pairs who have not sat together in another
    round; the rounds are solved in turn, then re-solved against each other for the rest of
    the budget (in a reproducible run, for its steps).
    """
    fmt: TablesFormat = problem.format
    n = len(scores.ids)
    available = availability_matrix(problem)
    values = _wish_values(problem, scores, _penalised(problem, scores))
    lo = np.array([t.min_seats for t in fmt.tables])
    hi = np.array([t.max_seats for t in fmt.tables])
    table_of = {t.id: k for k, t in enumerate(fmt.tables)}
    fixed = np.full((fmt.rounds, n), -1, dtype=np.int64)
    for (r, i), table in pins_of(problem).seat.items():
        if r < fmt.rounds and available[i, r] and table in table_of:
            fixed[r, i] = table_of[table]
    seats = fixed.copy()
    held = min(problem.held_rounds, fmt.rounds)
    open_rounds = [r for r in range(held, fmt.rounds) if available[:, r].any()]
    bound = tables_bound(problem, scores)
    budget.report("bound", bound=bound)
    rng = np.random.default_rng(seed)
    clock = budget.clock
    steps = budget.steps_left()
    first = True
    design = _design_start(problem, available, lo, hi, held)
    # Several rounds of a few hundred people: the last part of the budget goes to the search over all rounds.
    whole_day = grouping.AVAILABLE and len(open_rounds) > 1 and n <= ROUNDS_SEARCH_MAX
    if design is not None and total_value(scores.matrix, design) >= bound - 1e-9 * max(1.0, abs(bound)):
        open_rounds = []  # a resolvable design meets the bound: proven optimal, nothing to search
        seats = design
    # In a reproducible run two passes share the steps; a timed run re-solves until the time is up.
    while open_rounds:
        for k, r in enumerate(open_rounds):
            if steps is not None:
                iterations = max(1, (steps * 3 // 4 if whole_day else steps) // (2 * len(open_rounds)))
                limit = None
            else:
                share = 0.5 if first and len(open_rounds) > 1 else 1.0
                left = budget.seconds_left()
                limit = left if len(open_rounds) == 1 else max(left * share / (len(open_rounds) - k), 0.0)
                iterations = None
                if not first and left <= 0:
                    break
            people = np.flatnonzero(available[:, r])
            d = values[np.ix_(people, people)]
            d = np.where(_met_elsewhere(seats, r, people), np.minimum(d, 0.0), d)
            start = None if first else seats[r, people]
            round_lo, round_hi = usable_sizes(len(people), lo, hi, fmt.empty_tables, fixed[r, people])
            if start is not None and ((np.bincount(start, minlength=len(lo)) < round_lo) |
                                      (np.bincount(start, minlength=len(lo)) > round_hi)).any():
                start = None
            groups, found = mdgp(d, round_lo, round_hi, seed=int(rng.integers(2**31)), time_limit=limit, start=start,
                                 max_iterations=iterations, fixed=fixed[r, people], clock=clock)
            if first or found > objective_of(d, start) + 1e-9:
                seats[r, people] = groups
            budget.spend(iterations or 0)
            budget.report("improve" if not first else "start", total_value(scores.matrix, seats), bound,
                          detail=f"round {r + 1}")
        if first and design is not None and total_value(values, design) > total_value(values, seats) + 1e-9:
            seats = design
            budget.report("start", total_value(scores.matrix, seats), bound, detail="from a resolvable design")
        first = False
        if budget.exhausted() or (steps is not None and budget.steps_left() < 2 * len(open_rounds)):
            break
        if whole_day and not budget.reproducible and budget.done() >= 1 - ROUNDS_SEARCH_SHARE:
            break
        if total_value(scores.matrix, seats) >= bound - 1e-9 * max(1.0, abs(bound)):
            break  # proven optimal: nothing left to find
    if whole_day and open_rounds and total_value(scores.matrix, seats) < bound - 1e-9 * max(1.0, abs(bound)):
        plain = np.array_equal(values, scores.matrix)  # no wishes or colleagues: the bound is on these values
        found, value = _rounds_search(values, seats, lo, hi, fixed, open_rounds, budget, rng,
                                      None if steps is None else max(1, steps // 4), bound if plain else None)
        if value > total_value(values, seats) + 1e-9:
            seats = found
        budget.report("improve", total_value(scores.matrix, seats), bound, detail="all rounds at once")
    schedule = schedule_from_seats(problem, scores, seats, seed, with_reasons, bound=bound)
    budget.report("done", schedule.objective, bound)
    return schedule


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
