"""Import of the Excel report partners download from Klimakompasset.

Klimakompasset is the Danish Business Authority's free CO2 calculator. Its
Excel report has, among others, the sheets "Stamdata" (company and period),
"Delresultater (GHG)" (results per GHG Protocol scope and area, in tonnes
CO2e) and, in newer versions, "Data (alle poster)" (every entry with amount
and unit). The layout isn't published, so this reader finds tables by their
labels rather than by fixed cells, and names what it can't find.
"""

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from klimapartner.accounting.activity import ActivityLine, Source, YearActivity, grid_area_for_postcode
from klimapartner.accounting.inventory import EmissionLine, Inventory
from klimapartner.accounting.units import parse_unit, plain

STAMDATA = "Stamdata"
RESULTS = "Delresultater (GHG)"
ENTRIES = "Data (alle poster)"

# Stamdata labels (column A) -> field; matched on the label's start, case-insensitive.
STAMDATA_LABELS = {
    "company": ("virksomhedsnavn", "virksomhedens navn", "navn"),
    "cvr": ("cvr",),
    "postcode": ("postnummer", "postnr"),
    "employees": ("antal ansatte", "antal medarbejdere", "årsværk", "antal årsværk"),
    "start": ("startdato", "periode start", "start"),
    "end": ("slutdato", "periode slut", "slut"),
}

# Klimakompasset's area names -> GHG Protocol category (per scope), first match wins.
CATEGORY_WORDS = (
    (1, ("køle", "kølemid"), "1.fugitive"),
    (1, ("vognpark", "køretøj", "bil", "transport", "diesel", "benzin"), "1.mobile_combustion"),
    (1, ("brændsel", "brændsler", "naturgas", "olie", "gas", "opvarmning"), "1.stationary_combustion"),
    (2, ("el",), "2.electricity"),
    (2, ("varme", "fjernvarme", "damp", "køling"), "2.heat"),
    (3, ("indkøb", "varer", "tjeneste", "materialer", "råvarer"), "3.1_purchased_goods"),
    (3, ("energirelat", "brændstof- og energi", "upstream"), "3.3_fuel_and_energy"),
    (3, ("varetransport", "transport", "distribution"), "3.4_upstream_transport"),
    (3, ("affald",), "3.5_waste"),
    (3, ("rejse", "fly", "forretningsrejser"), "3.6_business_travel"),
    (3, ("pendling",), "3.7_commuting"),
)

# Entries in "Data (alle poster)" -> activity source: regular expressions on category and
# description, whole words so "Diesel" is never read as "el".
SOURCE_WORDS = (
    (r"fjernvarme", Source.DISTRICT_HEATING),
    (r"\bhvo", Source.HVO),
    (r"diesel", Source.DIESEL),
    (r"benzin", Source.PETROL),
    (r"\blpg\b|flaskegas|\bgasol\b", Source.LPG),
    (r"naturgas|bygas", Source.NATURAL_GAS),
    (r"fyrings(gas)?olie", Source.HEATING_OIL),
    (r"\bel(forbrug|ektricitet)?\b", Source.ELECTRICITY),
)


class KlimakompassetFormatError(ValueError):
    """The file isn't a Klimakompasset report this reader understands; `missing` names what's absent."""

    def __init__(self, message: str, missing: tuple[str, ...] = ()):
        self.missing = missing
        super().__init__(message)


@dataclass(frozen=True)
class ReportedLine:
    """One result line as Klimakompasset reported it."""

    scope: int
    category: str  # GHG Protocol category code (see factors.CATEGORIES)
    label: str  # Klimakompasset's own wording
    method: str  # "location", "market" or "" (scope 2 lines without a method count for both)
    kg_co2e: Decimal
    row: int


@dataclass(frozen=True)
class KlimakompassetImport:
    company: str
    cvr: str
    postcode: str
    period_start: date
    period_end: date
    year: int
    employees: Decimal | None
    reported: tuple[ReportedLine, ...]
    activity_lines: tuple[ActivityLine, ...]
    unmapped: tuple[str, ...]  # entries not turned into activity, with the reason
    warnings: tuple[str, ...]

    def activity(self, partner: str) -> YearActivity:
        """The entries we could map, as the partner's activity for the year."""
        return YearActivity(partner, self.year, self.activity_lines, self.employees)

    def inventory(self, partner: str) -> Inventory:
        """Klimakompasset's own result as an Inventory (its factors, not ours)."""
        lines = tuple(
            EmissionLine(line=r.row, source="klimakompasset", variant=r.label, scope=r.scope, category=r.category,
                         method=r.method, activity_amount=r.kg_co2e, activity_unit="kg_CO2e",
                         factor_key="klimakompasset.reported", factor_value=Decimal(1),
                         factor_unit="kg CO2e/kg_CO2e", kg_co2e=r.kg_co2e)
            for r in self.reported)
        return Inventory(partner, self.year, "Klimakompasset (as reported)", lines, self.employees)


