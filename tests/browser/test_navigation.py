"""Every audience finds its way at desktop and phone width: the menu (a drawer behind a button on a phone)
reaches the main sections and sign-in/sign-out, and the pages stay accessible and within the screen."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in
from tests.browser.widths import assert_fits_width, both_widths, is_phone, menu_link, screenshot, user_area
from tests.events.factories import make_event, make_registration
from tests.factories import make_agreement, make_editor, make_organisation, make_user


@pytest.fixture
def programme(transactional_db):
    nordlys = make_organisation("Nordlys Energi ApS", cvr="12345674")
    make_agreement(nordlys, focus=("energy",), targets=((2030, "70"),))
    make_editor(nordlys, "ejer@nordlys.example")
    make_user("koordinator@kommune.example", staff=True)
    return nordlys


@both_widths
def test_the_public_reaches_partners_and_sign_in(page, programme):
    page.goto("/")
    if is_phone(page):
        expect(page.locator(".navigation-menu .mainmenu")).to_be_hidden()
        expect(page.locator(".js-menu-open")).to_be_visible()
    else:
        expect(page.locator(".js-menu-open")).to_be_hidden()
    assert axe_violations(page) == []
    menu_link(page, "Partnere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnere")
    screenshot(page, "directory")
    assert_fits_width(page)
    user_area(page).get_by_role("link", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/konto/log-ind/$"))


@both_widths
def test_the_phone_menu_is_a_dialog_that_closes(page, programme):
    page.goto("/")
    if not is_phone(page):
        expect(page.locator("#mobile-menu")).to_be_hidden()
        return
    page.locator(".js-menu-open").click()
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("link")).to_have_text(["Forside", "Partnere", "Aktiviteter", "Klimahistorier", "Netværk",
                                                     "Fremskridt", "Log ind"])
    expect(page.locator(".js-menu-close")).to_be_focused()
    screenshot(page, "menu-open")
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(page.locator(".js-menu-open")).to_be_focused()


@both_widths
def test_a_partner_editor_reaches_their_organisation_and_signs_out(page, programme):
    sign_in(page, "ejer@nordlys.example")
    page.goto("/")
    menu_link(page, "Min organisation").click()  # one organisation: straight to it
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nordlys Energi ApS")
    screenshot(page, "organisation")
    assert_fits_width(page)
    assert axe_violations(page) == []
    area = user_area(page)
    expect(area).to_contain_text("ejer@nordlys.example")
    area.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()
    expect(user_area(page).get_by_role("link", name="Log ind")).to_be_visible()


@both_widths
def test_a_facilitator_gets_from_the_front_page_to_check_in(page, programme):
    event = make_event(title="Partnerskabsdag i Hirtshals", day=date.today())
    make_registration(event, "Mette Holm", organisation=programme)
    sign_in(page, "koordinator@kommune.example")
    page.goto("/")
    menu_link(page, "Partnerskabsdage").click()
    page.get_by_role("link", name="Partnerskabsdag i Hirtshals").click()
    screenshot(page, "event")
    assert_fits_width(page)
    page.get_by_role("link", name="Check-in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check-in")
    screenshot(page, "checkin")
    assert_fits_width(page)
    assert axe_violations(page) == []
    for section, heading in (("Klimaregnskaber", None), ("Koordinator", None), ("Partnere", "Partnere")):
        menu_link(page, section).click()
        page.wait_for_load_state()
        assert_fits_width(page)
        if heading:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    user_area(page).get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()
    expect(user_area(page).get_by_role("link", name="Log ind")).to_be_visible()


@both_widths
def test_a_participant_reads_their_page_and_can_leave_it_through_the_menu(page, programme):
    event = make_event(title="Partnerskabsdag i Sindal", day=date.today() + timedelta(days=20))
    person = make_registration(event, "Mette Holm", organisation=programme)
    page.goto(f"/partnerskabsdage/t/{person.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerskabsdag i Sindal")
    screenshot(page, "personal")
    assert_fits_width(page)
    assert axe_violations(page) == []
    menu_link(page, "Forside").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Klimapartnerskaber")
