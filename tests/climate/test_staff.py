"""The coordinator's CO2 pages: totals, the path against the plan, missing accounts, factor sets, reminder dates."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from klimapartner.accounting.targets import Status
from klimapartner.climate.models import AccountStatus, ReminderDate, StoredFactorSet
from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import run_queued
from tests.accounting.factories import TEST_FACTORS_CSV
from tests.climate.helpers import make_account
from tests.factories import make_agreement, make_organisation

D = Decimal


@pytest.fixture
def programme(owner_org, other_org):
    """Two partners with 2022–2024 and a third (a school) with 2024 only."""
    school = make_organisation("Tredje Skole", org_type="education", sector="retail")
    for org, rows in ((owner_org, [(2022, "10000", "1000"), (2023, "9000", "900"), (2024, "8000", "800")]),
                      (other_org, [(2022, "5000", "500"), (2023, "5000", "500"), (2024, "5000", "400")]),
                      (school, [(2024, "10000", "1000")])):
        for year, kwh, litres in rows:
            make_account(org, year, electricity_kwh=kwh, diesel_l=litres)
    return school


def test_the_programme_totals_by_scope_sector_and_type(client, coordinator, programme):
    client.force_login(coordinator)
    response = client.get(reverse("climate:programme"), {"year": 2024})
    location, market = response.context["location"], response.context["market"]
    # Per account: kWh × (0.143 + 0.030 upstream) + litres × (2.47 + 0.61101 upstream), location-based.
    assert (location.total, location.by_scope) == (
        D("10757.222"), {1: D("5434.000"), 2: D("3289.000"), 3: D("2034.222")})
    assert (location.scope12, location.scope3) == (D("8723.000"), D("2034.222"))
    assert (market.total, market.by_scope[2]) == (D("18968.222"), D("11500.000"))
    with translation.override("en"):
        assert [(str(label), kg) for label, kg in response.context["by_sector"]] == [
            ("Retail and trade", D("4811.010")), ("Energy and utilities", D("3848.808")),
            ("Agriculture and food", D("2097.404"))]
    assert [kg for _label, kg in response.context["by_kind"]] == [D("5946.212"), D("4811.010")]


def test_the_path_compares_like_with_like_against_the_plan(client, coordinator, programme):
    client.force_login(coordinator)
    url = "/en" + reverse("climate:programme")
    with translation.override("en"):
        response = client.get(url, {"year": 2024})
    path = response.context["path"]
    assert (path.base_year, path.partners) == (2022, 2)  # the school has no 2022 account
    # 7,216.515 kg in 2022; 70% less by 2030 allows 7,216.515 × (1 − 0.7 × 1/8) in 2023 and × (1 − 0.7 × 2/8) in 2024.
    assert [(p.year, p.actual, p.planned, p.status) for p in path.points[:3]] == [
        (2022, D("7216.515"), D("7216.515"), Status.ON_TRACK),
        (2023, D("6735.414"), D("6585.0699375"), Status.BEHIND),
        (2024, D("5946.212"), D("5953.624875"), Status.ON_TRACK)]
    assert path.points[-1].year == 2050
    html = response.content.decode()
    assert response.context["chart"].description.startswith(
        "2 partners with an account in every year from 2022 to 2024 emitted 7.2 t CO2e in 2022.")
    assert 'data-testid="programme-chart"' in html


def test_drafts_do_not_count_in_the_programme(client, coordinator, owner_org):
    make_account(owner_org, 2024, status=AccountStatus.DRAFT)
    client.force_login(coordinator)
    response = client.get(reverse("climate:programme"), {"year": 2024})
    assert response.context["location"].total == 0


def test_the_programme_page_takes_five_queries_whatever_the_number_of_accounts(
        client, coordinator, programme, django_assert_num_queries):
    client.force_login(coordinator)
    # session, user, the user's memberships (for the menu), the accounts, how many wait for review
    with django_assert_num_queries(5):
        client.get(reverse("climate:programme"), {"year": 2024})


def test_partners_missing_last_years_account(client, coordinator, owner_org, other_org):
    make_agreement(owner_org)
    make_agreement(other_org)
    quiet = make_organisation("Stille Partner", cvr="")
    make_agreement(quiet, status="draft")
    make_account(owner_org, 2025)
    make_account(other_org, 2025, status=AccountStatus.DRAFT)
    client.force_login(coordinator)
    response = client.get(reverse("climate:missing"), {"year": 2025})
    assert [(r.organisation.name, r.draft) for r in response.context["rows"]] == [("Vestkyst Bageri", True)]


def test_a_factor_file_with_errors_is_reported_row_by_row_and_nothing_is_saved(client, coordinator):
    bad = TEST_FACTORS_CSV.replace("0.100,kg CO2e/kWh", "-1,kg CO2e/kWh").replace("2.5,kg CO2e/l,1", "2.5,kg CO2e,1")
    client.force_login(coordinator)
    with translation.override("en"):
        url = reverse("climate:import_factors")
    response = client.post(url, {"file": SimpleUploadedFile("faktorer.csv", bad.encode())})
    assert response.status_code == 302  # read in the background, in the language it was started in
    assert run_queued() == 1
    response = client.get(response["Location"])
    assert response.context["job"].status == "failed"
    assert [(e["row"], e["column"], e["message"]) for e in response.context["errors"]] == [
        (2, "value", "-1 is negative; an emission factor is zero or more."),
        (9, "unit", "kg CO2e must be an emission per unit of activity, like kg CO2e/kWh."),
        (10, "unit", "kg CO2e must be an emission per unit of activity, like kg CO2e/kWh.")]
    assert "The file has 3 errors. Nothing was imported." in response.content.decode()
    assert StoredFactorSet.objects.count() == 0


def test_a_good_factor_file_is_stored_and_its_provisional_factors_counted(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("climate:import_factors"), {"file": SimpleUploadedFile("faktorer.csv", TEST_FACTORS_CSV.encode())})
    assert run_queued() == 1
    stored = StoredFactorSet.objects.get()
    job = Job.objects.get(name="climate.import_factor_set")
    assert (job.status, job.result["url"]) == ("done", reverse("climate:factor_set", kwargs={"pk": stored.pk}))
    assert (stored.name, stored.year, stored.gwp, stored.factor_count, stored.provisional_count) == (
        "Test", 2024, "AR5", 20, 1)
    assert stored.imported_by == coordinator


def test_the_factor_set_list_shows_the_shipped_set_and_its_provisional_count(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("climate:factor_sets"))
    assert (response.context["default"].label, response.context["default_provisional"]) == (
        "Klimapartner standard (DK) 2026 (AR5)", 44)


def test_the_coordinator_sets_and_changes_a_reminder_date(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("climate:reminders"), {"year": "2025", "remind_on": "2026-04-01"})
    client.post(reverse("climate:reminders"), {"year": "2025", "remind_on": "2026-05-01"})
    assert list(ReminderDate.objects.values_list("year", "remind_on")) == [(2025, date(2026, 5, 1))]
