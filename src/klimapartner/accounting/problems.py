"""Findings of the accounting core: a code, the field it is about, and the figures, never a finished sentence.

The web app translates each code into the user's language and formats the
figures in `params` for it; the English sentences here are for the command
line, logs and tests.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks the calculation
    WARNING = "warning"  # the user confirms the figure before it is saved
    NOTE = "note"  # said on the result: how something was computed


@dataclass(frozen=True)
class Problem:
    """A finding about the input or how the result was reached.

    field: the input field it concerns ("amount", "unit", "variant",
    "guarantees_kwh", "supplier_factor", "employees", "year", …) or "".
    line: the index into YearActivity.lines, or None for the year as a whole.
    params: the figures and names the message needs, as raw values (Decimal,
    int, str), so the app can format numbers for the reader's language.
    """

    code: str
    field: str = ""
    params: dict = dataclass_field(default_factory=dict, hash=False)
    line: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def message(self) -> str:
        """The finding in English (for the command line)."""
        from klimapartner.spreadsheets import MESSAGES as SHEET_MESSAGES

        template = MESSAGES.get(self.code) or SHEET_MESSAGES.get(self.code, self.code)
        try:
            return template.format(**{k: _plain(v) for k, v in self.params.items()})
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {self.params}"

    def __str__(self) -> str:
        where = f"line {self.line + 1}: " if self.line is not None else ""
        return f"{where}{self.message}"


def _plain(value):
    from decimal import Decimal

    if isinstance(value, Decimal) and value.is_finite():
        if abs(value) >= 1 and value == value.to_integral_value():
            return f"{value.quantize(1):f}" if abs(value) < Decimal("1e28") else f"{value:E}"
        return f"{value.normalize():f}" if abs(value) < Decimal("1e28") else f"{value:E}"
    if isinstance(value, (tuple, list)):
        return ", ".join(str(_plain(v)) for v in value)
    return value


def errors(problems) -> list[Problem]:
    return [p for p in problems if p.severity == Severity.ERROR]


def warnings(problems) -> list[Problem]:
    return [p for p in problems if p.severity == Severity.WARNING]


def notes(problems) -> list[Problem]:
    return [p for p in problems if p.severity == Severity.NOTE]


MESSAGES = {
    # input errors
    "unknown_source": "{value!r} is not a source of emissions",
    "not_a_number": "{source}: {field} {value!r} is not a number",
    "negative": "{source}: {field} {value} is negative",
    "out_of_range": "{source}: {field} {value} is larger than any real account ({limit} at most)",
    "unknown_unit": "{source}: the unit {unit!r} is not known",
    "unit_does_not_fit": "{source} cannot be measured in {unit}; use {accepted}",
    "unknown_variant": "{source}: {variant!r} is not one of {allowed}",
    "missing_variant": "{source}: choose one of {allowed}",
    "guarantees_not_applicable": "{source}: certificates and guarantees of origin apply to electricity and gas only",
    "guarantees_exceed_use": "{source}: certificates for {guarantees} kWh exceed the {used} kWh used",
    "supplier_factor_not_applicable": "{source}: a supplier's factor applies to electricity, heat and gas only",
    "no_factor": "{source}: the factor set {factor_set} has no factor {key}",
    "no_gwp": "{source}: {variant} has no {gwp} global warming potential in the table",
    "no_energy_conversion": "{source}: {unit} cannot be converted to kWh for the supplier's factor",
    "employees_not_a_number": "the number of employees {value!r} is not a number",
    "employees_negative": "the number of employees {value} is negative",
    "year_out_of_range": "the year {value} is outside 1990–2100",
    "not_computable": "{source}: the line could not be computed ({detail})",
    # warnings the user confirms
    "jump_up": "{source}: {amount} {unit} is {ratio} times last year's {last} {unit}; check the unit and the figure",
    "jump_down": "{source}: {amount} {unit} is 1/{ratio} of last year's {last} {unit}; check the unit and the figure",
    "grid_area_unknown": "{source}: the grid area (DK1 or DK2) is unknown, so Energinet's national declaration was "
                         "used; give the postcode or the grid area",
    "effect_implausible": "{action}: an effect of {tonnes} t CO2e a year is more than {share} of the partner's "
                          "{total} t CO2e",
    "effect_without_account": "{action}: an effect of {tonnes} t CO2e a year is more than {limit} t for a partner "
                              "without a CO2 account",
    # notes on the result
    "factor_year_differs": "{key}: the factor is for {factor_year}, the account for {year}",
    # factor sets
    "chp_methods_mixed": "the set mixes CHP allocation methods ({methods}); choose one or mark the mix deliberate",
    # targets
    "no_targets": "at least one target is needed",
    "target_not_after_base": "the target year {year} is not after the base year {base_year}",
    "reduction_out_of_range": "the reduction for {year} must be between 0 and 1 (0.70 for 70 %), not {value}",
    "reduction_decreases": "the reduction for {year} ({value}) is smaller than an earlier target's ({previous})",
    "target_year_twice": "two targets for {year}",
    "base_year_missing": "a path needs a base year (and its total), not {value!r}",
    # the programme
    "partner_twice": "{partner} has two inventories for {year}; the second was left out",
    # Klimakompasset reports
    "missing_sheets": "this is not a Klimakompasset report: the sheet(s) {sheets} are missing (sheets in the file: "
                      "{found})",
    "no_dates": "{sheet}: no readable {missing} (a label in column A with the date in column B)",
    "end_before_start": "Stamdata: the end date {end} is before the start date {start}",
    "period_too_long": "Stamdata: the period {start} – {end} is longer than a year; a CO2 account covers one year",
    "not_calendar_year": "the period {start} – {end} is not a calendar year; it is counted as {year}",
    "no_header": "{sheet}: no header row with the column(s) {columns}",
    "cell_not_a_number": "{sheet}, row {row}: the value {value!r} in column {column!r} is not a number",
    "cell_negative": "{sheet}, row {row}: {value} t CO2e is negative",
    "scope_not_understood": "{sheet}, row {row}: scope {value!r} not understood; the row was skipped",
    "no_results": "{sheet}: the table has no result rows",
    "rows_do_not_add_up": "{sheet}: the rows add up to {summed} t CO2e but the file's total says {stated}",
    "no_entries_sheet": "no sheet {sheet!r}: only the results were imported, no consumption data",
    "entries_only": "a CSV file holds the entries only: no company, period or Klimakompasset result to compare with",
    # base year
    "reason_not_allowed": "{reason!r} is not a reason to recalculate a base year; a real change in the grid's or "
                          "any other factor's emissions never is",
    "description_missing": "a base-year recalculation needs a description of what changed",
    "base_year_mismatch": "the adjusted activity is for {year}, the base year is {base_year}",
    "threshold_out_of_range": "the significance threshold {value!r} must be a share between 0 and 1 (0.05 for 5 %)",
    "below_threshold": "the change of {share} % is below the significance threshold of {threshold} %; the base year "
                       "is kept",
}
