"""Import and export of partners as CSV and Excel (XLSX).

A file holds records of four kinds. In XLSX each kind has its own sheet; in
CSV everything is one table whose first column, ``post``, names the kind and
whose other columns are the union of the kinds' columns (a column a kind does
not use stays empty). Row 1 is always the header of column codes.

=========================  ===================  ==================================
kind (``post``)            XLSX sheet           columns
=========================  ===================  ==================================
``partner``                Partnere             partner, navn, cvr, type, sektor,
                                                stoerrelse, adresse, postnr, by,
                                                breddegrad, laengdegrad,
                                                hjemmeside, beskrivelse,
                                                offentliggjort
``kontakt``                Kontaktpersoner      partner, navn, rolle, email,
                                                telefon, offentlig, samtykke
``aftale``                 Aftaler              partner, aftale, status,
                                                underskrevet, start, slut,
                                                basisaar, reduktionsmaal,
                                                fokusomraader, kommunikation,
                                                samarbejde
``indsats``                Indsatser            partner, aftale, titel,
                                                beskrivelse, fokusomraade,
                                                status, startaar, slutaar,
                                                forventet_effekt,
                                                realiseret_effekt, offentlig
=========================  ===================  ==================================

Column meanings:

- ``partner``: the organisation's slug (its web address); how every record
  refers to its organisation.
- ``aftale``: a reference to an agreement, unique within the file (export
  numbers them 1, 2, 3, ...); actions point at their agreement with it.
- ``type``, ``sektor``, ``stoerrelse``, ``status``: the choice codes of
  ``OrgType``, ``Sector``, ``SizeBand``, ``AgreementStatus``/``ActionStatus``.
- ``reduktionsmaal``: ``year:percent`` pairs, ``|``-separated: ``2030:50|2040:82,5``.
- ``fokusomraader``: focus area slugs, ``|``-separated: ``energy|transport``;
  ``fokusomraade``: one slug.
- ``offentliggjort`` (organisation shown publicly), ``offentlig`` (contact or
  action shown publicly), ``samtykke`` (contact's consent): ``ja``/``nej``.

Danish Excel habits, through ``klimapartner.spreadsheets`` (the one reader and
writer for every spreadsheet in the project): CSV is ``;``-separated UTF-8 and
written with a BOM; decimals are written ``1234,5`` and read as ``1234,5``,
``1.234,5`` or ``1234.5``; dates are written ``2025-03-01`` and read also as
``01-03-2025`` or ``1.3.2025``; booleans are read as ja/nej, yes/no,
true/false, sand/falsk or 1/0. CSV text that Excel would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
written with a leading apostrophe, which import removes again. Files are
refused before they are read when they are too large, unpack to too much, or
hold too many sheets, rows or cells.

Importing replaces, per organisation in the file, its contacts, agreements
and actions with the file's; organisations not in the file are untouched.
Either the whole file is imported or, if any row is bad, nothing is.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from klimapartner import spreadsheets
from klimapartner.partners.cvr import normalise_cvr
from klimapartner.spreadsheet_errors import describe as describe_file_error
from klimapartner.partners.models import (
    Action,
    Agreement,
    ContactPerson,
    FocusArea,
    Organisation,
    ReductionTarget,
)

# ---------------------------------------------------------------- file format


@dataclass(frozen=True)
class Column:
    code: str
    field: str  # model field, or "" for references and the special columns
    type: str  # text, cvr, choice, bool, date, decimal, year, or special


@dataclass(frozen=True)
class Kind:
    post: str
    sheet: str
    model: type
    columns: tuple[Column, ...]

    @property
    def codes(self):
        return [column.code for column in self.columns]


ORGANISATION = Kind("partner", "Partnere", Organisation, (
    Column("partner", "slug", "text"),
    Column("navn", "name", "text"),
    Column("cvr", "cvr", "cvr"),
    Column("type", "org_type", "choice"),
    Column("sektor", "sector", "choice"),
    Column("stoerrelse", "size", "choice"),
    Column("adresse", "address", "text"),
    Column("postnr", "postcode", "text"),
    Column("by", "town", "text"),
    Column("breddegrad", "latitude", "decimal"),
    Column("laengdegrad", "longitude", "decimal"),
    Column("hjemmeside", "website", "text"),
    Column("beskrivelse", "description", "text"),
    Column("offentliggjort", "is_published", "bool"),
))
CONTACT = Kind("kontakt", "Kontaktpersoner", ContactPerson, (
    Column("partner", "", "partner"),
    Column("navn", "name", "text"),
    Column("rolle", "role", "text"),
    Column("email", "email", "text"),
    Column("telefon", "phone", "text"),
    Column("offentlig", "is_public", "bool"),
    Column("samtykke", "consent", "bool"),
))
AGREEMENT = Kind("aftale", "Aftaler", Agreement, (
    Column("partner", "", "partner"),
    Column("aftale", "", "reference"),
    Column("status", "status", "choice"),
    Column("underskrevet", "signed_on", "date"),
    Column("start", "starts_on", "date"),
    Column("slut", "ends_on", "date"),
    Column("basisaar", "baseline_year", "year"),
    Column("reduktionsmaal", "", "targets"),
    Column("fokusomraader", "", "focus_areas"),
    Column("kommunikation", "communication", "text"),
    Column("samarbejde", "collaboration", "text"),
))
ACTION = Kind("indsats", "Indsatser", Action, (
    Column("partner", "", "partner"),
    Column("aftale", "", "reference"),
    Column("titel", "title", "text"),
    Column("beskrivelse", "description", "text"),
    Column("fokusomraade", "", "focus_area"),
    Column("status", "status", "choice"),
    Column("startaar", "start_year", "year"),
    Column("slutaar", "end_year", "year"),
    Column("forventet_effekt", "expected_effect", "decimal"),
    Column("realiseret_effekt", "realised_effect", "decimal"),
    Column("offentlig", "is_public", "bool"),
))
KINDS = (ORGANISATION, CONTACT, AGREEMENT, ACTION)
KIND_COLUMN = "post"
# The CSV table: `post`, then every kind's columns, each code once.
CSV_COLUMNS = [KIND_COLUMN, *dict.fromkeys(code for kind in KINDS for code in kind.codes)]

LIST_SEPARATOR = "|"
TRUE_WORDS = spreadsheets.TRUE_WORDS
FALSE_WORDS = spreadsheets.FALSE_WORDS
# Text Excel would evaluate as a formula when it opens a CSV file.
FORMULA_STARTS = spreadsheets.FORMULA_STARTS
ZIP_MAGIC = spreadsheets.ZIP_MAGIC
OLE_MAGIC = spreadsheets.OLE_MAGIC


# ------------------------------------------------------------------ formatting


def format_decimal(value: Decimal | None) -> str:
    """1234.50 → '1234,5': decimal comma, no thousands separator, no trailing zeros."""
    return spreadsheets.format_decimal(value)


def format_targets(targets) -> str:
    return LIST_SEPARATOR.join(f"{t.target_year}:{format_decimal(t.percent)}" for t in targets)


def format_csv_cell(value) -> str:
    return spreadsheets.csv_cell(value)


escape_formula = spreadsheets.escape_formula
unescape_formula = spreadsheets.unescape_formula


# --------------------------------------------------------------------- export


def _export_queryset(organisations):
    return organisations.prefetch_related(
        "contacts",
        "agreements__targets",
        "agreements__focus_areas",
        Prefetch("agreements__actions", queryset=Action.objects.select_related("focus_area")),
    )


def export_records(organisations):
    """(kind, {column code: value}) for every record, with agreements numbered 1, 2, ... as `aftale`."""
    records = []
    number = 0
    for org in _export_queryset(organisations):
        records.append((ORGANISATION, {c.code: getattr(org, c.field) for c in ORGANISATION.columns}))
        for contact in org.contacts.all():
            records.append((CONTACT, {**_field_values(CONTACT, contact), "partner": org.slug}))
        for agreement in org.agreements.all():
            number += 1
            records.append((AGREEMENT, {
                **_field_values(AGREEMENT, agreement),
                "partner": org.slug,
                "aftale": number,
                "reduktionsmaal": format_targets(agreement.targets.all()),
                "fokusomraader": LIST_SEPARATOR.join(area.slug for area in agreement.focus_areas.all()),
            }))
            for action in agreement.actions.all():
                records.append((ACTION, {
                    **_field_values(ACTION, action),
                    "partner": org.slug,
                    "aftale": number,
                    "fokusomraade": action.focus_area.slug if action.focus_area else "",
                }))
    return records


def _field_values(kind, obj):
    return {c.code: getattr(obj, c.field) for c in kind.columns if c.field}


def export_csv(organisations) -> bytes:
    """The organisations with everything they own, as one `;`-separated CSV table with a BOM."""
    rows = [CSV_COLUMNS]
    for kind, values in export_records(organisations):
        values = {**values, KIND_COLUMN: kind.post}
        rows.append([values.get(code) for code in CSV_COLUMNS])
    return spreadsheets.write_csv(rows)


def export_xlsx(organisations) -> bytes:
    """The organisations with everything they own, as a workbook with one sheet per kind (text stored as text)."""
    sheets = {kind: spreadsheets.SheetOut(kind.sheet, kind.codes) for kind in KINDS}
    for kind, values in export_records(organisations):
        sheets[kind].rows.append([("ja" if v else "nej") if isinstance(v, bool) else v
                                  for v in (values[code] for code in kind.codes)])
    return spreadsheets.write_xlsx(list(sheets.values()))


# -------------------------------------------------------------------- parsing


class CellError(Exception):
    """A cell's value cannot be read; the message says why."""


