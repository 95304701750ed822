"""Versioned emission-factor sets: the shipped Danish set and the CSV/XLSX loader.

A set has a name, an edition year and a GWP table (AR4, AR5 or AR6). Each
factor carries its own data year (`Factor.year`): the shipped set holds, for
natural gas, Evida's figure for each of 2020–2023, and `FactorSet.for_year`
picks for an accounting year the factor of that year, or the nearest (the
latest earlier one, else the earliest later one), which the inventory says.

One CHP allocation method per set: combined heat and power splits its fuel
between electricity and heat, and electricity by the 125 % method with heat
by the 200 % method would give each side the smaller share. A file whose
factors name different methods is refused unless a row gives
`chp_mixed_reason` (a deliberate mix, said on the set).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources

from klimapartner import spreadsheets
from klimapartner.accounting.units import compatible, parse_quantity, parse_unit
from klimapartner.accounting.values import as_year, is_year

# GHG Protocol categories used here: code -> (scope, label).
CATEGORIES = {
    "1.stationary_combustion": (1, "Stationary combustion"),
    "1.mobile_combustion": (1, "Mobile combustion"),
    "1.fugitive": (1, "Fugitive emissions (refrigerants)"),
    "1.other": (1, "Other direct emissions"),
    "2.electricity": (2, "Purchased electricity"),
    "2.heat": (2, "Purchased heat"),
    "2.other": (2, "Other purchased energy"),
    "3.1_purchased_goods": (3, "3.1 Purchased goods and services"),
    "3.3_fuel_and_energy": (3, "3.3 Fuel- and energy-related activities"),
    "3.4_upstream_transport": (3, "3.4 Upstream transportation and distribution"),
    "3.5_waste": (3, "3.5 Waste generated in operations"),
    "3.6_business_travel": (3, "3.6 Business travel"),
    "3.7_commuting": (3, "3.7 Employee commuting"),
    "3.other": (3, "Other indirect emissions"),
}

GWP_SETS = ("AR4", "AR5", "AR6")
CHP_METHODS = ("125", "200")

CSV_COLUMNS = (
    "set_name", "set_year", "gwp", "key", "value", "unit", "scope", "category",
    "publisher", "document", "link", "method", "provisional", "provisional_note", "conversion",
    "factor_year", "biogenic_value", "chp_method", "chp_mixed_reason",
)
REQUIRED_COLUMNS = ("set_name", "set_year", "gwp", "key", "value", "unit", "scope", "category", "publisher")


@dataclass(frozen=True)
class Reference:
    """Where a factor comes from: who published it, in which document, where to find it."""

    publisher: str
    document: str = ""
    link: str = ""


@dataclass(frozen=True)
class Factor:
    """One emission factor: `value` kg CO2e (or another CO2e mass) per activity unit.

    `conversion` is an optional quantity that turns a second activity unit into
    the factor's: natural gas's calorific value ("39.6 MJ/m**3") lets kWh or GJ
    be used with a factor per m³; a flight band's typical distance
    ("1800 pkm/trip") lets trips be used with a factor per passenger-km.
    `biogenic` is the biogenic CO2 per activity unit, reported outside the
    scopes (HVO, wood, biogas, the bio share of road fuels).
    `year` is the year the value describes; `chp_method` "125" or "200" for a
    factor that depends on how CHP fuel is split, else "".
    """

    key: str
    value: Decimal
    unit: str
    scope: int
    category: str
    reference: Reference
    method: str = ""
    provisional: bool = False
    provisional_note: str = ""
    conversion: str = ""
    year: int | None = None
    biogenic: Decimal = Decimal(0)
    chp_method: str = ""

    @property
    def activity_unit(self) -> str:
        """The unit of activity the factor applies to ("kWh" for kg_CO2e/kWh)."""
        return self.unit.partition("/")[2].strip()

    @property
    def emission_unit(self) -> str:
        return self.unit.partition("/")[0].strip()


def _nearest(candidates, year):
    """The factor for `year`: that year's, else the latest earlier one, else the earliest later one."""
    dated = [f for f in candidates if f.year is not None]
    if not is_year(year) or not dated:
        return max(candidates, key=lambda f: f.year or 0)
    earlier = [f for f in dated if f.year <= year]
    if earlier:
        return max(earlier, key=lambda f: f.year)
    return min(dated, key=lambda f: f.year)


