"""`klimapartner bench matching`: the engine through its front door, against greedy and random schedules.

Every case calls `planning.solve`, the function behind `klimapartner match`
and the event pages, so the benchmark cannot measure another path. Each case
runs in a fresh process so its peak memory is its own. Scores use plain word
overlap for the free text, so the benchmark measures the schedulers, not the
Danish text model (which each process would reload).

The MDGPLIB rows solve one round of tables (`--mode tables --scores`) on the
standard instances; `--clock cpu` counts their time limits in CPU seconds of
the process, which is what the literature's limits mean on a shared machine.
The networkx greedy is a baseline for speed only, from the optional extra
`klimapartner[bench]`; without it the rustworkx greedy stands in.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import multiprocessing
import resource
import sys
import time
from pathlib import Path

MDGP_BEST = {  # published best-known values (Yang et al. 2022), for the copies in ../shared/data/mdgp
    "RanReal_n120_ss_01": 47363.206898,
    "RanReal_n120_ds_01": 50549.134952,
    "RanReal_n240_ss_01": 155246.465892,
    "RanReal_n240_ds_01": 160219.446920,
}
MDGP_TIME = {120: 3.0, 240: 20.0, 480: 120.0, 960: 600.0}
NX_PATIENCE = 30.0


def repository() -> Path:
    return Path(__file__).resolve().parents[3]


def mdgp_directory() -> Path:
    """The repository's benchmarks/mdgp if there, else ../shared/data/mdgp beside it."""
    own = repository() / "benchmarks" / "mdgp"
    return own if own.exists() else repository().parent / "shared" / "data" / "mdgp"


def _networkx() -> bool:
    try:
        import networkx  # noqa: F401
    except ImportError:
        return False
    return True


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _case(kind: str, n: int, method: str, seed: int, time_limit: float, table_limit: int | None, clock: str = "wall"):
    """Run one case; returns (objective, bound, seconds, peak MB)."""
    from .baselines import greedy_pairs, greedy_tables, random_pairs
    from .constraints import check
    from .planning import solve
    from .scores import _token_jaccard, score_pairs
    from .synthetic import synthetic_problem

    rounds = 8 if kind == "pairs" else 4
    problem = synthetic_problem(n, seed=seed, rounds=rounds, mode=kind, tables=table_limit)
    scores = score_pairs(problem, text_similarity=_token_jaccard)
    started = time.perf_counter()
    if method == "engine":
        schedule = solve(problem, scores=scores, seed=seed, time_limit=time_limit, with_reasons=False, clock=clock)
    elif kind == "pairs" and method == "greedy-nx-1":
        # networkx is too slow for all rounds at this size: time one, count all.
        import dataclasses

        one = dataclasses.replace(problem, format=dataclasses.replace(problem.format, rounds=1))
        schedule = greedy_pairs(one, scores, engine="networkx", seed=seed)
        return schedule.objective, None, (time.perf_counter() - started) * rounds, _peak_mb()
    elif kind == "pairs" and method.startswith("greedy"):
        schedule = greedy_pairs(problem, scores, engine="networkx" if method == "greedy-nx" else "rustworkx", seed=seed)
    elif kind == "pairs":
        schedule = random_pairs(problem, scores, seed=seed)
    else:
        schedule = greedy_tables(problem, scores, seed=seed, randomly=method == "random")
    seconds = time.perf_counter() - started
    broken = check(problem, schedule)
    if broken:
        raise AssertionError(f"{kind} {n} {method}: {broken[:3]}")
    bound = schedule.bound
    if kind == "tables" and method == "engine" and n <= 1000:
        # The b-matching LP with the seat count, outside the timed part (solve keeps the simple bound).
        from .bounds import tables_bound

        bound = min(bound, tables_bound(problem, scores, lp=True))
    return schedule.objective, bound, seconds, _peak_mb()


def read_instance(path: Path):
    """An MDGPLIB instance, plain or gzipped: (values, min sizes, max sizes)."""
    from .tables import read_mdgp

    if path.suffix == ".gz":
        import io

        with gzip.open(path, "rt") as f:
            return read_mdgp(io.StringIO(f.read()))
    return read_mdgp(path)


