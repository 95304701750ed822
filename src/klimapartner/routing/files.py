"""The command line's files: stops and a travel matrix in, a route out.

    STOPS:  id,name,lat,lon,visit_minutes,opens,closes   (the first row is the depot)
    MATRIX: from,to,minutes                              (directed, one row per ordered pair)
    ROUTE:  order,id,arrive,start,leave

Stops may be CSV (comma or semicolon, decimal comma or point, UTF-8 with or
without BOM, or Windows-1252 as older Danish Excel writes it) or XLSX (the
first sheet), read by the shared `klimapartner.spreadsheets` with its size
limits; coordinates take a decimal comma or point alike (they never have
thousands). Every bad cell is reported with its row, column and value, and
nothing is planned until all are right.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from klimapartner import spreadsheets

from .model import Place, Problem, Route, Stop, clock, minutes

STOP_COLUMNS = ("id", "name", "lat", "lon", "visit_minutes", "opens", "closes")
MATRIX_COLUMNS = ("from", "to", "minutes")
ROUTE_COLUMNS = ("order", "id", "arrive", "start", "leave")


class FileProblems(ValueError):
    """A file that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


# -- reading a table: through the shared Danish-spreadsheet module (encoding, separator, limits, XLSX) --


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.time()
    if isinstance(value, datetime.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: Path) -> list[list[str]]:
    """Rows of text cells (the header first) from a CSV or the first sheet of an XLSX."""
    rows = [[_cell(v) for v in row] for row in spreadsheets.read(path)[0].rows]
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _open(path: Path) -> list[list[str]]:
    try:
        return read_table(path)
    except spreadsheets.SpreadsheetError as exc:
        raise FileProblems([Problem("file_unreadable", "file", {
            "file": str(path), "reason": exc.code, "detail": dict(exc.params)})]) from exc


def _header(path: Path, rows: list[list[str]], expected: tuple[str, ...]) -> None:
    found = tuple(c.strip().lower() for c in rows[0]) if rows else ()
    while found and not found[-1]:
        found = found[:-1]
    if found != expected:
        raise FileProblems([Problem("file_columns", "header", {
            "file": str(path), "expected": ",".join(expected), "found": ",".join(found)})])
    if len(rows) < 2:
        raise FileProblems([Problem("file_no_rows", "rows", {"file": str(path)})])


def _number(text: str) -> float:
    return float(text.replace(" ", "").replace(",", "."))


def read_stops(path: Path) -> tuple[Place, tuple[Stop, ...]]:
    """The depot (first row) and the stops; raises FileProblems naming every bad cell."""
    path = Path(path)
    rows = _open(path)
    _header(path, rows, STOP_COLUMNS)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    parsed = []
    depot_row = next(number for number, row in enumerate(rows[1:], start=2) if any(row))
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        row = (row + [""] * len(STOP_COLUMNS))[: len(STOP_COLUMNS)]
        cells = dict(zip(STOP_COLUMNS, row))
        where = {"file": str(path), "row": number}
        bad = len(problems)
        for column in ("id", "name", "lat", "lon", "visit_minutes"):
            if not cells[column]:
                problems.append(Problem("file_empty_value", column, {**where, "column": column}))
        if cells["id"] in seen:
            problems.append(Problem("file_duplicate_id", "id", {**where, "value": cells["id"], "first": seen[cells["id"]]}))
        elif cells["id"]:
            seen[cells["id"]] = number
        values = {}
        for column, limit in (("lat", 90), ("lon", 180)):
            if cells[column]:
                try:
                    values[column] = _number(cells[column])
                    if not -limit <= values[column] <= limit:
                        raise ValueError
                except ValueError:
                    problems.append(Problem("file_coordinate", column, {**where, "column": column, "value": cells[column]}))
        if cells["visit_minutes"]:
            text = cells["visit_minutes"]
            if not text.isdigit():
                problems.append(Problem("file_minutes", "visit_minutes",
                                        {**where, "column": "visit_minutes", "value": text}))
            elif number == depot_row and int(text) != 0:
                problems.append(Problem("file_depot_visit", "visit_minutes", {**where, "value": text}))
            else:
                values["visit_minutes"] = int(text)
        for column in ("opens", "closes"):
            values[column] = None
            if cells[column]:
                try:
                    values[column] = minutes(cells[column])
                except ValueError:
                    problems.append(Problem("file_time", column, {**where, "column": column, "value": cells[column]}))
        if values.get("opens") is not None and values.get("closes") is not None and values["closes"] <= values["opens"]:
            problems.append(Problem("file_closes_before_opens", "closes", {
                **where, "opens": values["opens"], "closes": values["closes"]}))
        if len(problems) == bad:
            parsed.append((cells, values))
    if problems:
        raise FileProblems(problems)
    (depot_cells, depot_values), *rest = parsed
    depot = Place(depot_cells["id"], depot_cells["name"], depot_values["lat"], depot_values["lon"])
    stops = tuple(Stop.open_between(c["id"], c["name"], v["lat"], v["lon"], v["visit_minutes"], v["opens"], v["closes"])
                  for c, v in rest)
    return depot, stops


def read_matrix(path: Path, ids: list[str]) -> dict[tuple[str, str], int]:
    """Directed whole-minute travel times for every ordered pair of `ids`."""
    path = Path(path)
    rows = _open(path)
    _header(path, rows, MATRIX_COLUMNS)
    known = set(ids)
    problems: list[Problem] = []
    out: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        row = (row + ["", "", ""])[:3]
        where = {"file": str(path), "row": number}
        a, b, value = row
        ok = True
        for column, text in (("from", a), ("to", b)):
            if text not in known:
                problems.append(Problem("matrix_unknown_id", column, {**where, "column": column, "value": text}))
                ok = False
        if not value.isdigit():
            problems.append(Problem("file_minutes", "minutes", {**where, "column": "minutes", "value": value}))
            ok = False
        if ok and (a, b) in first:
            problems.append(Problem("matrix_twice", "from", {**where, "from": a, "to": b, "first": first[a, b]}))
        elif ok:
            first[a, b] = number
            out[a, b] = int(value)
    for a in ids:
        for b in ids:
            if a != b and (a, b) not in out and not problems:
                problems.append(Problem("matrix_missing", "rows", {"file": str(path), "from": a, "to": b}))
    if problems:
        raise FileProblems(problems)
    return out


def route_rows(route: Route, depot_id: str) -> list[list[str]]:
    """ROUTE.csv's rows: the depot first (only `leave`), the stops, the depot last (only `arrive`)."""
    rows = [list(ROUTE_COLUMNS), ["0", depot_id, "", "", clock(route.depart)]]
    for order, leg in enumerate(route.stop_legs, start=1):
        rows.append([str(order), leg.id, clock(leg.arrive), clock(leg.start), clock(leg.leave)])
    rows.append([str(len(route.stop_legs) + 1), depot_id, clock(route.back), "", ""])
    return rows


def write_route(path: Path, route: Route, depot_id: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(route_rows(route, depot_id))
