"""Command line for the accounting core, without Django.

    python -m klimapartner.accounting.cli factors [FILE]      check a factor set (default: the shipped one)
    python -m klimapartner.accounting.cli klimakompasset FILE  summarise a Klimakompasset report
"""

import argparse
import sys
from pathlib import Path

from klimapartner.accounting.factors import default_factor_set, read_factor_csv, read_factor_xlsx
from klimapartner.accounting.klimakompasset import KlimakompassetFormatError, read_klimakompasset


def _factors(args, out) -> int:
    if args.file is None:
        factor_set, errors = default_factor_set(), ()
    else:
        path = Path(args.file)
        result = read_factor_xlsx(path) if path.suffix.lower() == ".xlsx" else read_factor_csv(path)
        factor_set, errors = result.factor_set, result.errors
    if errors:
        for error in errors:
            print(error, file=out)
        print(f"{len(errors)} error(s); the set was not loaded", file=out)
        return 1
    print(f"{factor_set.label}: {len(factor_set.factors)} factors, {len(factor_set.provisional())} provisional",
          file=out)
    for f in factor_set.factors:
        flag = "  provisional" if f.provisional else ""
        print(f"  {f.key:42} {f.value:>10} {f.unit:16} scope {f.scope}{flag}", file=out)
    return 0


def _klimakompasset(args, out) -> int:
    try:
        report = read_klimakompasset(Path(args.file))
    except KlimakompassetFormatError as exc:
        print(exc, file=out)
        return 1
    inv = report.inventory(report.cvr or report.company)
    print(f"{report.company} (CVR {report.cvr}), {report.period_start} – {report.period_end}", file=out)
    for scope, kg in inv.by_scope("location").items():
        print(f"  scope {scope}: {kg / 1000} t CO2e", file=out)
    print(f"  scope 2 market-based: {inv.scope2_market / 1000} t CO2e", file=out)
    print(f"  activity lines: {len(report.activity_lines)}, not mapped: {len(report.unmapped)}", file=out)
    for warning in report.warnings + report.unmapped:
        print(f"  ! {warning}", file=out)
    return 0


def main(argv=None, out=None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="klimapartner account", description="CO2 accounting without Django")
    commands = parser.add_subparsers(dest="command", required=True)
    factors = commands.add_parser("factors", help="check a factor set file and list its factors")
    factors.add_argument("file", nargs="?", help="CSV or XLSX; the shipped Danish set when left out")
    factors.set_defaults(run=_factors)
    kk = commands.add_parser("klimakompasset", help="read a Klimakompasset Excel report")
    kk.add_argument("file")
    kk.set_defaults(run=_klimakompasset)
    args = parser.parse_args(argv)
    return args.run(args, out)


if __name__ == "__main__":
    sys.exit(main())
