"""Schedules in which nobody sits with the same person twice, built from finite geometry.

With g tables (g a prime power, so arithmetic modulo g works as a field) and
at most g people per table, give every person a point (x, y): x in 0..s-1,
y in GF(g). In round m person (x, y) sits at table y + m*x. Two people with
different x share a table in exactly one round (the m solving y1 + m x1 =
y2 + m x2); people with the same x never do. So g rounds pass without anyone
meeting twice, and when s == g one more round, grouped by x, completes the
affine plane AG(2, g): everyone meets everyone exactly once (a resolvable
design; 16 people at 4 tables of 4 for 5 rounds, 25 at 5 of 5 for 6).

`perfect_rounds` returns such a seating when the tables allow it; the tables
search uses it as a start, and on equal scores it is optimal outright.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


def _prime_power(q: int) -> tuple[int, int] | None:
    """(p, k) with q = p**k for a prime p, or None."""
    if q < 2:
        return None
    for p in range(2, q + 1):
        if q % p == 0:
            k, rest = 0, q
            while rest % p == 0:
                rest //= p
                k += 1
            return (p, k) if rest == 1 else None
    return None


@lru_cache(maxsize=32)
def field(q: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Addition and multiplication tables of GF(q), or None when q is not a prime power."""
    found = _prime_power(q)
    if found is None:
        return None
    p, k = found
    if k == 1:
        r = np.arange(q)
        return (r[:, None] + r[None, :]) % p, (r[:, None] * r[None, :]) % p
    # GF(p^k) as polynomials over Z_p modulo an irreducible polynomial of degree k; element e's
    # coefficients are its base-p digits.
    digits = np.array([[(e // p**i) % p for i in range(k)] for e in range(q)])

    def to_int(coefficients):
        return int(sum(int(c) * p**i for i, c in enumerate(coefficients)))

    def multiply(a, b, modulus):
        product = np.zeros(2 * k - 1, dtype=np.int64)
        for i in range(k):
            for j in range(k):
                product[i + j] += a[i] * b[j]
        product %= p
        for degree in range(2 * k - 2, k - 1, -1):  # reduce by the monic modulus
            c = product[degree]
            if c:
                product[degree - k: degree + 1] = (product[degree - k: degree + 1] - c * modulus) % p
        return product[:k]

    for tail in range(p**k):
        modulus = np.array([(tail // p**i) % p for i in range(k)] + [1])
        # irreducible (for k <= 3 enough: no root; otherwise test that x generates a field of q-1 units)
        table = np.array([[to_int(multiply(digits[a], digits[b], modulus)) for b in range(q)] for a in range(q)])
        units = table[1:, 1:]
        if all(len(set(row)) == q - 1 and 0 not in row for row in units.tolist()):
            add = np.array([[to_int((digits[a] + digits[b]) % p) for b in range(q)] for a in range(q)])
            return add, table
    return None


def perfect_rounds(n: int, rounds: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray | None:
    """rounds x n table indices in which no two people share a table twice, or None when this construction cannot.

    All tables are used, each seats s = ceil(n / g) or s - 1 people, which must lie within their limits.
    """
    g = len(lo)
    gf = field(g)
    if gf is None or n == 0:
        return None
    add, mul = gf
    s = -(-n // g)
    if s > g or s < 2:
        return None
    missing = s * g - n  # empty points, all with the last x, so a table loses at most one person
    smallest = s - (missing > 0)
    if (hi < s).any() or (lo > smallest).any():
        return None
    extra_round = s == g and missing == 0
    if rounds > g + extra_round:
        return None
    people = [(x, y) for x in range(s) for y in range(g)][:n]
    seats = np.zeros((rounds, n), dtype=np.int64)
    for m in range(rounds):
        for i, (x, y) in enumerate(people):
            seats[m, i] = x if m == g else add[y, mul[m, x]]
    return seats
