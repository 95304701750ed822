"""Beyond the exact limit: iterated local search, and lower bounds to say how good it is.

The search works on a permutation of stops and breaks, scored by replaying it
with the same window arithmetic as `rules` plus a penalty for each broken
minute, so it can pass through routes that break rules on its way to one that
keeps them all. Moves: move a run of one to three items elsewhere, reverse a
run (2-opt), swap two. Between descents a double bridge kicks it somewhere
new. The bounds are proven: Held-Karp's 1-tree bound (with subgradient
optimisation) on the driving, and the visits, breaks and driving that any
route must fit between departure and return.
"""

from __future__ import annotations

import time

import numpy as np
from numba import njit
from scipy.optimize import linear_sum_assignment

BIG = np.int64(1) << np.int64(20)
BIG2 = np.int64(1) << np.int64(40)


@njit(cache=True)
def _score(seq, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective):
    t = depart
    here = 0
    drive = 0
    pen = 0
    for i in range(seq.shape[0]):
        c = seq[i]
        if c <= n:
            arrive = t + T[here, c]
            drive += T[here, c]
            start = -1
            for w in range(wcount[c]):
                if whi[c, w] >= arrive:
                    start = max(arrive, wlo[c, w])
                    break
            if start < 0:
                pen += (arrive - whi[c, wcount[c] - 1]) if wcount[c] > 0 else 1000
                start = arrive
            t = start + visit[c]
            here = c
        else:
            b = c - n - 1
            if here == 0 or (bat[b] != -1 and bat[b] != here):
                pen += 1000
            start = max(t, blo[b])
            if start > bhi[b]:
                pen += start - bhi[b]
            t = start + bmin[b]
    back = t + T[here, 0]
    drive += T[here, 0]
    if back > return_by:
        pen += back - return_by
    if objective == 0:
        return pen * BIG2 + back * BIG + drive
    return pen * BIG2 + drive * BIG + back


@njit(cache=True)
def _descend(seq, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective):
    """First-improvement local search to a local optimum; returns its score."""
    m = seq.shape[0]
    tmp = seq.copy()
    best = _score(seq, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective)
    improved = True
    while improved:
        improved = False
        # move a run [i, i+L) to before position p of what remains
        for L in range(1, 4):
            for i in range(0, m - L + 1):
                for p in range(0, m - L + 1):
                    if p == i:
                        continue
                    q = 0
                    for x in range(m):
                        if x >= i and x < i + L:
                            continue
                        if q == p:
                            for y in range(L):
                                tmp[q] = seq[i + y]
                                q += 1
                        tmp[q] = seq[x]
                        q += 1
                    if q == p:
                        for y in range(L):
                            tmp[q] = seq[i + y]
                            q += 1
                    s = _score(tmp, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective)
                    if s < best:
                        best = s
                        seq[:] = tmp
                        improved = True
        for i in range(m - 1):
            for j in range(i + 1, m):
                tmp[:] = seq
                for y in range(j - i + 1):
                    tmp[i + y] = seq[j - y]
                s = _score(tmp, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective)
                if s < best:
                    best = s
                    seq[:] = tmp
                    improved = True
                tmp[:] = seq
                tmp[i], tmp[j] = seq[j], seq[i]
                s = _score(tmp, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective)
                if s < best:
                    best = s
                    seq[:] = tmp
                    improved = True
    return best


@njit(cache=True)
def _ils(seq, iterations, seed, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective):
    """Iterated local search from `seq` (changed in place to the best found); returns its score."""
    np.random.seed(seed)
    m = seq.shape[0]
    best = _descend(seq, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective)
    cur = seq.copy()
    for _ in range(iterations):
        cur[:] = seq
        if m >= 8:
            cuts = np.sort(np.random.choice(np.arange(1, m), 3, replace=False))
            a, b, c = cuts[0], cuts[1], cuts[2]
            cur[:] = np.concatenate((seq[:a], seq[b:c], seq[a:b], seq[c:]))
        elif m >= 2:
            for _r in range(2):
                i = np.random.randint(m)
                j = np.random.randint(m)
                cur[i], cur[j] = cur[j], cur[i]
        s = _descend(cur, n, T, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by, objective)
        if s <= best:
            best = s
            seq[:] = cur
    return best


def _args(c, objective: int):
    return (c.n, c.T, c.visit, c.wlo, c.whi, c.wcount, c.blo, c.bhi, c.bmin, c.bat,
            np.int64(c.day.depart), np.int64(c.day.return_by), objective)


