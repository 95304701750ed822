"""Year accounts: from stored rows to the accounting core and back, factor sets, base-year notes."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from klimapartner import spreadsheets
from klimapartner.accounting.activity import ActivityLine, Source, YearActivity, check_activity, grid_area_for_postcode
from klimapartner.accounting.factors import CATEGORIES, FactorSet, default_factor_set, read_factor_csv, \
    read_factor_file, write_factor_csv
from klimapartner.accounting.inventory import BaseYear, EmissionLine, Inventory, compute_inventory, \
    recalculate_base_year
from klimapartner.accounting.problems import Problem
from klimapartner.climate.models import AccountStatus, ActivityEntry, RecalculationNote, StoredFactorSet, YearAccount
from klimapartner.partners.models import AgreementStatus

ZERO = Decimal(0)
KG = Decimal("0.001")
# The GHG Protocol's usual significance threshold: a base year moves only for a change of 5 % or more.
BASE_YEAR_THRESHOLD = Decimal("0.05")

_parsed_sets: dict[str | None, FactorSet] = {}


class AccountErrors(Exception):
    """The core found errors in an account's data; `problems` lists them (nothing was saved)."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__(", ".join(p.code for p in self.problems))


def factor_set_for(stored: StoredFactorSet | None, year: int | None = None) -> FactorSet:
    """The accounting core's FactorSet for a stored set (None: the shipped default), answering for `year`."""
    if stored is None:
        if None not in _parsed_sets:
            _parsed_sets[None] = default_factor_set()
        factors = _parsed_sets[None]
    else:
        # A stored set never changes after import, so its parsed form can be kept per process (keyed by its text).
        if stored.csv not in _parsed_sets:
            _parsed_sets[stored.csv] = read_factor_csv(stored.csv).factor_set
        factors = _parsed_sets[stored.csv]
    return factors.for_year(year) if year else factors


def upload_limits() -> spreadsheets.Limits:
    return spreadsheets.Limits(max_bytes=settings.IMPORT_MAX_BYTES)


