"""`klimapartner match`, `klimapartner textmatch` and `klimapartner bench matching`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .files import InputError, TEMPLATE, read_participants, read_scores, read_tables, write_details, write_seats
from .model import PairsFormat, Participant, Problem, TablesFormat


def _match_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="klimapartner match",
        description="Plan rounds of 1:1 meetings or tables for a partnership day.",
        epilog=f"Participant file template: {TEMPLATE}",
    )
    parser.add_argument("participants", nargs="?", help="participant file, CSV or XLSX (see the template)")
    parser.add_argument("--scores", help="CSV with header a,b,score instead of a participant file")
    parser.add_argument("--rounds", type=int, required=True, help="number of rounds")
    parser.add_argument("--mode", choices=("pairs", "tables"), default="pairs")
    parser.add_argument("--tables", help="pairs: at most N meetings per round; tables: CSV with header table,min,max")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=10.0,
                        help="seconds the search may use, all of them unless it proves the plan optimal (default 10)")
    parser.add_argument("--steps", type=int, default=None,
                        help="search exactly this many steps instead of timing it: with --seed, the same plan on any machine")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="count --time-limit on the wall clock (default) or in CPU seconds of this process "
                             "(for benchmarks on a shared machine)")
    parser.add_argument("--out", required=True, help="output CSV: round,table,participant")
    parser.add_argument("--json", action="store_true", help="write scores and reasons as JSON instead of XLSX")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    parser.add_argument("--text", choices=("danish", "words"), default="danish",
                        help="free-text similarity: the Danish text model (default) or plain word overlap (fast)")
    return parser


def _problem(args, parser) -> tuple[Problem, object]:
    from .scores import score_from_pairs, score_pairs

    if bool(args.participants) == bool(args.scores):
        parser.error("give either a participant file or --scores FILE")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.mode == "pairs":
        limit = None
        if args.tables is not None:
            try:
                limit = int(args.tables)
            except ValueError:
                parser.error(f"--tables in pairs mode is a number of tables, not {args.tables!r}")
            if limit < 1:
                parser.error("--tables must be at least 1")
        fmt = PairsFormat(args.rounds, limit)
    else:
        if args.tables is None:
            parser.error("tables mode needs --tables FILE (CSV with header table,min,max)")
        fmt = TablesFormat(args.rounds, read_tables(args.tables))
    if args.scores:
        ids, pairs = read_scores(args.scores)
        problem = Problem(tuple(Participant(pid) for pid in ids), fmt)
        return problem, score_from_pairs(ids, pairs)
    problem = Problem(read_participants(args.participants, args.rounds), fmt)
    from .scores import _token_jaccard

    return problem, score_pairs(problem, text_similarity=_token_jaccard if args.text == "words" else None)


def match(argv: list[str]) -> int:
    from .constraints import explain_infeasible
    from .planning import Infeasible, solve
    from .quality import summary

    parser = _match_parser()
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def progress(message) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    try:
        problem, scores = _problem(args, parser)
    except InputError as error:
        print(f"klimapartner match: error: {error}", file=sys.stderr)
        return 2
    progress(f"{len(problem.participants)} participants, {args.rounds} rounds, mode {args.mode}")
    reasons = explain_infeasible(problem)
    if reasons:
        print("klimapartner match: the request cannot be met:", file=sys.stderr)
        for reason in reasons:
            print(f"  - {reason}", file=sys.stderr)
        return 2
    try:
        schedule = solve(problem, scores=scores, seed=args.seed, time_limit=args.time_limit, steps=args.steps,
                         progress=progress, clock=args.clock)
    except Infeasible as error:
        print("klimapartner match: no valid schedule was found:", file=sys.stderr)
        for reason in error.reasons:
            print(f"  - {reason}", file=sys.stderr)
        return 2
    out = Path(args.out)
    write_seats(out, schedule)
    details = out.with_suffix(".json" if args.json else ".xlsx")
    write_details(details, schedule, as_json=args.json)
    ratio = schedule.ratio
    print(f"objective {schedule.objective:.4f}")
    print(f"bound     {schedule.bound:.4f}" if schedule.bound is not None else "bound     -")
    print(f"ratio     {ratio:.4%}" if ratio is not None else "ratio     -")
    print(f"meetings  {len(schedule.meetings)} in {len(schedule.rounds())} rounds; wrote {out} and {details}")
    print(f"seconds   {time.perf_counter() - started:.2f}")
    for line in summary(problem, schedule, scores).sentences("en"):
        print(f"quality   {line}")
    return 0


def main(argv: list[str]) -> int:
    """argv[0] is the command: match, textmatch or bench."""
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "match":
        return match(rest)
    if command == "textmatch":
        from .text import main as text_main

        return text_main(rest)
    if command == "bench" and rest[:1] == ["matching"]:
        from .bench import main as bench_main

        return bench_main(rest[1:])
    print("usage: klimapartner match|textmatch|bench matching ...", file=sys.stderr)
    return 2
