"""The public site as a visitor uses it: Danish first, English switch, directory, map, partner page."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from klimapartner.partners.models import ActionStatus
from tests.browser.conftest import axe_violations
from tests.factories import make_action, make_agreement, make_contact, make_organisation


@pytest.fixture
def programme(transactional_db):
    nordlys = make_organisation("Nordlys Energi ApS", cvr="12345674", description="Solceller og varmepumper.")
    agreement = make_agreement(nordlys, focus=("energy",), targets=((2030, "70"),))
    make_action(agreement, "Solceller på taget", expected_effect=Decimal("12.5"))
    make_action(agreement, "Elbiler", status=ActionStatus.DONE, expected_effect=Decimal("4"), realised_effect=Decimal("3"))
    make_contact(nordlys)
    bageri = make_organisation("Vestkyst Bageri", cvr="11111114", town="Løkken", sector="food",
                               latitude=Decimal("57.37"), longitude=Decimal("9.71"))
    make_agreement(bageri, focus=("food",))
    make_organisation("Klitskolen", org_type="education", sector="education", cvr="10000009", town="Hirtshals",
                      latitude=Decimal("57.59"), longitude=Decimal("9.96"))
    return nordlys


def test_front_page_is_danish_and_switches_to_english(page, programme):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_test_id("partners-total")).to_have_text("3")
    expect(page.get_by_test_id("actions-total")).to_have_text("2")
    expect(page.get_by_test_id("expected-effect")).to_have_text("16,5")
    assert axe_violations(page) == []
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=2, name="The programme in numbers")).to_be_visible()
    page.get_by_role("link", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert page.url.endswith("/")


def test_directory_filters_without_reload_and_draws_the_map(page, programme):
    page.goto("/partnere/")
    expect(page.locator("#result-count")).to_have_text("3 partnere")
    expect(page.locator("#partner-map")).to_have_attribute("data-count", "3")
    expect(page.locator(".leaflet-interactive")).to_have_count(3)
    assert axe_violations(page) == []
    page.select_option("#id_town", "Løkken")
    expect(page.locator("#result-count")).to_have_text("1 partner")
    expect(page.get_by_test_id("partner-list").get_by_role("link")).to_have_text(["Vestkyst Bageri"])
    expect(page.locator("#partner-map")).to_have_attribute("data-count", "1")
    assert "town=L%C3%B8kken" in page.url  # the filtered list has its own address, to share or go back to
    page.select_option("#id_town", "")
    page.fill("#id_q", "nordlys")
    page.press("#id_q", "Enter")
    expect(page.get_by_test_id("partner-list").get_by_role("link")).to_have_text(["Nordlys Energi ApS"])


def test_partner_page_shows_the_agreement_and_public_actions(page, programme):
    page.goto("/partnere/")
    page.get_by_role("link", name="Nordlys Energi ApS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nordlys Energi ApS")
    expect(page.get_by_test_id("agreement")).to_contain_text("70 % mindre CO2e i 2030")
    expect(page.get_by_test_id("actions").locator("tbody tr")).to_have_count(2)
    assert axe_violations(page) == []
    page.get_by_role("link", name="English").click()
    expect(page.get_by_test_id("agreement")).to_contain_text("70% less CO2e by 2030")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/konto/log-ind/", "/en/konto/log-ind/", "/data/", "/partnere/findes-ikke/"])
def test_other_public_pages_are_accessible(page, transactional_db, path):
    page.goto(path)
    assert axe_violations(page) == []
