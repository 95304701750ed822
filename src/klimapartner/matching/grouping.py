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



if AVAILABLE:

    @njit(cache=True)
    def rounds_state(w, seats, n_tables):
        """Members of each table in each round, each person's slot, and how often each pair sits together."""
        rounds, n = seats.shape
        members = np.full((rounds, n_tables, n), -1, dtype=np.int64)
        size = np.zeros((rounds, n_tables), dtype=np.int64)
        slot = np.full((rounds, n), -1, dtype=np.int64)
        count = np.zeros((n, n), dtype=np.int64)
        for r in range(rounds):
            for i in range(n):
                t = seats[r, i]
                if t >= 0:
                    slot[r, i] = size[r, t]
                    members[r, t, size[r, t]] = i
                    size[r, t] += 1
            for t in range(n_tables):
                for a in range(size[r, t]):
                    for b in range(a + 1, size[r, t]):
                        x, y = members[r, t, a], members[r, t, b]
                        count[x, y] += 1
                        count[y, x] += 1
        return members, size, slot, count

    @njit(cache=True)
    def _leave_join(w, members, size, count, r, i, a, b, j):
        """Change in value when i leaves table a for table b in round r (j, if >= 0, goes the other way and is skipped)."""
        delta = 0.0
        for s in range(size[r, a]):
            k = members[r, a, s]
            if k != i and count[i, k] == 1:
                delta -= w[i, k]
        for s in range(size[r, b]):
            k = members[r, b, s]
            if k != j and k != i and count[i, k] == 0:
                delta += w[i, k]
        return delta

    @njit(cache=True)
    def _swap_delta(w, members, size, count, r, i, j, a, b):
        # i: a -> b, j: b -> a; pair (i, j) is unaffected (they stay apart).
        return (_leave_join(w, members, size, count, r, i, a, b, j)
                + _leave_join(w, members, size, count, r, j, b, a, i))

    @njit(cache=True)
    def _relocate(members, size, slot, count, seats, r, i, b):
        """Move i to table b in round r, updating the member lists and pair counts."""
        a = seats[r, i]
        for s in range(size[r, a]):
            k = members[r, a, s]
            if k != i:
                count[i, k] -= 1
                count[k, i] -= 1
        last = members[r, a, size[r, a] - 1]
        members[r, a, slot[r, i]] = last
        slot[r, last] = slot[r, i]
        members[r, a, size[r, a] - 1] = -1
        size[r, a] -= 1
        for s in range(size[r, b]):
            k = members[r, b, s]
            count[i, k] += 1
            count[k, i] += 1
        members[r, b, size[r, b]] = i
        slot[r, i] = size[r, b]
        size[r, b] += 1
        seats[r, i] = b

    @njit(cache=True)
    def rounds_tabu(w, seats, lo, hi, frozen, open_rounds, members, size, slot, count, state, best_seats, tabu, rng,
                    iterations, stall, tenure_min, tenure_span, strength):
        """Tabu search over all rounds at once: swap two people at different tables in one round, or move one.

        The value is the sum of w over pairs who sit together in at least one round, so a swap that
        makes a pair meet again earns nothing. lo and hi are rounds x tables (a closed table: 0..0).
        state = [value, best, iteration, last improvement].
        tabu[r, i]: until which iteration person i may not change table in round r.
        """
        rounds, n = seats.shape
        n_tables = lo.shape[1]
        value = state[0]
        best = state[1]
        it = int(state[2])
        last = int(state[3])
        for _ in range(iterations):
            it += 1
            best_delta = -1e300
            kind = -1
            br = -1
            bi = -1
            bj = -1
            ties = 0
            for ri in range(open_rounds.shape[0]):
                r = open_rounds[ri]
                for i in range(n):
                    a = seats[r, i]
                    if a < 0 or frozen[r, i]:
                        continue
                    free_i = tabu[r, i] <= it
                    # moves, where table sizes allow
                    if size[r, a] > lo[r, a]:
                        for b in range(n_tables):
                            if b != a and size[r, b] < hi[r, b]:
                                delta = _leave_join(w, members, size, count, r, i, a, b, -1)
                                if free_i or value + delta > best + 1e-9:
                                    if delta > best_delta + 1e-12:
                                        best_delta, kind, br, bi, bj, ties = delta, 0, r, i, b, 1
                    for j in range(i + 1, n):
                        b = seats[r, j]
                        if b < 0 or b == a or frozen[r, j]:
                            continue
                        delta = _swap_delta(w, members, size, count, r, i, j, a, b)
                        if (free_i and tabu[r, j] <= it) or value + delta > best + 1e-9:
                            if delta > best_delta + 1e-12:
                                best_delta, kind, br, bi, bj, ties = delta, 1, r, i, j, 1
                            elif delta > best_delta - 1e-12:
                                ties += 1
                                if _random(rng, ties) == 0:
                                    kind, br, bi, bj = 1, r, i, j
            if kind < 0:
                for r in range(rounds):
                    for x in range(n):
                        tabu[r, x] = 0
                continue
            tenure = tenure_min + _random(rng, tenure_span)
            if kind == 0:
                _relocate(members, size, slot, count, seats, br, bi, bj)
                tabu[br, bi] = it + tenure
            else:
                a = seats[br, bi]
                b = seats[br, bj]
                _relocate(members, size, slot, count, seats, br, bi, b)
                _relocate(members, size, slot, count, seats, br, bj, a)
                tabu[br, bi] = it + tenure
                tabu[br, bj] = it + tenure
            value += best_delta
            if value > best + 1e-9:
                best = value
                last = it
                for r in range(rounds):
                    for x in range(n):
                        best_seats[r, x] = seats[r, x]
            elif it - last > stall:
                # Perturb where the search is: a few random swaps within rounds, then on.
                for _s in range(strength):
                    r = open_rounds[_random(rng, open_rounds.shape[0])]
                    x = _random(rng, n)
                    y = _random(rng, n)
                    if frozen[r, x] or frozen[r, y] or seats[r, x] < 0 or seats[r, y] < 0 or seats[r, x] == seats[r, y]:
                        continue
                    value += _swap_delta(w, members, size, count, r, x, y, seats[r, x], seats[r, y])
                    a = seats[r, x]
                    b = seats[r, y]
                    _relocate(members, size, slot, count, seats, r, x, b)
                    _relocate(members, size, slot, count, seats, r, y, a)
                last = it
        state[0] = value
        state[1] = best
        state[2] = it
        state[3] = last
