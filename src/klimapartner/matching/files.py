"""Reading and writing the command line's files, with errors that name the line.

Participant file (CSV, or XLSX with the same columns in its first sheet);
the template is `data/participants-template.csv`:

    id, name, organisation, organisation_type, sector, themes, offers, needs,
    must_meet, rather_not, rounds, collaborates_with, met_before

Only `id` is required. Lists are separated by ";". An offer or need is
"theme: free text". A wish names a participant id or "org:Organisation".
`rounds` is empty (all rounds) or like "1-3;5".
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .model import Participant, Relation, Schedule, Statement, Table, Wish, WishKind

PARTICIPANT_COLUMNS = ("id", "name", "organisation", "organisation_type", "sector", "themes", "offers", "needs",
                       "must_meet", "rather_not", "rounds", "collaborates_with", "met_before")
TEMPLATE = Path(__file__).parent / "data" / "participants-template.csv"


class InputError(ValueError):
    """A problem in an input file, located: "scores.csv, line 4: ..."."""

    def __init__(self, path, line: int | None, message: str):
        where = f"{Path(path).name}, line {line}" if line else Path(path).name
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.problem = str(path), line, message


def _rows(path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of a CSV or XLSX file, blank lines skipped.

    Read through klimapartner.spreadsheets, like every spreadsheet in the project: UTF-8 with or
    without BOM or Windows-1252, `;`, `,` or tab, and the size limits checked before reading.
    """
    from klimapartner import spreadsheets

    path = Path(path)
    if not path.exists():
        raise InputError(path, None, "no such file")
    try:
        sheets = spreadsheets.read(path, limits=spreadsheets.Limits(max_bytes=50 * 1024 * 1024))
    except spreadsheets.SpreadsheetError as error:
        raise InputError(path, error.params.get("row"), str(error)) from error
    if not sheets:
        raise InputError(path, None, "the file is empty")
    raw = [(k, [spreadsheets.parse_text(c) for c in row]) for k, row in enumerate(sheets[0].rows, start=1)]
    raw = [(k, row) for k, row in raw if any(row)]
    if not raw:
        raise InputError(path, None, "the file is empty")
    header = [h.strip().lower() for h in raw[0][1]]
    return header, raw[1:]


def _require_header(path, header: list[str], required: tuple[str, ...], known: tuple[str, ...] | None = None) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(path, 1, f"the header must have the column(s) {', '.join(missing)}; it has {', '.join(header) or 'nothing'}")
    if known is not None:
        unknown = [c for c in header if c and c not in known]
        if unknown:
            raise InputError(path, 1, f"unknown column(s) {', '.join(unknown)}; the columns are {', '.join(known)}")


def _number(path, line: int, column: str, value: str, kind=float):
    try:
        return kind(value.replace(",", ".") if kind is float else value)
    except ValueError:
        raise InputError(path, line, f"{column} must be a {'number' if kind is float else 'whole number'}, not {value!r}") from None


def read_scores(path) -> tuple[list[str], dict[tuple[str, str], float]]:
    """Participant ids in order of appearance and the score of each unordered pair."""
    header, rows = _rows(path)
    _require_header(path, header, ("a", "b", "score"))
    col = {name: header.index(name) for name in ("a", "b", "score")}
    ids: dict[str, None] = {}
    pairs: dict[tuple[str, str], float] = {}
    for line, row in rows:
        if len(row) < len(header):
            raise InputError(path, line, f"expected {len(header)} values (a,b,score), found {len(row)}")
        a, b, value = row[col["a"]], row[col["b"]], row[col["score"]]
        if not a or not b:
            raise InputError(path, line, "a and b must both name a participant")
        if a == b:
            raise InputError(path, line, f"a participant cannot be paired with themselves ({a})")
        score = _number(path, line, "score", value)
        if score != score or score in (float("inf"), float("-inf")):
            raise InputError(path, line, f"score must be a finite number, not {value!r}")
        key = (min(a, b), max(a, b))
        if key in pairs:
            raise InputError(path, line, f"the pair {a},{b} appears twice")
        pairs[key] = score
        ids.setdefault(a)
        ids.setdefault(b)
    if not pairs:
        raise InputError(path, None, "no pairs after the header")
    return list(ids), pairs


def read_tables(path) -> tuple[Table, ...]:
    header, rows = _rows(path)
    _require_header(path, header, ("table", "min", "max"))
    col = {name: header.index(name) for name in ("table", "min", "max")}
    tables, seen = [], set()
    for line, row in rows:
        if len(row) < 3:
            raise InputError(path, line, f"expected 3 values (table,min,max), found {len(row)}")
        name = row[col["table"]]
        if not name:
            raise InputError(path, line, "the table needs a name")
        if name in seen:
            raise InputError(path, line, f"table {name} appears twice")
        low = _number(path, line, "min", row[col["min"]], int)
        high = _number(path, line, "max", row[col["max"]], int)
        if low < 0 or high < 1 or low > high:
            raise InputError(path, line, f"table {name}: min {low} and max {high} must satisfy 0 <= min <= max and max >= 1")
        seen.add(name)
        tables.append(Table(name, low, high))
    if not tables:
        raise InputError(path, None, "no tables after the header")
    return tuple(tables)


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _rounds(path, line: int, value: str, rounds: int) -> frozenset[int] | None:
    if not value:
        return None
    out = set()
    for part in _list(value):
        try:
            if "-" in part:
                first, last = (int(x) for x in part.split("-", 1))
                out.update(range(first, last + 1))
            else:
                out.add(int(part))
        except ValueError:
            raise InputError(path, line, f"rounds must look like 1-3;5, not {value!r}") from None
    bad = sorted(r for r in out if not 1 <= r <= rounds)
    if bad:
        raise InputError(path, line, f"rounds {', '.join(map(str, bad))} do not exist; there are {rounds} rounds")
    return frozenset(out)


