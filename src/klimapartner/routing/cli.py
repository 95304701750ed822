"""`klimapartner tour`: plan a site-visit tour from files, without Django.

    klimapartner tour STOPS.csv --depart HH:MM --return-by HH:MM [--travel MATRIX.csv]
        [--speed-kmh N] [--detour F] [--objective return|driving] --out ROUTE.csv

Exit status 0 with a route in ROUTE.csv; 1 with the reasons on standard error
when no route fits, 2 when the input is wrong. Words are Danish when the
locale is Danish (KLIMAPARTNER_LANGUAGE, else LANGUAGE, LC_ALL, LC_MESSAGES or
LANG starting with "da"), English otherwise - all of them, never a mix.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .files import FileProblems, read_matrix, read_stops, write_route
from .model import Day, Problem, clock, minutes
from .planner import plan
from .travel import DETOUR, SPEED_KMH, travel_times
from .words import say


def language() -> str:
    for name in ("KLIMAPARTNER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


HELP = {
    "en": {
        "description": "Order site visits into a timed route that keeps every opening hour.",
        "stops": "CSV or XLSX: id,name,lat,lon,visit_minutes,opens,closes; the first row is the depot",
        "depart": "when the bus leaves the depot (HH:MM)",
        "return_by": "when it must be back at the latest (HH:MM)",
        "travel": "CSV from,to,minutes for every ordered pair of ids (replaces the coordinates)",
        "speed": f"average speed in km/h for travel from coordinates (default {SPEED_KMH:g})",
        "detour": f"road distance over great-circle distance (default {DETOUR:g})",
        "objective": "return: back as early as possible (default); driving: least driving",
        "out": "where to write the route (CSV: order,id,arrive,start,leave)",
        "summary": "{kind}: back {back}, driving {driving} min, waiting {waiting} min, {count} stops ({method}, {seconds:.2f} s)",
        "optimal": "optimal route",
        "heuristic": "route (heuristic; at most {gap} min from optimal)",
        "exact": "exact", "heur": "heuristic",
    },
    "da": {
        "description": "Sæt besøg i en rækkefølge med tider, der holder alle åbningstider.",
        "stops": "CSV eller XLSX: id,name,lat,lon,visit_minutes,opens,closes; første række er udgangspunktet",
        "depart": "hvornår bussen kører fra udgangspunktet (TT:MM)",
        "return_by": "hvornår den senest skal være tilbage (TT:MM)",
        "travel": "CSV from,to,minutes for hvert ordnet par af id'er (erstatter koordinaterne)",
        "speed": f"gennemsnitsfart i km/t for køretider ud fra koordinater (standard {SPEED_KMH:g})",
        "detour": f"vejafstand over afstand i luftlinje (standard {DETOUR:g})",
        "objective": "return: hjem så tidligt som muligt (standard); driving: mindst kørsel",
        "out": "hvor ruten skal skrives (CSV: order,id,arrive,start,leave)",
        "summary": "{kind}: tilbage kl. {back}, kørsel {driving} min, ventetid {waiting} min, {count} stop ({method}, {seconds:.2f} s)",
        "optimal": "optimal rute",
        "heuristic": "rute (heuristik; højst {gap} min fra det optimale)",
        "exact": "eksakt", "heur": "heuristik",
    },
}


def _parser(words: dict) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="klimapartner tour", description=words["description"])
    parser.add_argument("stops", help=words["stops"])
    parser.add_argument("--depart", required=True, help=words["depart"])
    parser.add_argument("--return-by", required=True, help=words["return_by"])
    parser.add_argument("--travel", help=words["travel"])
    parser.add_argument("--speed-kmh", default=str(SPEED_KMH), help=words["speed"])
    parser.add_argument("--detour", default=str(DETOUR), help=words["detour"])
    parser.add_argument("--objective", choices=("return", "driving"), default="return", help=words["objective"])
    parser.add_argument("--out", required=True, help=words["out"])
    return parser


def _options(args) -> tuple[dict, list[Problem]]:
    problems, values = [], {}
    for option, attr in (("depart", "depart"), ("return-by", "return_by")):
        try:
            values[attr] = minutes(getattr(args, attr))
        except ValueError:
            problems.append(Problem("bad_option", option, {"option": option, "value": getattr(args, attr), "what": "time"}))
    for option, attr, what, low in (("speed-kmh", "speed_kmh", "speed", 0.0), ("detour", "detour", "detour", 1.0)):
        text = getattr(args, attr)
        try:
            value = float(text.replace(",", "."))
            if not (value > low if what == "speed" else value >= low):
                raise ValueError
            values[attr] = value
        except ValueError:
            problems.append(Problem("bad_option", option, {"option": option, "value": text, "what": what}))
    return values, problems


def tour(argv: list[str], out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    lang = language()
    words = HELP[lang]
    args = _parser(words).parse_args(argv)
    values, problems = _options(args)
    try:
        depot, stops = read_stops(Path(args.stops))
        ids = [depot.id, *(s.id for s in stops)]
        matrix = read_matrix(Path(args.travel), ids) if args.travel else None
    except FileProblems as exc:
        problems.extend(exc.problems)
    if problems:
        for p in problems:
            print(say(p, lang), file=err)
        return 2
    day = Day(depot, stops, values["depart"], values["return_by"])
    travel = travel_times(day.places, matrix=matrix, speed_kmh=values["speed_kmh"], detour=values["detour"])
    result = plan(day, travel, objective=args.objective)
    if result.route is None:
        for p in result.problems:
            print(say(p, lang), file=err)
        return 1
    write_route(Path(args.out), result.route, depot.id)
    kind = words["optimal"] if result.optimal else words["heuristic"].format(gap=result.gap)
    print(words["summary"].format(
        kind=kind, back=clock(result.route.back, "." if lang == "da" else ":"), driving=result.route.driving,
        waiting=result.route.waiting, count=len(stops),
        method=words["exact" if result.method == "exact" else "heur"], seconds=result.stats.get("seconds", 0.0)),
        file=out)
    return 0


def main(argv: list[str]) -> int:
    """Entry from `klimapartner`: argv starts with the command ("tour" or "bench")."""
    if argv[:2] == ["bench", "tours"]:
        from .bench import main as bench_main

        return bench_main(argv[2:])
    return tour(argv[1:])