is_blank = spreadsheets.is_blank
parse_text = spreadsheets.parse_text


def parse_decimal(value, decimal_mark: str = ",") -> Decimal | None:
    """'1.234,5', '1234,5' and '1234.5' → Decimal('1234.5'); '1.234' is read the Danish way, as 1234."""
    try:
        return spreadsheets.parse_decimal(value, decimal_mark)
    except spreadsheets.CellError:
        raise CellError(_("%(value)s is not a number (write decimals with a comma, e.g. 1234,5).") % {
            "value": value}) from None


def parse_year(value) -> int | None:
    try:
        return spreadsheets.parse_year(value)
    except spreadsheets.CellError:
        raise CellError(_("%(value)s is not a year (write four digits, e.g. 2030).") % {"value": value}) from None


def parse_date(value) -> date | None:
    """2025-03-01, 01-03-2025, 1.3.2025 and 1/3/2025 (day first), or an Excel date cell."""
    try:
        return spreadsheets.parse_date(value)
    except spreadsheets.CellError:
        raise CellError(_("%(value)s is not a date (write e.g. 2025-03-01 or 01-03-2025).") % {
            "value": value}) from None


def parse_bool(value) -> bool | None:
    try:
        return spreadsheets.parse_bool(value)
    except spreadsheets.CellError:
        raise CellError(_("%(value)s is not ja or nej.") % {"value": value}) from None


