"""Command line for the accounting core, without Django.

    python -m klimapartner.accounting.cli factors [FILE] [--year Y]  check a factor set (default: the shipped one)
    python -m klimapartner.accounting.cli klimakompasset FILE       summarise a Klimakompasset report
    python -m klimapartner.accounting.cli bench                     time big inputs (see accounting/bench.py)
"""

import argparse
import sys
from pathlib import Path

from klimapartner.accounting.factors import default_factor_set, read_factor_file
from klimapartner.accounting.klimakompasset import read_klimakompasset


def _factors(args, out) -> int:
    if args.file is None:
        factor_set, errors = default_factor_set(), ()
    else:
        result = read_factor_file(Path(args.file))
        factor_set, errors = result.factor_set, result.errors
    if errors:
        for error in errors:
            print(error, file=out)
        print(f"{len(errors)} error(s); the set was not loaded", file=out)
        return 1
    if args.year:
        factor_set = factor_set.for_year(args.year)
    factors = factor_set.current()
    chp = {"125": "125 %", "200": "200 %", "mixed": "mixed (deliberate: " + factor_set.chp_mixed_reason + ")",
           "": "none"}[factor_set.chp_method]
    print(f"{factor_set.label}: {len(factors)} factors, {len(factor_set.provisional())} provisional, CHP method {chp}",
          file=out)
    for f in factors:
        flag = "  provisional" if f.provisional else ""
        print(f"  {f.key:36} {f.value:>10} {f.unit:16} scope {f.scope}  {f.year or '':4}  "
              f"{f.reference.publisher}{flag}", file=out)
    return 0


def _klimakompasset(args, out) -> int:
    report = read_klimakompasset(Path(args.file))
    if not report.ok:
        for problem in report.errors:
            print(problem.message, file=out)
        return 1
    inv = report.inventory(report.cvr or report.company)
    print(f"{report.company} (CVR {report.cvr}), {report.period_start} – {report.period_end}", file=out)
    for scope, kg in inv.by_scope("location").items():
        print(f"  scope {scope}: {kg / 1000} t CO2e", file=out)
    print(f"  scope 2 market-based: {inv.scope2_market / 1000} t CO2e", file=out)
    print(f"  activity lines: {len(report.activity_lines)}, not imported: {len(report.unmapped)}", file=out)
    for warning in report.warnings:
        print(f"  ! {warning.message}", file=out)
    for entry in report.unmapped:
        print(f"  ! {entry}", file=out)
    return 0


def _bench(args, out) -> int:
    from klimapartner.accounting.bench import run

    run(out, repeat=max(1, args.repeat))
    return 0


def main(argv=None, out=None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="klimapartner account", description="CO2 accounting without Django")
    commands = parser.add_subparsers(dest="command", required=True)
    factors = commands.add_parser("factors", help="check a factor set file and list its factors")
    factors.add_argument("file", nargs="?", help="CSV or XLSX; the shipped Danish set when left out")
    factors.add_argument("--year", type=int, help="show the factors used for this accounting year")
    factors.set_defaults(run=_factors)
    kk = commands.add_parser("klimakompasset", help="read a Klimakompasset Excel report")
    kk.add_argument("file")
    kk.set_defaults(run=_klimakompasset)
    bench = commands.add_parser("bench", help="time big imports, a zip bomb's refusal and an account")
    bench.add_argument("--repeat", type=int, default=3)
    bench.set_defaults(run=_bench)
    args = parser.parse_args(argv)
    return args.run(args, out)


if __name__ == "__main__":
    sys.exit(main())
