"""`klimapartner bench matching`: the engine against greedy and random schedules.

Every case runs in a fresh process so its peak memory is its own. Scores
use plain word overlap for the free text, so the benchmark measures the
schedulers, not the Danish text model (which each process would reload).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path

MDGP_BEST = {
    "RanReal_n120_ss_01": 47363.206898,
    "RanReal_n120_ds_01": 50549.134952,
    "RanReal_n240_ss_01": 155246.465892,
    "RanReal_n240_ds_01": 160219.446920,
}
MDGP_TIME = {120: 3.0, 240: 20.0}
NX_PATIENCE = 30.0


def mdgp_directory() -> Path:
    """../shared/data/mdgp beside the repository (where CI puts it)."""
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data" / "mdgp"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _case(kind: str, n: int, method: str, seed: int, time_limit: float, table_limit: int | None, words: bool = False):
    """Run one case; returns (objective, bound, seconds, peak MB, score seconds)."""
    from .baselines import greedy_pairs, greedy_tables, random_pairs
    from .constraints import check
    from .pairs import solve_pairs
    from .scores import score_pairs
    from .synthetic import synthetic_problem
    from .tables import solve_tables

    rounds = 8 if kind == "pairs" else 4
    problem = synthetic_problem(n, seed=seed, rounds=rounds, mode=kind, tables=table_limit)
    t0 = time.perf_counter()
    from .scores import _token_jaccard

    scores = score_pairs(problem, text_similarity=_token_jaccard if words else None)
    score_seconds = time.perf_counter() - t0
    started = time.perf_counter()
    if kind == "pairs":
        if method == "engine":
            schedule = solve_pairs(problem, scores, seed=seed, time_limit=time_limit, with_reasons=False)
        elif method == "greedy-nx-1":
            # networkx is too slow for all rounds at this size: time one, count all.
            import dataclasses

            one = dataclasses.replace(problem, format=dataclasses.replace(problem.format, rounds=1))
            schedule = greedy_pairs(one, scores, engine="networkx", seed=seed)
            return schedule.objective, None, (time.perf_counter() - started) * rounds, _peak_mb(), score_seconds
        elif method.startswith("greedy"):
            schedule = greedy_pairs(problem, scores, engine="networkx" if method == "greedy-nx" else "rustworkx", seed=seed)
        else:
            schedule = random_pairs(problem, scores, seed=seed)
    else:
        if method == "engine":
            schedule = solve_tables(problem, scores, seed=seed, time_limit=time_limit, with_reasons=False)
        else:
            schedule = greedy_tables(problem, scores, seed=seed, randomly=method == "random")
    seconds = time.perf_counter() - started
    broken = check(problem, schedule)
    if broken:
        raise AssertionError(f"{kind} {n} {method}: {broken[:3]}")
    return schedule.objective, schedule.bound, seconds, _peak_mb(), score_seconds


def _mdgp_case(name: str, seed: int, time_limit: float):
    import numpy as np

    from .tables import mdgp, read_mdgp

    values, lo, hi = read_mdgp(mdgp_directory() / f"{name}.txt")
    mdgp(values[:12, :12], lo[:2] * 0 + 2, hi[:2] * 0 + 6, time_limit=0.2)  # compile outside the clock
    started = time.perf_counter()
    groups, found = mdgp(values, lo, hi, seed=seed, time_limit=time_limit)
    size = np.bincount(groups, minlength=len(lo))
    assert (size >= lo).all() and (size <= hi).all()
    return found, time.perf_counter() - started


_SEPARATE_PROCESSES = True


def _in_process(function, *args):
    if not _SEPARATE_PROCESSES:
        return function(*args)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(function, args)


def _row(cells, widths):
    return "  ".join(str(c).rjust(w) if k else str(c).ljust(w) for k, (c, w) in enumerate(zip(cells, widths)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="klimapartner bench matching")
    parser.add_argument("--quick", action="store_true", help="small sizes only (for tests)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    say = lambda text="": print(text, flush=True)  # noqa: E731

    global _SEPARATE_PROCESSES
    if args.quick:
        # In this process: a fresh interpreter per case costs more than the small cases themselves.
        _SEPARATE_PROCESSES = False
        sizes, nx_sizes, time_limit, mdgp_names = (40,), (40,), 2.0, ["RanReal_n120_ss_01"]
    else:
        sizes, nx_sizes, time_limit, mdgp_names = (100, 1000, 5000), (100,), 40.0, list(MDGP_BEST)
    widths = (34, 6, 12, 12, 8, 8, 8, 8)
    say(_row(("case", "n", "objective", "bound", "obj/bnd", "vs eng", "time s", "peak MB"), widths))
    cases = []
    for n in sizes:
        cases.append(("pairs", n, None, f"pairs R=8, no table limit"))
        cases.append(("pairs", n, n // 4, f"pairs R=8, T={n // 4} (binding)"))
        cases.append(("tables", n, None, "tables R=4, 5-6 seats"))
    for kind, n, limit, label in cases:
        methods = ["engine"]
        if kind == "pairs":
            # The greedy on every pair takes minutes from 1,000 people on (networkx hours),
            # so it runs where it finishes; the bound certifies the engine beyond.
            if n in nx_sizes:
                methods.append("greedy-nx")
        elif n <= 1000:
            methods.append("greedy")
        methods.append("random")
        engine_value = None
        for method in methods:
            limit_s = {100: 10.0, 1000: 20.0}.get(n, time_limit if kind == "pairs" else 25.0)
            objective, bound, seconds, peak, _ = _in_process(_case, kind, n, method, args.seed, limit_s, limit, True)
            if method == "engine":
                engine_value = objective
            ratio = f"{objective / bound:.4%}" if bound else "-"
            versus = f"{objective / engine_value:.3f}" if engine_value else "-"
            bound_text = f"{bound:.1f}" if bound else "-"
            say(_row((f"{label} [{method}]", n, f"{objective:.1f}", bound_text, ratio, versus, f"{seconds:.2f}", f"{peak:.0f}"), widths))
    if not args.quick:
        say()
        say("speed at 500 participants, pairs R=8, no table limit:")
        _, _, engine_s, _, _ = _in_process(_case, "pairs", 500, "engine", args.seed, 10.0, None, True)
        # One networkx round at 500 people takes minutes; stop waiting after NX_PATIENCE seconds.
        context = multiprocessing.get_context("spawn")
        pool = context.Pool(1)
        try:
            _, _, nx_s, _, _ = pool.apply_async(_case, ("pairs", 500, "greedy-nx-1", args.seed, 10.0, None, True)).get(NX_PATIENCE)
            say(f"  engine {engine_s:.2f}s; networkx greedy {nx_s:.1f}s (round 1 timed x 8 rounds); speed-up {nx_s / engine_s:.0f}x")
        except multiprocessing.TimeoutError:
            least = NX_PATIENCE * 8
            say(f"  engine {engine_s:.2f}s; networkx greedy > {least:.0f}s (round 1 unfinished after {NX_PATIENCE:.0f}s, x 8 rounds); "
                f"speed-up > {least / engine_s:.0f}x")
        finally:
            pool.terminate()
    say()
    say(_row(("MDGP instance", "n", "found", "best-known", "gap", "limit s", "time s", ""), widths))
    directory = mdgp_directory()
    for name in mdgp_names:
        if not (directory / f"{name}.txt").exists():
            say(f"{name}: not found in {directory}")
            continue
        n = int(name.split("_n")[1].split("_")[0])
        limit = MDGP_TIME[n] if not args.quick else 0.5
        found, seconds = _in_process(_mdgp_case, name, args.seed, limit)
        gap = 1 - found / MDGP_BEST[name]
        say(_row((name, n, f"{found:.3f}", f"{MDGP_BEST[name]:.3f}", f"{gap:.3%}", f"{limit:.0f}", f"{seconds:.2f}", ""), widths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
