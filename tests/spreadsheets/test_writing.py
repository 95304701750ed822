import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from klimapartner import spreadsheets
from klimapartner.spreadsheets import SheetOut


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+45 12 34", "-1", "@SUM(A1)", "\tcmd", "\rcmd", "'quoted"])
def test_text_excel_would_run_is_escaped_and_reads_back_unchanged(text):
    escaped = spreadsheets.escape_formula(text)
    assert escaped == "'" + text
    assert spreadsheets.unescape_formula(escaped) == text


def test_plain_text_is_left_alone():
    assert spreadsheets.escape_formula("Vrå Tømrer") == "Vrå Tømrer"
    assert spreadsheets.unescape_formula("'tis") == "'tis"


def test_csv_for_danish_excel():
    data = spreadsheets.write_csv([["navn", "beløb", "dato", "ok", "formel"],
                                   ["Vrå", Decimal("1234.50"), date(2025, 3, 1), True, "=1+1"],
                                   ["Tårs", 3.92, None, False, "-2"]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == (
        "navn;beløb;dato;ok;formel\r\n"
        "Vrå;1234,5;2025-03-01;ja;'=1+1\r\n"
        "Tårs;3,92;;nej;'-2\r\n")
    (sheet,) = spreadsheets.read(data)
    assert [spreadsheets.unescape_formula(c) for c in sheet.rows[1]] == ["Vrå", "1234,5", "2025-03-01", "ja", "=1+1"]


def test_large_and_small_decimals_are_written_without_exponent():
    assert spreadsheets.format_decimal(Decimal("1E+5")) == "100000"
    assert spreadsheets.format_decimal(Decimal("0.000012")) == "0,000012"
    assert spreadsheets.format_decimal(Decimal("2.50"), ".") == "2.5"


def test_xlsx_stores_text_as_text_never_as_a_formula():
    data = spreadsheets.write_xlsx([SheetOut("Møder: 1/2", ["Navn", "Tal"], [["=HYPERLINK(\"x\")", Decimal("3.92")],
                                                                             ["ok\x07", 5]])])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert sheet.title == "Møder- 1-2"
    assert [(c.value, c.data_type) for c in sheet[2]] == [("=HYPERLINK(\"x\")", "s"), (3.92, "n")]
    assert sheet["A3"].value == "ok"
    assert sheet.freeze_panes == "A2"
