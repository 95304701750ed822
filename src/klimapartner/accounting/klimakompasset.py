"""Import of the Excel report partners download from Klimakompasset.

Klimakompasset is the Danish Business Authority's free CO2 calculator. Its
Excel report has, among others, the sheets "Stamdata" (company and period),
"Delresultater (GHG)" (results per GHG Protocol scope and area, in tonnes
CO2e) and, in newer versions, "Data (alle poster)" (every entry with amount
and unit). The layout isn't published, so this reader finds tables by their
labels rather than by fixed cells, and names what it can't find.

The reader never raises: a file it can't use gives a `KlimakompassetImport`
with `errors`; each finding is a `Problem` with a code and the sheet, row,
column and value in its params. Every entry that does not become activity
data is listed in `unmapped` with the reason.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from klimapartner import spreadsheets
from klimapartner.accounting.activity import ActivityLine, Source, YearActivity, grid_area_for_postcode
from klimapartner.accounting.inventory import EmissionLine, Inventory, Scope2Method
from klimapartner.accounting.problems import Problem, Severity
from klimapartner.accounting.units import is_unit

STAMDATA = "Stamdata"
RESULTS = "Delresultater (GHG)"
ENTRIES = "Data (alle poster)"
REPORTED_LABEL = "Klimakompasset (as reported)"

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
    (r"biogas", Source.BIOGAS),
    (r"naturgas|bygas", Source.NATURAL_GAS),
    (r"fyrings(gas)?olie", Source.HEATING_OIL),
    (r"træpiller|pellets", Source.WOOD_PELLETS),
    (r"flis", Source.WOOD_CHIPS),
    (r"\bkul\b", Source.COAL),
    (r"kølemiddel|\br-?\d{2,3}[a-z]?\b", Source.REFRIGERANT),
    (r"hotel|overnatning", Source.HOTEL),
    (r"\btog\b", Source.TRAIN),
    (r"færge", Source.FERRY),
    (r"\bfly\b|flyrejse", Source.FLIGHT),
    (r"affald", Source.WASTE),
    (r"\bel(forbrug|ektricitet)?\b", Source.ELECTRICITY),
)

# Waste fractions by their Danish names; flights by where they go.
WASTE_WORDS = (
    (r"rest", "residual"), (r"pap|papir", "paper_cardboard"), (r"plast", "plastic"), (r"glas", "glass"),
    (r"metal", "metal"), (r"mad|organisk|bio", "food"), (r"have|grønt", "garden"),
)
FLIGHT_WORDS = (
    (r"indenrigs|danmark|aalborg|billund|karup|bornholm|rønne", "short"),
    (r"interkontinental|oversøisk|langdistance|usa|asien|new york|bangkok|tokyo", "long"),
    (r"europa|bruxelles|london|paris|berlin|oslo|stockholm|amsterdam|kortdistance|mellemdistance", "medium"),
)


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
class Unmapped:
    """An entry of "Data (alle poster)" that did not become activity data, and why (a Problem code)."""

    row: int
    category: str
    description: str
    amount: str
    unit: str
    code: str  # no_matching_activity, no_amount, not_a_number, unknown_unit, no_variant
    category_code: str = ""  # the GHG category Klimakompasset counts it in, as far as its words say

    def __str__(self) -> str:
        what = f"{self.category}{': ' + self.description if self.description else ''}"
        return f"row {self.row} ({what}): {UNMAPPED_REASONS.get(self.code, self.code)}"


@dataclass(frozen=True)
class Entry:
    """An entry of "Data (alle poster)" that became an activity line, with the kg CO2e Klimakompasset gave it
    (None when the sheet has no such column or the cell is empty)."""

    row: int
    line: ActivityLine
    reported_kg: Decimal | None = None


UNMAPPED_REASONS = {
    "no_matching_activity": "no matching activity; kept only in Klimakompasset's result",
    "no_amount": "no amount",
    "not_a_number": "the amount is not a number",
    "unknown_unit": "the unit is not known",
    "no_variant": "the fraction or distance could not be told from the description",
}


@dataclass(frozen=True)
class KlimakompassetImport:
    company: str = ""
    cvr: str = ""
    postcode: str = ""
    period_start: date | None = None
    period_end: date | None = None
    year: int | None = None
    employees: Decimal | None = None
    reported: tuple[ReportedLine, ...] = ()
    activity_lines: tuple[ActivityLine, ...] = ()
    unmapped: tuple[Unmapped, ...] = ()
    problems: tuple[Problem, ...] = ()  # errors (nothing usable) and warnings
    entries: tuple[Entry, ...] = ()  # the entries behind activity_lines, one each, with Klimakompasset's kg

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    def activity(self, partner: str) -> YearActivity:
        """The entries we could map, as the partner's activity for the year."""
        return YearActivity(partner, self.year, self.activity_lines, self.employees)

    def inventory(self, partner: str) -> Inventory:
        """Klimakompasset's own result as an Inventory (its factors, not ours)."""
        return reported_inventory(partner, self.year, self.reported, self.employees)