# Excel turns "1-9" in a CSV it opens into the date 1 September, and saves that.
_EXCEL_SIZE_DATE = re.compile(r"0?1[-./](0?9|sep)([-./]\d{2,4})?", re.IGNORECASE)


def parse_choice(value, model_field) -> str:
    if is_blank(value):
        return ""
    if model_field.name == "size" and (
        (isinstance(value, date) and (value.day, value.month) == (1, 9))
        or (isinstance(value, str) and _EXCEL_SIZE_DATE.fullmatch(value.strip()))
    ):
        return "1-9"
    text = parse_text(value).lower()
    allowed = [choice for choice, _label in model_field.choices]
    if text not in allowed:
        raise CellError(_("%(value)s is not an allowed value; use one of: %(allowed)s.") % {
            "value": value, "allowed": ", ".join(allowed),
        })
    return text


def parse_list(value) -> list[str]:
    return [item.strip() for item in parse_text(value).split(LIST_SEPARATOR) if item.strip()]


def parse_targets(value) -> list[tuple[int, Decimal]]:
    """'2030:50|2040:82,5' → [(2030, Decimal('50')), (2040, Decimal('82.5'))]."""
    targets = []
    for item in parse_list(value):
        year, sep, percent = item.partition(":")
        try:
            if not sep:
                raise CellError
            targets.append((parse_year(year.strip()), parse_decimal(percent.strip())))
        except CellError:
            raise CellError(_("%(value)s is not a reduction target; write year:percent, e.g. 2030:50.") % {
                "value": item,
            }) from None
    years = [year for year, _percent in targets]
    for year in years:
        if years.count(year) > 1:
            raise CellError(_("The target year %(year)s is given more than once.") % {"year": year})
    return targets


