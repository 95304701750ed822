"""Every CO2 page that reads or writes partner data, as owner, other partner, anonymous and coordinator."""

import pytest
from django.urls import reverse

from klimapartner.climate.models import StoredFactorSet
from tests.climate.helpers import make_account
from tests.permissions import assert_only_owner_and_coordinator

PARTNER_PAGES = [
    ("climate:years", {}),
    ("climate:account", {"year": 2024}),
    ("climate:edit_account", {"year": 2024}),
    ("climate:edit_account", {"year": 2025}),  # a year without an account yet
    ("climate:import_klimakompasset", {"year": 2024}),
    ("climate:partner_report_pdf", {}),
    ("climate:partner_report_xlsx", {}),
]
STAFF_PAGES = [
    "climate:programme", "climate:missing", "climate:factor_sets", "climate:import_factors",
    "climate:default_factor_set", "climate:reminders", "climate:programme_report_pdf",
    "climate:programme_report_xlsx",
]


@pytest.fixture
def account(owner_org):
    return make_account(owner_org, 2024)


@pytest.mark.parametrize(("name", "kwargs"), PARTNER_PAGES)
def test_partner_pages_are_for_the_owner_and_the_coordinator(client, account, owner, outsider, coordinator, name,
                                                             kwargs):
    url = reverse(name, kwargs={"slug": account.organisation.slug, **kwargs})
    assert_only_owner_and_coordinator(client, url, owner=owner, outsider=outsider, coordinator=coordinator)


@pytest.mark.parametrize("name", ["climate:edit_account", "climate:delete_account", "climate:import_klimakompasset"])
def test_writing_is_refused_to_other_partners_and_anonymous(client, account, owner, outsider, name):
    url = reverse(name, kwargs={"slug": account.organisation.slug, "year": 2024})
    assert client.post(url).status_code == 302  # to the sign-in page
    client.force_login(outsider)
    assert client.post(url).status_code == 403
    assert account.organisation.climate_accounts.count() == 1


def test_the_publish_choice_is_refused_to_other_partners(client, account, outsider):
    client.force_login(outsider)
    url = reverse("climate:years", kwargs={"slug": account.organisation.slug})
    assert client.post(url, {"publish_progress": "on"}).status_code == 403
    assert not hasattr(account.organisation, "climate_profile")


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_coordinator_pages_are_for_the_coordinator_only(client, account, owner, coordinator, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(owner)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_a_stored_factor_set_page_is_for_the_coordinator_only(client, owner, coordinator):
    stored = StoredFactorSet.objects.create(name="X", year=2024, gwp="AR5", csv="")
    url = reverse("climate:factor_set", kwargs={"pk": stored.pk})
    client.force_login(owner)
    assert client.get(url).status_code == 403
