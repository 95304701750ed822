"""Upper bounds: what no schedule can beat, so a schedule's quality can be certified.

Pairs: the R-round problem relaxes to a maximum-weight b-matching (each
person meets at most as many people as they have rounds, each pair at most
once, at most R*T meetings in all). Its LP is solved with HiGHS on candidate
pairs and priced: any dual solution gives a bound valid for *all* pairs.

Tables: see `tables_bound`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from .constraints import availability_matrix, eligible_matrix, wish_matrix
from .model import PairsFormat, Problem, TablesFormat  # noqa: F401  (TablesFormat: tables_bound)
from .scores import PairScores


@dataclass(frozen=True)
class Candidates:
    """Candidate meetings as parallel arrays, u < v."""

    u: np.ndarray
    v: np.ndarray
    w: np.ndarray


def _candidates(weights: np.ndarray, eligible: np.ndarray, k: int, forced: list[tuple[int, int]],
                potential: np.ndarray | None = None) -> Candidates:
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
        return Candidates(empty, empty, np.zeros(0))
    r, c = np.concatenate(rows), np.concatenate(cols)
    u, v = np.minimum(r, c), np.maximum(r, c)
    keys = np.unique(u.astype(np.int64) * n + v)
    u, v = keys // n, keys % n
    return Candidates(u, v, weights[u, v].astype(float))


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


def _b_matching(weights, eligible, capacity, total, graph: Candidates, rounds_of_pricing: int, progress):
    """The priced LP of the b-matching on `graph`'s candidates: (bound valid for all pairs, candidates, x)."""
    n = len(weights)
    if len(graph.u) == 0:
        return 0.0, graph, np.zeros(0)
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
        graph = Candidates(lp.u, lp.v, lp.w)
    if len(x) < len(graph.u):  # pricing stopped after adding pairs the LP has not seen
        x = np.concatenate([x, np.zeros(len(graph.u) - len(x))])
    return best_bound, graph, x


def lp_bound(problem: Problem, scores: PairScores, *, k: int | None = None, rounds_of_pricing: int = 10, progress=None):
    """Upper bound on any schedule's total score, and the LP's preferred meetings."""
    fmt: PairsFormat = problem.format
    n = len(scores.ids)
    available = availability_matrix(problem)
    capacity = available.sum(axis=1)
    eligible = eligible_matrix(problem, scores, available)
    weights = scores.matrix
    total = fmt.rounds * fmt.tables if fmt.tables is not None and fmt.rounds * fmt.tables < capacity.sum() / 2 else None
    # Must-meet pairs are candidates whatever their score, if the rules let them meet at all
    # (eligible_matrix lets them in).
    wished = wish_matrix(problem)
    rows, cols = np.nonzero(np.triu((wished | wished.T) & eligible, 1))
    forced = list(zip(rows.tolist(), cols.tolist()))
    # Dual estimates first, so candidates are the pairs the LP is likely to want,
    # not just everyone's favourites (popular people cannot meet everyone).
    potential = _tighten_duals(weights, eligible, capacity, np.zeros(n), 0.0, sweeps=6) if n > 200 else None
    # Up to a few hundred people every eligible pair is a candidate; beyond, the best few per person.
    graph = _candidates(weights, eligible, k or (n if n <= 300 else max(2 * fmt.rounds + 8, 24)), forced, potential)
    best_bound, graph, x = _b_matching(weights, eligible, capacity, total, graph, rounds_of_pricing, progress)
    return best_bound, graph, x, eligible, available, forced


def tables_bound(problem: Problem, scores: PairScores, *, lp: bool = False) -> float:
    """An upper bound on any tables schedule: nobody sits with more than R x (max seats - 1) others.

    A pair that already sat together earns nothing again, so a schedule earns
    at most the value of its distinct pairs, and those form a graph in which a
    person has at most (rounds attended) x (largest table - 1) neighbours. The
    simple bound gives each person their best that many partners. With `lp`,
    the LP of that b-matching, with no more pairs per round than the table
    sizes seat, also makes the partners agree (0.3-9 % lower; seconds at 1,000
    people, so `solve` keeps the simple one and `bench matching` reports both).
    Neither knows that table-mates must all sit together (cliques), which is
    where most of the remaining gap is (docs/matching.md).
    """
    fmt: TablesFormat = problem.format
    available = availability_matrix(problem)
    biggest = max(t.max_seats for t in fmt.tables) - 1
    values = np.where(scores.allowed | ~np.asarray(fmt.separate_organisations), scores.matrix, 0.0)
    values = np.maximum(values, 0.0)
    np.fill_diagonal(values, 0.0)
    capacity = available.sum(axis=1) * biggest
    total = 0.0
    for i, k in enumerate(capacity.tolist()):
        row = np.sort(values[i])[::-1]
        total += row[: int(k)].sum()
    simple = total / 2
    n = len(values)
    if not lp or n < 2:
        return simple
    a = available.astype(np.float32)
    eligible = (values > 0) & ((a @ a.T) > 0)
    graph = _candidates(values, eligible, n if n <= 300 else max(2 * int(capacity.max()) + 8, 24), [])
    if len(graph.u) == 0:
        return 0.0
    # No round seats more pairs together than the table sizes allow (the sizes' knapsack in tables.py).
    from .tables import _most_pairs_profile

    lo = np.array([t.min_seats for t in fmt.tables])
    hi = np.array([t.max_seats for t in fmt.tables])
    seats = 0
    for present in available.sum(axis=0).tolist():
        if present >= 2:
            try:
                sizes = _most_pairs_profile(int(present), lo, hi, empty_allowed=True)
            except ValueError:  # more people than seats: the schedule is infeasible anyway
                seats = None
                break
            seats += int((sizes * (sizes - 1) // 2).sum())
    bound, _, _ = _b_matching(values, eligible, capacity, seats, graph, 10, None)
    return min(simple, bound)