def start_sequence(c) -> np.ndarray:
    """Stops by the latest moment they can begin, breaks by theirs: a reasonable first route."""
    keys = []
    for j in range(1, c.n + 1):
        keys.append((int(c.whi[j, c.wcount[j] - 1]) if c.wcount[j] else 0, j))
    for b in range(c.k):
        keys.append((int(c.bhi[b]), c.n + 1 + b))
    return np.array([code for _, code in sorted(keys)], dtype=np.int64)


def search(c, *, objective: int, seconds: float = 2.0, seed: int = 1, iterations: int = 50):
    """Best sequence found in about `seconds` (at least one round), with its penalty (0: keeps every rule)."""
    if c.n + c.k == 0:
        return np.zeros(0, dtype=np.int64), 0, {"rounds": 0}
    seq = start_sequence(c)
    args = _args(c, objective)
    best = _ils(seq, iterations, seed, *args)
    best_seq = seq.copy()
    deadline = time.perf_counter() + seconds
    rounds, stale = 1, 0
    while time.perf_counter() < deadline and stale < 20:
        rounds += 1
        trial = best_seq.copy()
        score = _ils(trial, iterations, seed + rounds, *args)
        if score < best:
            best, best_seq, stale = score, trial, 0
        else:
            stale += 1
    return best_seq, int(best // BIG2), {"rounds": rounds}


def driving_bound(c, upper: int | None = None, iterations: int = 300) -> int:
    """A proven lower bound on the minutes driven by any route visiting every stop.

    The larger of the assignment bound (each place left once and entered once)
    and Held-Karp's 1-tree bound on the symmetric matrix min(SP, SP^T), which
    no directed round trip can undercut.
    """
    N = c.n + 1
    if N == 1:
        return 0
    if N == 2:
        return int(c.SP[0, 1] + c.SP[1, 0])
    cost = c.SP.astype(float).copy()
    np.fill_diagonal(cost, 1e9)
    rows, cols = linear_sum_assignment(cost)
    assignment = int(round(cost[rows, cols].sum()))
    S = np.minimum(c.SP, c.SP.T).astype(float)
    pi = np.zeros(N)
    best = 0.0
    step = 2.0
    stale = 0
    target = float(upper) if upper is not None else None
    for _ in range(iterations):
        W = S + pi[:, None] + pi[None, :]
        value, degree = _one_tree(W)
        bound = value - 2 * pi.sum()
        if bound > best + 1e-9:
            best, stale = bound, 0
        else:
            stale += 1
            if stale >= 10:
                step /= 2
                stale = 0
        g = degree - 2
        norm = float((g * g).sum())
        if norm == 0:
            break  # the 1-tree is a tour: the bound is exact
        gap = (target - bound) if target is not None and target > bound else max(1.0, 0.01 * abs(bound))
        pi += step * gap / norm * g
        if step < 1e-4:
            break
    return max(assignment, int(np.ceil(best - 1e-6)))


def _one_tree(W: np.ndarray) -> tuple[float, np.ndarray]:
    """A minimum spanning tree on places 1.. (Prim) plus the two cheapest edges at the depot."""
    N = W.shape[0]
    degree = np.zeros(N)
    done = np.zeros(N, dtype=bool)
    done[0] = done[1] = True
    best, parent = W[1].copy(), np.ones(N, dtype=int)
    value = 0.0
    for _ in range(N - 2):
        v = int(np.argmin(np.where(done, np.inf, best)))
        value += best[v]
        degree[v] += 1
        degree[parent[v]] += 1
        done[v] = True
        closer = W[v] < best
        best, parent = np.where(closer, W[v], best), np.where(closer, v, parent)
    two = np.argsort(W[0, 1:])[:2] + 1
    value += W[0, two[0]] + W[0, two[1]]
    degree[0] += 2
    degree[two] += 1
    return value, degree


def return_bound(c, drive_lb: int) -> int:
    """A proven lower bound on the return time.

    Any route must fit every visit, break and the driving after departure; and
    it must reach each stop, visit it and get home.
    """
    day = c.day
    total = day.depart + int(c.visit.sum()) + int(c.bmin.sum()) + drive_lb
    single = day.depart
    for j in range(1, c.n + 1):
        arrive = day.depart + int(c.SP[0, j])
        for w in range(int(c.wcount[j])):
            if c.whi[j, w] >= arrive:
                single = max(single, max(arrive, int(c.wlo[j, w])) + int(c.visit[j]) + int(c.SP[j, 0]))
                break
    return max(total, single)