@dataclass(frozen=True)
class FactorSet:
    """A named edition of factors; results carry its label.

    `factors` may hold one key several times with different data years;
    `get` then answers for `for_year` (default: the newest).
    """

    name: str
    year: int
    gwp: str
    factors: tuple[Factor, ...]
    chp_mixed_reason: str = ""
    for_year_of: int | None = None  # the accounting year `get` answers for
    _by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        grouped: dict[str, list[Factor]] = {}
        for f in self.factors:
            grouped.setdefault(f.key, []).append(f)
        object.__setattr__(self, "_by_key", {key: _nearest(fs, self.for_year_of) for key, fs in grouped.items()})

    @property
    def label(self) -> str:
        return f"{self.name} {self.year} ({self.gwp})"

    @property
    def chp_method(self) -> str:
        """"125", "200", "mixed" or "" (no factor depends on CHP allocation)."""
        methods = sorted({f.chp_method for f in self.factors if f.chp_method})
        return methods[0] if len(methods) == 1 else ("mixed" if methods else "")

    def for_year(self, year: int) -> "FactorSet":
        """The same set answering with the factors for `year` (or the nearest year each has)."""
        year = as_year(year)
        return FactorSet(self.name, self.year, self.gwp, self.factors, self.chp_mixed_reason,
                         year if is_year(year) else None)

    def get(self, key: str) -> Factor | None:
        return self._by_key.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def current(self) -> tuple[Factor, ...]:
        """One factor per key, as `get` answers."""
        return tuple(self._by_key.values())

    def provisional(self) -> tuple[Factor, ...]:
        return tuple(f for f in self.current() if f.provisional)

    def years(self) -> tuple[int, ...]:
        return tuple(sorted({f.year for f in self.factors if f.year is not None}))

    def with_factors(self, *factors: Factor, name: str | None = None) -> "FactorSet":
        """A copy in which the given factors replace (or add to) those with the same key."""
        keys = {f.key for f in factors}
        kept = tuple(f for f in self.factors if f.key not in keys)
        return FactorSet(name or self.name, self.year, self.gwp, kept + tuple(factors), self.chp_mixed_reason,
                         self.for_year_of)


@dataclass(frozen=True)
class RowError:
    """A bad row in a factor file: row 1 is the header, row 0 the file as a whole. `code` and `params` say why."""

    row: int
    column: str
    code: str
    params: dict = field(default_factory=dict, hash=False)

    @property
    def reason(self) -> str:
        template = ROW_MESSAGES.get(self.code) or spreadsheets.MESSAGES.get(self.code, self.code)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {self.params}"

    def __str__(self) -> str:
        if self.row == 0:
            return self.reason
        return f"row {self.row}, column {self.column}: {self.reason}"


ROW_MESSAGES = {
    "empty_file": "the file is empty; expected a header row",
    "missing_column": "column is missing from the header",
    "no_factors": "the file has a header but no factors",
    "set_differs": "set {name} {year} {gwp} differs from {first_name} {first_year} {first_gwp} in the first row; "
                   "a file holds one set",
    "duplicate_key": "{key} for {year} is already defined in row {first_row}",
    "is_empty": "is empty",
    "not_a_year": "{value!r} is not a year",
    "implausible_year": "{value} is not a plausible year (1990–2100)",
    "unknown_gwp": "{value!r} is not a known GWP set ({allowed})",
    "not_a_number": "{value!r} is not a number",
    "negative": "{value} is negative; an emission factor is zero or more",
    "value_too_large": "{value} is larger than any emission factor",
    "unit_not_per_activity": "{value!r} must be an emission per activity unit, like kg CO2e/kWh",
    "unit_not_co2e": "{value!r} must start with a CO2e mass (g, kg or t CO2e)",
    "unknown_unit": "the unit {value!r} is not known",
    "unknown_scope": "{value!r} is not 1, 2 or 3",
    "unknown_category": "{value!r} is not one of the GHG Protocol categories",
    "category_scope_mismatch": "{value} belongs to scope {expected}, not scope {scope}",
    "not_yes_no": "{value!r} is not yes or no",
    "provisional_needs_note": "a provisional factor needs a note saying what it stands in for",
    "bad_conversion": "{value!r} is not a quantity (a number, a space and a unit, like 39.6 MJ/m**3)",
    "bad_chp_method": "{value!r} is not a CHP method; write 125% or 200%",
    "chp_methods_mixed": "the set mixes CHP methods ({methods}); use one, or give chp_mixed_reason for a "
                         "deliberate mix",
}


