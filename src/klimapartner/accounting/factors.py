"""Versioned emission-factor sets: the default Danish set and a CSV/XLSX loader."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from klimapartner.accounting.units import compatible, parse_quantity, parse_unit

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

GWP_SETS = {"AR4", "AR5", "AR6"}

CSV_COLUMNS = (
    "set_name", "set_year", "gwp", "key", "value", "unit", "scope", "category",
    "publisher", "document", "link", "method", "provisional", "provisional_note", "conversion",
)
REQUIRED_COLUMNS = ("set_name", "set_year", "gwp", "key", "value", "unit", "scope", "category", "publisher")


@dataclass(frozen=True)
class Reference:
    """Where a factor comes from."""

    publisher: str
    document: str = ""
    link: str = ""


@dataclass(frozen=True)
class Factor:
    """One emission factor: value kg CO2e (or another CO2e mass) per activity unit.

    `conversion` is an optional quantity that turns a second activity unit into
    the factor's: natural gas's calorific value ("39.6 MJ/m**3") lets m³ be
    used with a factor per GJ; a flight band's typical distance ("1800 pkm/trip")
    lets trips be used with a factor per passenger-km.
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

    @property
    def activity_unit(self) -> str:
        """The unit of activity the factor applies to ("kWh" for kg_CO2e/kWh)."""
        return self.unit.partition("/")[2].strip()

    @property
    def emission_unit(self) -> str:
        return self.unit.partition("/")[0].strip()


@dataclass(frozen=True)
class FactorSet:
    """A named, dated set of factors; results carry its label."""

    name: str
    year: int
    gwp: str
    factors: tuple[Factor, ...]
    _by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {f.key: f for f in self.factors})

    @property
    def label(self) -> str:
        return f"{self.name} {self.year} ({self.gwp})"

    def get(self, key: str) -> Factor | None:
        return self._by_key.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def provisional(self) -> tuple[Factor, ...]:
        return tuple(f for f in self.factors if f.provisional)

    def with_factors(self, *factors: Factor, name: str | None = None) -> "FactorSet":
        """A copy in which the given factors replace (or add to) those with the same key."""
        merged = dict(self._by_key)
        merged.update({f.key: f for f in factors})
        return FactorSet(name or self.name, self.year, self.gwp, tuple(merged.values()))


@dataclass(frozen=True)
class RowError:
    """A bad row in an imported factor file. Row 1 is the header."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.row == 0:  # about the whole file
            return self.reason
        return f"row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class LoadResult:
    """A loaded set, or no set and every error found."""

    factor_set: FactorSet | None
    errors: tuple[RowError, ...] = ()

    @property
    def ok(self) -> bool:
        return self.factor_set is not None


class FactorSetError(ValueError):
    """A factor file that can't be used; `errors` lists every bad row."""

    def __init__(self, errors):
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


def default_factor_set() -> FactorSet:
    """The Danish factor set shipped with the package."""
    text = resources.files("klimapartner.accounting").joinpath("data/factors_dk_default.csv").read_text("utf-8")
    result = read_factor_csv(text)
    if not result.ok:  # a broken shipped file is a bug, not user input
        raise FactorSetError(result.errors)
    return result.factor_set


def read_factor_csv(source) -> LoadResult:
    """Read a factor set from CSV text, a path or a text file object.

    Commas or semicolons as separators (Danish Excel writes semicolons);
    decimal commas accepted.
    """
    if isinstance(source, Path):
        source = source.read_text("utf-8-sig")
    if isinstance(source, str):
        text = source.lstrip("\ufeff")
    else:
        text = source.read()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return _rows_to_set(rows)


def read_factor_xlsx(source) -> LoadResult:
    """Read a factor set from the first sheet of an XLSX file (path or file object)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-XLSX file
        return LoadResult(None, (RowError(0, "-", f"the file is not an Excel workbook (.xlsx): {exc}"),))
    sheet = workbook.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _rows_to_set(rows)


def write_factor_csv(factor_set: FactorSet) -> str:
    """The set as CSV text, in the column order read_factor_csv expects."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in factor_set.factors:
        writer.writerow([
            factor_set.name, factor_set.year, factor_set.gwp, f.key, str(f.value), f.unit, f.scope,
            f.category, f.reference.publisher, f.reference.document, f.reference.link, f.method,
            "yes" if f.provisional else "no", f.provisional_note, f.conversion,
        ])
    return out.getvalue()