def parse_cell(column: Column, model_field, value, decimal_mark: str = ","):
    """The model value of one cell; a blank boolean or choice gets the model's default."""
    if column.type in ("bool", "choice") and is_blank(value) and model_field.has_default():
        return model_field.get_default()
    if column.type == "text":
        return parse_text(value)
    if column.type == "cvr":
        # Before full_clean: the model normalises only after checking the length.
        return normalise_cvr(parse_text(value))
    if column.type == "choice":
        return parse_choice(value, model_field)
    if column.type == "decimal":
        return parse_decimal(value, decimal_mark)
    return {"bool": parse_bool, "date": parse_date, "year": parse_year}[column.type](value)


# --------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportProblem:
    """Why (part of) a file cannot be imported; row numbers are Excel's, the header being row 1."""

    row: int | None
    column: str
    message: str
    sheet: str = ""

    def __str__(self):
        where = []
        if self.sheet:
            where.append(_("sheet %(sheet)s") % {"sheet": self.sheet})
        if self.row:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
        return f"{capfirst(', '.join(where))}: {self.message}" if where else self.message


@dataclass
class ImportResult:
    errors: list[ImportProblem] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self):
        return not self.errors


@dataclass
class _Row:
    kind: Kind
    number: int
    values: dict  # column code → raw cell value (str from CSV; str, number, date or None from XLSX)
    sheet: str = ""
    decimal_mark: str = ","  # how the file writes decimals: a `,`-separated CSV writes "1234.5"


class _Problems(list):
    def add(self, row: _Row | None, column: str, message: str):
        self.append(ImportProblem(
            row=row.number if row else None, column=column, message=str(message), sheet=row.sheet if row else "",
        ))


def import_limits() -> spreadsheets.Limits:
    return spreadsheets.Limits(max_bytes=settings.IMPORT_MAX_BYTES)


def import_file(filename: str, data: bytes, progress=None) -> ImportResult:
    """Read a CSV or XLSX file and import it all, or report every problem and import nothing.

    `progress(done, total)` is called while the rows are checked (a background job's progress bar).
    """
    problems = _Problems()
    if len(data) > settings.IMPORT_MAX_BYTES:
        problems.add(None, "", _("The file is too large (%(size)s); the limit is %(limit)s.") % {
            "size": filesizeformat(len(data)), "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
        })
        return ImportResult(errors=list(problems))
    try:
        if data.startswith(ZIP_MAGIC):
            rows = _read_xlsx(data, problems)
        elif data.startswith(OLE_MAGIC):
            raise spreadsheets.SpreadsheetError("old_xls")
        elif filename.lower().endswith((".xlsx", ".xlsm")):
            problems.add(None, "", _("%(name)s is not a valid Excel file.") % {"name": filename})
            return ImportResult(errors=list(problems))
        else:
            rows = _read_csv(filename, data, problems)
    except spreadsheets.SpreadsheetError as error:
        problems.add(None, "", _file_error(error, filename))
        return ImportResult(errors=list(problems))
    if rows is None:  # the file as a whole cannot be read
        return ImportResult(errors=list(problems))
    if not rows and not problems:
        problems.add(None, "", _("The file has no rows to import below the header."))
        return ImportResult(errors=list(problems))
    with transaction.atomic():
        return _import_rows(rows, problems, progress)