@dataclass(frozen=True)
class LoadResult:
    """A loaded set, or no set and every error found."""

    factor_set: FactorSet | None
    errors: tuple[RowError, ...] = ()

    @property
    def ok(self) -> bool:
        return self.factor_set is not None


class FactorSetError(ValueError):
    """The shipped factor file is broken (a bug, not user input); `errors` lists every bad row."""

    def __init__(self, errors):
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


DEFAULT_FILE = "data/factors_dk.csv"


def default_factor_set(year: int | None = None) -> FactorSet:
    """The Danish factor set shipped with the package, answering for `year` (default: its newest factors)."""
    result = _default_result()
    if not result.ok:  # a broken shipped file is a bug, not user input
        raise FactorSetError(result.errors)
    return result.factor_set if year is None else result.factor_set.for_year(year)


_DEFAULT: list[LoadResult] = []


def _default_result() -> LoadResult:
    if not _DEFAULT:
        data = resources.files("klimapartner.accounting").joinpath(DEFAULT_FILE).read_bytes()
        _DEFAULT.append(read_factor_csv(data))
    return _DEFAULT[0]


def read_factor_csv(source, *, limits: spreadsheets.Limits = spreadsheets.DEFAULT_LIMITS) -> LoadResult:
    """Read a factor set from CSV (text, bytes, a path or a binary file object).

    Commas, semicolons or tabs as separators; in a semicolon file (Danish Excel)
    numbers are written "1.234,5", in a comma file "1234.5".
    """
    try:
        if isinstance(source, str):
            sheet = spreadsheets.read_csv(source, limits=limits)
        else:
            sheets = spreadsheets.read(source, limits=limits, filename=getattr(source, "name", "") or "x.csv")
            sheet = sheets[0]
    except spreadsheets.SpreadsheetError as error:
        return LoadResult(None, (RowError(0, "", error.code, error.params),))
    return _rows_to_set(sheet.rows, sheet.decimal_mark)


def read_factor_xlsx(source, *, limits: spreadsheets.Limits = spreadsheets.DEFAULT_LIMITS) -> LoadResult:
    """Read a factor set from the first sheet of an XLSX file (bytes, path or binary file object)."""
    try:
        data, _name = spreadsheets.file_bytes(source, "", limits)
        if not data.startswith(spreadsheets.ZIP_MAGIC):
            raise spreadsheets.SpreadsheetError("not_xlsx")
        sheets = spreadsheets.read_xlsx(data, limits=limits)
    except spreadsheets.SpreadsheetError as error:
        return LoadResult(None, (RowError(0, "", error.code, error.params),))
    if not sheets:
        return LoadResult(None, (RowError(1, "", "empty_file"),))
    rows = [[spreadsheets.parse_text(v) if not isinstance(v, (int, float)) or isinstance(v, bool) else v for v in row]
            for row in sheets[0].rows]
    return _rows_to_set(rows, ",")


