"""Demo CO2 accounts for the demo partners (see partners/demo.py): base year to 2025, some on track, some behind.

Deterministic: each partner draws from its own seed. What `load_demo_accounts()`
creates (tests/climate/test_demo.py asserts the numbers): accounts for every
partner with an active agreement except every seventh, from the agreement's base
year to 2025 (a few stop at 2024, or have 2025 only as a draft, so the
coordinator's list of missing accounts has names on it; a few wait for the
coordinator's review); about a third of the
partners cut too slowly and are behind their path; half publish their progress
chart, among them Nordstrand Solenergi; a reminder date for 2025.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from klimapartner.accounting.activity import ActivityLine, YearActivity
from klimapartner.accounting.inventory import compute_inventory
from klimapartner.climate.accounts import factor_set_for, store_results
from klimapartner.climate.models import AccountStatus, ActivityEntry, ClimateProfile, ReminderDate, YearAccount
from klimapartner.partners.models import Agreement, AgreementStatus, Sector, SizeBand

LAST_YEAR = 2025
EMPLOYEES = {SizeBand.MICRO: 5, SizeBand.SMALL: 22, SizeBand.MEDIUM: 110, SizeBand.LARGE: 320, "": 5}
# kWh of electricity and of heat per employee, litres of diesel per employee, by sector.
PROFILE = {
    Sector.ENERGY: (4000, 6000, 300), Sector.MANUFACTURING: (14000, 9000, 150),
    Sector.CONSTRUCTION: (3000, 5000, 900), Sector.RETAIL: (6000, 5000, 100), Sector.FOOD: (9000, 8000, 600),
    Sector.TOURISM: (7000, 9000, 80), Sector.TRANSPORT: (2500, 4000, 4000), Sector.SERVICES: (2500, 4000, 120),
    Sector.HOUSING: (1500, 20000, 50), Sector.EDUCATION: (1200, 4500, 10), Sector.PUBLIC: (3000, 7000, 200),
    Sector.CULTURE: (3000, 8000, 30), Sector.FISHERIES: (9000, 6000, 2500), Sector.OTHER: (2000, 5000, 50),
}
ALWAYS_PUBLISHED = {"nordstrand-solenergi-aps"}
ALWAYS_ON_TRACK = {"nordstrand-solenergi-aps"}


def _lines(rng, organisation, employees, factor):
    """The partner's activity in a year, `factor` times its base-year level (1.0 in the base year)."""
    electricity, heat, diesel = PROFILE[organisation.sector]
    wobble = lambda: Decimal(f"{rng.uniform(0.95, 1.05):.3f}")  # noqa: E731
    lines = [
        ActivityLine("electricity", (employees * electricity * factor * wobble()).quantize(Decimal(1)), "kWh",
                     variant="dk1"),
        ActivityLine("district_heating", (employees * heat * factor * wobble() / 1000).quantize(Decimal("0.1")),
                     "MWh"),
        ActivityLine("diesel", (employees * diesel * factor * wobble()).quantize(Decimal(1)), "l"),
        ActivityLine("waste", (employees * Decimal("0.15") * factor * wobble()).quantize(Decimal("0.01")), "tonne",
                     variant="residual"),
    ]
    if organisation.sector in (Sector.SERVICES, Sector.ENERGY, Sector.MANUFACTURING):
        lines.append(ActivityLine("flight", max(1, int(employees * factor / 4)), "trip", variant="medium"))
    return lines


def load_demo_accounts() -> int:
    """Accounts for the demo partners (after partners.demo.load_demo); returns how many accounts were made."""
    agreements = (Agreement.objects.filter(status=AgreementStatus.ACTIVE).exclude(baseline_year=None)
                  .select_related("organisation").order_by("organisation__name"))
    accounts, entries, profiles = [], [], []
    with transaction.atomic():
        have = set(YearAccount.objects.values_list("organisation_id", flat=True))
        for n, agreement in enumerate(agreements):
            organisation = agreement.organisation
            if organisation.pk in have or n % 7 == 6:
                continue  # every seventh partner has not started its account
            rng = random.Random(f"klimapartner-demo-climate:{organisation.name}")
            employees = Decimal(round(EMPLOYEES[organisation.size] * rng.uniform(0.7, 1.3)))
            on_track = organisation.slug in ALWAYS_ON_TRACK or rng.random() < 0.65
            yearly = Decimal(f"{rng.uniform(0.86, 0.90) if on_track else rng.uniform(0.97, 1.0):.3f}")
            last = LAST_YEAR - 1 if n % 11 == 3 and organisation.slug not in ALWAYS_ON_TRACK else LAST_YEAR
            factor = Decimal(1)
            previous = None
            for year in range(agreement.baseline_year, last + 1):
                lines = _lines(rng, organisation, employees, factor)
                if year >= 2023 and on_track:  # guarantees of origin for half the electricity
                    lines[0] = ActivityLine("electricity", lines[0].amount, "kWh", variant="dk1",
                                            guarantees_kwh=(lines[0].amount / 2).quantize(Decimal(1)))
                activity = YearActivity(organisation.slug, year, tuple(lines), employees)
                status = AccountStatus.APPROVED
                if year == LAST_YEAR and n % 9 == 4:
                    status = AccountStatus.DRAFT
                elif year == LAST_YEAR and n % 8 == 1:
                    status = AccountStatus.SUBMITTED  # waiting for the coordinator's review
                account = YearAccount(organisation=organisation, year=year, employees=employees, status=status)
                inventory = compute_inventory(activity, factor_set_for(None, year), previous)
                store_results(account, inventory)
                account.status = status
                account.target_base_kg = inventory.total().quantize(Decimal("0.001"))
                accounts.append(account)
                entries.append((account, lines))
                previous = activity
                factor *= yearly
            profiles.append(ClimateProfile(organisation=organisation,
                                           publish_progress=organisation.slug in ALWAYS_PUBLISHED or n % 2 == 0))
        YearAccount.objects.bulk_create(accounts)
        ActivityEntry.objects.bulk_create([
            ActivityEntry(account=account, position=i, source=line.source.value, amount=line.amount, unit=line.unit,
                          variant=line.variant, guarantees_kwh=line.guarantees_kwh)
            for account, lines in entries for i, line in enumerate(lines)
        ])
        ClimateProfile.objects.bulk_create(profiles, ignore_conflicts=True)
        ReminderDate.objects.get_or_create(year=LAST_YEAR, defaults={"remind_on": date(LAST_YEAR + 1, 4, 1)})
    return len(accounts)