def mdgp_problem(values, lo, hi):
    """One round of tables with the instance's group sizes and pair values, as `klimapartner match --scores` builds it."""
    import numpy as np

    from .model import Participant, Problem, Table, TablesFormat
    from .scores import PairScores

    ids = tuple(f"p{i}" for i in range(len(values)))
    tables = tuple(Table(str(k + 1), int(a), int(b)) for k, (a, b) in enumerate(zip(lo, hi)))
    problem = Problem(tuple(Participant(pid) for pid in ids), TablesFormat(1, tables, separate_organisations=False))
    allowed = ~np.eye(len(ids), dtype=bool)
    return problem, PairScores(ids, np.asarray(values, dtype=float), allowed)


def _mdgp_case(path: str, seed: int, time_limit: float, clock: str):
    from .planning import solve

    values, lo, hi = read_instance(Path(path))
    problem, scores = mdgp_problem(values, lo, hi)
    # Compile the kernels outside the clock, as a running server has them already.
    small, small_scores = mdgp_problem(values[:12, :12], lo[:2] * 0 + 2, hi[:2] * 0 + 6)
    solve(small, scores=small_scores, steps=200, with_reasons=False)
    wall, cpu = time.perf_counter(), time.process_time()
    schedule = solve(problem, scores=scores, seed=seed, time_limit=time_limit, with_reasons=False, clock=clock)
    return schedule.objective, time.perf_counter() - wall, time.process_time() - cpu


_SEPARATE_PROCESSES = True


def _in_process(function, *args):
    if not _SEPARATE_PROCESSES:
        return function(*args)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(function, args)


def _row(cells, widths):
    return "  ".join(str(c).rjust(w) if k else str(c).ljust(w) for k, (c, w) in enumerate(zip(cells, widths)))


def references(directory: Path) -> dict[str, tuple[float, str]]:
    """Best-known values: reference.csv in the instance folder (name,value,source), else the published four."""
    out = {name: (value, "published") for name, value in MDGP_BEST.items()}
    path = directory / "reference.csv"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                out[row["name"]] = (float(row["value"]), row["source"])
    return out


def instances(directory: Path, pattern: str) -> list[Path]:
    found = sorted(set(directory.glob(f"{pattern}.txt")) | set(directory.glob(f"{pattern}.txt.gz")))
    return [p for p in found if "_n" in p.name]


def _name(path: Path) -> str:
    return path.name.split(".")[0]


