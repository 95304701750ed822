"""The coordinator's personal-data page and audit log in Chromium: look a person up, read what is stored,
forget them; read who changed what. Desktop and phone widths, no serious axe violations."""

from playwright.sync_api import expect

from tests.activities.factories import make_activity, make_signup
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.widths import assert_fits_width, both_widths, screenshot
from tests.factories import make_contact, make_editor, make_organisation, make_user


@both_widths
def test_the_coordinator_reads_a_persons_data_and_forgets_them(page, transactional_db):
    nordlys = make_organisation("Nordlys Energi ApS", cvr="12345674")
    make_editor(nordlys, "mette@nordlys.example")
    make_contact(nordlys, "Mette Holm", email="mette@nordlys.example")
    make_signup(make_activity("Foredrag om varmepumper"), "Mette Holm", email="mette@nordlys.example",
                organisation=nordlys)
    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")

    page.goto("/koordinator/")
    page.get_by_role("link", name="Persondata").click()
    page.get_by_label("Personens e-mailadresse").fill("mette@nordlys.example")
    page.get_by_role("button", name="Vis, hvad vi har gemt").click()
    expect(page.get_by_role("heading", name="Gemt om mette@nordlys.example")).to_be_visible()
    expect(page.get_by_role("heading", name="Tilmeldinger til aktiviteter (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Kontaktperson hos (1)")).to_be_visible()
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "person")

    page.get_by_label("Ja, glem denne person. Det kan ikke fortrydes.").check()
    page.get_by_role("button", name="Glem personen").click()
    expect(page.locator(".alert")).to_contain_text("Personen er glemt:")
    screenshot(page, "forgotten")

    page.goto("/koordinator/logbog/")
    expect(page.get_by_role("heading", name="Logbog", exact=True)).to_be_visible()
    expect(page.locator(".audit-entry").first).to_contain_text("Slettet")
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "audit-log")