def _file_error(error, filename) -> str:
    """A file that can't be read, in the words this page has always used, else the shared wording."""
    words = {
        "not_text": lambda: _("%(name)s is neither a CSV file nor an Excel file (.xlsx).") % {"name": filename},
        "empty": lambda: _("The file is empty."),
        "not_xlsx": lambda: _("The file cannot be read as an Excel file (.xlsx)."),
        "old_xls": lambda: _("Old Excel files (.xls) cannot be read; save the file as .xlsx or CSV."),
        "csv_broken": lambda: _("The CSV file cannot be read: %(error)s") % {"error": error.params.get("detail")},
    }
    return words[error.code]() if error.code in words else describe_file_error(error)


def _read_csv(filename, data, problems) -> list[_Row] | None:
    """The rows of a CSV file, or None if it cannot be read at all; the problems found go to problems."""
    sheet = spreadsheets.read_csv(data, limits=import_limits())
    table = sheet.rows
    header = [cell.strip().lstrip("\ufeff").lower() for cell in table[0]]
    missing = [code for code in CSV_COLUMNS if code not in header]
    if missing:
        problems.append(ImportProblem(1, "", _missing_columns_message(missing)))
        return None
    kinds = {kind.post: kind for kind in KINDS}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if all(is_blank(cell) for cell in cells):
            continue  # Excel leaves ";;;;" lines behind
        if any(not is_blank(cell) for cell in cells[len(header):]):
            problems.append(ImportProblem(number, "", _(
                "The row has more cells than the header has columns; is a text with a semicolon not in quotes?"
            )))
            continue
        values = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        post = values[KIND_COLUMN].strip().lower()
        if post not in kinds:
            problems.append(ImportProblem(number, KIND_COLUMN, _(
                "%(value)s is not an allowed value; use one of: %(allowed)s."
            ) % {"value": values[KIND_COLUMN], "allowed": ", ".join(kinds)}))
            continue
        values = {code: unescape_formula(cell) for code, cell in values.items()}
        rows.append(_Row(kinds[post], number, values, decimal_mark=sheet.decimal_mark))
    return rows