def reported_inventory(partner, year, reported, employees=None) -> Inventory:
    """Reported lines (Klimakompasset's result) as an Inventory, so it can be shown and compared like ours."""
    lines = tuple(
        EmissionLine(line=r.row, source="klimakompasset", variant=r.label, scope=r.scope, category=r.category,
                     method=r.method, activity_amount=r.kg_co2e, activity_unit="kg_CO2e",
                     factor_key="klimakompasset.reported", factor_value=Decimal(1),
                     factor_unit="kg CO2e/kg_CO2e", kg_co2e=r.kg_co2e)
        for r in reported)
    return Inventory(partner, year, REPORTED_LABEL, lines, employees)


def summed_lines(lines) -> tuple[tuple[ActivityLine, int], ...]:
    """Entries of one source, variant and unit added into one line, with how many entries it holds (an account
    has a line per source, a report an entry per invoice). A line of one entry keeps its label."""
    from klimapartner.accounting.units import normalise_unit

    sums: dict[tuple, list] = {}
    for line in lines:
        key = (line.source, line.variant, normalise_unit(line.unit))
        if key not in sums:
            sums[key] = [line, Decimal(0), 0]
        sums[key][1] += line.amount
        sums[key][2] += 1
    return tuple((replace(first, amount=amount, label=first.label if count == 1 else ""), count)
                 for first, amount, count in sums.values())


def _error(code, **params) -> KlimakompassetImport:
    return KlimakompassetImport(problems=(Problem(code, params.pop("field", ""), params),))


def read_klimakompasset(source, *, limits: spreadsheets.Limits = spreadsheets.DEFAULT_LIMITS,
                        postcode: str = "", progress=None, filename: str = "") -> KlimakompassetImport:
    """Read a Klimakompasset report (path, bytes or binary file object); never raises.

    An XLSX file is the whole report. A CSV file is its entries sheet ("Data
    (alle poster)") saved on its own: activity data without master data or
    results, so `year` and `cvr` stay empty and `postcode` gives the grid area.
    `progress(done, total)` is called while the entries are read.
    """
    try:
        data, filename = spreadsheets.file_bytes(source, filename, limits)
        if data.startswith(spreadsheets.OLE_MAGIC):
            raise spreadsheets.SpreadsheetError("old_xls")
        if not data.startswith(spreadsheets.ZIP_MAGIC):
            if filename.lower().endswith((".xlsx", ".xlsm")):
                raise spreadsheets.SpreadsheetError("not_xlsx")
            return _read_entries_csv(data, limits, postcode, progress)
        sheets = spreadsheets.read_xlsx(data, limits=limits, sheets=(STAMDATA, RESULTS, ENTRIES))
        names = _sheet_names(data)
    except spreadsheets.SpreadsheetError as error:
        return _error(error.code, **error.params)
    found = {s.name.strip().lower(): s for s in sheets}
    missing = [name for name in (STAMDATA, RESULTS) if name.lower() not in found]
    if missing:
        return _error("missing_sheets", sheets=tuple(missing), found=tuple(names))
    problems: list[Problem] = []
    master = _read_stamdata(found[STAMDATA.lower()], problems)
    if master is None:
        return KlimakompassetImport(problems=tuple(problems))
    start, end = master["start"], master["end"]
    if end < start:
        return _error("end_before_start", start=start, end=end)
    if (end - start).days > 366:
        return _error("period_too_long", start=start, end=end)
    if not (start == date(start.year, 1, 1) and end == date(start.year, 12, 31)):
        problems.append(Problem("not_calendar_year", "", {"start": start, "end": end, "year": end.year},
                                severity=Severity.WARNING))
    reported = _read_results(found[RESULTS.lower()], problems)
    if reported is None:
        return KlimakompassetImport(problems=tuple(problems))
    lines, unmapped = (), ()
    if ENTRIES.lower() in found:
        area = grid_area_for_postcode(master["postcode"] or postcode)
        entries = _read_entries(found[ENTRIES.lower()], area, problems, progress)
        if entries is None:
            return KlimakompassetImport(problems=tuple(problems))
        lines, unmapped, kept = entries
    else:
        kept = ()
        problems.append(Problem("no_entries_sheet", "", {"sheet": ENTRIES}, severity=Severity.WARNING))
    return KlimakompassetImport(master["company"], master["cvr"], master["postcode"], start, end, end.year,
                                master["employees"], reported, lines, unmapped, tuple(problems), kept)


