"""Klimakompasset reports in the app: read one in the background, check it against the partner, import it as a draft.

Reading is a background job (a report's entries sheet saved as CSV can hold
tens of thousands of rows); what was read waits on a KlimakompassetReport until
the partner has seen it — whose report it is, what becomes the year's activity
and what does not — and confirms. The imported report's own result stays for
the reconciliation page.
"""

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klimapartner.accounting.activity import ActivityLine
from klimapartner.accounting.klimakompasset import (
    Entry, ReportedLine, read_klimakompasset, reported_inventory, summed_lines,
)
from klimapartner.accounting.reconcile import reconcile, reconcile_entries
from klimapartner.climate.accounts import (
    compute, factor_set_for, finding_dict, previous_account, save_account, upload_limits,
)
from klimapartner.climate.findings import number
from klimapartner.climate.models import AccountStatus, KlimakompassetReport, ReportStatus, YearAccount
from klimapartner.partners.cvr import normalise_cvr

COMPANY_FORMS = re.compile(r"\b(aps|a/s|as|i/s|is|ivs|p/s|k/s|amba|a\.m\.b\.a\.|smba|fmba)\b\.?")


def store_read(report: KlimakompassetReport, result) -> None:
    """Copy what the core read onto the report row (not saved)."""
    report.problems = [finding_dict(p) for p in result.problems]
    if not result.ok:
        report.status = ReportStatus.FAILED
        return
    report.status = ReportStatus.READ
    report.company, report.cvr = result.company[:200], result.cvr[:20]
    report.report_year, report.period_start, report.period_end = result.year, result.period_start, result.period_end
    report.employees = result.employees
    report.reported = [{"scope": r.scope, "category": r.category, "label": r.label, "method": r.method,
                        "kg": str(r.kg_co2e), "row": r.row} for r in result.reported]
    report.activity = [{"source": e.line.source.value, "amount": str(e.line.amount), "unit": e.line.unit,
                        "variant": e.line.variant, "label": e.line.label, "row": e.row,
                        "kg": None if e.reported_kg is None else str(e.reported_kg)} for e in result.entries]
    report.unmapped = [{"row": u.row, "category": u.category, "description": u.description, "amount": u.amount,
                        "unit": u.unit, "code": u.code, "category_code": u.category_code} for u in result.unmapped]


def read_report(report: KlimakompassetReport, data: bytes, progress=None) -> None:
    """Read the file into the report and save it."""
    result = read_klimakompasset(data, limits=upload_limits(), postcode=report.organisation.postcode,
                                 progress=progress, filename=report.filename)
    store_read(report, result)
    report.save()


def activity_lines(report: KlimakompassetReport) -> list[ActivityLine]:
    """The report's entries as the account's lines: one per source, variant and unit, amounts added."""
    return [line if count == 1 else replace(line, label=(
        _("%(count)s entries from Klimakompasset") % {"count": number(count, 0)})[:120])
        for line, count in summed_lines(e.line for e in entries(report))]


def entries(report: KlimakompassetReport) -> tuple[Entry, ...]:
    """The report's entries one by one, with the kg Klimakompasset gave each (reports read before it was kept
    have none)."""
    from klimapartner.climate.forms import canonical_unit

    return tuple(Entry(a.get("row") or 0, ActivityLine(a["source"], Decimal(a["amount"]), canonical_unit(a["unit"]),
                                                       variant=a["variant"], label=a["label"]),
                       Decimal(a["kg"]) if a.get("kg") is not None else None) for a in report.activity)


def reported_lines(report: KlimakompassetReport) -> tuple[ReportedLine, ...]:
    return tuple(ReportedLine(r["scope"], r["category"], r["label"], r["method"], Decimal(r["kg"]), r["row"])
                 for r in report.reported)


def _plain_name(name: str) -> str:
    name = COMPANY_FORMS.sub("", name.casefold())
    return re.sub(r"[^\w]+", " ", name).strip()


def same_name(a: str, b: str) -> bool:
    """ "Vrå Tømrer & Snedker ApS" and "Vrå Tømrer og Snedker" are the same; "Nordlys Energi" is not."""
    x, y = _plain_name(a).replace(" og ", " "), _plain_name(b).replace(" og ", " ")
    return bool(x and y) and (x == y or x in y or y in x)


@dataclass(frozen=True)
class Checks:
    """What stands in the way of importing a read report, and what the partner must confirm first."""

    refusals: tuple[str, ...]
    confirmations: tuple[tuple[str, str], ...]  # (form field, what the partner confirms)
    account: YearAccount | None

    @property
    def ok(self) -> bool:
        return not self.refusals