def read_factor_file(source, filename: str = "", *,
                     limits: spreadsheets.Limits = spreadsheets.DEFAULT_LIMITS) -> LoadResult:
    """A factor file of either kind: XLSX by its content, CSV otherwise."""
    try:
        data, filename = spreadsheets.file_bytes(source, filename, limits)
    except spreadsheets.SpreadsheetError as error:
        return LoadResult(None, (RowError(0, "", error.code, error.params),))
    if data.startswith(spreadsheets.ZIP_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_factor_xlsx(data, limits=limits)
    if data.startswith(spreadsheets.OLE_MAGIC):
        return LoadResult(None, (RowError(0, "", "old_xls"),))
    return read_factor_csv(data, limits=limits)


def write_factor_csv(factor_set: FactorSet) -> str:
    """The set as CSV text (commas, decimal points), in the column order read_factor_csv expects."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for n, f in enumerate(factor_set.factors):
        writer.writerow([
            factor_set.name, factor_set.year, factor_set.gwp, f.key, spreadsheets.format_decimal(f.value, "."),
            f.unit, f.scope, f.category, f.reference.publisher, f.reference.document, f.reference.link, f.method,
            "yes" if f.provisional else "no", f.provisional_note, f.conversion,
            "" if f.year is None else f.year, spreadsheets.format_decimal(f.biogenic, ".") if f.biogenic else "",
            f"{f.chp_method}%" if f.chp_method else "", factor_set.chp_mixed_reason if n == 0 else "",
        ])
    return out.getvalue()


def _cell(value) -> str:
    return spreadsheets.parse_text(value) if not isinstance(value, str) else value.strip()


def _rows_to_set(rows, decimal_mark: str) -> LoadResult:
    rows = list(rows)
    if not rows or not any(_cell(c) for c in rows[0]):
        return LoadResult(None, (RowError(1, "-", "empty_file"),))
    header = [_cell(c).lower() for c in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return LoadResult(None, tuple(RowError(1, c, "missing_column", {"column": c}) for c in missing))
    index = {name: header.index(name) for name in CSV_COLUMNS if name in header}

    errors: list[RowError] = []
    factors: list[Factor] = []
    seen: dict[tuple, int] = {}
    set_meta: tuple | None = None
    mixed_reason = ""
    chp_rows: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        if all(spreadsheets.is_blank(c) for c in raw):
            continue
        row = {name: (raw[i] if i < len(raw) else None) for name, i in index.items()}
        row_errors, factor, meta = _parse_row(number, row, decimal_mark)
        errors.extend(row_errors)
        mixed_reason = mixed_reason or _cell(row.get("chp_mixed_reason"))
        if meta is not None:
            if set_meta is None:
                set_meta = meta
            elif meta != set_meta:
                errors.append(RowError(number, "set_name", "set_differs", {
                    "name": meta[0], "year": meta[1], "gwp": meta[2],
                    "first_name": set_meta[0], "first_year": set_meta[1], "first_gwp": set_meta[2]}))
        if factor is not None:
            identity = (factor.key, factor.year)
            if identity in seen:
                errors.append(RowError(number, "key", "duplicate_key", {
                    "key": factor.key, "year": factor.year or meta[1] if meta else factor.year,
                    "first_row": seen[identity]}))
            else:
                seen[identity] = number
                factors.append(factor)
                if factor.chp_method:
                    chp_rows.setdefault(factor.chp_method, number)
    if len(chp_rows) > 1 and not mixed_reason:
        errors.append(RowError(max(chp_rows.values()), "chp_method", "chp_methods_mixed",
                               {"methods": ", ".join(f"{m}%" for m in sorted(chp_rows))}))
    if not errors and not factors:
        errors.append(RowError(2, "-", "no_factors"))
    if errors:
        return LoadResult(None, tuple(errors))
    name, year, gwp = set_meta
    factors = [f if f.year is not None else _with_year(f, year) for f in factors]
    return LoadResult(FactorSet(name, year, gwp, tuple(factors), mixed_reason))


def _with_year(factor: Factor, year: int) -> Factor:
    from dataclasses import replace

    return replace(factor, year=year)


def _year(value, column, bad) -> int | None:
    try:
        year = spreadsheets.parse_year(value)
    except spreadsheets.CellError:
        bad(column, "not_a_year", value=_cell(value))
        return None
    if year is not None and not 1990 <= year <= 2100:
        bad(column, "implausible_year", value=year)
        return None
    return year


def _decimal(value, column, bad, decimal_mark) -> Decimal | None:
    try:
        number = spreadsheets.parse_decimal(value, decimal_mark)
    except spreadsheets.CellError:
        bad(column, "not_a_number", value=_cell(value))
        return None
    if number is None:
        return None
    if number < 0:
        bad(column, "negative", value=number)
        return None
    if number > Decimal("1e12"):
        bad(column, "value_too_large", value=number)
        return None
    return number


def _parse_row(number: int, raw: dict, decimal_mark: str):
    errors = []

    def bad(column, code, **params):
        errors.append(RowError(number, column, code, params))

    row = {name: _cell(value) if not isinstance(value, (int, float)) or isinstance(value, bool) else value
           for name, value in raw.items()}
    text = {name: _cell(value) for name, value in raw.items()}
    for column in REQUIRED_COLUMNS:
        if spreadsheets.is_blank(row.get(column)):
            bad(column, "is_empty")

    meta = None
    year = _year(row.get("set_year"), "set_year", bad) if text.get("set_year") else None
    gwp = text.get("gwp", "").upper()
    if gwp and gwp not in GWP_SETS:
        bad("gwp", "unknown_gwp", value=text["gwp"], allowed=", ".join(GWP_SETS))
    if text.get("set_name") and year is not None and gwp in GWP_SETS:
        meta = (text["set_name"], year, gwp)

    value = _decimal(row.get("value"), "value", bad, decimal_mark) if text.get("value") else None
    biogenic = _decimal(row.get("biogenic_value"), "biogenic_value", bad, decimal_mark) or Decimal(0)
    factor_year = _year(row.get("factor_year"), "factor_year", bad) if text.get("factor_year") else None

    unit = text.get("unit", "")
    if unit:
        if "/" not in unit:
            bad("unit", "unit_not_per_activity", value=unit)
        else:
            try:
                parse_unit(unit.partition("/")[2])
                if not compatible(unit.partition("/")[0], "kg_CO2e"):
                    bad("unit", "unit_not_co2e", value=unit)
            except ValueError:
                bad("unit", "unknown_unit", value=unit)

    scope = None
    if text.get("scope"):
        try:
            scope = spreadsheets.parse_int(row["scope"])
            if scope not in (1, 2, 3):
                raise spreadsheets.CellError("not_a_number")
        except spreadsheets.CellError:
            bad("scope", "unknown_scope", value=text["scope"])
            scope = None
    category = text.get("category", "")
    if category:
        if category not in CATEGORIES:
            bad("category", "unknown_category", value=category)
        elif scope is not None and CATEGORIES[category][0] != scope:
            bad("category", "category_scope_mismatch", value=category, expected=CATEGORIES[category][0], scope=scope)

    provisional = False
    try:
        provisional = bool(spreadsheets.parse_bool(text.get("provisional", "")))
    except spreadsheets.CellError:
        bad("provisional", "not_yes_no", value=text.get("provisional", ""))
    if provisional and not text.get("provisional_note"):
        bad("provisional_note", "provisional_needs_note")

    conversion = text.get("conversion", "")
    if conversion:
        try:
            parse_quantity(conversion)
        except ValueError:
            bad("conversion", "bad_conversion", value=conversion)

    chp = text.get("chp_method", "").replace("%", "").replace(" ", "").strip()
    if chp and chp not in CHP_METHODS:
        bad("chp_method", "bad_chp_method", value=text["chp_method"])

    if errors:
        return errors, None, meta
    factor = Factor(
        key=text["key"], value=value, unit=unit, scope=scope, category=category,
        reference=Reference(text["publisher"], text.get("document", ""), text.get("link", "")),
        method=text.get("method", ""), provisional=provisional,
        provisional_note=text.get("provisional_note", ""), conversion=conversion,
        year=factor_year, biogenic=biogenic, chp_method=chp,
    )
    return errors, factor, meta