def mdgp_table(say, directory: Path, pattern: str, seeds: list[int], clock: str, scale: float = 1.0) -> list[tuple]:
    """One row per instance: best and mean gap to the reference over the seeds, time used."""
    refs = references(directory)
    widths = (22, 5, 13, 13, 9, 9, 7, 7, 7)
    say(_row(("MDGP instance", "n", "mean found", "reference", "mean gap", "worst gap", "limit", "wall s", "cpu s"), widths))
    rows = []
    for path in instances(directory, pattern):
        name = _name(path)
        n = int(name.split("_n")[1].split("_")[0])
        limit = MDGP_TIME.get(n, 3.0) * scale
        results = [_in_process(_mdgp_case, str(path), seed, limit, clock) for seed in seeds]
        found = [r[0] for r in results]
        reference = refs.get(name, (None, ""))[0]
        mean = sum(found) / len(found)
        if reference:
            gaps = [1 - f / reference for f in found]
            gap, worst = f"{sum(gaps) / len(gaps):.3%}", f"{max(gaps):.3%}"
        else:
            gap = worst = "-"
        wall = sum(r[1] for r in results) / len(results)
        cpu = sum(r[2] for r in results) / len(results)
        say(_row((name, n, f"{mean:.3f}", f"{reference:.3f}" if reference else "-", gap, worst, f"{limit:.0f}",
                  f"{wall:.1f}", f"{cpu:.1f}"), widths))
        rows.append((name, found, reference, wall, cpu))
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="klimapartner bench matching")
    parser.add_argument("--quick", action="store_true", help="small sizes only (for tests)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mdgp", type=Path, default=None, help="folder of MDGPLIB instances (default: benchmarks/mdgp)")
    parser.add_argument("--instances", default="*", help="which instances, as a file pattern (default: all)")
    parser.add_argument("--seeds", type=int, default=1, help="runs per MDGP instance (seeds from --seed on)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="count time limits on the wall clock or in CPU seconds of each case's process")
    parser.add_argument("--only", choices=("all", "events", "mdgp"), default="all")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="MDGP: the literature's time limit times this (a longer run gives a reference value)")
    args = parser.parse_args(argv)
    say = lambda text="": print(text, flush=True)  # noqa: E731

    global _SEPARATE_PROCESSES
    networkx = _networkx()
    if args.quick:
        # In this process: a fresh interpreter per case costs more than the small cases themselves.
        _SEPARATE_PROCESSES = False
        sizes, nx_sizes, time_limit, pattern = (40,), (40,), 2.0, "RanReal_n120_ss_01"
    else:
        sizes, nx_sizes, time_limit, pattern = (100, 1000, 5000), (100,), 40.0, args.instances
    if args.only in ("all", "events"):
        if not networkx:
            say("(networkx is not installed: the greedy baseline runs on rustworkx; pip install 'klimapartner[bench]')")
        widths = (34, 6, 12, 12, 8, 8, 8, 8)
        say(_row(("case", "n", "objective", "bound", "obj/bnd", "vs eng", "time s", "peak MB"), widths))
        cases = []
        for n in sizes:
            cases.append(("pairs", n, None, "pairs R=8, no table limit"))
            cases.append(("pairs", n, n // 4, f"pairs R=8, T={n // 4} (binding)"))
            cases.append(("tables", n, None, "tables R=4, 5-6 seats"))
        for kind, n, limit, label in cases:
            methods = ["engine"]
            if kind == "pairs":
                # The greedy on every pair takes minutes from 1,000 people on (networkx hours),
                # so it runs where it finishes; the bound certifies the engine beyond.
                if n in nx_sizes:
                    methods.append("greedy-nx" if networkx else "greedy-rx")
            elif n <= 1000:
                methods.append("greedy")
            methods.append("random")
            engine_value = None
            for method in methods:
                limit_s = {100: 10.0, 1000: 20.0}.get(n, time_limit if kind == "pairs" else 25.0)
                if args.quick:
                    limit_s = 1.0
                objective, bound, seconds, peak = _in_process(_case, kind, n, method, args.seed, limit_s, limit, args.clock)
                if method == "engine":
                    engine_value = objective
                ratio = f"{objective / bound:.4%}" if bound else "-"
                versus = f"{objective / engine_value:.3f}" if engine_value else "-"
                bound_text = f"{bound:.1f}" if bound else "-"
                say(_row((f"{label} [{method}]", n, f"{objective:.1f}", bound_text, ratio, versus, f"{seconds:.2f}",
                          f"{peak:.0f}"), widths))
        if not args.quick and networkx:
            say()
            say("speed at 500 participants, pairs R=8, no table limit:")
            _, _, engine_s, _ = _in_process(_case, "pairs", 500, "engine", args.seed, 10.0, None, args.clock)
            # One networkx round at 500 people takes minutes; stop waiting after NX_PATIENCE seconds.
            context = multiprocessing.get_context("spawn")
            pool = context.Pool(1)
            try:
                _, _, nx_s, _ = pool.apply_async(_case, ("pairs", 500, "greedy-nx-1", args.seed, 10.0, None)).get(NX_PATIENCE)
                say(f"  engine {engine_s:.2f}s; networkx greedy {nx_s:.1f}s (round 1 timed x 8 rounds); speed-up {nx_s / engine_s:.0f}x")
            except multiprocessing.TimeoutError:
                least = NX_PATIENCE * 8
                say(f"  engine {engine_s:.2f}s; networkx greedy > {least:.0f}s (round 1 unfinished after {NX_PATIENCE:.0f}s, "
                    f"x 8 rounds); speed-up > {least / engine_s:.0f}x")
            finally:
                pool.terminate()
        say()
    if args.only in ("all", "mdgp"):
        directory = args.mdgp or mdgp_directory()
        if args.quick and not instances(directory, pattern):
            directory = repository() / "tests" / "matching" / "data"
        if not instances(directory, pattern):
            say(f"no MDGP instances matching {pattern} in {directory}")
            return 0
        say(f"MDGP instances in {directory}, {args.seeds} seed(s) from {args.seed}, {args.clock} clock, through planning.solve:")
        mdgp_table(say, directory, pattern, list(range(args.seed, args.seed + args.seeds)), args.clock,
                   scale=0.2 if args.quick else args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
