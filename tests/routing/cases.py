"""Small days for the routing tests, and a brute force to check the planner against."""

from __future__ import annotations

import itertools
import random

from klimapartner.routing.model import Break, Day, Place, Stop
from klimapartner.routing.rules import timetable

DEPOT = Place("D", "Rådhuset", 0.0, 0.0)


def symmetric(legs: dict[str, int]) -> dict[tuple[str, str], int]:
    """{"DA": 40, ...} -> both directions."""
    out = {}
    for key, minutes in legs.items():
        a, b = key
        out[a, b] = out[b, a] = minutes
    return out


def brute_force(day: Day, travel, objective: str = "return"):
    """The best route by trying every order of stops and breaks (None when none keeps every rule)."""
    items = [s.id for s in day.stops] + [b.id for b in day.breaks]
    best = None
    for order in itertools.permutations(items):
        route = timetable(day, travel, order)
        if not route.ok:
            continue
        key = (route.back, route.driving) if objective == "return" else (route.driving, route.back)
        if best is None or key < best[0]:
            best = (key, route)
    return None if best is None else best[1]


def random_day(rng: random.Random, n: int, *, breaks: int = 0, asymmetric: bool = False):
    """A random day of n stops on a small map, with opening hours; travel as a matrix."""
    ids = [f"S{i}" for i in range(n)]
    pos = {"D": (0, 0), **{i: (rng.randint(-30, 30), rng.randint(-30, 30)) for i in ids}}
    travel = {}
    for a in pos:
        for b in pos:
            if a != b:
                base = abs(pos[a][0] - pos[b][0]) + abs(pos[a][1] - pos[b][1]) + 3
                travel[a, b] = base + (rng.randint(0, 15) if asymmetric else 0)
    stops = []
    for i in ids:
        kind = rng.random()
        if kind < 0.3:
            hours = ()
        elif kind < 0.8:
            opens = rng.choice([480, 540, 600, 660, 720])
            hours = ((opens, opens + rng.choice([60, 120, 240, 360])),)
        else:
            hours = ((540, 690), (750, 960))  # closed for lunch
        stops.append(Stop(i, f"Sted {i}", 0.0, 0.0, rng.choice([0, 15, 30, 45]), hours=hours))
    brk = tuple(Break(f"P{b}", f"Pause {b}", rng.choice([20, 30]), rng.choice([600, 690]), rng.choice([780, 840]),
                      at_stop=rng.choice([None, None, ids[0]])) for b in range(breaks))
    depart = rng.choice([480, 510, 540])
    day = Day(DEPOT, tuple(stops), depart, depart + rng.choice([300, 420, 540, 660]), brk)
    return day, travel