def _statements(path, line: int, column: str, value: str) -> tuple[Statement, ...]:
    out = []
    for part in (p.strip() for p in value.split("|")):
        if not part:
            continue
        theme, sep, text = part.partition(":")
        if not sep or not theme.strip():
            raise InputError(path, line, f"{column} must be 'theme: text' (several separated by |), not {part!r}")
        out.append(Statement(theme.strip().lower(), text.strip()))
    return tuple(out)


def read_participants(path, rounds: int) -> tuple[Participant, ...]:
    header, rows = _rows(path)
    _require_header(path, header, ("id",), PARTICIPANT_COLUMNS)
    seen: dict[str, int] = {}
    people = []
    for line, row in rows:
        cell = {name: (row[k] if k < len(row) else "") for k, name in enumerate(header)}
        pid = cell.get("id", "")
        if not pid:
            raise InputError(path, line, "id is empty")
        if pid in seen:
            raise InputError(path, line, f"id {pid} is already used on line {seen[pid]}")
        seen[pid] = line
        wishes = []
        for column, kind in (("must_meet", WishKind.MUST_MEET), ("rather_not", WishKind.RATHER_NOT)):
            for target in _list(cell.get(column, "")):
                if target.lower().startswith("org:"):
                    wishes.append(Wish(kind, organisation=target[4:].strip()))
                else:
                    wishes.append(Wish(kind, participant=target))
        relations = [(other, Relation.COLLABORATE) for other in _list(cell.get("collaborates_with", ""))]
        relations += [(other, Relation.MET_BEFORE) for other in _list(cell.get("met_before", ""))]
        people.append(Participant(
            id=pid, name=cell.get("name", ""), organisation=cell.get("organisation", ""),
            organisation_type=cell.get("organisation_type", ""), sector=cell.get("sector", ""),
            themes=tuple(t.lower() for t in _list(cell.get("themes", ""))),
            offers=_statements(path, line, "offers", cell.get("offers", "")),
            needs=_statements(path, line, "needs", cell.get("needs", "")),
            wishes=tuple(wishes), rounds=_rounds(path, line, cell.get("rounds", ""), rounds), relations=tuple(relations),
        ))
    if not people:
        raise InputError(path, None, "no participants after the header")
    # Wishes and relations must name someone in the file: a typo would silently do nothing.
    for p, (line, _) in zip(people, rows):
        for target in [w.participant for w in p.wishes if w.participant] + [other for other, _ in p.relations]:
            if target not in seen:
                raise InputError(path, line, f"{p.id} refers to {target}, who is not in the file")
    return tuple(people)


def write_seats(path, schedule: Schedule) -> None:
    """round,table,participant: one row per seat (text Excel would run as a formula is escaped)."""
    from klimapartner.spreadsheets import escape_formula

    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["round", "table", "participant"])
        for m in sorted(schedule.meetings, key=lambda m: (m.round, _table_key(m.table))):
            for pid in m.participants:
                out.writerow([m.round, escape_formula(m.table), escape_formula(pid)])


def _table_key(table: str):
    return (0, int(table), "") if table.isdigit() else (1, 0, table)


def _detail_rows(schedule: Schedule):
    for m in sorted(schedule.meetings, key=lambda m: (m.round, _table_key(m.table))):
        for pid in m.participants:
            reason = m.reason_for(pid)
            yield {"round": m.round, "table": m.table, "participant": pid,
                   "with": ", ".join(x for x in m.participants if x != pid), "meeting_score": round(m.score, 6),
                   "reason_da": reason.da if reason else "", "reason_en": reason.en if reason else ""}


def write_details(path, schedule: Schedule, as_json: bool) -> None:
    """Scores and reasons beside the seats: XLSX, or JSON with `as_json`."""
    summary = {"objective": schedule.objective, "bound": schedule.bound, "ratio": schedule.ratio, "seed": schedule.seed}
    rows = list(_detail_rows(schedule))
    if as_json:
        Path(path).write_text(json.dumps({"summary": summary, "seats": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    from klimapartner.spreadsheets import SheetOut, write_xlsx

    columns = ["round", "table", "participant", "with", "meeting_score", "reason_da", "reason_en"]
    Path(path).write_bytes(write_xlsx([  # text stays text, never a live formula
        SheetOut("Møder", columns, [[row[c] for c in columns] for row in rows]),
        SheetOut("Resumé", [], [[key, value] for key, value in summary.items()]),
    ]))
