import io
import time
import tracemalloc
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from klimapartner import spreadsheets
from klimapartner.spreadsheets import CellError, Limits, SpreadsheetError
from tests.spreadsheets.bombs import many_sheets_xlsx, rows_xlsx, zip_bomb_xlsx

D = Decimal


@pytest.mark.parametrize("text, mark, expected", [
    ("1.234,5", ",", D("1234.5")), ("1234,5", ",", D("1234.5")), ("1234.5", ",", D("1234.5")),
    ("1,234.5", ",", D("1234.5")), ("1.234.567,89", ",", D("1234567.89")), ("1.234", ",", D(1234)),
    ("1.234", ".", D("1.234")), ("1,234", ",", D("1.234")), ("1,234", ".", D(1234)), ("0.143", ",", D("0.143")),
    ("2.47", ",", D("2.47")), ("-12,5", ",", D("-12.5")), ("−3", ",", D(-3)), ("1 234,5", ",", D("1234.5")),
    ("1\u00a0234", ",", D(1234)), (",5", ",", D("0.5")), ("12", ",", D(12)), ("1e3", ",", D(1000)),
    ("1234.567", ",", D("1234.567")), (12.3, ",", D("12.3")), (7, ",", D(7)), ("", ",", None), (None, ",", None),
])
def test_numbers_are_read_the_danish_way_and_the_files_way(text, mark, expected):
    assert spreadsheets.parse_decimal(text, mark) == expected


@pytest.mark.parametrize("text", ["abc", "1.23.4", "1,2,3", "12,34.5", "1..2", "--1", "nan", "inf", float("nan"),
                                  True, "1.2345,6"])
def test_what_is_not_a_number_names_the_value(text):
    with pytest.raises(CellError) as caught:
        spreadsheets.parse_decimal(text)
    assert (caught.value.code, caught.value.params) == ("not_a_number", {"value": text})


def test_dates_yes_no_and_years():
    assert [spreadsheets.parse_date(v) for v in ("2025-03-01", "01-03-2025", "1.3.2025", "1/3/2025",
                                                  datetime(2025, 3, 1, 12), date(2025, 3, 1), "")] == [
        date(2025, 3, 1)] * 6 + [None]
    assert [spreadsheets.parse_bool(v) for v in ("ja", "Nej", "YES", "sand", "0", 1, "")] == [
        True, False, True, True, False, True, None]
    with pytest.raises(CellError) as caught:
        spreadsheets.parse_bool("måske")
    assert caught.value.code == "not_yes_no"
    with pytest.raises(CellError):
        spreadsheets.parse_date("31-02-2025")
    assert spreadsheets.parse_year(2030.0) == 2030


@pytest.mark.parametrize("data", [
    "navn;beløb\r\nVrå Tømrer;1.234,5\r\n".encode("utf-8"),
    "\ufeffnavn;beløb\r\nVrå Tømrer;1.234,5\r\n".encode("utf-8"),
    "navn;beløb\r\nVrå Tømrer;1.234,5\r\n".encode("cp1252"),
])
def test_csv_in_any_encoding_danish_excel_writes(data):
    (sheet,) = spreadsheets.read(data)
    assert (sheet.delimiter, sheet.rows) == (";", [["navn", "beløb"], ["Vrå Tømrer", "1.234,5"]])
    assert spreadsheets.parse_decimal(sheet.rows[1][1], sheet.decimal_mark) == D("1234.5")


def test_the_separator_decides_the_decimal_mark():
    (sheet,) = spreadsheets.read(b"key,value\ncoal,2.400\n")
    assert (sheet.delimiter, spreadsheets.parse_decimal(sheet.rows[1][1], sheet.decimal_mark)) == (",", D("2.4"))
    (tabs,) = spreadsheets.read(b"a\tb\n1\t2\n")
    assert tabs.delimiter == "\t"


@pytest.mark.parametrize("data, code", [
    (b"\x00\x01binary", "not_text"), (b"", "empty"), (b"   \r\n", "empty"), (b"\xd0\xcf\x11\xe0rest", "old_xls"),
    (b"PK\x03\x04not really", "not_xlsx"), ("navn\n\"open quote\x00".encode(), "not_text"),
])
def test_files_that_are_not_spreadsheets_are_named(data, code):
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(data)
    assert caught.value.code == code


def test_a_csv_with_a_bad_byte_for_windows_1252_is_not_text():
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(b"navn;by\nA;\x81\x8d\n")
    assert caught.value.code == "not_text"


def test_limits_are_checked_before_reading():
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(b"x" * 101, limits=Limits(max_bytes=100))
    assert (caught.value.code, caught.value.params) == ("too_large", {"size": 101, "limit": 100})
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(io.BytesIO(b"a;b\n" * 1000), limits=Limits(max_bytes=100))
    assert caught.value.code == "too_large"
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(b"a;b\n" * 11, limits=Limits(max_rows=10))
    assert (caught.value.code, caught.value.params) == ("too_many_rows", {"sheet": "", "limit": 10})
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(b"a;b;c\n" * 5, limits=Limits(max_cells=12))
    assert caught.value.code == "too_many_cells"
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(b"a;" + b"b" * 200 + b"\n", limits=Limits(max_cell_chars=100))
    assert (caught.value.code, caught.value.params) == ("cell_too_long", {"row": 1, "column": "B", "limit": 100})


def test_xlsx_limits_on_sheets_rows_and_cells():
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(many_sheets_xlsx(4), limits=Limits(max_sheets=3))
    assert (caught.value.code, caught.value.params) == ("too_many_sheets", {"count": 4, "limit": 3})
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(rows_xlsx(30), limits=Limits(max_rows=20))
    assert (caught.value.code, caught.value.params) == ("too_many_rows", {"sheet": "Sheet", "limit": 20})
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(rows_xlsx(10, columns=5), limits=Limits(max_cells=40))
    assert caught.value.code == "too_many_cells"


def test_a_sheet_claiming_the_whole_grid_is_read_at_its_real_size():
    (sheet,) = spreadsheets.read(rows_xlsx(3, columns=2, dimension="A1:XFD1048576"))
    assert sheet.rows == [["r0c0", "r0c1"], ["r1c0", "r1c1"], ["r2c0", "r2c1"]]


def test_xlsx_values_keep_their_types():
    workbook = openpyxl.Workbook()
    workbook.active.append(["tekst", 12.3, 7, datetime(2025, 3, 1), None, "slut"])
    workbook.active.append(["=1+1"])  # a formula without a saved value reads as empty, never as its text
    out = io.BytesIO()
    workbook.save(out)
    (sheet,) = spreadsheets.read(out.getvalue())
    assert sheet.rows == [["tekst", 12.3, 7, datetime(2025, 3, 1), None, "slut"], []]


@pytest.fixture(scope="module")
def bomb():
    return zip_bomb_xlsx(300)


def test_a_zip_bomb_is_refused_from_its_table_of_contents_fast_and_small(bomb):
    assert len(bomb) < 400 * 1024  # about 300 KB on disk …
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets.read(bomb)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # … that unpacks to 300 MB: refused before a byte of the sheet is inflated.
    assert caught.value.code == "too_large_uncompressed"
    assert caught.value.params["size"] > 300_000_000
    assert peak < 10 * 1024 * 1024
    assert elapsed < 1.0  # a bound, not a benchmark: the unchecked read took 49.6 s and 1.19 GB