def _read_entries_csv(data, limits, postcode, progress) -> KlimakompassetImport:
    sheet = spreadsheets.read_csv(data, limits=limits)
    sheet.name = ENTRIES
    problems: list[Problem] = []
    entries = _read_entries(sheet, grid_area_for_postcode(postcode), problems, progress)
    if entries is None:
        return KlimakompassetImport(problems=tuple(problems))
    lines, unmapped, kept = entries
    problems.append(Problem("entries_only", "", {}, severity=Severity.WARNING))
    return KlimakompassetImport(postcode=postcode, activity_lines=lines, unmapped=unmapped, problems=tuple(problems),
                                entries=kept)


def _sheet_names(data: bytes) -> list[str]:
    """The workbook's sheet names, from its workbook.xml (already checked to be small)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    import html

    return [html.unescape(name) for name in re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', xml)]


def _text(value) -> str:
    return spreadsheets.parse_text(value)


def _cell(row, index):
    return row[index] if index is not None and index < len(row) else None


def _number(value) -> Decimal | None:
    """A cell as Decimal: numbers, "1.234,5" and "1,234.5" text; None for blanks and "(ikke angivet)"."""
    if isinstance(value, str) and ("angivet" in value.lower() or value.strip() in ("-", "–")):
        return None
    return spreadsheets.parse_decimal(value)


def _date(value) -> date | None:
    try:
        return spreadsheets.parse_date(value)
    except spreadsheets.CellError:
        return None


def _read_stamdata(sheet, problems: list) -> dict | None:
    found: dict = {}
    for number, row in sheet.numbered():
        if number > 200:
            break
        label = _text(_cell(row, 0)).lower().rstrip(":")
        if not label:
            continue
        for name, starts in STAMDATA_LABELS.items():
            if name not in found and any(label.startswith(s) for s in starts):
                found[name] = _cell(row, 1)
                break
    missing = tuple(label for name, label in (("start", "Startdato"), ("end", "Slutdato"))
                    if _date(found.get(name)) is None)
    if missing:
        problems.append(Problem("no_dates", "", {"sheet": STAMDATA, "missing": missing}))
        return None
    employees = None
    if found.get("employees") is not None:
        try:
            employees = _number(found["employees"])
        except spreadsheets.CellError:
            problems.append(Problem("employees_not_a_number", "employees",
                                    {"sheet": STAMDATA, "value": _text(found["employees"])},
                                    severity=Severity.WARNING))
    return {"company": _text(found.get("company")), "cvr": _text(found.get("cvr")).replace(" ", ""),
            "postcode": _text(found.get("postcode")), "employees": employees,
            "start": _date(found["start"]), "end": _date(found["end"])}


def _find_header(sheet, required: dict[str, tuple[str, ...]], problems: list) -> tuple[int, list, dict] | None:
    """The first row holding every required column (name -> label patterns): its number, cells and column indexes."""
    best: dict = {}
    for number, row in sheet.numbered():
        if number > 100:
            break
        columns = {}
        for index, value in enumerate(row):
            label = _text(value).lower()
            for name, patterns in required.items():
                if name not in columns and label and any(re.search(p, label) for p in patterns):
                    columns[name] = index
                    break
        if len(columns) == len(required):
            return number, row, columns
        if len(columns) > len(best):
            best = columns
    missing = tuple(name for name in required if name not in best)
    problems.append(Problem("no_header", "", {"sheet": sheet.name, "columns": missing}))
    return None


def _category(scope: int, label: str) -> str:
    words = label.lower()
    for s, patterns, code in CATEGORY_WORDS:
        if s == scope and any(re.search(rf"(^|\W){re.escape(p)}", words) for p in patterns):
            return code
    return f"{scope}.other"


def _read_results(sheet, problems: list) -> tuple[ReportedLine, ...] | None:
    header = _find_header(sheet, {
        "Scope": (r"^scope",),
        "Kategori": (r"^kategori", r"^område", r"^emissionskilde", r"^kilde"),
        "Ton CO2e": (r"ton\s*co2", r"co2e?\s*\(ton", r"co2-?e.*ton"),
    }, problems)
    if header is None:
        return None
    start, header_row, cols = header
    method_col = next((i for i, v in enumerate(header_row) if re.search(r"^(metode|opgørelsesmetode)",
                                                                         _text(v).lower())), None)
    lines, stated_total, last_scope = [], None, None
    for number, row in sheet.numbered():
        if number <= start:
            continue
        scope_text = _text(_cell(row, cols["Scope"])).lower()
        label = _text(_cell(row, cols["Kategori"]))
        raw = _cell(row, cols["Ton CO2e"])
        if not scope_text and not label and spreadsheets.is_blank(raw):
            continue
        try:
            tonnes = _number(raw)
        except spreadsheets.CellError:
            problems.append(Problem("cell_not_a_number", "", {"sheet": RESULTS, "row": number, "column": "Ton CO2e",
                                                         "value": _text(raw)}))
            return None
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
            problems.append(Problem("scope_not_understood", "", {"sheet": RESULTS, "row": number,
                                                                 "value": scope_text}, severity=Severity.WARNING))
            continue
        last_scope = scope
        if tonnes is None:
            continue
        if tonnes < 0:
            problems.append(Problem("cell_negative", "", {"sheet": RESULTS, "row": number, "value": tonnes}))
            return None
        method_text = scope_text + " " + _text(_cell(row, method_col)).lower()
        method = ""
        if scope == 2:
            method = (Scope2Method.MARKET.value if "marked" in method_text
                      else Scope2Method.LOCATION.value if "lokation" in method_text else "")
        lines.append(ReportedLine(scope, _category(scope, label), label, method, tonnes * 1000, number))
    if not lines:
        problems.append(Problem("no_results", "", {"sheet": RESULTS}))
        return None
    if stated_total is not None:
        has_market = any(r.method == "market" for r in lines)
        summed = sum((r.kg_co2e for r in lines if r.method != "market" or not has_market), Decimal(0)) / 1000
        if abs(summed - stated_total) > Decimal("0.01"):
            problems.append(Problem("rows_do_not_add_up", "", {"sheet": RESULTS, "summed": summed,
                                                               "stated": stated_total}, severity=Severity.WARNING))
    return tuple(lines)


def _variant(source: Source, words: str, area: str) -> str | None:
    """The variant a source needs from the entry's words; None when it needs one and none fits."""
    if source is Source.ELECTRICITY:
        return area
    if source is Source.WASTE:
        return next((v for p, v in WASTE_WORDS if re.search(p, words)), None)
    if source is Source.FLIGHT:
        return next((v for p, v in FLIGHT_WORDS if re.search(p, words)), None)
    if source is Source.REFRIGERANT:
        match = re.search(r"\br-?(\d{2,4}[a-z]?)\b", words)
        return f"R-{match.group(1)}" if match else None
    return ""


