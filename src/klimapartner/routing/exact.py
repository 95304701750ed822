"""Exact planning by dynamic programming over subsets (Held-Karp with time windows).

A state is (set of stops and breaks done, stop the bus is at); its labels are
the Pareto-best (time, driving) pairs of partial routes reaching it. Waiting
is allowed, so arriving earlier never hurts (the "first in, first out"
property): a label that is no later and drives no more than another makes it
useless, and removing only such labels keeps the optimum. Labels that can no
longer reach an unvisited stop in time, take an untaken break, or be back by
the deadline are dropped, and so are those whose bound is worse than the
incumbent from the heuristic. When the search ends, every route not kept was
dominated or bounded out: the route returned is optimal, and an empty result
proves that no route exists.

Objective 0 minimises the return time, then driving; objective 1 driving,
then the return time.
"""

from __future__ import annotations

import numpy as np
from numba import njit

INF = np.int64(1) << np.int64(60)


@njit(cache=True)
def _grow(a, size):
    b = np.empty(size, dtype=a.dtype)
    b[: a.shape[0]] = a
    return b


@njit(cache=True)
def _dp(n, k, T, SP, visit, wlo, whi, wcount, blo, bhi, bmin, bat, depart, return_by,
        objective, ub_primary, max_labels):
    """Returns (status, sequence, labels made, states reached); status 0 found, 1 none exists, 2 gave up."""
    nbits = n + k
    nmasks = 1 << nbits
    stopbits = (1 << n) - 1
    head = np.full(nmasks * (n + 1), -1, dtype=np.int64)
    cap = 1024
    lt = np.empty(cap, dtype=np.int64)
    ld = np.empty(cap, dtype=np.int64)
    lparent = np.empty(cap, dtype=np.int64)
    lnode = np.empty(cap, dtype=np.int64)
    lnext = np.empty(cap, dtype=np.int64)
    lalive = np.empty(cap, dtype=np.bool_)
    # minutes still to spend visiting and pausing, for the bound
    rest = np.zeros(nmasks, dtype=np.int64)
    for mask in range(nmasks):
        s = 0
        for j in range(n):
            if not (mask >> j) & 1:
                s += visit[j + 1]
        for b in range(k):
            if not (mask >> (n + b)) & 1:
                s += bmin[b]
        rest[mask] = s
    lasthi = np.empty(n + 1, dtype=np.int64)
    for j in range(n + 1):
        lasthi[j] = whi[j, wcount[j] - 1] if wcount[j] > 0 else -1
    lt[0] = depart
    ld[0] = 0
    lparent[0] = -1
    lnode[0] = 0
    lnext[0] = -1
    lalive[0] = True
    head[0] = 0
    count = 1
    states = 1
    for mask in range(nmasks):
        for last in range(n + 1):
            if last == 0:
                if mask & stopbits:
                    continue
            elif not (mask >> (last - 1)) & 1:
                continue
            lab = head[mask * (n + 1) + last]
            while lab != -1:
                if not lalive[lab]:
                    lab = lnext[lab]
                    continue
                t = lt[lab]
                d = ld[lab]
                for move in range(nbits):
                    if (mask >> move) & 1:
                        continue
                    if move < n:
                        j = move + 1
                        arrive = t + T[last, j]
                        start = -1
                        for w in range(wcount[j]):
                            if whi[j, w] >= arrive:
                                start = max(arrive, wlo[j, w])
                                break
                        if start < 0:
                            continue
                        nt = start + visit[j]
                        nd = d + T[last, j]
                        at = j
                        code = j
                    else:
                        b = move - n
                        if last == 0 or (bat[b] != -1 and bat[b] != last):
                            continue
                        start = max(t, blo[b])
                        if start > bhi[b]:
                            continue
                        nt = start + bmin[b]
                        nd = d
                        at = last
                        code = n + 1 + b
                    nmask = mask | (1 << move)
                    if nt + SP[at, 0] > return_by:
                        continue
                    ok = True
                    for u in range(n):
                        if not (nmask >> u) & 1 and nt + SP[at, u + 1] > lasthi[u + 1]:
                            ok = False
                            break
                    if ok:
                        for b2 in range(k):
                            if not (nmask >> (n + b2)) & 1 and nt > bhi[b2]:
                                ok = False
                                break
                    if not ok:
                        continue
                    if objective == 0:
                        if nt + rest[nmask] + SP[at, 0] > ub_primary:
                            continue
                    elif nd + SP[at, 0] > ub_primary:
                        continue
                    s = nmask * (n + 1) + at
                    # Pareto insert
                    dominated = False
                    other = head[s]
                    while other != -1:
                        if lalive[other]:
                            if lt[other] <= nt and ld[other] <= nd:
                                dominated = True
                                break
                            if nt <= lt[other] and nd <= ld[other]:
                                lalive[other] = False
                        other = lnext[other]
                    if dominated:
                        continue
                    if count == cap:
                        if cap >= max_labels:
                            return 2, np.zeros(0, dtype=np.int64), count, states
                        cap = min(cap * 2, max_labels)
                        lt = _grow(lt, cap)
                        ld = _grow(ld, cap)
                        lparent = _grow(lparent, cap)
                        lnode = _grow(lnode, cap)
                        lnext = _grow(lnext, cap)
                        lalive = _grow(lalive, cap)
                    if head[s] == -1:
                        states += 1
                    lt[count] = nt
                    ld[count] = nd
                    lparent[count] = lab
                    lnode[count] = code
                    lnext[count] = head[s]
                    lalive[count] = True
                    head[s] = count
                    count += 1
                lab = lnext[lab]
    full = nmasks - 1
    best = -1
    bp = INF
    bs = INF
    for last in range(1, n + 1):
        lab = head[full * (n + 1) + last]
        while lab != -1:
            if lalive[lab]:
                back = lt[lab] + T[last, 0]
                drive = ld[lab] + T[last, 0]
                if back <= return_by:
                    p, q = (back, drive) if objective == 0 else (drive, back)
                    if p < bp or (p == bp and q < bs):
                        bp, bs, best = p, q, lab
            lab = lnext[lab]
    if n == 0:
        best = 0 if depart <= return_by and k == 0 else -1
    if best == -1:
        return 1, np.zeros(0, dtype=np.int64), count, states
    seq = np.empty(nbits, dtype=np.int64)
    pos = nbits - 1
    lab = best
    while lparent[lab] != -1:
        seq[pos] = lnode[lab]
        pos -= 1
        lab = lparent[lab]
    return 0, seq, count, states


def solve_exact(c, *, objective: int, upper_bound: int | None = None, max_labels: int = 6_000_000):
    """Run the DP on a compiled day. Returns (status, node sequence, stats)."""
    ub = INF if upper_bound is None else np.int64(upper_bound)
    status, seq, labels, states = _dp(
        c.n, c.k, c.T, c.SP, c.visit, c.wlo, c.whi, c.wcount, c.blo, c.bhi, c.bmin, c.bat,
        np.int64(c.day.depart), np.int64(c.day.return_by), objective, ub, max_labels)
    return int(status), [int(x) for x in seq], {"labels": int(labels), "states": int(states)}
