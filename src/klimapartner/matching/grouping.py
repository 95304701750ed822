"""Fast kernels for the Maximally Diverse Grouping Problem, compiled with numba.

Kept apart from `tables.py` so the engine still works (more slowly, with the
numpy search there) where numba is not installed. All state lives in arrays
passed in, so the Python caller can stop between chunks when time is up.

gain[i, k] is the summed value of i's pairs with the people at table k; a
move or swap changes two columns of it, O(n) per step.
"""

from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # pragma: no cover - exercised only without numba
    njit = None

AVAILABLE = njit is not None

if AVAILABLE:

    @njit(cache=True)
    def _random(rng, bound):
        """xorshift64* in a one-element array: reproducible, and numba can cache it."""
        x = rng[0]
        x ^= x >> np.uint64(12)
        x ^= x << np.uint64(25)
        x ^= x >> np.uint64(27)
        rng[0] = x
        return int((x * np.uint64(2685821657736338717)) >> np.uint64(33)) % bound

    @njit(cache=True)
    def _apply_move(d, g, gain, size, i, k):
        a = g[i]
        n = d.shape[0]
        for x in range(n):
            gain[x, a] -= d[x, i]
            gain[x, k] += d[x, i]
        size[a] -= 1
        size[k] += 1
        g[i] = k

    @njit(cache=True)
    def _apply_swap(d, g, gain, i, j):
        a = g[i]
        b = g[j]
        n = d.shape[0]
        for x in range(n):
            delta = d[x, j] - d[x, i]
            gain[x, a] += delta
            gain[x, b] -= delta
        g[i] = b
        g[j] = a

    @njit(cache=True)
    def _transpose(gain):
        """gain_t[k, j] = gain[j, k]: the swap scan reads one table's column for every j, contiguous this way."""
        return np.ascontiguousarray(gain.T)

    @njit(cache=True)
    def _apply_move_t(d, g, gain, gain_t, size, i, k):
        a = g[i]
        for x in range(d.shape[0]):
            gain_t[a, x] -= d[x, i]
            gain_t[k, x] += d[x, i]
        _apply_move(d, g, gain, size, i, k)

    @njit(cache=True)
    def _apply_swap_t(d, g, gain, gain_t, i, j):
        a = g[i]
        b = g[j]
        for x in range(d.shape[0]):
            delta = d[x, j] - d[x, i]
            gain_t[a, x] += delta
            gain_t[b, x] -= delta
        _apply_swap(d, g, gain, i, j)

    @njit(cache=True)
    def rebuild(d, g, n_groups):
        n = d.shape[0]
        gain = np.zeros((n, n_groups))
        size = np.zeros(n_groups, dtype=np.int64)
        for i in range(n):
            size[g[i]] += 1
            for x in range(n):
                gain[x, g[i]] += d[x, i]
        value = 0.0
        for i in range(n):
            value += gain[i, g[i]]
        return gain, size, value / 2.0

    @njit(cache=True)
    def tabu_chunk(d, lo, hi, g, gain, size, state, best_g, tabu, rng, iterations, stall, tenure_min, tenure_span, strength, from_best,
                   escalate, frozen):
        """Run `iterations` steps of tabu search; state = [value, best value, iteration, last improvement, failed restarts].

        People with frozen[i] (pinned seats) never move.
        """
        n = d.shape[0]
        n_groups = lo.shape[0]
        value = state[0]
        best = state[1]
        it = int(state[2])
        last = int(state[3])
        # The swap scan is the whole cost of a step: it reads gain[j, a] and
        # gain[j, g[j]] for every j, so keep both as contiguous arrays.
        gain_t = _transpose(gain)
        own = np.empty(n)
        for _ in range(iterations):
            it += 1
            for x in range(n):
                own[x] = gain[x, g[x]]
            best_delta = -1e300
            kind = -1
            bi = -1
            bj = -1
            ties = 0
            for i in range(n):
                if frozen[i]:
                    continue
                a = g[i]
                free_i = tabu[i] <= it
                gia = gain[i, a]
                if size[a] > lo[a]:
                    for k in range(n_groups):
                        if k != a and size[k] < hi[k]:
                            delta = gain[i, k] - gia
                            if free_i or value + delta > best + 1e-9:
                                if delta > best_delta + 1e-12:
                                    best_delta = delta
                                    kind, bi, bj, ties = 0, i, k, 1
                gain_ta = gain_t[a]
                for j in range(i + 1, n):
                    b = g[j]
                    if b == a or frozen[j]:
                        continue
                    delta = gain[i, b] - gia + gain_ta[j] - own[j] - 2.0 * d[i, j]
                    if (free_i and tabu[j] <= it) or value + delta > best + 1e-9:
                        if delta > best_delta + 1e-12:
                            best_delta = delta
                            kind, bi, bj, ties = 1, i, j, 1
                        elif delta > best_delta - 1e-12:
                            ties += 1
                            if _random(rng, ties) == 0:
                                kind, bi, bj = 1, i, j
            if kind < 0:
                for x in range(n):
                    tabu[x] = 0
                continue
            tenure = tenure_min + _random(rng, tenure_span)
            if kind == 0:
                _apply_move_t(d, g, gain, gain_t, size, bi, bj)
                tabu[bi] = it + tenure
            else:
                _apply_swap_t(d, g, gain, gain_t, bi, bj)
                tabu[bi] = it + tenure
                tabu[bj] = it + tenure
            value += best_delta
            if value > best + 1e-9:
                best = value
                last = it
                state[4] = 0
                for x in range(n):
                    best_g[x] = g[x]
            elif it - last > stall:
                # Restart near the best grouping (or where the search is, for
                # diversity): a few random swaps, then search on.
                if from_best:
                    for x in range(n):
                        g[x] = best_g[x]
                # Each restart that found nothing better perturbs harder.
                fails = int(state[4])
                state[4] = fails + 1
                for _s in range(min(strength * (1 + (fails // escalate if escalate > 0 else 0)), n)):
                    x = _random(rng, n)
                    y = _random(rng, n)
                    if frozen[x] or frozen[y]:
                        continue
                    t = g[x]
                    g[x] = g[y]
                    g[y] = t
                gain2, size2, value = rebuild(d, g, n_groups)
                gain[:, :] = gain2
                gain_t[:, :] = gain2.T
                size[:] = size2
                for x in range(n):
                    tabu[x] = 0
                last = it
        state[0] = value
        state[1] = best
        state[2] = it
        state[3] = last

    @njit(cache=True)
    def descent_pass(d, lo, hi, g, gain, size, order, frozen):
        """One first-improvement pass over people in `order` (frozen people stay); returns the total gain."""
        n = d.shape[0]
        n_groups = lo.shape[0]
        total = 0.0
        for idx in range(order.shape[0]):
            i = order[idx]
            if frozen[i]:
                continue
            a = g[i]
            gia = gain[i, a]
            best_delta = 1e-9
            kind = -1
            target = -1
            if size[a] > lo[a]:
                for k in range(n_groups):
                    if k != a and size[k] < hi[k]:
                        delta = gain[i, k] - gia
                        if delta > best_delta:
                            best_delta, kind, target = delta, 0, k
            for j in range(n):
                b = g[j]
                if b == a or frozen[j]:
                    continue
                delta = gain[i, b] - gia + gain[j, a] - gain[j, b] - 2.0 * d[i, j]
                if delta > best_delta:
                    best_delta, kind, target = delta, 1, j
            if kind == 0:
                _apply_move(d, g, gain, size, i, target)
                total += best_delta
            elif kind == 1:
                _apply_swap(d, g, gain, i, target)
                total += best_delta
        return total

