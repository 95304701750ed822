"""Danish spreadsheets, read once and written safely: CSV as Danish Excel writes it, and XLSX.

Pure Python (no Django), used by every import and export: partners, factor
sets, Klimakompasset reports, the matching command line, event and CO2
reports.

Reading:
- Limits are checked before anything is parsed: the file's size, and for an
  XLSX file (a zip archive) the uncompressed size its members declare, the
  number of sheets, then rows and cells while streaming. A zip bomb of a few
  hundred kilobytes is refused from its table of contents.
- CSV text is UTF-8 with or without a byte-order mark, else Windows-1252 (what
  older Excel saves as "CSV"); the separator is `;`, `,` or a tab, whichever
  the header line uses most.
- Numbers: decimal comma and thousands point the Danish way ("1.234,5"),
  and also "1234.5"; the file's separator decides the ambiguous "1.234"
  (`;` files are Danish: 1234; `,` files are English: 1.234).
- Dates: 2025-03-01, 01-03-2025, 1.3.2025, 1/3/2025 (day first) or an Excel date.
- Yes/no: ja/nej, yes/no, true/false, sand/falsk, 1/0, j/n, y/n.

Writing: CSV with `;`, a BOM and CRLF, decimal commas; XLSX with text stored as
text. Text that Excel would run as a formula (starting with =, +, -, @, a tab
or a carriage return) gets a leading apostrophe, which `unescape_formula`
removes again on import.

Every problem is a `SpreadsheetError(code, params)` naming the row, column and
value where it can; the app translates the code.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "true", "sand", "1", "x"})
FALSE_WORDS = frozenset({"nej", "n", "no", "false", "falsk", "0"})


@dataclass(frozen=True)
class Limits:
    """What a file may hold before it is read. The defaults fit any real partner or factor file."""

    max_bytes: int = 5 * 1024 * 1024
    max_uncompressed_bytes: int = 60 * 1024 * 1024  # sum over the XLSX archive's members
    max_sheets: int = 30
    max_rows: int = 100_000  # per sheet
    max_cells: int = 2_000_000  # per file
    max_cell_chars: int = 32_767  # Excel's own limit for one cell


DEFAULT_LIMITS = Limits()


class SpreadsheetError(ValueError):
    """A file or cell that can't be read. `code` says what, `params` where (row, column, value, sheet …)."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(describe(code, params))


class CellError(SpreadsheetError):
    """One cell's value can't be read as the type its column needs."""


# English wording for the command line and logs; the web app translates the codes itself.
MESSAGES = {
    "too_large": "the file is {size} bytes; the limit is {limit} bytes",
    "too_large_uncompressed": "the workbook unpacks to {size} bytes; the limit is {limit} bytes",
    "too_many_sheets": "the workbook has {count} sheets; the limit is {limit}",
    "too_many_rows": "sheet {sheet} has more than {limit} rows",
    "too_many_cells": "the file has more than {limit} cells",
    "cell_too_long": "row {row}, column {column}: the cell has more than {limit} characters",
    "not_xlsx": "the file is not an Excel workbook (.xlsx)",
    "old_xls": "old Excel files (.xls) cannot be read; save the file as .xlsx or CSV",
    "not_text": "the file is neither a CSV file nor an Excel workbook (.xlsx)",
    "empty": "the file is empty",
    "csv_broken": "the CSV file cannot be read: {detail}",
    "missing_sheet": "the sheet {sheet} is missing",
    "no_such_file": "no such file: {path}",
    "not_a_number": "{value!r} is not a number",
    "not_a_date": "{value!r} is not a date",
    "not_a_year": "{value!r} is not a year",
    "not_yes_no": "{value!r} is not yes or no",
}


def describe(code: str, params: dict) -> str:
    """The English sentence for a code, for the command line."""
    template = MESSAGES.get(code, code)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{code} {params}"


@dataclass
class Sheet:
    """A sheet's rows as read: text cells from CSV; text, numbers, dates or None from XLSX.

    `delimiter` is the CSV separator ("" for XLSX); it decides how an ambiguous
    number like "1.234" is read (see parse_decimal).
    """

    name: str
    rows: list[list] = field(default_factory=list)
    delimiter: str = ""

    @property
    def decimal_mark(self) -> str:
        return "." if self.delimiter == "," else ","

    def numbered(self, start: int = 1):
        """(row number, cells) with row 1 the first row, blank rows left out."""
        for number, cells in enumerate(self.rows, start=start):
            if not all(is_blank(c) for c in cells):
                yield number, cells


