"""The coordinator's and a partner editor's daily work, clicked through in Chromium."""

import re

from playwright.sync_api import expect

from klimapartner.partners.models import Organisation
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import make_agreement, make_organisation, make_user


def test_coordinator_registers_a_partner_records_the_agreement_and_an_action(page, transactional_db):
    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerregister")
    page.get_by_role("link", name="Registrér en partner").click()
    page.fill("#id_name", "Klitgårdens Mejeri A/S")
    page.fill("#id_cvr", "1234 5674")
    page.select_option("#id_org_type", "company")
    page.select_option("#id_sector", "food")
    page.fill("#id_town", "Sindal")
    page.fill("#id_latitude", "57,47")
    page.fill("#id_longitude", "10,2")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klitgårdens Mejeri A/S")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Registrér aftale").click()
    page.select_option("#id_status", "active")
    page.fill("#id_signed_on", "2025-05-01")
    page.fill("#id_starts_on", "2025-06-01")
    page.fill("#id_ends_on", "2028-05-31")
    page.fill("#id_baseline_year", "2023")
    page.get_by_label("Energi", exact=True).check()
    page.get_by_label("Fødevarer", exact=True).check()
    page.fill("#id_targets-0-target_year", "2030")
    page.fill("#id_targets-0-percent", "55,5")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-success")).to_contain_text("Aftalen er gemt")

    page.get_by_role("link", name="Tilføj indsats").click()
    page.fill("#id_title", "Biogas fra valle")
    page.select_option("#id_status", "in_progress")
    page.fill("#id_expected_effect", "120,5")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("link", name="Biogas fra valle")).to_be_visible()

    page.get_by_role("link", name="Se den offentlige side").click()
    expect(page.get_by_test_id("agreement")).to_contain_text("55,5 % mindre CO2e i 2030")
    expect(page.get_by_test_id("actions")).to_contain_text("120,5")
    organisation = Organisation.objects.get()
    assert (organisation.cvr, organisation.town, organisation.slug) == ("12345674", "Sindal", "klitgaardens-mejeri-as")


def test_an_invited_editor_signs_in_by_link_and_changes_only_their_own_organisation(page, transactional_db, smtp_server):
    make_user("koordinator@kommune.example", staff=True)
    own = make_organisation("Nordlys Energi ApS", cvr="12345674")
    make_agreement(own)
    other = make_organisation("Vestkyst Bageri", cvr="11111114")

    sign_in(page, "koordinator@kommune.example")
    page.goto(f"/partner/{own.slug}/")
    page.get_by_role("link", name="Partnerredaktører").click()
    page.fill("#id_name", "Ole Sand")
    page.fill("#id_email", "ole@nordlys.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".alert-success")).to_contain_text("ole@nordlys.example")
    page.get_by_role("button", name="Log ud").click()

    [message] = smtp_server.messages
    path = re.search(r"http://127\.0\.0\.1:8000(/konto/log-ind/\S+/)", message.get_content()).group(1)
    page.goto(path)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nordlys Energi ApS")
    page.get_by_role("link", name="Redigér profil").click()
    page.fill("#id_description", "Vi leverer solceller til hele Vendsyssel.")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-success")).to_have_text("Profilen er gemt.")

    response = page.goto(f"/partner/{other.slug}/profil/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen adgang")

    page.goto(f"/partnere/{own.slug}/")
    expect(page.get_by_text("Vi leverer solceller til hele Vendsyssel.")).to_be_visible()
    page.goto(path)  # the link worked once
    expect(page.get_by_role("heading", level=1)).to_have_text("Linket virker ikke")