def read_klimakompasset(source) -> KlimakompassetImport:
    """Read a Klimakompasset XLSX report (path, bytes or binary file object)."""
    import openpyxl

    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    try:
        workbook = openpyxl.load_workbook(source, data_only=True)
    except Exception as exc:  # zipfile, KeyError, InvalidFileException …
        raise KlimakompassetFormatError(
            f"The file could not be opened as an Excel workbook (.xlsx): {exc.__class__.__name__}") from exc
    sheets = {name.strip().lower(): name for name in workbook.sheetnames}
    missing = [name for name in (STAMDATA, RESULTS) if name.lower() not in sheets]
    if missing:
        raise KlimakompassetFormatError(
            f"This is not a Klimakompasset report: the sheet{'s' if len(missing) > 1 else ''} "
            f"{' and '.join(repr(m) for m in missing)} {'are' if len(missing) > 1 else 'is'} missing "
            f"(sheets in the file: {', '.join(workbook.sheetnames)})", tuple(missing))
    warnings: list[str] = []
    master = _read_stamdata(workbook[sheets[STAMDATA.lower()]], warnings)
    start, end = master["start"], master["end"]
    if end < start:
        raise KlimakompassetFormatError(f"Stamdata: the end date {end} is before the start date {start}",
                                        ("Slutdato",))
    if (end - start).days > 366:
        raise KlimakompassetFormatError(f"Stamdata: the period {start} – {end} is longer than a year; "
                                        "a CO2 account covers one year", ("Startdato", "Slutdato"))
    if not (start == date(start.year, 1, 1) and end == date(start.year, 12, 31)):
        warnings.append(f"the period {start} – {end} is not a calendar year; it is counted as {end.year}")
    reported = _read_results(workbook[sheets[RESULTS.lower()]], warnings)
    lines, unmapped = (), ()
    if ENTRIES.lower() in sheets:
        area = grid_area_for_postcode(master["postcode"])
        lines, unmapped = _read_entries(workbook[sheets[ENTRIES.lower()]], area)
    else:
        warnings.append(f"no sheet {ENTRIES!r}: only the results were imported, no activity data")
    return KlimakompassetImport(master["company"], master["cvr"], master["postcode"], start, end, end.year,
                                master["employees"], reported, lines, unmapped, tuple(warnings))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _number(value) -> Decimal | None:
    """A cell as Decimal: numbers, "1.234,5" and "1,234.5" text; None for blanks and "(ikke angivet)"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        # repr of a float is the shortest exact round-trip, so 12.3 stays 12.3
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if not text or "angivet" in text.lower() or text in ("-", "–"):
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _read_stamdata(sheet, warnings: list[str]) -> dict:
    found: dict = {}
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 200), max_col=2, values_only=True):
        label = _text(row[0]).lower().rstrip(":")
        if not label:
            continue
        for name, starts in STAMDATA_LABELS.items():
            if name not in found and any(label.startswith(s) for s in starts):
                found[name] = row[1] if len(row) > 1 else None
                break
    missing = [label for name, label in (("start", "Startdato"), ("end", "Slutdato")) if _date(found.get(name)) is None]
    if missing:
        raise KlimakompassetFormatError(
            f"Stamdata: no readable {' or '.join(missing)} (a label in column A with the date in column B)",
            tuple(missing))
    employees = None
    if found.get("employees") is not None:
        try:
            employees = _number(found["employees"])
        except ValueError:
            warnings.append(f"Stamdata: the number of employees {found['employees']!r} is not a number; "
                            "no intensity per employee")
    postcode = _text(found.get("postcode"))
    if isinstance(found.get("postcode"), float):
        postcode = str(int(found["postcode"]))
    return {"company": _text(found.get("company")), "cvr": _text(found.get("cvr")), "postcode": postcode,
            "employees": employees, "start": _date(found["start"]), "end": _date(found["end"])}


def _find_header(sheet, required: dict[str, tuple[str, ...]], sheet_name: str) -> tuple[int, dict[str, int]]:
    """The first row holding every required column (name -> label patterns); its row number and column indexes."""
    best: tuple[int, dict] = (0, {})
    for number, row in enumerate(sheet.iter_rows(max_row=min(sheet.max_row, 100), values_only=True), start=1):
        columns = {}
        for index, value in enumerate(row):
            label = _text(value).lower()
            for name, patterns in required.items():
                if name not in columns and label and any(re.search(p, label) for p in patterns):
                    columns[name] = index
                    break
        if len(columns) == len(required):
            return number, columns
        if len(columns) > len(best[1]):
            best = (number, columns)
    missing = tuple(name for name in required if name not in best[1])
    raise KlimakompassetFormatError(
        f"{sheet_name}: no header row with the column{'s' if len(missing) > 1 else ''} "
        f"{', '.join(repr(m) for m in missing)}", missing)


def _category(scope: int, label: str) -> str:
    words = label.lower()
    for s, patterns, code in CATEGORY_WORDS:
        if s == scope and any(re.search(rf"(^|\W){re.escape(p)}", words) for p in patterns):
            return code
    return f"{scope}.other"


def _read_results(sheet, warnings: list[str]) -> tuple[ReportedLine, ...]:
    header, cols = _find_header(sheet, {
        "Scope": (r"^scope",),
        "Kategori": (r"^kategori", r"^område", r"^emissionskilde", r"^kilde"),
        "Ton CO2e": (r"ton\s*co2", r"co2e?\s*\(ton", r"co2-?e.*ton"),
    }, RESULTS)
    method_col = None
    for index, value in enumerate(next(sheet.iter_rows(min_row=header, max_row=header, values_only=True))):
        if re.search(r"^(metode|opgørelsesmetode)", _text(value).lower()):
            method_col = index
    lines, stated_total, last_scope = [], None, None
    for number, row in enumerate(sheet.iter_rows(min_row=header + 1, values_only=True), start=header + 1):
        scope_text = _text(row[cols["Scope"]] if cols["Scope"] < len(row) else None).lower()
        label = _text(row[cols["Kategori"]] if cols["Kategori"] < len(row) else None)
        raw = row[cols["Ton CO2e"]] if cols["Ton CO2e"] < len(row) else None
        if not scope_text and not label and raw is None:
            continue
        try:
            tonnes = _number(raw)
        except ValueError:
            raise KlimakompassetFormatError(
                f"{RESULTS}, row {number}: the value {raw!r} in column 'Ton CO2e' is not a number", ("Ton CO2e",))
        if "i alt" in scope_text or "total" in scope_text or label.lower() in ("i alt", "total"):
            stated_total = tonnes
            continue
        match = re.search(r"[123]", scope_text)
        if match:
            scope = int(match.group())
        elif not scope_text and last_scope is not None:
            # A scope cell merged over several rows is empty below its first row.
            scope = last_scope
        else:
            warnings.append(f"{RESULTS}, row {number}: scope {scope_text!r} not understood; the row was skipped")
            continue
        last_scope = scope
        if tonnes is None:
            continue
        if tonnes < 0:
            raise KlimakompassetFormatError(f"{RESULTS}, row {number}: {tonnes} t CO2e is negative", ("Ton CO2e",))
        method_text = (scope_text + " " + (_text(row[method_col]).lower() if method_col is not None
                                           and method_col < len(row) else ""))
        method = ""
        if scope == 2:
            method = "market" if "marked" in method_text else "location" if "lokation" in method_text else ""
        lines.append(ReportedLine(scope, _category(scope, label), label, method, tonnes * 1000, number))
    if not lines:
        raise KlimakompassetFormatError(f"{RESULTS}: the table has no result rows", ("Ton CO2e",))
    if stated_total is not None:
        has_market = any(r.method == "market" for r in lines)
        summed = sum((r.kg_co2e for r in lines if r.method != "market" or not has_market), Decimal(0)) / 1000
        if abs(summed - stated_total) > Decimal("0.01"):
            warnings.append(f"{RESULTS}: the rows add up to {plain(summed)} t CO2e but the file's total says {stated_total}")
    return tuple(lines)


def _read_entries(sheet, area: str) -> tuple[tuple[ActivityLine, ...], tuple[str, ...]]:
    header, cols = _find_header(sheet, {
        "Kategori": (r"^kategori",),
        "Mængde": (r"^mængde", r"^antal", r"^forbrug"),
        "Enhed": (r"^enhed",),
    }, ENTRIES)
    description_col = None
    for index, value in enumerate(next(sheet.iter_rows(min_row=header, max_row=header, values_only=True))):
        if _text(value).lower().startswith("beskrivelse"):
            description_col = index
    lines, unmapped = [], []
    for number, row in enumerate(sheet.iter_rows(min_row=header + 1, values_only=True), start=header + 1):
        def cell(col):
            return row[col] if col is not None and col < len(row) else None

        category, description = _text(cell(cols["Kategori"])), _text(cell(description_col))
        if not category and cell(cols["Mængde"]) is None:
            continue
        words = f"{category} {description}".lower()
        source = next((s for pattern, s in SOURCE_WORDS if re.search(pattern, words)), None)
        name = f"row {number} ({category}{': ' + description if description else ''})"
        if source is None:
            unmapped.append(f"{name}: no matching activity; kept only in Klimakompasset's result")
            continue
        try:
            amount = _number(cell(cols["Mængde"]))
        except ValueError as exc:
            unmapped.append(f"{name}: {exc}")
            continue
        unit = _text(cell(cols["Enhed"]))
        if amount is None:
            unmapped.append(f"{name}: no amount")
            continue
        try:
            parse_unit(unit)
        except ValueError:
            unmapped.append(f"{name}: the unit {unit!r} is not known")
            continue
        variant = area if source is Source.ELECTRICITY else ""
        lines.append(ActivityLine(source, amount, unit, variant=variant,
                                  label=description or category))
    return tuple(lines), tuple(unmapped)