def _missing_columns_message(missing):
    return _("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}


def _read_xlsx(data, problems) -> list[_Row] | None:
    """The rows of all four sheets (read-only, within the limits), or None if a sheet or its header is unusable."""
    sheets = {sheet.name.strip().lower(): sheet for sheet in spreadsheets.read_xlsx(data, limits=import_limits())}
    rows = []
    for kind in KINDS:
        sheet = sheets.get(kind.sheet.lower())
        if sheet is None:
            problems.add(None, "", _("The sheet %(sheet)s is missing.") % {"sheet": kind.sheet})
            continue
        table = iter(sheet.rows)
        header = [parse_text(cell).lower() for cell in next(table, ())]
        missing = [code for code in kind.codes if code not in header]
        if missing:
            problems.append(ImportProblem(1, "", _missing_columns_message(missing), kind.sheet))
            continue
        for number, cells in enumerate(table, start=2):
            if all(is_blank(cell) for cell in cells):
                continue
            cells = list(cells) + [None] * (len(header) - len(cells))
            rows.append(_Row(kind, number, dict(zip(header, cells)), kind.sheet))
    return None if problems else rows


# ------------------------------------------------------- rows to model objects


@dataclass
class _Plan:
    """The model objects a file describes, unsaved, keyed by the file's references."""

    organisations: dict = field(default_factory=dict)  # slug → Organisation
    contacts: list = field(default_factory=list)  # (slug, ContactPerson)
    agreements: dict = field(default_factory=dict)  # reference → (slug, Agreement, targets, focus areas)
    actions: list = field(default_factory=list)  # (reference, Action)


def _import_rows(rows, problems, progress=None) -> ImportResult:
    focus_areas = {area.slug: area for area in FocusArea.objects.all()}
    slugs = [parse_text(row.values["partner"]) for row in rows if row.kind is ORGANISATION]
    existing = Organisation.objects.in_bulk([slug for slug in slugs if slug], field_name="slug")
    plan = _Plan()
    first_rows = {}  # reference → row number, to name the earlier row of a duplicate
    for done, row in enumerate(sorted(rows, key=lambda row: KINDS.index(row.kind)), start=1):
        if progress is not None and done % 200 == 0:
            progress(done, len(rows))
        if row.kind is ORGANISATION:
            _plan_organisation(row, plan, existing, first_rows, problems)
        elif row.kind is CONTACT:
            _plan_contact(row, plan, problems)
        elif row.kind is AGREEMENT:
            _plan_agreement(row, plan, focus_areas, first_rows, problems)
        else:
            _plan_action(row, plan, focus_areas, problems)
    problems.sort(key=_problem_order)
    if problems:
        return ImportResult(errors=list(problems))
    return _save(plan, existing)


def _problem_order(problem):
    sheets = [kind.sheet for kind in KINDS]
    return (
        sheets.index(problem.sheet) if problem.sheet in sheets else -1,
        problem.row or 0,
        CSV_COLUMNS.index(problem.column) if problem.column in CSV_COLUMNS else -1,
    )


def _fill(obj, kind: Kind, row: _Row, problems) -> set:
    """Set obj's fields from the row; the names of fields whose cell could not be read."""
    failed = set()
    for column in kind.columns:
        if not column.field:
            continue
        try:
            setattr(obj, column.field, parse_cell(column, obj._meta.get_field(column.field), row.values[column.code],
                                                  row.decimal_mark))
        except CellError as error:
            problems.add(row, column.code, str(error))
            failed.add(column.field)
    return failed


def _validate(obj, kind: Kind, row: _Row, problems, *, exclude):
    """full_clean, with each message put on its column.

    The model's clean() is skipped when a cell could not be read: it would complain about
    the missing value ("an active agreement needs the date it was signed") a second time.
    """
    codes = {column.field: column.code for column in kind.columns if column.field}
    exclude = list(exclude)
    checks = [lambda: obj.clean_fields(exclude=exclude), lambda: obj.validate_unique(exclude=exclude)]
    if not set(exclude) - {"organisation", "agreement"}:
        checks += [obj.clean, lambda: obj.validate_constraints(exclude=exclude)]
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for name, messages in error.update_error_dict({}).items():
                for message in ValidationError(messages).messages:
                    problems.add(row, "" if name == NON_FIELD_ERRORS else codes.get(name, name), message)


def _plan_organisation(row, plan, existing, first_rows, problems):
    slug = parse_text(row.values["partner"])
    if slug in plan.organisations:
        _fill(Organisation(), ORGANISATION, row, problems)
        problems.add(row, "partner", _("The partner %(slug)s is already in row %(row)s.") % {
            "slug": slug, "row": first_rows[("partner", slug)],
        })
        return
    org = existing.get(slug) or Organisation()
    failed = _fill(org, ORGANISATION, row, problems)
    _validate(org, ORGANISATION, row, problems, exclude=failed)
    if org.cvr and "cvr" not in failed:
        if ("cvr", org.cvr) in first_rows:
            problems.add(row, "cvr", _("The CVR number %(cvr)s is already in row %(row)s.") % {
                "cvr": org.cvr, "row": first_rows[("cvr", org.cvr)]})
        else:
            first_rows[("cvr", org.cvr)] = row.number
    if slug:
        plan.organisations[slug] = org
        first_rows[("partner", slug)] = row.number


def _partner_of(row, plan, problems) -> str | None:
    slug = parse_text(row.values["partner"])
    if not slug:
        problems.add(row, "partner", _("This field cannot be blank."))
    elif slug not in plan.organisations:
        problems.add(row, "partner", _("Unknown partner %(slug)s: the file has no partner with this code.") % {
            "slug": slug,
        })
    else:
        return slug
    return None


def _plan_contact(row, plan, problems):
    contact = ContactPerson()
    failed = _fill(contact, CONTACT, row, problems)
    slug = _partner_of(row, plan, problems)
    _validate(contact, CONTACT, row, problems, exclude={"organisation", *failed})
    plan.contacts.append((slug, contact))


def _plan_agreement(row, plan, focus_areas, first_rows, problems):
    agreement = Agreement()
    failed = _fill(agreement, AGREEMENT, row, problems)
    slug = _partner_of(row, plan, problems)
    reference = parse_text(row.values["aftale"])
    if not reference:
        problems.add(row, "aftale", _("This field cannot be blank."))
    elif reference in plan.agreements:
        problems.add(row, "aftale", _("The agreement %(reference)s is already in row %(row)s.") % {
            "reference": reference, "row": first_rows[("aftale", reference)],
        })
        reference = ""
    targets = _targets_of(row, problems)
    areas = []
    for area_slug in parse_list(row.values["fokusomraader"]):
        if area_slug in focus_areas:
            areas.append(focus_areas[area_slug])
        else:
            problems.add(row, "fokusomraader", _unknown_focus_area(area_slug, focus_areas))
    _validate(agreement, AGREEMENT, row, problems, exclude={"organisation", *failed})
    if reference:
        plan.agreements[reference] = (slug, agreement, targets, areas)
        first_rows[("aftale", reference)] = row.number


def _targets_of(row, problems) -> list[ReductionTarget]:
    """The agreement's reduction targets, unsaved; each bad one reported as "2030:120: <why>"."""
    try:
        pairs = parse_targets(row.values["reduktionsmaal"])
    except CellError as error:
        problems.add(row, "reduktionsmaal", str(error))
        return []
    targets = [ReductionTarget(target_year=year, percent=percent) for year, percent in pairs]
    for target in targets:
        try:
            target.full_clean(exclude=["agreement"])
        except ValidationError as error:
            for message in error.messages:
                problems.add(row, "reduktionsmaal", f"{target.target_year}:{format_decimal(target.percent)}: {message}")
    return targets


def _unknown_focus_area(slug, focus_areas):
    return _("%(value)s is not an allowed value; use one of: %(allowed)s.") % {
        "value": slug, "allowed": ", ".join(focus_areas),
    }


def _plan_action(row, plan, focus_areas, problems):
    action = Action()
    failed = _fill(action, ACTION, row, problems)
    slug = _partner_of(row, plan, problems)
    reference = parse_text(row.values["aftale"])
    if not reference:
        problems.add(row, "aftale", _("This field cannot be blank."))
    elif reference not in plan.agreements:
        problems.add(row, "aftale", _(
            "Unknown agreement %(reference)s: the file has no agreement with this reference."
        ) % {"reference": reference})
    elif slug and plan.agreements[reference][0] != slug:
        problems.add(row, "aftale", _(
            "The agreement %(reference)s belongs to the partner %(other)s, not %(slug)s."
        ) % {"reference": reference, "other": plan.agreements[reference][0], "slug": slug})
    area_slug = parse_text(row.values["fokusomraade"])
    if area_slug and area_slug not in focus_areas:
        problems.add(row, "fokusomraade", _unknown_focus_area(area_slug, focus_areas))
    action.focus_area = focus_areas.get(area_slug)
    _validate(action, ACTION, row, problems, exclude={"agreement", *failed})
    plan.actions.append((reference, action))


def _save(plan: _Plan, existing) -> ImportResult:
    """Write the plan: organisations updated or created, and what they own replaced by the file's."""
    orgs = plan.organisations
    for org in orgs.values():
        org.save()
    replaced = [org.pk for slug, org in orgs.items() if slug in existing]
    ContactPerson.objects.filter(organisation__in=replaced).delete()
    Agreement.objects.filter(organisation__in=replaced).delete()  # with its targets and actions
    for slug, contact in plan.contacts:
        contact.organisation = orgs[slug]
    ContactPerson.objects.bulk_create([contact for _slug, contact in plan.contacts])
    targets, area_links = [], []
    for slug, agreement, agreement_targets, areas in plan.agreements.values():
        agreement.organisation = orgs[slug]
        agreement.save()
        for target in agreement_targets:
            target.agreement = agreement
            targets.append(target)
        area_links += [Agreement.focus_areas.through(agreement=agreement, focusarea=area) for area in areas]
    ReductionTarget.objects.bulk_create(targets)
    Agreement.focus_areas.through.objects.bulk_create(area_links)
    for reference, action in plan.actions:
        action.agreement = plan.agreements[reference][1]
    Action.objects.bulk_create([action for _reference, action in plan.actions])
    updated = sum(1 for slug in orgs if slug in existing)
    return ImportResult(created=len(orgs) - updated, updated=updated)