# ------------------------------------------------------------------ reading


def read(source, *, filename: str = "", limits: Limits = DEFAULT_LIMITS, sheets=None) -> list[Sheet]:
    """Every sheet of a CSV or XLSX file (bytes, a path or a binary file); CSV gives one sheet named "".

    `sheets` (names, case-insensitive) limits an XLSX file to the sheets wanted.
    """
    data, filename = file_bytes(source, filename, limits)
    if data.startswith(ZIP_MAGIC):
        return read_xlsx(data, limits=limits, sheets=sheets)
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetError("old_xls")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise SpreadsheetError("not_xlsx")
    return [read_csv(data, limits=limits)]


def file_bytes(source, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, str]:
    """The file's bytes, refused before reading when it is too large."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise SpreadsheetError("no_such_file", path=str(path))
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise SpreadsheetError("too_large", size=size, limit=limits.max_bytes)
        data, filename = path.read_bytes(), filename or path.name
    else:  # a file object: read one byte more than allowed, never the whole of a huge upload
        data = source.read(limits.max_bytes + 1)
        filename = filename or getattr(source, "name", "") or ""
    if len(data) > limits.max_bytes:
        raise SpreadsheetError("too_large", size=len(data), limit=limits.max_bytes)
    return data, filename


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; SpreadsheetError for binary data."""
    if re.search(rb"[\x00-\x08\x0e-\x1f]", data):
        raise SpreadsheetError("not_text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; Excel never writes them, so they mean "not a text file".
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SpreadsheetError("not_text") from None


def sniff_delimiter(header_line: str) -> str:
    """`;` (Danish Excel), `,` or a tab: whichever the header line holds most; `;` on a tie."""
    return max(";,\t", key=header_line.count)


def read_csv(data: bytes | str, *, limits: Limits = DEFAULT_LIMITS, delimiter: str | None = None) -> Sheet:
    """A CSV file's rows as text cells, stripped of surrounding spaces."""
    text = data if isinstance(data, str) else decode_text(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise SpreadsheetError("empty")
    delimiter = delimiter or sniff_delimiter(text.split("\n", 1)[0])
    csv.field_size_limit(max(limits.max_cell_chars + 1, 1024))
    rows, cells = [], 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if number > limits.max_rows:
                raise SpreadsheetError("too_many_rows", sheet="", limit=limits.max_rows)
            cells += len(row)
            if cells > limits.max_cells:
                raise SpreadsheetError("too_many_cells", limit=limits.max_cells)
            for col, cell in enumerate(row, start=1):
                if len(cell) > limits.max_cell_chars:
                    raise SpreadsheetError("cell_too_long", row=number, column=column_letter(col),
                                           limit=limits.max_cell_chars)
            rows.append([cell.strip() for cell in row])
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SpreadsheetError("cell_too_long", row=len(rows) + 1, column="", limit=limits.max_cell_chars) from None
        raise SpreadsheetError("csv_broken", detail=str(error)) from None
    return Sheet("", rows, delimiter)


def check_xlsx_archive(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse an XLSX file whose archive is broken or unpacks to more than the limit, from its table of contents.

    zipfile never inflates a member beyond the size the table of contents declares
    (it checks the CRC at the end), so the declared sizes bound the work.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise SpreadsheetError("not_xlsx") from None
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed_bytes:
        raise SpreadsheetError("too_large_uncompressed", size=total, limit=limits.max_uncompressed_bytes)
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError("not_xlsx")
    sheets = sum(1 for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    if sheets > limits.max_sheets:
        raise SpreadsheetError("too_many_sheets", count=sheets, limit=limits.max_sheets)


def read_xlsx(data: bytes, *, limits: Limits = DEFAULT_LIMITS, sheets=None) -> list[Sheet]:
    """The workbook's sheets (or the named ones, in the file's order), streamed in read-only mode."""
    import openpyxl

    check_xlsx_archive(data, limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises anything from zipfile, XML parsing and its own checks for a broken file
        raise SpreadsheetError("not_xlsx") from None
    wanted = None if sheets is None else {name.strip().lower() for name in sheets}
    out, cells = [], 0
    try:
        if len(workbook.sheetnames) > limits.max_sheets:
            raise SpreadsheetError("too_many_sheets", count=len(workbook.sheetnames), limit=limits.max_sheets)
        for worksheet in workbook.worksheets:
            if wanted is not None and worksheet.title.strip().lower() not in wanted:
                continue
            if hasattr(worksheet, "reset_dimensions"):
                # A stated dimension like A1:XFD1048576 would pad every row to 16,384 cells.
                worksheet.reset_dimensions()
            rows = []
            try:
                for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                    if number > limits.max_rows:
                        raise SpreadsheetError("too_many_rows", sheet=worksheet.title, limit=limits.max_rows)
                    row = list(row)
                    while row and row[-1] is None:
                        row.pop()
                    cells += len(row)
                    if cells > limits.max_cells:
                        raise SpreadsheetError("too_many_cells", limit=limits.max_cells)
                    rows.append(row)
            except SpreadsheetError:
                raise
            except Exception:  # a damaged sheet inside a valid archive
                raise SpreadsheetError("not_xlsx") from None
            out.append(Sheet(worksheet.title, rows))
    finally:
        workbook.close()
    return out


def find_sheet(sheets: list[Sheet], name: str) -> Sheet | None:
    """The sheet with this name, ignoring case and surrounding spaces."""
    wanted = name.strip().lower()
    return next((s for s in sheets if s.name.strip().lower() == wanted), None)


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA: Excel's name for a column."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ------------------------------------------------------------------- cells


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value) -> str:
    """A cell as text: Excel's 9760.0 for a typed postcode becomes "9760", a date "2025-03-01"."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f'")
_DIGITS = re.compile(r"\d+")
_GROUPED_POINT = re.compile(r"[1-9]\d{0,2}(\.\d{3})+")  # 1.234.567
_GROUPED_COMMA = re.compile(r"[1-9]\d{0,2}(,\d{3})+")  # 1,234,567
_FRACTION = re.compile(r"\d*[.,]\d+|\d+[.,]?")


def parse_decimal(value, decimal_mark: str = ",") -> Decimal | None:
    """A number as people and spreadsheets write it; None for a blank cell; CellError otherwise.

    "1.234,5", "1234,5", "1234.5", "1,234.5", "-12", "1 234,5" all work. Only
    "1.234" and "1,234" are ambiguous: `decimal_mark` decides them ("," reads
    "1.234" as 1234 and "1,234" as 1.234). Excel numbers come through as they
    are (12.3 stays 12.3, not 12.300000000000000710…).
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("not_a_number", value=value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
        if not number.is_finite():
            raise CellError("not_a_number", value=value)
        return number
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError("not_a_number", value=value)
        return value
    text = str(value).strip().translate(_SPACES).replace("\u2212", "-")
    sign = ""
    if text[:1] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    number = _normalise_number(text, decimal_mark)
    if number is None:
        raise CellError("not_a_number", value=value)
    try:
        result = Decimal(sign + number)
    except InvalidOperation:
        raise CellError("not_a_number", value=value) from None
    return result


def _normalise_number(text: str, decimal_mark: str) -> str | None:
    """The number in Python's notation ("1234.5"), or None when the text isn't one."""
    if not text or not re.fullmatch(r"[\d.,]+(e[+-]?\d+)?", text, re.IGNORECASE):
        return None
    mantissa, _e, exponent = text.lower().partition("e")
    exponent = f"e{exponent}" if _e else ""
    points, commas = mantissa.count("."), mantissa.count(",")
    if points and commas:
        # Both: the last one is the decimal mark, the other groups thousands.
        mark, group = (",", ".") if mantissa.rfind(",") > mantissa.rfind(".") else (".", ",")
        whole, _sep, fraction = mantissa.rpartition(mark)
        grouped = _GROUPED_POINT if group == "." else _GROUPED_COMMA
        if mantissa.count(mark) != 1 or not grouped.fullmatch(whole) or not _DIGITS.fullmatch(fraction):
            return None
        return whole.replace(group, "") + "." + fraction + exponent
    if points > 1 or commas > 1:
        grouped = _GROUPED_POINT if points else _GROUPED_COMMA
        return mantissa.replace(".", "").replace(",", "") + exponent if grouped.fullmatch(mantissa) else None
    if points or commas:
        mark = "." if points else ","
        whole, _sep, fraction = mantissa.partition(mark)
        if not fraction and not whole:
            return None
        # "1.234" / "1,234": three digits after one mark could be a thousands group.
        if len(fraction) == 3 and whole and whole[0] != "0" and len(whole) <= 3 and mark != decimal_mark:
            return whole + fraction + exponent
        return (whole or "0") + "." + (fraction or "0") + exponent
    return mantissa + exponent


def parse_year(value) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    raise CellError("not_a_year", value=value)


def parse_int(value) -> int | None:
    """A whole number; "1.000" reads as 1000 the Danish way."""
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError("not_a_number", value=value)
    return int(number)


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_DANISH_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


def parse_date(value) -> date | None:
    """2025-03-01, 01-03-2025, 1.3.2025 and 1/3/2025 (day first), or an Excel date cell."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = match.groups()
            return date(int(year), int(month), int(day))
        if match := _DANISH_DATE.fullmatch(text):
            day, month, year = match.groups()
            return date(int(year), int(month), int(day))
    except ValueError:
        pass
    raise CellError("not_a_date", value=value)


def parse_bool(value) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = parse_text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError("not_yes_no", value=value)


# ------------------------------------------------------------------- writing


def escape_formula(text: str) -> str:
    """Prefix an apostrophe where Excel would run the text as a formula (and before a leading apostrophe, to stay
    reversible)."""
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def unescape_formula(text: str) -> str:
    if isinstance(text, str) and text.startswith("'") and text[1:2] in (*FORMULA_STARTS, "'"):
        return text[1:]
    return text


def format_decimal(value: Decimal | None, decimal_mark: str = ",") -> str:
    """1234.50 -> "1234,5": the decimal mark, no grouping, no trailing zeros, never an exponent."""
    if value is None:
        return ""
    value = Decimal(value)
    if not value.is_finite():
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", decimal_mark) if decimal_mark != "." else text


def csv_cell(value, decimal_mark: str = ",") -> str:
    """A value as CSV text: ja/nej, ISO dates, decimal commas, formula-safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, float)):
        return format_decimal(Decimal(repr(value)) if isinstance(value, float) else value, decimal_mark)
    if isinstance(value, int):
        return str(value)
    return escape_formula(str(value))


def write_csv(rows, *, delimiter: str = ";", bom: bool = True) -> bytes:
    """Rows as CSV bytes for Danish Excel: `;`, decimal commas, CRLF, UTF-8 with a BOM, formula-safe."""
    decimal_mark = "." if delimiter == "," else ","
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value, decimal_mark) for value in row])
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class SheetOut:
    """A sheet to write: a title, a header row (bold, frozen) and rows of values."""

    title: str
    header: list
    rows: list = field(default_factory=list)
    widths: dict = field(default_factory=dict)  # column number (1-based) -> width in characters


