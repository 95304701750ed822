"""The accounting core's findings in the reader's language, with numbers formatted for it.

The core returns `Problem(code, field, params)`; this module is the one place
that turns a code into a sentence. Numbers go through Django's number_format
("6.640.000 kWh" in Danish, "6,640,000 kWh" in English), sources, units and
variants through their labels, so no internal code reaches a page.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.formats import date_format, number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimapartner.climate.labels import category_label, factor_label, source_label, unit_label, variant_label
from klimapartner.spreadsheets import column_letter


def number(value, places: int = 2) -> str:
    """A number for a sentence: grouped, the language's decimal mark, at most `places` decimals, no trailing zeros."""
    if value is None or value == "":
        return "–"
    try:
        value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        return str(value)
    if not value.is_finite():
        return str(value)
    if abs(value) >= Decimal("1e15"):
        return f"{value:.3E}".replace(".", "," if _decimal_comma() else ".")
    try:
        rounded = value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        return str(value)
    text = f"{rounded:f}"
    decimals = len(text.partition(".")[2].rstrip("0")) if "." in text else 0
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _decimal_comma() -> bool:
    from django.utils.formats import get_format

    return get_format("DECIMAL_SEPARATOR") == ","


def percent(fraction, places: int = 1) -> str:
    """0.237 -> "23,7 %" in Danish (with a space, as Danish writes it), "23.7%" in English."""
    text = number(Decimal(fraction) * 100, places)
    return _("%(number)s%%") % {"number": text}


def tonnes(kg, places: int = 1) -> str:
    return number(Decimal(kg) / 1000, places) if kg is not None else "–"


def _source(params) -> str:
    code = params.get("source", "")
    name = source_label(code) if code else ""
    variant = params.get("variant") or ""
    return f"{name}, {variant_label(variant)}" if variant and name else name


def _units(units) -> str:
    return _(" or ").join(unit_label(u) for u in units) if units else ""


def _choices(values) -> str:
    return ", ".join(variant_label(v) for v in values)


def _field(name: str) -> str:
    return str({
        "amount": _("the amount"), "guarantees_kwh": _("the certificates (kWh)"),
        "supplier_factor": _("the supplier's factor"), "employees": _("the number of employees"),
        "expected_kg": _("the expected effect"), "realised_kg": _("the realised effect"),
    }.get(name, name))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if isinstance(value, date) else str(value)


def _join(values) -> str:
    return ", ".join(str(v) for v in values) if isinstance(values, (tuple, list)) else str(values)


FILE_CODES = {"too_large", "too_large_uncompressed", "too_many_sheets", "too_many_rows", "too_many_cells",
              "cell_too_long", "not_xlsx", "old_xls", "not_text", "empty", "csv_broken", "no_such_file"}


def describe(problem) -> str:
    """One finding (a Problem, RowError or SpreadsheetError-like object with code and params) as a sentence."""
    code = problem.code
    if code in FILE_CODES:
        from klimapartner.spreadsheet_errors import describe as describe_file_error

        return describe_file_error(problem)
    p = dict(getattr(problem, "params", {}) or {})
    source = _source(p)
    text = _MESSAGES.get(code)
    if text is None:
        return _("Something in the data could not be used (%(code)s).") % {"code": code}
    return text(p, source)


def _jump(p, source, up: bool) -> str:
    values = {"source": source, "amount": number(p.get("amount"), 0), "last": number(p.get("last"), 0),
              "unit": unit_label(p.get("unit", "")), "ratio": number(p.get("ratio"), 0)}
    if up:
        return _("%(source)s: %(amount)s %(unit)s is %(ratio)s times last year's %(last)s %(unit)s. Check the unit "
                 "and the figure.") % values
    return _("%(source)s: %(amount)s %(unit)s is 1/%(ratio)s of last year's %(last)s %(unit)s. Check the unit and "
             "the figure.") % values


