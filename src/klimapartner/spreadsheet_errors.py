"""klimapartner.spreadsheets' findings about a file, in the reader's language (for every import page)."""

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def _n(value) -> str:
    return number_format(value, decimal_pos=0, force_grouping=True) if isinstance(value, int) else str(value)


def describe(error) -> str:
    """A SpreadsheetError (or anything with code and params) as a sentence."""
    p = dict(getattr(error, "params", {}) or {})
    code = error.code
    if code == "too_large":
        return _("The file is %(size)s; the limit is %(limit)s.") % {
            "size": filesizeformat(p.get("size")), "limit": filesizeformat(p.get("limit"))}
    if code == "too_large_uncompressed":
        return _("The workbook unpacks to %(size)s; the limit is %(limit)s. Save it again from Excel, or split it.") % {
            "size": filesizeformat(p.get("size")), "limit": filesizeformat(p.get("limit"))}
    if code == "too_many_sheets":
        return _("The workbook has %(count)s sheets; the limit is %(limit)s.") % p
    if code == "too_many_rows":
        return _("The sheet %(sheet)s has more than %(limit)s rows.") % {"sheet": p.get("sheet") or "–",
                                                                        "limit": _n(p.get("limit"))}
    if code == "too_many_cells":
        return _("The file has more than %(limit)s cells.") % {"limit": _n(p.get("limit"))}
    if code == "cell_too_long":
        return _("Row %(row)s, column %(column)s: the cell holds more than %(limit)s characters.") % {
            "row": p.get("row"), "column": p.get("column") or "–", "limit": _n(p.get("limit"))}
    if code == "not_xlsx":
        return _("The file is not an Excel workbook (.xlsx). Save it from Excel as an .xlsx file and try again.")
    if code == "old_xls":
        return _("Old Excel files (.xls) cannot be read; save the file as .xlsx or CSV.")
    if code == "not_text":
        return _("The file is neither a CSV file nor an Excel workbook (.xlsx).")
    if code == "empty":
        return _("The file is empty.")
    if code == "csv_broken":
        return _("The CSV file cannot be read; check that texts with semicolons are in quotes.")
    if code == "no_such_file":
        return _("There is no file %(path)s.") % p
    return _("The file could not be read (%(code)s).") % {"code": code}
