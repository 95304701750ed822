"""Year accounts: from stored rows to the accounting core and back, factor sets, base-year notes."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from klimapartner.accounting.activity import ActivityLine, Problem, YearActivity, check_activity
from klimapartner.accounting.factors import CATEGORIES, FactorSet, default_factor_set, read_factor_csv, \
    read_factor_xlsx, write_factor_csv
from klimapartner.accounting.inventory import BaseYear, EmissionLine, Inventory, compute_inventory, \
    recalculate_base_year
from klimapartner.climate.models import ActivityEntry, RecalculationNote, StoredFactorSet, YearAccount
from klimapartner.partners.models import AgreementStatus

ZERO = Decimal(0)
KG = Decimal("0.001")

_parsed_sets: dict[str | None, FactorSet] = {}


def factor_set_for(stored: StoredFactorSet | None) -> FactorSet:
    """The accounting core's FactorSet for a stored set; None means the shipped default."""
    if stored is None:
        if None not in _parsed_sets:
            _parsed_sets[None] = default_factor_set()
        return _parsed_sets[None]
    # A stored set never changes after import, so its parsed form can be kept per process (keyed by its text).
    if stored.csv not in _parsed_sets:
        _parsed_sets[stored.csv] = read_factor_csv(stored.csv).factor_set
    return _parsed_sets[stored.csv]


def import_factor_set(uploaded, *, user=None):
    """(StoredFactorSet, ()) from an uploaded CSV or XLSX file, or (None, every RowError) with nothing saved."""
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        result = read_factor_xlsx(uploaded)
    else:
        raw = uploaded.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")  # older Danish Excel saves CSV in Windows-1252
        result = read_factor_csv(text)
    if not result.ok:
        return None, result.errors
    factors = result.factor_set
    stored = StoredFactorSet.objects.create(
        name=factors.name, year=factors.year, gwp=factors.gwp, csv=write_factor_csv(factors),
        factor_count=len(factors.factors), provisional_count=len(factors.provisional()),
        imported_by=user if user is not None and user.is_authenticated else None,
    )
    return stored, ()


def entry_to_line(entry: ActivityEntry) -> ActivityLine:
    return ActivityLine(
        entry.source, entry.amount, entry.unit, variant=entry.variant, label=entry.label,
        guarantees_kwh=entry.guarantees_kwh or ZERO, supplier_factor=entry.supplier_factor,
    )


def activity_of(account: YearAccount, lines=None) -> YearActivity:
    """The account's activity for the core; `lines` replaces the stored lines (a form being checked)."""
    if lines is None:
        lines = [entry_to_line(e) for e in account.entries.all()]
    return YearActivity(account.organisation.slug, account.year, tuple(lines), account.employees)


def previous_account(organisation, year) -> YearAccount | None:
    return organisation.climate_accounts.filter(year=year - 1).first()


def check(account: YearAccount, lines, previous: YearAccount | None = None) -> list[Problem]:
    """Every problem with the lines: errors block saving, warnings (a hundredfold jump) ask for a confirmation."""
    before = activity_of(previous) if previous is not None else None
    return check_activity(activity_of(account, lines), before, factor_set_for(account.factor_set))


@dataclass(frozen=True)
class Recalculation:
    """What the user said about a change to the base year."""

    reason: str = "error"
    description: str = ""


def current_agreement(agreements):
    """The active agreement, else the newest that is not a draft, else the newest."""
    ordered = sorted(agreements, key=lambda a: (a.starts_on, a.pk), reverse=True)
    return next((a for a in ordered if a.status == AgreementStatus.ACTIVE), None) or next(
        (a for a in ordered if a.status != AgreementStatus.DRAFT), None) or (ordered[0] if ordered else None)


def base_year_of(organisation) -> int | None:
    """The base year of the partner's current agreement."""
    agreement = current_agreement(organisation.agreements.all())
    return agreement.baseline_year if agreement else None