_MESSAGES = {
    # activity lines
    "unknown_source": lambda p, s: _("%(value)s is not one of the sources of emissions.") % {"value": p.get("value")},
    "not_a_number": lambda p, s: _cap(_("%(field)s is not a number.") % {"field": _field(p["field"])})
    if "field" in p else _("%(value)s is not a number.") % {"value": p.get("value")},
    "negative": lambda p, s: _cap(_("%(field)s cannot be negative.") % {"field": _field(p["field"])})
    if "field" in p else _("%(value)s is negative; an emission factor is zero or more.") % {"value": number(p.get("value"))},
    "out_of_range": lambda p, s: _("%(value)s is larger than any real account allows (at most %(limit)s).") % {
        "value": number(p.get("value")), "limit": number(p.get("limit"))},
    "unknown_unit": lambda p, s: _("The unit %(unit)s is not known.") % {"unit": p.get("unit")},
    "unit_does_not_fit": lambda p, s: _("%(source)s cannot be measured in %(unit)s; use %(units)s.") % {
        "source": source_label(p.get("source", "")), "unit": unit_label(p.get("unit", "")),
        "units": _units(p.get("accepted", ()))},
    "unknown_variant": lambda p, s: _("Choose one of: %(allowed)s.") % {"allowed": _choices(p.get("allowed", ()))},
    "missing_variant": lambda p, s: (_("Choose one of: %(allowed)s.") % {"allowed": _choices(p["allowed"])}
                                     if p.get("allowed") else _("Say which fraction or kind it is.")),
    "guarantees_not_applicable": lambda p, s: _("Certificates and guarantees of origin apply to electricity and gas "
                                                "only."),
    "guarantees_exceed_use": lambda p, s: _("Certificates for %(guarantees)s kWh are more than the %(used)s kWh used.")
    % {"guarantees": number(p.get("guarantees"), 0), "used": number(p.get("used"), 0)},
    "supplier_factor_not_applicable": lambda p, s: _("A supplier's factor applies to electricity, district heating and "
                                                     "gas only."),
    "no_factor": lambda p, s: _("The emission-factor set %(set)s has no factor for %(what)s.") % {
        "set": p.get("factor_set"), "what": factor_label(p.get("key", ""))},
    "no_gwp": lambda p, s: _("There is no global warming potential for %(gas)s in the %(gwp)s table.") % {
        "gas": p.get("variant"), "gwp": p.get("gwp")},
    "no_energy_conversion": lambda p, s: _("%(unit)s cannot be converted to kWh for certificates or a supplier's "
                                           "factor; enter the amount in kWh or m³.") % {"unit": unit_label(p.get("unit", ""))},
    "employees_not_a_number": lambda p, s: _("The number of employees %(value)s is not a number.") % {
        "value": p.get("value")},
    "employees_negative": lambda p, s: _("The number of employees cannot be negative."),
    "year_out_of_range": lambda p, s: _("The year %(value)s is outside 1990–2100.") % {"value": p.get("value")},
    "not_computable": lambda p, s: _("%(source)s could not be computed.") % {"source": s},
    # warnings the user confirms
    "jump_up": lambda p, s: _jump(p, s, True),
    "jump_down": lambda p, s: _jump(p, s, False),
    "grid_area_unknown": lambda p, s: _("The grid area is unknown, so Energinet's national declaration is used. Choose "
                                        "DK1 or DK2, or add the postcode to the organisation's address."),
    "effect_implausible": lambda p, s: _("%(action)s: an effect of %(tonnes)s t CO2e a year is more than %(share)s of "
                                         "the partner's %(total)s t CO2e in %(year)s. Check the figure and the unit "
                                         "(tonnes, not kg).") % {
        "action": p.get("action"), "tonnes": number(p.get("tonnes"), 1), "share": percent(p.get("share", 0), 0),
        "total": number(p.get("total"), 1), "year": p.get("year")},
    "effect_without_account": lambda p, s: _("%(action)s: an effect of %(tonnes)s t CO2e a year is a lot for an "
                                             "organisation of this size (more than %(limit)s t). Check the figure and "
                                             "the unit (tonnes, not kg).") % {
        "action": p.get("action"), "tonnes": number(p.get("tonnes"), 1), "limit": number(p.get("limit"), 0)},
    # notes on the result
    "factor_year_differs": lambda p, s: _("%(factor)s: the factor is for %(factor_year)s, the account for %(year)s "
                                          "(the nearest year there is).") % {
        "factor": factor_label(p.get("key", "")), "factor_year": p.get("factor_year"), "year": p.get("year")},
    "below_threshold": lambda p, s: _("The change of %(share)s is below the significance threshold of %(threshold)s, "
                                      "so the base year is kept as it was.") % {
        "share": _("%(number)s%%") % {"number": number(p.get("share"), 1)},
        "threshold": _("%(number)s%%") % {"number": number(p.get("threshold"), 1)}},
    "reason_not_allowed": lambda p, s: _("That is not a reason to recalculate a base year; a real change in "
                                         "emissions, such as a greener grid, never is."),
    "description_missing": lambda p, s: _("Say what changed."),
    "threshold_out_of_range": lambda p, s: _("The significance threshold must be between 0 and 100 %%, not "
                                             "%(value)s.") % p,
    # targets
    "no_targets": lambda p, s: _("The agreement has no reduction targets."),
    "base_year_missing": lambda p, s: _("The agreement has no base year."),
    "target_not_after_base": lambda p, s: _("The target year %(year)s is not after the base year %(base_year)s.") % p,
    "reduction_out_of_range": lambda p, s: _("The reduction for %(year)s must be between 0 and 100 %%.") % p,
    "reduction_decreases": lambda p, s: _("The reduction for %(year)s (%(value)s) is smaller than the reduction of an "
                                          "earlier target (%(previous)s); a target never allows more than the one "
                                          "before it.") % {
        "year": p.get("year"), "value": percent(p.get("value", 0), 0), "previous": percent(p.get("previous", 0), 0)},
    "target_year_twice": lambda p, s: _("There are two targets for %(year)s.") % p,
    # the programme
    "partner_twice": lambda p, s: _("%(partner)s has two accounts for %(year)s; only the first is counted.") % p,
    "base_year_mismatch": lambda p, s: _("The data is for %(year)s, the base year is %(base_year)s.") % p,
    # Klimakompasset reports
    "missing_sheets": lambda p, s: _("This is not a Klimakompasset report: the sheet %(sheets)s is missing. The file "
                                     "has the sheets %(found)s.") % {"sheets": _join(p.get("sheets", ())),
                                                                    "found": _join(p.get("found", ())) or "–"},
    "no_dates": lambda p, s: _("The sheet %(sheet)s has no readable %(missing)s (a label in column A with the date in "
                               "column B).") % {"sheet": p.get("sheet"), "missing": _(" or ").join(p.get("missing", ()))},
    "end_before_start": lambda p, s: _("The end date %(end)s is before the start date %(start)s.") % {
        "end": _date(p.get("end")), "start": _date(p.get("start"))},
    "period_too_long": lambda p, s: _("The period %(start)s–%(end)s is longer than a year; a CO2 account covers one "
                                      "year.") % {"end": _date(p.get("end")), "start": _date(p.get("start"))},
    "not_calendar_year": lambda p, s: _("The period %(start)s–%(end)s is not a calendar year; it is counted as "
                                        "%(year)s.") % {"end": _date(p.get("end")), "start": _date(p.get("start")),
                                                        "year": p.get("year")},
    "no_header": lambda p, s: _("The sheet %(sheet)s has no header row with the column %(columns)s.") % {
        "sheet": p.get("sheet"), "columns": _join(p.get("columns", ()))},
    "cell_not_a_number": lambda p, s: _("The sheet %(sheet)s, row %(row)s: %(value)s in the column %(column)s is not "
                                        "a number.") % p,
    "cell_negative": lambda p, s: _("The sheet %(sheet)s, row %(row)s: %(value)s t CO2e is negative.") % {
        **p, "value": number(p.get("value"))},
    "scope_not_understood": lambda p, s: _("The sheet %(sheet)s, row %(row)s: the scope %(value)s was not understood; "
                                           "the row was left out.") % p,
    "no_results": lambda p, s: _("The sheet %(sheet)s has no result rows.") % p,
    "rows_do_not_add_up": lambda p, s: _("The sheet %(sheet)s: the rows add up to %(summed)s t CO2e, but the report's "
                                         "total says %(stated)s t CO2e.") % {
        "sheet": p.get("sheet"), "summed": number(p.get("summed")), "stated": number(p.get("stated"))},
    "entries_only": lambda p, s: _("A CSV file holds the entries only: the company, the period and Klimakompasset's "
                                   "result are not in it, so there is nothing to compare with."),
    "no_entries_sheet": lambda p, s: _("The report has no sheet %(sheet)s, so only Klimakompasset's results were read, "
                                       "not the consumption behind them.") % p,
    # files (klimapartner.spreadsheets): see FILE_CODES
    "missing_sheet": lambda p, s: _("The sheet %(sheet)s is missing.") % p,
    "not_a_date": lambda p, s: _("%(value)s is not a date (write for example 2025-03-01 or 01-03-2025).") % p,
    "not_a_year": lambda p, s: _("%(value)s is not a year (four digits, for example 2030).") % p,
    "not_yes_no": lambda p, s: _("%(value)s is not ja or nej.") % p,
    # factor files (accounting.factors.RowError)
    "empty_file": lambda p, s: _("The file is empty; the first row must name the columns."),
    "missing_column": lambda p, s: _("The column is missing from the first row."),
    "no_factors": lambda p, s: _("The file has a header but no factors."),
    "set_differs": lambda p, s: _("The set %(name)s %(year)s %(gwp)s differs from %(first_name)s %(first_year)s "
                                  "%(first_gwp)s in the first row; a file holds one set.") % p,
    "duplicate_key": lambda p, s: _("%(factor)s for %(year)s is already in row %(first_row)s.") % {
        "factor": factor_label(p.get("key", "")), "year": p.get("year"), "first_row": p.get("first_row")},
    "is_empty": lambda p, s: _("This field cannot be blank."),
    "implausible_year": lambda p, s: _("%(value)s is not a plausible year (1990–2100).") % p,
    "unknown_gwp": lambda p, s: _("%(value)s is not a known GWP table; use %(allowed)s.") % p,
    "value_too_large": lambda p, s: _("%(value)s is larger than any emission factor.") % {"value": number(p.get("value"))},
    "unit_not_per_activity": lambda p, s: _("%(value)s must be an emission per unit of activity, like kg CO2e/kWh.")
    % p,
    "unit_not_co2e": lambda p, s: _("%(value)s must start with a mass of CO2e (g, kg or t CO2e).") % p,
    "unknown_scope": lambda p, s: _("%(value)s is not 1, 2 or 3.") % p,
    "unknown_category": lambda p, s: _("%(value)s is not one of the GHG Protocol categories.") % p,
    "category_scope_mismatch": lambda p, s: _("%(category)s belongs to scope %(expected)s, not scope %(scope)s.") % {
        "category": category_label(p.get("value", "")), "expected": p.get("expected"), "scope": p.get("scope")},
    "provisional_needs_note": lambda p, s: _("A provisional factor needs a note saying what it stands in for."),
    "bad_conversion": lambda p, s: _("%(value)s is not a quantity (a number, a space and a unit, like 39.6 "
                                     "MJ/m**3).") % p,
    "bad_chp_method": lambda p, s: _("%(value)s is not a CHP method; write 125%% or 200%%.") % p,
    "chp_methods_mixed": lambda p, s: _("The set mixes CHP allocation methods (%(methods)s). Use one method for "
                                        "electricity and heat, or give a reason in chp_mixed_reason if the mix is "
                                        "deliberate.") % p,
}


def _size(value) -> str:
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(value) if value is not None else "–"


def row_error(error) -> str:
    """A factor file's RowError: its reason in words (the row and column are shown beside it)."""
    return describe(error)


def where(row=None, column="", sheet="") -> str:
    """ "Ark Partnere, række 4, kolonne navn" for a finding's place in a file."""
    parts = []
    if sheet:
        parts.append(_("sheet %(sheet)s") % {"sheet": sheet})
    if row:
        parts.append(_("row %(row)s") % {"row": row})
    if column:
        parts.append(_("column %(column)s") % {"column": column_letter(column) if isinstance(column, int) else column})
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def count_text(count: int) -> str:
    return ngettext("%(count)s finding", "%(count)s findings", count) % {"count": count}


__all__ = ["describe", "number", "percent", "tonnes", "row_error", "where", "format_lazy"]
