"""`klimapartner tour`: the file contract, exactly."""

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from klimapartner.__main__ import main

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("KLIMAPARTNER_LANGUAGE", "en")


def run(capsys, *argv):
    code = main(["klimapartner", "tour", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def matrix_file(tmp_path, minutes: dict[tuple[str, str], int]) -> Path:
    path = tmp_path / "matrix.csv"
    path.write_text("from,to,minutes\n" + "".join(f"{a},{b},{m}\n" for (a, b), m in minutes.items()), "utf-8")
    return path


LEGS = {"raadhus": {"smedje": 20, "vraa": 15, "sol": 20}, "smedje": {"vraa": 25, "sol": 30}, "vraa": {"sol": 30}}


def symmetric_matrix():
    out = {}
    for a, row in LEGS.items():
        for b, m in row.items():
            out[a, b] = out[b, a] = m
    return out


def test_a_semicolon_file_with_decimal_commas_gives_the_route_from_coordinates(tmp_path, capsys):
    out = tmp_path / "route.csv"
    code, printed, err = run(capsys, str(DATA / "stops.csv"), "--depart", "08:30", "--return-by", "14:00", "--out", str(out))
    assert (code, err) == (0, "")
    assert rows(out) == [
        ["order", "id", "arrive", "start", "leave"],
        ["0", "raadhus", "", "", "08:30"],
        ["1", "sol", "08:53", "09:00", "09:40"],
        ["2", "smedje", "10:05", "10:05", "10:50"],
        ["3", "vraa", "11:16", "11:16", "11:46"],
        ["4", "raadhus", "12:05", "", ""],
    ]
    assert printed.startswith("optimal route: back 12:05, driving 93 min, waiting 7 min, 3 stops (exact, ")


def test_a_matrix_file_replaces_the_coordinates(tmp_path, capsys):
    out = tmp_path / "route.csv"
    travel = matrix_file(tmp_path, symmetric_matrix())
    code, _, _ = run(capsys, str(DATA / "stops.csv"), "--depart", "08:30", "--return-by", "14:00",
                     "--travel", str(travel), "--out", str(out), "--objective", "driving")
    assert code == 0
    # least driving: sol, smedje, vraa drives 20 + 30 + 25 + 15 = 90, and so does the reverse, but that
    # waits at the smithy until 10:00 and is back at 12:15
    assert [r[1:] for r in rows(out)] == [
        ["id", "arrive", "start", "leave"], ["raadhus", "", "", "08:30"], ["sol", "08:50", "09:00", "09:40"],
        ["smedje", "10:10", "10:10", "10:55"], ["vraa", "11:20", "11:20", "11:50"], ["raadhus", "12:05", "", ""]]


def test_an_xlsx_file_is_read_like_the_csv(tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    with open(DATA / "stops.csv", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter=";"):
            sheet.append([float(c.replace(",", ".")) if c[:2] in ("57", "9,") else c for c in row])
    book.save(tmp_path / "stops.xlsx")
    out = tmp_path / "route.csv"
    code, _, _ = run(capsys, str(tmp_path / "stops.xlsx"), "--depart", "08:30", "--return-by", "14:00", "--out", str(out))
    assert code == 0
    assert [r[1] for r in rows(out)] == ["id", "raadhus", "sol", "smedje", "vraa", "raadhus"]


def test_no_route_exits_non_zero_with_the_reason_on_standard_error(tmp_path, capsys, monkeypatch):
    out = tmp_path / "route.csv"
    code, printed, err = run(capsys, str(DATA / "stops.csv"), "--depart", "08:30", "--return-by", "11:00", "--out", str(out))
    assert (code, printed, out.exists()) == (1, "", False)
    assert err == ("After the visit to Lønstrup Kunstsmedje the bus can be back at 11:03 at the earliest; "
                   "it must be back by 11:00 – start earlier, shorten a visit, or drop a stop.\n")
    monkeypatch.setenv("KLIMAPARTNER_LANGUAGE", "da")
    code, printed, err = run(capsys, str(DATA / "stops.csv"), "--depart", "08:30", "--return-by", "11:00", "--out", str(out))
    assert err.startswith("Efter besøget hos Lønstrup Kunstsmedje kan bussen tidligst være tilbage kl. 11.03;")


def test_bad_cells_are_all_named_with_row_column_and_value(tmp_path, capsys):
    stops = tmp_path / "stops.csv"
    stops.write_text("id,name,lat,lon,visit_minutes,opens,closes\n"
                     "d,Depot,57.4,9.9,15,,\n"
                     "a,Gården,nord,9.9,30,9:00,8:00\n"
                     "a,Igen,57.4,9.9,tre,25:00,\n", "utf-8")
    code, _, err = run(capsys, str(stops), "--depart", "8.30", "--return-by", "late", "--out", str(tmp_path / "r.csv"))
    assert code == 2
    assert err.splitlines() == [
        "--return-by: 'late' is not a time like 09:40.",
        f"{stops}, row 2: the first row is the depot, so its visit_minutes must be 0, not '15'.",
        f"{stops}, row 3, column lat: 'nord' is not a coordinate in degrees.",
        f"{stops}, row 3: closes 08:00 is not after opens 09:00.",
        f"{stops}, row 4: the id 'a' is already used in row 3.",
        f"{stops}, row 4, column visit_minutes: 'tre' is not a whole number of minutes.",
        f"{stops}, row 4, column opens: '25:00' is not a time like 09:40.",
    ]


def test_a_matrix_with_a_missing_pair_or_an_unknown_id_is_refused(tmp_path, capsys):
    minutes = symmetric_matrix()
    del minutes["sol", "vraa"]
    travel = matrix_file(tmp_path, minutes)
    code, _, err = run(capsys, str(DATA / "stops.csv"), "--depart", "08:30", "--return-by", "14:00",
                       "--travel", str(travel), "--out", str(tmp_path / "r.csv"))
    assert (code, err) == (2, f"{travel}: there is no row from sol to vraa (one row per ordered pair of ids is needed).\n")
    with open(travel, "a", encoding="utf-8") as f:
        f.write("sol,skolen,12\n")
    code, _, err = run(capsys, str(DATA / "stops.csv"), "--depart", "08:30", "--return-by", "14:00",
                       "--travel", str(travel), "--out", str(tmp_path / "r.csv"))
    assert err == f"{travel}, row 13, column to: 'skolen' is not an id in the stops file.\n"


def test_a_file_with_the_wrong_columns_says_which_are_expected(tmp_path, capsys):
    stops = tmp_path / "stops.csv"
    shutil.copy(DATA / "stops.csv", stops)
    stops.write_text(stops.read_text("utf-8").replace("visit_minutes", "minutes"), "utf-8")
    code, _, err = run(capsys, str(stops), "--depart", "08:30", "--return-by", "14:00", "--out", str(tmp_path / "r.csv"))
    assert (code, err) == (2, f"{stops}: the first row must be the columns id,name,lat,lon,visit_minutes,opens,closes; "
                              "it is id,name,lat,lon,minutes,opens,closes.\n")


def test_windows_1252_from_old_danish_excel_is_read(tmp_path, capsys):
    stops = tmp_path / "stops.csv"
    stops.write_bytes((DATA / "stops.csv").read_text("utf-8").encode("cp1252"))
    code, _, _ = run(capsys, str(stops), "--depart", "08:30", "--return-by", "14:00", "--out", str(tmp_path / "r.csv"))
    assert code == 0


def test_a_file_that_is_no_spreadsheet_is_named_in_the_same_language(tmp_path, capsys, monkeypatch):
    stops = tmp_path / "stops.xls"
    stops.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    code, _, err = run(capsys, str(stops), "--depart", "08:30", "--return-by", "14:00", "--out", str(tmp_path / "r.csv"))
    assert (code, err) == (2, f"{stops} cannot be read: old Excel files (.xls) cannot be read; save it as .xlsx or CSV.\n")
    monkeypatch.setenv("KLIMAPARTNER_LANGUAGE", "da")
    code, _, err = run(capsys, str(tmp_path / "findes-ikke.csv"), "--depart", "08:30", "--return-by", "14:00",
                       "--out", str(tmp_path / "r.csv"))
    assert err == f"{tmp_path / 'findes-ikke.csv'} kan ikke læses: filen findes ikke.\n"
