"""The demo accounts: exact counts, deterministic, some partners on track and some behind."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from klimapartner.accounting.targets import Status
from klimapartner.climate.demo import load_demo_accounts
from klimapartner.climate.models import ActivityEntry, ClimateProfile, ReminderDate, YearAccount
from klimapartner.climate.programme import missing_accounts, programme_overview
from klimapartner.climate.summary import partner_overview
from klimapartner.partners.demo import load_demo
from klimapartner.partners.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_accounts():
    load_demo()
    assert load_demo_accounts() == 234
    assert Counter(YearAccount.objects.values_list("status", flat=True)) == {"approved": 225, "submitted": 4,
                                                                              "draft": 5}
    assert ActivityEntry.objects.count() == 977
    assert YearAccount.objects.values("organisation").distinct().count() == 48
    assert ClimateProfile.objects.filter(publish_progress=True).count() == 24
    assert len(missing_accounts(2025)) == 12  # the 4 awaiting review are not missing
    assert list(ReminderDate.objects.values_list("year", "remind_on")) == [(2025, date(2026, 4, 1))]
    latest = Counter()
    for organisation in Organisation.objects.filter(climate_accounts__isnull=False).distinct():
        progress = partner_overview(organisation, include_drafts=False)["progress"]
        latest[progress.latest.status] += 1
    assert latest == {Status.ON_TRACK: 28, Status.BEHIND: 20}
    nordstrand = YearAccount.objects.get(organisation__slug="nordstrand-solenergi-aps", year=2025)
    assert (nordstrand.total_location, nordstrand.status) == (Decimal("21511.556"), "approved")
    overview = programme_overview(year=2025)
    path = overview["path"]
    assert (path.base_year, path.partners) == (2021, 21)  # only reviewed accounts count
    assert [p.status for p in path.points if p.year in (2024, 2025)] == [Status.BEHIND, Status.BEHIND]  # the plan asks 70% by 2030
    assert load_demo_accounts() == 0  # a second call adds nothing

