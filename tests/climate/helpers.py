"""Accounts for the climate tests, saved through the same function the pages use."""

from decimal import Decimal

from klimapartner.accounting.activity import ActivityLine
from klimapartner.climate.accounts import save_account
from klimapartner.climate.models import AccountStatus, YearAccount

D = Decimal


def make_account(organisation, year, *, electricity_kwh="10000", diesel_l="1000", employees="5",
                 status=AccountStatus.APPROVED, factor_set=None):
    """An account with electricity (DK1) and diesel; with the shipped factors 10,000 kWh and 1,000 l give
    1,430 kg (scope 2 location), 5,000 kg (market, residual mix), 2,470 kg (scope 1) and 911.01 kg upstream
    (scope 3.3: 1,000 l × 0.61101 + 10,000 kWh × 0.030), so 4,811.01 kg location-based and 8,381.01 kg market-based.
    Saved with `status` (approved, so it counts, unless said otherwise)."""
    account = YearAccount(organisation=organisation, year=year, employees=D(employees) if employees else None,
                          status=status, factor_set=factor_set)
    lines = [ActivityLine("electricity", D(electricity_kwh), "kWh", variant="dk1"),
             ActivityLine("diesel", D(diesel_l), "l")]
    save_account(account, lines)
    if account.status != status:
        account.status = status
        account.save(update_fields=["status"])
    return account
