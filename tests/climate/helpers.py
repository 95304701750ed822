"""Accounts for the climate tests, saved through the same function the pages use."""

from decimal import Decimal

from klimapartner.accounting.activity import ActivityLine
from klimapartner.climate.accounts import save_account
from klimapartner.climate.models import AccountStatus, YearAccount

D = Decimal


def make_account(organisation, year, *, electricity_kwh="10000", diesel_l="1000", employees="5",
                 status=AccountStatus.SUBMITTED, factor_set=None):
    """An account with electricity (DK1) and diesel; with the shipped factors 10,000 kWh and 1,000 l give
    1,430 kg (scope 2 location), 5,000 kg (market, residual mix) and 2,470 kg (scope 1)."""
    account = YearAccount(organisation=organisation, year=year, employees=D(employees) if employees else None,
                          status=status, factor_set=factor_set)
    lines = [ActivityLine("electricity", D(electricity_kwh), "kWh", variant="dk1"),
             ActivityLine("diesel", D(diesel_l), "l")]
    save_account(account, lines)
    return account