def _read_entries(sheet, area: str, problems: list, progress=None):
    header = _find_header(sheet, {
        "Kategori": (r"^kategori",),
        "Mængde": (r"^mængde", r"^antal", r"^forbrug"),
        "Enhed": (r"^enhed",),
    }, problems)
    if header is None:
        return None
    start, header_row, cols = header
    description_col = next((i for i, v in enumerate(header_row) if _text(v).lower().startswith("beskrivelse")), None)
    scope_col = next((i for i, v in enumerate(header_row) if _text(v).lower().startswith("scope")), None)
    # Klimakompasset's own result per entry: "CO2e (kg)", "kg CO2e", "Ton CO2e" …
    kg_col = next((i for i, v in enumerate(header_row) if "co2" in _text(v).lower()), None)
    kg_scale = Decimal(1000) if kg_col is not None and re.search(r"\bton", _text(header_row[kg_col]).lower()) \
        else Decimal(1)
    lines, unmapped, kept = [], [], []
    total = len(sheet.rows)
    for number, row in sheet.numbered():
        if progress is not None and number % 2000 == 0:
            progress(number, total)
        if number <= start:
            continue
        category, description = _text(_cell(row, cols["Kategori"])), _text(_cell(row, description_col))
        raw, unit = _cell(row, cols["Mængde"]), _text(_cell(row, cols["Enhed"]))
        if not category and spreadsheets.is_blank(raw):
            continue
        words = f"{category} {description}".lower()
        scope_text = _text(_cell(row, scope_col))
        scope = int(m.group()) if (m := re.search(r"[123]", scope_text)) else None
        source = next((s for pattern, s in SOURCE_WORDS if re.search(pattern, words)), None)
        category_code = _category(scope, f"{category} {description}") if scope else _entry_category(source, words)

        def skip(code):
            unmapped.append(Unmapped(number, category, description, _text(raw), unit, code, category_code))

        if source is None:
            skip("no_matching_activity")
            continue
        try:
            amount = _number(raw) if isinstance(raw, (int, float)) or sheet.delimiter != "," else \
                spreadsheets.parse_decimal(raw, ".")
        except spreadsheets.CellError:
            skip("not_a_number")
            continue
        if amount is None:
            skip("no_amount")
            continue
        if not is_unit(unit):
            skip("unknown_unit")
            continue
        variant = _variant(source, words, area)
        if variant is None:
            skip("no_variant")
            continue
        line = ActivityLine(source, amount, unit, variant=variant, label=(description or category)[:120])
        lines.append(line)
        kept.append(Entry(number, line, _reported_kg(_cell(row, kg_col), kg_scale, sheet.delimiter)))
    return tuple(lines), tuple(unmapped), tuple(kept)