def save_account(account: YearAccount, lines, *, recalculation: Recalculation | None = None,
                 previous: YearAccount | None = None) -> Inventory:
    """Store the account with these lines and its freshly computed results, all or nothing.

    Raises InvalidActivity (nothing saved) when the core finds errors. When the
    account is the base year and its total changes, the change is noted the way
    the core's recalculate_base_year describes it.
    """
    factors = factor_set_for(account.factor_set)
    lines = tuple(lines)
    before = activity_of(previous) if previous is not None else None
    inventory = compute_inventory(activity_of(account, lines), factors, before)
    with transaction.atomic():
        old = None
        if account.pk and account.computed_at and account.year == base_year_of(account.organisation):
            old_activity = activity_of(YearAccount.objects.get(pk=account.pk))
            old = BaseYear(old_activity, stored_inventory(YearAccount.objects.get(pk=account.pk)))
        store_results(account, inventory)
        account.save()
        account.entries.all().delete()
        ActivityEntry.objects.bulk_create([
            ActivityEntry(account=account, position=n, source=line.source.value, amount=line.amount, unit=line.unit,
                          variant=line.variant, guarantees_kwh=line.guarantees_kwh,
                          supplier_factor=line.supplier_factor, label=line.label)
            for n, line in enumerate(lines)
        ])
        if old is not None and old.inventory.total() != inventory.total().quantize(KG):
            note_base_year_change(account, old, factors, lines, recalculation or Recalculation())
    return inventory


def note_base_year_change(account, old: BaseYear, factors, lines, recalculation: Recalculation):
    from django.utils.translation import gettext as _

    description = recalculation.description.strip() or _("Activity data or factors changed")
    new = recalculate_base_year(old, factors, reason=recalculation.reason, description=description,
                                activity=activity_of(account, lines))
    note = new.notes[-1]
    RecalculationNote.objects.create(
        organisation=account.organisation, year=account.year, reason=note.reason, description=note.description,
        previous_total=note.previous_total, new_total=note.new_total.quantize(KG),
        previous_factor_set=note.previous_factor_set, new_factor_set=note.new_factor_set,
        significant=note.significant,
    )


def store_results(account: YearAccount, inventory: Inventory):
    """Copy an inventory's totals onto the account (not saved)."""
    account.factor_set_label = inventory.factor_set
    account.scope1 = inventory.scope1.quantize(KG)
    account.scope2_location = inventory.scope2_location.quantize(KG)
    account.scope2_market = inventory.scope2_market.quantize(KG)
    account.scope3 = inventory.scope3.quantize(KG)
    account.by_category_location = {k: str(v.quantize(KG)) for k, v in inventory.by_category("location").items()}
    account.by_category_market = {k: str(v.quantize(KG)) for k, v in inventory.by_category("market").items()}
    account.provisional_factors = list(inventory.provisional_factors)
    account.warnings = [p.message for p in inventory.warnings]
    account.computed_at = timezone.now()


def stored_inventory(account: YearAccount) -> Inventory:
    """The account's stored results as an Inventory, without recomputing: one line per category and method."""
    lines = []
    for method, categories in (("location", account.by_category_location), ("market", account.by_category_market)):
        for code, kg in categories.items():
            scope = CATEGORIES[code][0] if code in CATEGORIES else int(code[0])
            if scope != 2 and method == "market":
                continue  # scope 1 and 3 count in both totals; take them once
            lines.append(EmissionLine(
                line=len(lines), source="stored", variant="", scope=scope, category=code,
                method=method if scope == 2 else "", activity_amount=Decimal(kg), activity_unit="kg_CO2e",
                factor_key="stored", factor_value=Decimal(1), factor_unit="kg CO2e/kg_CO2e", kg_co2e=Decimal(kg),
            ))
    return Inventory(account.organisation.slug if account.organisation_id else "", account.year,
                     account.factor_set_label, tuple(lines), account.employees,
                     provisional_factors=tuple(account.provisional_factors))


def recompute(account: YearAccount, *, recalculation: Recalculation | None = None) -> Inventory:
    """Compute the account again from its stored lines (after its factor set changed)."""
    lines = [entry_to_line(e) for e in account.entries.all()]
    return save_account(account, lines, recalculation=recalculation)