def check_report(report: KlimakompassetReport, organisation, year: int) -> Checks:
    """Year, CVR number and name against the partner; an account already submitted is replaced only on purpose."""
    refusals, confirmations = [], []
    if report.report_year and report.report_year != year:
        refusals.append(_("The report covers %(report)s, not %(year)s. Upload it into %(report)s instead.") % {
            "report": report.report_year, "year": year})
    ours, theirs = normalise_cvr(organisation.cvr or ""), normalise_cvr(report.cvr or "")
    if ours and theirs and ours != theirs:
        refusals.append(_("The report is for CVR %(theirs)s (%(company)s), but %(name)s has CVR %(ours)s. Upload "
                          "%(name)s's own report.") % {"theirs": theirs, "company": report.company or "–",
                                                       "name": organisation.name, "ours": ours})
    elif not (ours and theirs and ours == theirs):
        if report.company and not same_name(report.company, organisation.name):
            confirmations.append(("confirm_identity", _(
                "The report is made out to %(company)s, not %(name)s. I confirm that it is %(name)s's report.") % {
                "company": report.company, "name": organisation.name}))
        elif not report.company and not report.cvr:
            confirmations.append(("confirm_identity", _(
                "The file names no company or CVR number. I confirm that it holds %(name)s's consumption for "
                "%(year)s.") % {"name": organisation.name, "year": year}))
    if not report.activity:
        refusals.append(_("Nothing in the report can become consumption data: the sheet Data (alle poster) is missing "
                          "or none of its entries is a source we count. Enter the year by hand instead."))
    account = organisation.climate_accounts.filter(year=year).first()
    if account is not None and account.status != AccountStatus.DRAFT:
        confirmations.append(("confirm_replace", _(
            "The account for %(year)s is %(status)s. Importing replaces its lines and makes it a draft again, so it "
            "no longer counts until it is submitted and approved. I want to replace it.") % {
            "year": year, "status": account.get_status_display().lower()}))
    return Checks(tuple(refusals), tuple(confirmations), account)


def import_report(report: KlimakompassetReport, organisation, year: int, *, factor_set=None):
    """Make the report's entries the year's activity, as a draft, all or nothing; the inventory computed."""
    lines = activity_lines(report)
    with transaction.atomic():
        account = organisation.climate_accounts.filter(year=year).select_for_update().first() or YearAccount(
            organisation=organisation, year=year, factor_set=factor_set)
        if report.employees is not None:
            account.employees = report.employees
        reported = sum((Decimal(r["kg"]) for r in report.reported if r["method"] != "market"), Decimal(0)) / 1000
        note = _("Imported from Klimakompasset: %(lines)s lines.") % {"lines": len(lines)}
        if report.reported:
            note += " " + _("Klimakompasset reported %(tonnes)s t CO2e.") % {"tonnes": number(reported)}
        if report.unmapped:
            note += " " + _("%(count)s entries were not imported; see the list on the account.") % {
                "count": len(report.unmapped)}
        account.notes = (account.notes + "\n" if account.notes else "") + note
        account.status = AccountStatus.DRAFT  # a draft until the partner has checked it and submits it
        account.reviewed_at = account.reviewed_by = None
        inventory = save_account(account, lines, previous=previous_account(organisation, year))
        account.status = AccountStatus.DRAFT
        account.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        report.status, report.imported_at = ReportStatus.IMPORTED, timezone.now()
        report.save(update_fields=["status", "imported_at"])
    return account, inventory


def latest_imported(organisation, year) -> KlimakompassetReport | None:
    return organisation.klimakompasset_reports.filter(year=year, status=ReportStatus.IMPORTED).order_by(
        "-imported_at").first()


def reconciliation(account: YearAccount, report: KlimakompassetReport, method="location"):
    """Our result for the year next to the report's, category by category."""
    ours = compute(account)
    theirs = reported_inventory(account.organisation.slug, account.year, reported_lines(report))
    not_imported = [(u["category_code"], u["description"] or u["category"]) for u in report.unmapped]
    return reconcile(ours, theirs, not_imported=not_imported, method=method)


def entry_reconciliation(account: YearAccount, report: KlimakompassetReport, method="location"):
    """Each entry of the report with our factors (the account's set, for its year) next to Klimakompasset's kg."""
    return reconcile_entries(entries(report), factor_set_for(account.factor_set, account.year), account.year,
                             method=method)


ENTRIES_SHOWN = 300
_REASON_ORDER = {"factors_differ": 0, "not_computable": 1, "not_reported": 2, "matches": 3}


def entries_to_show(rows, limit: int = ENTRIES_SHOWN):
    """The entries that explain the differences first (largest difference first), then the rest, at most `limit`."""
    return sorted(rows, key=lambda r: (_REASON_ORDER.get(r.reason, 9), -abs(r.difference or 0), r.row))[:limit]


def entry_counts(rows) -> list[tuple[str, int]]:
    """(reason, number of entries) in the order the page explains them."""
    counts = Counter(r.reason for r in rows)
    return sorted(counts.items(), key=lambda item: _REASON_ORDER.get(item[0], 9))


def review_url(report: KlimakompassetReport) -> str:
    return reverse("climate:review_klimakompasset", kwargs={"slug": report.organisation.slug, "year": report.year,
                                                            "pk": report.pk})


__all__ = ["check_report", "import_report", "read_report", "reconciliation", "replace"]