def _reported_kg(value, scale: Decimal, delimiter: str) -> Decimal | None:
    """An entry's kg CO2e as Klimakompasset gave it; None for a blank or unreadable cell (it is only compared)."""
    try:
        number = _number(value) if isinstance(value, (int, float)) or delimiter != "," else \
            spreadsheets.parse_decimal(value, ".")
    except spreadsheets.CellError:
        return None
    return None if number is None else number * scale


# Where a source's emissions land, for entries without a scope column.
SOURCE_CATEGORIES = {
    Source.ELECTRICITY: "2.electricity", Source.DISTRICT_HEATING: "2.heat",
    Source.DIESEL: "1.mobile_combustion", Source.PETROL: "1.mobile_combustion", Source.HVO: "1.mobile_combustion",
    Source.REFRIGERANT: "1.fugitive", Source.WASTE: "3.5_waste", Source.FLIGHT: "3.6_business_travel",
    Source.TRAIN: "3.6_business_travel", Source.FERRY: "3.6_business_travel", Source.HOTEL: "3.6_business_travel",
}


def _entry_category(source, words: str) -> str:
    if source is not None:
        return SOURCE_CATEGORIES.get(source, "1.stationary_combustion")
    for scope in (3, 1, 2):
        code = _category(scope, words)
        if not code.endswith(".other"):
            return code
    return "3.other"