def import_factor_set(data: bytes, filename: str = "", *, user=None):
    """(StoredFactorSet, ()) from a CSV or XLSX file's bytes, or (None, every RowError) with nothing saved."""
    result = read_factor_file(data, filename, limits=upload_limits())
    if not result.ok:
        return None, result.errors
    factors = result.factor_set
    stored = StoredFactorSet.objects.create(
        name=factors.name, year=factors.year, gwp=factors.gwp, csv=write_factor_csv(factors),
        factor_count=len(factors.current()), provisional_count=len(factors.provisional()),
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


def with_grid_area(lines, organisation):
    """Electricity lines without a grid area get the one the organisation's postcode gives, where it gives one."""
    area = grid_area_for_postcode(organisation.postcode)
    if not area:
        return list(lines)
    return [replace(line, variant=area) if line.source is Source.ELECTRICITY and not line.variant else line
            for line in lines]


def previous_account(organisation, year) -> YearAccount | None:
    return organisation.climate_accounts.filter(year=year - 1).first()


def check(account: YearAccount, lines, previous: YearAccount | None = None) -> list[Problem]:
    """Every finding about the lines: errors block saving, warnings ask for a confirmation."""
    before = activity_of(previous) if previous is not None else None
    return check_activity(activity_of(account, lines), before,
                          factor_set_for(account.factor_set, account.year))


def compute(account: YearAccount, lines=None) -> Inventory:
    """The account's inventory computed afresh from its lines (for "how it was computed")."""
    return compute_inventory(activity_of(account, lines), factor_set_for(account.factor_set, account.year))


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

    Raises AccountErrors (nothing saved) when the core finds errors. When the
    account is the base year and its total changes, the change is weighed the
    GHG Protocol's way: a significant change moves the base its targets are
    measured from, a smaller one is noted and the base kept.
    """
    factors = factor_set_for(account.factor_set, account.year)
    lines = tuple(lines)
    before = activity_of(previous) if previous is not None else None
    inventory = compute_inventory(activity_of(account, lines), factors, before)
    if not inventory.ok:
        raise AccountErrors(inventory.errors)
    with transaction.atomic():
        old = None
        if account.pk and account.computed_at and account.year == base_year_of(account.organisation):
            stored = YearAccount.objects.get(pk=account.pk)
            old = (stored, BaseYear(activity_of(stored), stored_inventory(stored)))
        store_results(account, inventory)
        if old is None or old[0].target_base_kg is None:
            account.target_base_kg = inventory.total().quantize(KG)
        else:
            account.target_base_kg = old[0].target_base_kg
        account.save()
        account.entries.all().delete()
        ActivityEntry.objects.bulk_create([
            ActivityEntry(account=account, position=n, source=line.source.value, amount=line.amount, unit=line.unit,
                          variant=line.variant, guarantees_kwh=line.guarantees_kwh,
                          supplier_factor=line.supplier_factor, label=line.label)
            for n, line in enumerate(lines)
        ])
        if old is not None and old[0].total_location.quantize(KG) != inventory.total().quantize(KG):
            note_base_year_change(account, old[1], factors, lines, recalculation or Recalculation())
    return inventory


def note_base_year_change(account, old: BaseYear, factors, lines, recalculation: Recalculation):
    """Weigh a change to the base year against the threshold, note it, and move the base only when significant."""
    from django.utils.translation import gettext as _

    description = recalculation.description.strip() or _("Consumption data or factors changed")
    # Compared with the base in force, so small corrections that add up to a significant change move it.
    in_force = replace(old, inventory=_with_total(old.inventory, account.target_base_kg))
    result = recalculate_base_year(in_force, factors, reason=recalculation.reason, description=description,
                                   activity=activity_of(account, lines), threshold=BASE_YEAR_THRESHOLD)
    note = result.note
    if note is None:  # a reason the GHG Protocol does not accept: the base stays
        return None
    if result.applied:
        account.target_base_kg = note.new_total.quantize(KG)
        account.save(update_fields=["target_base_kg"])
    return RecalculationNote.objects.create(
        organisation=account.organisation, year=account.year, reason=note.reason, description=note.description,
        previous_total=note.previous_total.quantize(KG), new_total=note.new_total.quantize(KG),
        previous_factor_set=note.previous_factor_set, new_factor_set=note.new_factor_set,
        significant=note.significant, applied=result.applied, threshold=note.threshold,
    )


def _with_total(inventory: Inventory, total_kg) -> Inventory:
    """A stand-in inventory whose total is the base in force (the stored lines carry the account's own)."""
    if total_kg is None:
        return inventory
    line = EmissionLine(line=0, source="stored", variant="", scope=1, category="1.other", method="",
                        activity_amount=Decimal(total_kg), activity_unit="kg_CO2e", factor_key="stored",
                        factor_value=Decimal(1), factor_unit="kg CO2e/kg_CO2e", kg_co2e=Decimal(total_kg))
    return replace(inventory, lines=(line,))


def finding_dict(problem: Problem) -> dict:
    """A Problem as JSON: its params kept as text where they are numbers, so they format again in any language."""
    return {"code": problem.code, "field": problem.field, "line": problem.line, "severity": str(problem.severity),
            "params": {k: _jsonable(v) for k, v in problem.params.items()}}


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def store_results(account: YearAccount, inventory: Inventory):
    """Copy an inventory's totals onto the account (not saved)."""
    account.factor_set_label = inventory.factor_set
    account.scope1 = inventory.scope1.quantize(KG)
    account.scope2_location = inventory.scope2_location.quantize(KG)
    account.scope2_market = inventory.scope2_market.quantize(KG)
    account.scope3 = inventory.scope3.quantize(KG)
    account.biogenic = inventory.biogenic.quantize(KG)
    account.by_category_location = {k: str(v.quantize(KG)) for k, v in inventory.by_category("location").items()}
    account.by_category_market = {k: str(v.quantize(KG)) for k, v in inventory.by_category("market").items()}
    account.provisional_factors = list(inventory.provisional_factors)
    account.findings = [finding_dict(p) for p in inventory.problems]
    account.computed_at = timezone.now()
    if account.status == AccountStatus.APPROVED:
        # Changed figures need the coordinator's eyes again before they count.
        account.status = AccountStatus.SUBMITTED
        account.reviewed_at = None
        account.reviewed_by = None


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
    if account.biogenic:
        lines.append(EmissionLine(line=len(lines), source="stored", variant="", scope=1, category="1.other", method="",
                                  activity_amount=ZERO, activity_unit="kg_CO2e", factor_key="stored",
                                  factor_value=ZERO, factor_unit="kg CO2e/kg_CO2e", kg_co2e=ZERO,
                                  biogenic_kg=account.biogenic))
    return Inventory(account.organisation.slug if account.organisation_id else "", account.year,
                     account.factor_set_label, tuple(lines), account.employees,
                     provisional_factors=tuple(account.provisional_factors))


def recompute(account: YearAccount, *, recalculation: Recalculation | None = None) -> Inventory:
    """Compute the account again from its stored lines (after its factor set changed)."""
    lines = [entry_to_line(e) for e in account.entries.all()]
    return save_account(account, lines, recalculation=recalculation)
