"""Rounds of 1:1 meetings.

The whole R-round problem is a maximum-weight b-matching (each person meets
at most as many people as they have rounds, each pair at most once, at most
R*T meetings in all) that must then be split into rounds. We

1. solve the LP relaxation of that b-matching with HiGHS on the best few
   candidate partners of each person, and turn its duals into an upper bound
   that is valid for *all* pairs (any pair the candidates missed only adds
   its positive reduced cost to the dual objective);
2. place meetings round by round in the order the LP prefers, through the
   rules ledger, freeing a round with a Kempe-chain swap when two people have
   no free round in common;
3. improve one round at a time with an exact maximum-weight matching of that
   round, keeping the others fixed, until nothing improves or time is up;
   the same from a second start, the round-by-round greedy, keeping the better;
4. for small events, solve the integer program exactly (HiGHS MILP).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

import numpy as np
import rustworkx as rx
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from .constraints import PairsLedger, availability_matrix, colleagues_matrix, mutual_must_meet
from .model import Meeting, PairsFormat, Problem, Schedule
from .scores import PairScores

@dataclass(frozen=True)
class _Graph:
    """Candidate meetings as parallel arrays, u < v."""

    u: np.ndarray
    v: np.ndarray
    w: np.ndarray


def eligible_matrix(problem: Problem, scores: PairScores, available: np.ndarray) -> np.ndarray:
    """Pairs worth a meeting: allowed, positive score, and a round where both are there."""
    minimum = scores.weights.minimum_pair_score
    ok = scores.allowed & ~colleagues_matrix(problem) & (scores.matrix > minimum)
    a = available.astype(np.float32)
    ok &= (a @ a.T) > 0
    np.fill_diagonal(ok, False)
    return ok


def _candidates(weights: np.ndarray, eligible: np.ndarray, k: int, forced: list[tuple[int, int]],
                potential: np.ndarray | None = None) -> _Graph:
    """Each person's k best eligible partners by reduced score w_uv - p_u - p_v, plus forced pairs."""
    n = len(weights)
    potential = np.zeros(n) if potential is None else potential
    rows, cols = [], []
    block = max(1, 2_000_000 // max(n, 1))
    kk = min(k, n - 1)
    for lo in range(0, n if kk > 0 else 0, block):
        hi = min(n, lo + block)
        reduced = weights[lo:hi] - potential[lo:hi, None] - potential[None, :]
        masked = np.where(eligible[lo:hi], reduced, -np.inf)
        top = np.argpartition(-masked, kk - 1, axis=1)[:, :kk]
        r = np.repeat(np.arange(lo, hi), kk)
        c = top.ravel()
        keep = np.isfinite(masked[r - lo, c])
        rows.append(r[keep])
        cols.append(c[keep])
    for a, b in forced:
        rows.append(np.array([a]))
        cols.append(np.array([b]))
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return _Graph(empty, empty, np.zeros(0))
    r, c = np.concatenate(rows), np.concatenate(cols)
    u, v = np.minimum(r, c), np.maximum(r, c)
    keys = np.unique(u.astype(np.int64) * n + v)
    u, v = keys // n, keys % n
    return _Graph(u, v, weights[u, v].astype(float))


def _quiet(make):
    """Call `make()` with the process's stdout closed: HiGHS prints a banner from C++ on creation."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            return make()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


class _RelaxedBMatching:
    """The LP relaxation, grown column by column.

    With highspy each re-solve starts from the last basis, so pricing in a few
    hundred more pairs costs a fraction of a first solve; without it scipy's
    bundled HiGHS solves from scratch.
    """

    def __init__(self, n: int, capacity: np.ndarray, total: int | None):
        self.n, self.capacity, self.total = n, capacity.astype(float), total
        self.u = np.zeros(0, dtype=np.int64)
        self.v = np.zeros(0, dtype=np.int64)
        self.w = np.zeros(0)
        self.highs = None
        try:
            import highspy
        except ImportError:
            return
        h = _quiet(highspy.Highs)
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", 0)
        rows = n + (total is not None)
        upper = np.concatenate([self.capacity, [float(total)] if total is not None else []])
        h.addRows(rows, np.full(rows, -highspy.kHighsInf), upper, 0, np.zeros(0, dtype=np.int32),
                  np.zeros(0, dtype=np.int32), np.zeros(0))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.highs = h

    def add(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> None:
        self.u, self.v, self.w = np.concatenate([self.u, u]), np.concatenate([self.v, v]), np.concatenate([self.w, w])
        if self.highs is None:
            return
        per = 2 + (self.total is not None)
        index = np.stack([u, v] + ([np.full(len(u), self.n)] if self.total is not None else []), axis=1).ravel()
        self.highs.addCols(len(u), w.astype(float), np.zeros(len(u)), np.ones(len(u)), len(index),
                           np.arange(0, len(index), per, dtype=np.int32), index.astype(np.int32), np.ones(len(index)))

    def solve(self):
        """(x, vertex duals y >= 0, table-limit dual mu >= 0)."""
        n, total = self.n, self.total
        if self.highs is not None:
            self.highs.run()
            solution = self.highs.getSolution()
            x = np.array(solution.col_value)
            duals = np.abs(np.array(solution.row_dual))  # maximising: HiGHS reports them <= 0
        else:
            m = len(self.u)
            rows = np.concatenate([self.u, self.v] + ([np.full(m, n)] if total is not None else []))
            cols = np.concatenate([np.arange(m)] * (2 + (total is not None)))
            a_ub = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n + (total is not None), m))
            b_ub = np.concatenate([self.capacity, [total] if total is not None else []])
            res = linprog(-self.w, A_ub=a_ub, b_ub=b_ub, bounds=(0, 1), method="highs-ipm")
            if res.status != 0:
                raise RuntimeError(f"LP relaxation failed: {res.message}")
            x = res.x
            duals = np.maximum(-res.ineqlin.marginals, 0.0)
        return x, duals[:n], (float(duals[n]) if total is not None else 0.0)


@dataclass(frozen=True)
class _Pairs:
    """Every eligible pair once (u < v), for pricing against the LP's duals."""

    u: np.ndarray
    v: np.ndarray
    w: np.ndarray

    @classmethod
    def of(cls, weights: np.ndarray, eligible: np.ndarray) -> "_Pairs":
        u, v = np.nonzero(np.triu(eligible, 1))
        kind = np.int32 if len(weights) < 2**31 else np.int64
        return cls(u.astype(kind), v.astype(kind), weights[u, v])


def _dual_bound(pairs: _Pairs, capacity, total, y, mu, per_row: int = 3):
    """Dual objective with every eligible pair's reduced cost: a valid upper bound.

    Also returns, for pricing, up to `per_row` pairs per person whose reduced
    cost is positive, best first (spread over people: one popular person's
    pairs are not what the LP is missing).
    """
    bound = float(capacity @ y) + (total * mu if total is not None else 0.0)
    slack = pairs.w - y[pairs.u] - y[pairs.v] - mu
    positive = np.flatnonzero(slack > 1e-9)
    bound += float(slack[positive].sum())
    u, s = pairs.u[positive], slack[positive]
    order = np.lexsort((-s, u))
    u_sorted = u[order]
    first = np.searchsorted(u_sorted, u_sorted, side="left")
    keep = order[(np.arange(len(order)) - first) < per_row]
    return bound, positive[keep], slack[positive[keep]]


def _tighten_duals(weights, eligible, capacity, y, mu, sweeps: int = 2):
    """Coordinate descent on the dual over all eligible pairs.

    With the other duals fixed, the dual objective in y_v is
    cap_v * y_v + sum_u max(0, w_uv - y_u - y_v - mu), smallest when y_v is the
    cap_v-th largest w_uv - y_u - mu (or 0). The LP's duals are optimal only on
    the candidate pairs and often degenerate; this makes them fit every pair.
    """
    y = y.copy()
    n = len(y)
    for _ in range(sweeps):
        for v in range(n):
            k = int(capacity[v])
            if k == 0:
                y[v] = 0.0
                continue
            slack = np.where(eligible[v], weights[v] - y - mu, -np.inf)
            slack[v] = -np.inf
            if k >= n:
                y[v] = 0.0
                continue
            kth = np.partition(slack, n - k)[n - k]
            y[v] = max(0.0, float(kth)) if np.isfinite(kth) else 0.0
    return y


def lp_bound(problem: Problem, scores: PairScores, *, k: int | None = None, rounds_of_pricing: int = 10, progress=None):
    """Upper bound on any schedule's total score, and the LP's preferred meetings."""
    fmt: PairsFormat = problem.format
    n = len(scores.ids)
    available = availability_matrix(problem)
    capacity = available.sum(axis=1)
    eligible = eligible_matrix(problem, scores, available)
    weights = scores.matrix
    total = fmt.rounds * fmt.tables if fmt.tables is not None and fmt.rounds * fmt.tables < capacity.sum() / 2 else None
    index = {pid: i for i, pid in enumerate(scores.ids)}
    # Mutual must-meet pairs are candidates whatever their score, if the rules let them meet at all.
    common = (available.astype(np.float32) @ available.T.astype(np.float32)) > 0
    ok = scores.allowed & ~colleagues_matrix(problem) & common
    forced = [(index[a], index[b]) for a, b in mutual_must_meet(problem) if ok[index[a], index[b]]]
    for a, b in forced:
        eligible[a, b] = eligible[b, a] = True
    # Dual estimates first, so candidates are the pairs the LP is likely to want,
    # not just everyone's favourites (popular people cannot meet everyone).
    potential = _tighten_duals(weights, eligible, capacity, np.zeros(n), 0.0, sweeps=6) if n > 200 else None
    # Up to a few hundred people every eligible pair is a candidate; beyond, the best few per person.
    graph = _candidates(weights, eligible, k or (n if n <= 300 else max(2 * fmt.rounds + 8, 24)), forced, potential)
    if len(graph.u) == 0:
        return 0.0, graph, np.zeros(0), eligible, available, forced
    best_bound = np.inf
    pairs = _Pairs.of(weights, eligible)
    lp = _RelaxedBMatching(n, capacity, total)
    lp.add(graph.u, graph.v, graph.w)
    known = set((graph.u * n + graph.v).tolist())
    for _ in range(rounds_of_pricing):
        x, y, mu = lp.solve()
        lp_value = float(graph.w @ x)
        bound, candidates, slack = _dual_bound(pairs, capacity, total, y, mu)
        best_bound = min(best_bound, bound)
        if bound > 1.001 * lp_value:
            # Degenerate LP duals can price unseen pairs badly; every dual
            # solution gives a valid bound, so tighten and keep the smaller.
            y2 = _tighten_duals(weights, eligible, capacity, y, mu)
            best_bound = min(best_bound, _dual_bound(pairs, capacity, total, y2, mu, per_row=0)[0])
        keys = pairs.u[candidates].astype(np.int64) * n + pairs.v[candidates]
        new = np.array([key not in known for key in keys.tolist()], dtype=bool)
        if progress:
            progress(f"LP {lp_value:.2f}, bound {best_bound:.2f} on {len(graph.u)} candidate meetings, {int(new.sum())} to price in")
        # Stop when the bound is within 0.01% of the LP: more pricing buys nothing visible.
        if not new.any() or best_bound - lp_value <= 1e-4 * max(1.0, abs(best_bound)):
            break
        chosen = candidates[new][np.argsort(-slack[new])[: 3 * n]]
        add_u, add_v = pairs.u[chosen].astype(np.int64), pairs.v[chosen].astype(np.int64)
        known.update((add_u * n + add_v).tolist())
        lp.add(add_u, add_v, pairs.w[chosen])
        graph = _Graph(lp.u, lp.v, lp.w)
    if len(x) < len(graph.u):  # pricing stopped after adding pairs the LP has not seen
        x = np.concatenate([x, np.zeros(len(graph.u) - len(x))])
    return best_bound, graph, x, eligible, available, forced


def _kempe_place(ledger: PairsLedger, a: int, b: int, ra: int, rb: int) -> bool:
    """Free round ra for b by swapping rounds ra and rb along b's alternating path, then place (a, b) in ra."""
    path = []
    x, colour = b, ra
    while True:
        y = int(ledger.partner[colour, x])
        if y < 0:
            break
        if y == a:  # only in odd cycles; in a two-sided event the path never returns
            return False
        path.append((x, y, colour))
        x, colour = y, (rb if colour == ra else ra)
    for x, y, colour in path:
        other = rb if colour == ra else ra
        if not (ledger.available[x, other] and ledger.available[y, other]):
            return False
    for x, y, colour in path:
        ledger.remove(x, y, colour)
    for x, y, colour in path:
        ledger.place(x, y, rb if colour == ra else ra)
    if ledger.fits(a, b, ra) and (ledger.table_limit is None or ledger.count[rb] <= ledger.table_limit):
        ledger.place(a, b, ra)
        return True
    for x, y, colour in path:  # undo: the swap did not help
        ledger.remove(x, y, rb if colour == ra else ra)
    for x, y, colour in path:
        ledger.place(x, y, colour)
    return False


def _place(ledger: PairsLedger, a: int, b: int, rng: np.random.Generator) -> bool:
    """Put meeting (a, b) in the emptiest round where the rules allow it, else try a Kempe swap."""
    L = ledger
    free_a = (L.partner[:, a] < 0) & L.available[a]
    free_b = (L.partner[:, b] < 0) & L.available[b]
    room = np.ones(L.rounds, dtype=bool) if L.table_limit is None else L.count < L.table_limit
    both = np.flatnonzero(free_a & free_b & room)
    if len(both):
        r = int(both[np.argmin(L.count[both])])  # emptiest round, earliest on ties: nobody waits for nothing
        if L.fits(a, b, r):
            L.place(a, b, r)
            return True
        return False
    if not free_a.any() or not free_b.any() or L.key(a, b) in L.met or not L.allowed[a, b]:
        return False
    for ra in np.flatnonzero(free_a & room & L.available[b]):
        for rb in np.flatnonzero(free_b & L.available[a]):
            if ra != rb and _kempe_place(L, a, b, int(ra), int(rb)):
                return True
    for rb in np.flatnonzero(free_b & room & L.available[a]):
        for ra in np.flatnonzero(free_a & L.available[b]):
            if ra != rb and _kempe_place(L, b, a, int(rb), int(ra)):
                return True
    return False


def _round_value(ledger: PairsLedger, weights: np.ndarray, r: int) -> float:
    a = np.flatnonzero(ledger.partner[r] >= 0)
    return float(weights[a, ledger.partner[r, a]].sum() / 2)


def _matching(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, scale: float) -> list[tuple[int, int]]:
    graph = rx.PyGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(list(zip(u.tolist(), v.tolist(), np.rint(w * scale).astype(np.int64).tolist())))
    return [(min(a, b), max(a, b)) for a, b in rx.max_weight_matching(graph, weight_fn=int)]


def _reoptimise_round(ledger: PairsLedger, graph: _Graph, weights: np.ndarray, r: int, scale: float, fixed: set[int]) -> float:
    """Replace round r by the best matching of that round given the other rounds; return the gain."""
    L, n = ledger, ledger.n
    keys = graph.u * n + graph.v
    met_elsewhere = np.array([L.met.get(key, r) != r for key in keys.tolist()], dtype=bool)
    ok = L.available[graph.u, r] & L.available[graph.v, r] & ~met_elsewhere
    # Fixed meetings (mutual must-meet) stay where they are; their people are busy.
    busy = np.zeros(n, dtype=bool)
    keep = []
    for a in np.flatnonzero(L.partner[r] >= 0):
        b = int(L.partner[r, a])
        if a < b and L.key(a, b) in fixed:
            busy[[a, b]] = True
            keep.append((int(a), b))
    ok &= ~busy[graph.u] & ~busy[graph.v]
    u, v, w = graph.u[ok], graph.v[ok], graph.w[ok]
    chosen = _matching(n, u, v, w, scale)
    limit = None if L.table_limit is None else L.table_limit - len(keep)
    if limit is not None and len(chosen) > limit:
        # Cut to the table limit: heaviest first, then a second try with a
        # Lagrangian price on every meeting, which prefers fewer, better ones.
        values = weights[[a for a, _ in chosen], [b for _, b in chosen]]
        price = float(np.sort(values)[::-1][limit - 1]) if limit > 0 else float(values.max())
        options = [sorted(chosen, key=lambda e: -weights[e])[: max(limit, 0)]]
        priced = w - price * 0.999
        sel = priced > 0
        second = _matching(n, u[sel], v[sel], priced[sel], scale)
        if len(second) <= limit:
            rest = sorted(set(chosen) - set(second), key=lambda e: -weights[e])
            busy2 = {x for e in second for x in e}
            for e in rest:
                if len(second) >= limit:
                    break
                if e[0] not in busy2 and e[1] not in busy2:
                    second.append(e)
                    busy2.update(e)
            options.append(second)
        chosen = max(options, key=lambda es: sum(weights[e] for e in es))
    old = _round_value(L, weights, r)
    new = sum(weights[a, b] for a, b in chosen) + sum(weights[a, b] for a, b in keep)
    if new <= old + 1e-9:
        return 0.0
    for a in np.flatnonzero(L.partner[r] >= 0):
        b = int(L.partner[r, a])
        if a < b and L.key(a, b) not in fixed:
            L.remove(int(a), b, r)
    for a, b in chosen:
        if L.fits(a, b, r):  # the matching was built to fit; the ledger has the last word
            L.place(a, b, r)
    return _round_value(L, weights, r) - old


# Small events are solved exactly: at most this many (pair, round) choices.
EXACT_LIMIT = 6000


def _exact(ledger: PairsLedger, graph: _Graph, fixed: set[int], time_limit: float) -> bool:
    """Replace the ledger's meetings by an optimal schedule from the integer program; True if proven optimal.

    One binary per (candidate pair, round); mutual must-meet pairs get a bonus
    larger than all scores together, so they come first without ever making
    the program infeasible.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    L, n, rounds = ledger, ledger.n, ledger.rounds
    cols = [(e, r) for e in range(len(graph.u)) for r in range(rounds)
            if L.available[graph.u[e], r] and L.available[graph.v[e], r]]
    if not cols:
        return True
    e_of = np.array([c[0] for c in cols])
    r_of = np.array([c[1] for c in cols])
    m = len(cols)
    keys = graph.u * n + graph.v
    bonus = float(np.abs(graph.w).sum()) + 1.0
    cost = -(graph.w[e_of] + bonus * np.isin(keys[e_of], list(fixed)))
    rows_, cols_ = [], []
    # one meeting per person per round: row u*rounds + r
    rows_ += [graph.u[e_of] * rounds + r_of, graph.v[e_of] * rounds + r_of]
    cols_ += [np.arange(m), np.arange(m)]
    # each pair at most once: rows after the person rows
    rows_.append(n * rounds + e_of)
    cols_.append(np.arange(m))
    count = n * rounds + len(graph.u)
    upper = [np.ones(count)]
    if L.table_limit is not None:
        rows_.append(count + r_of)
        cols_.append(np.arange(m))
        upper.append(np.full(rounds, float(L.table_limit)))
        count += rounds
    a = csr_matrix((np.ones(sum(len(x) for x in rows_)), (np.concatenate(rows_), np.concatenate(cols_))), shape=(count, m))
    result = milp(cost, constraints=LinearConstraint(a, -np.inf, np.concatenate(upper)), integrality=np.ones(m),
                  bounds=Bounds(0, 1), options={"time_limit": max(time_limit, 0.1)})
    if result.x is None:
        return False
    chosen = [cols[k] for k in np.flatnonzero(result.x > 0.5)]
    for r, x, y in list(L.meetings()):
        L.remove(x, y, r)
    for e, r in chosen:
        if L.fits(int(graph.u[e]), int(graph.v[e]), r):
            L.place(int(graph.u[e]), int(graph.v[e]), r)
    return result.status == 0


def _improve(ledger: PairsLedger, graph: _Graph, weights: np.ndarray, scale: float, fixed: set[int], deadline: float) -> float:
    """Re-solve one round at a time until a whole cycle brings nothing or the next round would pass the deadline."""
    rounds = ledger.rounds
    stale, r, slowest = 0, 0, 0.0
    while stale < rounds and time.perf_counter() + slowest < deadline:
        round_started = time.perf_counter()
        gain = _reoptimise_round(ledger, graph, weights, r, scale, fixed)
        slowest = max(slowest, time.perf_counter() - round_started)
        stale = 0 if gain > 1e-9 else stale + 1
        r = (r + 1) % rounds
    return sum(_round_value(ledger, weights, r) for r in range(rounds))


def solve_pairs(problem: Problem, scores: PairScores, *, seed: int = 0, time_limit: float = 10.0,
                progress=None, with_reasons: bool = True, exact: bool | None = None) -> Schedule:
    """A schedule of 1:1 meetings with its upper bound.

    `exact` (default: when the event is small) also solves the integer
    program; the schedule is then proven optimal and the bound is its value.
    """
    started = time.perf_counter()
    fmt: PairsFormat = problem.format
    n = len(scores.ids)
    rng = np.random.default_rng(seed)
    weights = scores.matrix
    say = progress or (lambda message: None)
    bound, graph, x, eligible, available, forced = lp_bound(problem, scores, progress=progress)
    say(f"LP bound {bound:.2f} on {len(graph.u)} candidate meetings ({time.perf_counter() - started:.1f}s)")
    ledger = PairsLedger(n, fmt.rounds, fmt.tables, available, eligible)
    fixed: set[int] = set()
    for a, b in forced:  # mutual must-meet wishes come first
        if _place(ledger, a, b, rng):
            fixed.add(ledger.key(a, b))
    if len(graph.u):
        # The LP's choices first (most certain first), then the rest by score.
        jitter = rng.random(len(graph.u)) * 1e-9
        order = np.lexsort((-(graph.w + jitter), -np.round(x, 3)))
        capacity = available.sum(axis=1)
        degree = np.zeros(n, dtype=np.int64)
        for e in order.tolist():
            a, b = int(graph.u[e]), int(graph.v[e])
            if degree[a] >= capacity[a] or degree[b] >= capacity[b] or ledger.key(a, b) in ledger.met:
                continue
            if _place(ledger, a, b, rng):
                degree[a] += 1
                degree[b] += 1
        objective = sum(_round_value(ledger, weights, r) for r in range(fmt.rounds))
        say(f"constructed {objective:.2f} ({time.perf_counter() - started:.1f}s)")
        scale = 1e6 / max(float(graph.w.max()), 1e-9)
        # Up to a couple of thousand people a second start fits in the time limit.
        second_start = n <= 2000
        deadline = started + (0.6 * time_limit if second_start else time_limit)
        # Nothing to improve once the schedule meets the bound: it is optimal.
        proven = objective >= bound - 1e-9 * max(1.0, abs(bound))
        improved = objective if proven else _improve(ledger, graph, weights, scale, fixed, deadline)
        say(f"improved to {improved:.2f} ({time.perf_counter() - started:.1f}s)")
        # The second start is the round-by-round greedy, improved the same way. The
        # LP's start is usually better; this one guards the odd case where it is not.
        if second_start and time.perf_counter() < started + 0.8 * time_limit and improved < bound - 1e-9:
            other = PairsLedger(n, fmt.rounds, fmt.tables, available, eligible)
            for a, b in forced:
                _place(other, a, b, rng)
            for r in range(fmt.rounds):
                _reoptimise_round(other, graph, weights, r, scale, fixed)
            greedy_value = sum(_round_value(other, weights, r) for r in range(fmt.rounds))
            other_value = _improve(other, graph, weights, scale, fixed, started + time_limit)
            say(f"greedy start {greedy_value:.2f}, improved to {other_value:.2f} ({time.perf_counter() - started:.1f}s)")
            if other_value > improved + 1e-9 and all(key in other.met for key in fixed if key in ledger.met):
                ledger, improved = other, other_value
        if exact is None:
            exact = len(graph.u) * fmt.rounds <= EXACT_LIMIT and improved < bound - 1e-9
        if exact:
            heuristic = [(r, a, b) for r, a, b in ledger.meetings()]
            proven = _exact(ledger, graph, fixed, time_limit - (time.perf_counter() - started))
            value = sum(_round_value(ledger, weights, r) for r in range(fmt.rounds))
            kept_fixed = all(key in ledger.met for key in fixed)
            if value + 1e-9 < improved or not kept_fixed:  # the integer program ran out of time
                for r, a, b in list(ledger.meetings()):
                    ledger.remove(a, b, r)
                for r, a, b in heuristic:
                    ledger.place(a, b, r)
            elif proven and not fixed and len(graph.u) == int(eligible.sum()) // 2:
                bound = value  # every eligible pair was a candidate: the optimum is the bound
            say(f"exact: {value:.2f}{' (proven optimal)' if proven else ''} ({time.perf_counter() - started:.1f}s)")
    return schedule_from_ledger(ledger, scores, bound, seed, with_reasons)


def schedule_from_ledger(ledger: PairsLedger, scores: PairScores, bound, seed: int, with_reasons: bool) -> Schedule:
    ids = scores.ids
    meetings = []
    per_round: dict[int, list[tuple[float, int, int]]] = {}
    for r, a, b in ledger.meetings():
        per_round.setdefault(r, []).append((float(scores.matrix[a, b]), a, b))
    for r, items in sorted(per_round.items()):
        # Best meetings at the lowest table numbers: easy to find near the door.
        for table, (s, a, b) in enumerate(sorted(items, key=lambda t: (-t[0], ids[t[1]])), start=1):
            reasons = scores.reasons(ids[a], ids[b]) if with_reasons else ()
            meetings.append(Meeting(r + 1, str(table), (ids[a], ids[b]), s, reasons))
    objective = float(sum(m.score for m in meetings))
    return Schedule(tuple(meetings), objective, bound, seed)
