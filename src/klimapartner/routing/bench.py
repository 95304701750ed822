"""`klimapartner bench tours`: exact on 13-15 stops, the heuristic beyond, several groups.

The days are synthetic: sites scattered over the municipality (a box around
Hjørring, Hirtshals, Sindal, Løkken, Vrå, Tårs, Lønstrup and Tversted), a mix
of opening hours (wider ones on the 20-40-stop days), travel from coordinates with the default speed and detour.
Seeds here are not the tests' seeds. Columns: back (return time), drive
(minutes), bound (proven lower bound on the objective), gap (minutes between
route and bound; 0 is proven optimal), vs opt (heuristic minus the exact
optimum on the same day), s (seconds, after compiling).
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from .groups import overlaps, plan_groups
from .model import Day, Place, Stop, clock
from .planner import plan
from .travel import travel_times

DEPOT = Place("raadhus", "Hjørring Rådhus", 57.4583, 9.9826)
WIDE_HOURS = [(), ((480, 1200),), ((540, 1140),), ((600, 1320),), ((420, 900),)]
HOURS = [(), (), ((480, 960),), ((540, 900),), ((600, 1020),), ((720, 1080),), ((540, 690), (750, 960))]


def synthetic_day(n: int, seed: int, *, visit=(15, 20, 25, 30), depart=450, return_by=1140, hours=HOURS) -> Day:
    rng = random.Random(seed * 7919 + n)
    stops = tuple(Stop(f"s{i}", f"Sted {i}", rng.uniform(57.25, 57.60), rng.uniform(9.65, 10.35),
                       rng.choice(visit), hours=rng.choice(hours)) for i in range(n))
    return Day(DEPOT, stops, depart, return_by)


def _row(cells, widths):
    return "| " + " | ".join(str(c).rjust(w) for c, w in zip(cells, widths)) + " |"


def run(out, *, exact_sizes=(13, 14, 15), big_sizes=(20, 30, 40), seeds=(1, 2, 3), seconds=5.0,
        groups_case=(8, (2, 3))) -> int:
    warm = synthetic_day(4, 0)
    plan(warm, travel_times(warm.places))  # load the compiled kernels before timing anything
    head = ["case", "stops", "seed", "method", "back", "drive", "bound", "gap", "vs opt", "s", "labels"]
    widths = [10, 5, 4, 9, 5, 5, 5, 4, 6, 6, 9]
    print(_row(head, widths), file=out)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|", file=out)

    def show(case, n, seed, result, vs=""):
        r = result.route
        bound = "" if result.bound is None else (clock(result.bound) if result.objective == "return" else result.bound)
        print(_row([case, n, seed, result.method if r else "none", clock(r.back) if r else "-", r.driving if r else "-",
                    bound, result.gap if r else "-", vs, f"{result.stats.get('seconds', 0):.2f}",
                    result.stats.get("labels", "")], widths), file=out)

    for n in exact_sizes:
        for seed in seeds:
            day = synthetic_day(n, seed)
            travel = travel_times(day.places)
            exact = plan(day, travel)
            show("exact", n, seed, exact)
            heuristic = plan(day, travel, exact_limit=0, seconds=seconds)
            vs = heuristic.value - exact.value if heuristic.route and exact.route else "-"
            show("heuristic", n, seed, heuristic, vs)
        day = synthetic_day(n, seeds[0])
        show("driving", n, seeds[0], plan(day, travel_times(day.places), objective="driving"))
    for n in big_sizes:
        for seed in seeds[:2]:
            # wider opening hours, so that a route exists (the heuristic cannot prove it when none does)
            day = synthetic_day(n, seed, visit=(10, 15), depart=420, return_by=1320, hours=WIDE_HOURS)
            show("heuristic", n, seed, plan(day, travel_times(day.places), seconds=seconds))
    n, group_counts = groups_case
    print("", file=out)
    print(_row(["groups", "stops", "seed", "makespan", "bound", "gap", "overlaps", "s"], [6, 5, 4, 8, 5, 4, 8, 6]),
          file=out)
    print("|" + "|".join("-" * (w + 2) for w in [6, 5, 4, 8, 5, 4, 8, 6]) + "|", file=out)
    for g in group_counts:
        for seed in seeds:
            day = synthetic_day(n, seed, visit=(30, 45))
            travel = travel_times(day.places)
            started = time.perf_counter()
            result = plan_groups(day, travel, g)
            took = time.perf_counter() - started
            if len(result.routes) < g:
                cells = [g, n, seed, "none", clock(result.bound) if result.bound else "-", "-", "-", f"{took:.2f}"]
            else:
                cells = [g, n, seed, clock(result.makespan), clock(result.bound), result.makespan - result.bound,
                         len(overlaps(result.routes)), f"{took:.2f}"]
            print(_row(cells, [6, 5, 4, 8, 5, 4, 8, 6]), file=out)
    return 0


def main(argv: list[str], out=None) -> int:
    parser = argparse.ArgumentParser(prog="klimapartner bench tours", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (for a smoke test)")
    parser.add_argument("--seconds", type=float, default=5.0, help="time for the heuristic on each day")
    args = parser.parse_args(argv)
    out = out or sys.stdout
    if args.quick:
        return run(out, exact_sizes=(5,), big_sizes=(17,), seeds=(1,), seconds=0.2, groups_case=(4, (2,)))
    return run(out, seconds=args.seconds)
