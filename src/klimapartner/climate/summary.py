"""What the pages, the reports and the public include show about a partner's accounts."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from klimapartner.climate.charts import Chart, tonnes, tonnes_text, year_chart
from klimapartner.climate.findings import percent
from klimapartner.climate.labels import STATUS_LABELS, category_label
from django.utils import timezone

from klimapartner.climate.models import COUNTED, YearAccount
from klimapartner.climate.accounts import current_agreement
from klimapartner.climate.progress import PartnerProgress, partner_progress
from klimapartner.partners.models import AgreementStatus


@dataclass(frozen=True)
class CategoryRow:
    code: str
    label: str
    scope: int
    location: Decimal  # t CO2e
    market: Decimal


def account_summary(account: YearAccount) -> dict:
    """Scopes and categories in tonnes, and the intensity per employee."""
    codes = list(dict.fromkeys([*account.by_category_location, *account.by_category_market]))
    categories = [
        CategoryRow(code, category_label(code), int(code[0]),
                    tonnes(account.by_category_location.get(code, 0)), tonnes(account.by_category_market.get(code, 0)))
        for code in codes
    ]
    per_employee = None
    if account.employees:
        per_employee = (account.total_location / account.employees / 1000).quantize(Decimal("0.01"))
    return {
        "scopes": {"scope1": tonnes(account.scope1), "scope2_location": tonnes(account.scope2_location),
                   "scope2_market": tonnes(account.scope2_market), "scope3": tonnes(account.scope3),
                   "total_location": tonnes(account.total_location), "total_market": tonnes(account.total_market)},
        "categories": categories,
        "per_employee": per_employee,
    }


def progress_chart(progress: PartnerProgress, accounts, title: str) -> Chart:
    totals = {a.year: a.total_location for a in accounts if a.computed_at}
    if progress.has_path:
        years = [p.year for p in progress.points]
        years = list(range(min(years[0], min(totals, default=years[0])), years[-1] + 1))
        planned = {p.year: p.planned for p in progress.points}
        status = {p.year: p.status for p in progress.points if p.year != progress.base_year}
    else:
        years = list(range(min(totals), max(totals) + 1)) if totals else []
        planned, status = {}, {}
    description = describe_progress(progress, totals)
    return year_chart(title=title, description=description, years=years, actual=totals, planned=planned,
                      status=status)


def describe_progress(progress: PartnerProgress, totals: dict) -> str:
    """A sentence or two that says what the chart shows, for screen readers and for everyone."""
    if not totals:
        return _("No accounts yet.")
    last = max(totals)
    text = _("Emissions in %(year)s: %(tonnes)s t CO2e.") % {"year": last, "tonnes": tonnes_text(totals[last])}
    if progress.has_path:
        text += " " + _("Base year %(year)s: %(tonnes)s t CO2e.") % {
            "year": progress.base_year, "tonnes": tonnes_text(progress.base_kg)}
        if progress.latest is not None:
            text += " " + _("In %(year)s the path allows %(allowed)s t CO2e, so the partner is %(status)s.") % {
                "year": progress.latest.year, "allowed": tonnes_text(progress.latest.planned),
                "status": str(STATUS_LABELS[progress.latest.status]).lower()}
        final = progress.targets[-1]
        text += " " + _("Target: %(percent)s less by %(year)s.") % {
            "percent": percent(final.reduction, 1), "year": final.year}
    return text


def _accounts(organisation, include_drafts):
    accounts = list(getattr(organisation, "_climate_accounts", None) or organisation.climate_accounts.order_by("year"))
    if not include_drafts:
        accounts = [a for a in accounts if a.status in COUNTED]
    return sorted(accounts, key=lambda a: a.year)


def partner_overview(organisation, *, include_drafts: bool) -> dict:
    """The partner's accounts, progress against its current agreement and the chart."""
    accounts = _accounts(organisation, include_drafts)
    agreements = list(organisation.agreements.prefetch_related("targets", "actions"))
    agreement = current_agreement(agreements)
    progress = partner_progress(accounts, agreement)
    title = _("CO2 emissions per year against the target path") if progress.has_path else _("CO2 emissions per year")
    return {"accounts": accounts, "agreement": agreement, "progress": progress,
            "chart": progress_chart(progress, accounts, title), "status_labels": STATUS_LABELS}


def public_progress(organisation):
    """The progress chart for the public partner page, or None if the partner has not chosen to publish it.

    Two queries whatever the number of years: the choice with the submitted
    accounts, and nothing more (the page has already fetched the agreements with
    their targets, as `public_agreements`).
    """
    # Only reviewed accounts of finished years are public: this year's figures are not complete yet.
    accounts = list(YearAccount.objects.filter(
        organisation=organisation, organisation__climate_profile__publish_progress=True,
        status__in=COUNTED, year__lt=timezone.localdate().year).exclude(computed_at=None).order_by("year").only(
        "year", "scope1", "scope2_location", "scope2_market", "scope3", "computed_at", "status", "organisation_id",
        "target_base_kg"))
    if not accounts:
        return None
    agreements = getattr(organisation, "public_agreements", None)
    if agreements is None:
        agreements = list(organisation.agreements.exclude(status=AgreementStatus.DRAFT).prefetch_related("targets"))
    agreement = current_agreement(agreements)
    progress = partner_progress(accounts, _without_actions(agreement))
    title = _("CO2 emissions per year against the target path") if progress.has_path else _("CO2 emissions per year")
    return {"progress": progress, "chart": progress_chart(progress, accounts, title), "accounts": accounts,
            "status_labels": STATUS_LABELS}


class _NoActions:
    def all(self):
        return []


class _AgreementTargetsOnly:
    """The agreement as partner_progress reads it, without touching its actions (not needed in public)."""

    def __init__(self, agreement):
        self.baseline_year = agreement.baseline_year
        self.targets = agreement.targets
        self.actions = _NoActions()


def _without_actions(agreement):
    return None if agreement is None else _AgreementTargetsOnly(agreement)


def prefetch_accounts(queryset):
    return queryset.prefetch_related(Prefetch("climate_accounts", queryset=YearAccount.objects.order_by("year"),
                                              to_attr="_climate_accounts"))


@dataclass(frozen=True)
class ComputedLine:
    """One step of "how it was computed": an amount times a factor, for the reader."""

    source: str
    variant: str
    scope: int
    category: str
    method: str
    amount: Decimal
    unit: str
    factor_key: str
    factor_value: Decimal
    factor_unit: str
    factor_year: int | None
    publisher: str
    kg: Decimal
    biogenic_kg: Decimal
    provisional: bool


def computed_lines(inventory) -> list[ComputedLine]:
    """The inventory's lines in reading order: scope, then the order entered; location before market."""
    lines = sorted(inventory.lines, key=lambda e: (e.scope, e.line, e.method != "location"))
    return [ComputedLine(e.source, e.variant, e.scope, e.category, e.method, e.activity_amount, e.activity_unit,
                         e.factor_key, e.factor_value, e.factor_unit, e.factor_year, e.publisher, e.kg_co2e,
                         e.biogenic_kg, e.provisional) for e in lines]