def write_xlsx(sheets) -> bytes:
    """Sheets as an XLSX workbook; text is always stored as text (never as a formula), numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(_sheet_title(spec.title))
        for col, name in enumerate(spec.header, start=1):
            cell = sheet.cell(row=1, column=col, value=_xlsx_value(name))
            cell.font = Font(bold=True)
            if isinstance(cell.value, str):
                cell.data_type = "s"
        if spec.header:
            sheet.freeze_panes = "A2"
        for r, row in enumerate(spec.rows, start=2 if spec.header else 1):
            for col, value in enumerate(row, start=1):
                value = _xlsx_value(value)
                cell = sheet.cell(row=r, column=col, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a live formula
                elif isinstance(value, (date, datetime)):
                    cell.number_format = "yyyy-mm-dd"
        for col, name in enumerate(spec.header, start=1):
            width = spec.widths.get(col, max(10, min(60, len(str(name or "")) + 2)))
            sheet.column_dimensions[column_letter(col)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters.
    return re.sub(r"[\[\]:*?/\\]", "-", str(title))[:31] or "-"


def _xlsx_value(value):
    if value is None or isinstance(value, (int, float, date, datetime)):
        return value
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    # Control characters pasted into a text cannot be stored in XLSX at all.
    return _ILLEGAL_XML.sub("", str(value))