def _rows_to_set(rows) -> LoadResult:
    rows = [r for r in rows]
    if not rows or not any(cell.strip() for cell in rows[0]):
        return LoadResult(None, (RowError(1, "-", "the file is empty; expected a header row"),))
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return LoadResult(None, tuple(RowError(1, c, "column is missing from the header") for c in missing))
    index = {name: header.index(name) for name in CSV_COLUMNS if name in header}

    errors: list[RowError] = []
    factors: list[Factor] = []
    seen: dict[str, int] = {}
    set_meta: tuple | None = None
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        row = {name: (raw[i].strip() if i < len(raw) else "") for name, i in index.items()}
        row_errors, factor, meta = _parse_row(number, row)
        errors.extend(row_errors)
        if meta is not None:
            if set_meta is None:
                set_meta = meta
            elif meta != set_meta:
                errors.append(RowError(number, "set_name", f"set {meta[0]} {meta[1]} {meta[2]} differs from "
                                                           f"{set_meta[0]} {set_meta[1]} {set_meta[2]} in the first row; "
                                                           "a file holds one set"))
        if factor is not None:
            if factor.key in seen:
                errors.append(RowError(number, "key", f"{factor.key} is already defined in row {seen[factor.key]}"))
            else:
                seen[factor.key] = number
                factors.append(factor)
    if not errors and not factors:
        errors.append(RowError(2, "-", "the file has a header but no factors"))
    if errors:
        return LoadResult(None, tuple(errors))
    return LoadResult(FactorSet(set_meta[0], set_meta[1], set_meta[2], tuple(factors)))


def _parse_row(number: int, row: dict):
    errors = []

    def bad(column, reason):
        errors.append(RowError(number, column, reason))

    for column in REQUIRED_COLUMNS:
        if not row.get(column):
            bad(column, "is empty")

    meta = None
    year = None
    if row.get("set_year"):
        try:
            year = int(row["set_year"])
            if not 1990 <= year <= 2100:
                bad("set_year", f"{year} is not a plausible year (1990–2100)")
                year = None
        except ValueError:
            bad("set_year", f"{row['set_year']!r} is not a year")
    gwp = row.get("gwp", "").upper()
    if gwp and gwp not in GWP_SETS:
        bad("gwp", f"{row['gwp']!r} is not a known GWP set ({', '.join(sorted(GWP_SETS))})")
    if row.get("set_name") and year is not None and gwp in GWP_SETS:
        meta = (row["set_name"], year, gwp)

    value = None
    if row.get("value"):
        try:
            value = Decimal(row["value"].replace(",", "."))
            if not value.is_finite():
                raise InvalidOperation
            if value < 0:
                bad("value", f"{row['value']} is negative; an emission factor is zero or more")
                value = None
        except InvalidOperation:
            bad("value", f"{row['value']!r} is not a number")
            value = None

    unit = row.get("unit", "")
    if unit:
        if "/" not in unit:
            bad("unit", f"{unit!r} must be an emission per activity unit, like kg CO2e/kWh")
        else:
            try:
                parse_unit(unit.partition("/")[2])
                if not compatible(unit.partition("/")[0], "kg_CO2e"):
                    bad("unit", f"{unit!r} must start with a CO2e mass (g, kg or t CO2e)")
            except ValueError as exc:
                bad("unit", str(exc))

    scope = None
    if row.get("scope"):
        try:
            scope = int(row["scope"])
            if scope not in (1, 2, 3):
                raise ValueError
        except ValueError:
            bad("scope", f"{row['scope']!r} is not 1, 2 or 3")
            scope = None
    category = row.get("category", "")
    if category:
        if category not in CATEGORIES:
            bad("category", f"{category!r} is not one of {', '.join(CATEGORIES)}")
        elif scope is not None and CATEGORIES[category][0] != scope:
            bad("category", f"{category} belongs to scope {CATEGORIES[category][0]}, not scope {scope}")

    provisional_text = row.get("provisional", "").lower()
    if provisional_text not in ("", "yes", "no", "true", "false", "1", "0", "ja", "nej"):
        bad("provisional", f"{row['provisional']!r} is not yes or no")
    provisional = provisional_text in ("yes", "true", "1", "ja")
    if provisional and not row.get("provisional_note"):
        bad("provisional_note", "a provisional factor needs a note saying what it stands in for")

    conversion = row.get("conversion", "")
    if conversion:
        try:
            parse_quantity(conversion)
        except ValueError as exc:
            bad("conversion", str(exc))

    if errors:
        return errors, None, meta
    factor = Factor(
        key=row["key"], value=value, unit=unit, scope=scope, category=category,
        reference=Reference(row["publisher"], row.get("document", ""), row.get("link", "")),
        method=row.get("method", ""), provisional=provisional,
        provisional_note=row.get("provisional_note", ""), conversion=conversion,
    )
    return errors, factor, meta
