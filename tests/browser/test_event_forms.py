"""The partnership day's forms in Danish, at desktop and phone width: dates survive an edit, the registration
form puts its errors in a focused summary at the top, shows offer/need boxes for the themes ticked, and lets
people find partners in a long list by typing."""

from datetime import date, datetime

from django.utils import timezone
from playwright.sync_api import expect

from klimapartner.events.models import Invitation, Registration
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.widths import assert_fits_width, both_widths, screenshot
from tests.events.factories import make_event
from tests.factories import make_organisation, make_user


@both_widths
def test_a_danish_edit_form_keeps_its_dates(page, transactional_db):
    make_user("koordinator@kommune.example", staff=True)
    event = make_event(title="Partnerskabsdag i Vrå", day=date(2027, 2, 10))
    event.registration_deadline = timezone.make_aware(datetime(2027, 2, 1, 23, 59))
    event.save()
    invited = [make_organisation(f"Partner nr. {n:02d}") for n in range(61)]
    sign_in(page, "koordinator@kommune.example")
    page.goto(f"/partnerskabsdage/{event.pk}/rediger/")
    expect(page.locator("#id_date")).to_have_value("2027-02-10")
    expect(page.locator("#id_registration_deadline")).to_have_value("2027-02-01T23:59")
    page.locator("#id_invite_all").uncheck()
    page.fill("#id_invited_search", "nr. 4")
    expect(page.locator("#id_invited > li:visible")).to_have_count(10)  # nr. 40 … nr. 49
    page.get_by_label("Partner nr. 42").check()
    expect(page.locator("[data-picker-count]").first).to_have_text("1 valgt")
    screenshot(page, "edit")
    assert_fits_width(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-success")).to_contain_text("Partnerskabsdagen er gemt")
    event.refresh_from_db()
    assert event.date == date(2027, 2, 10)
    assert timezone.localtime(event.registration_deadline) == timezone.make_aware(datetime(2027, 2, 1, 23, 59))
    assert list(event.invited.all()) == [invited[42]]


@both_widths
def test_registration_errors_are_summed_up_at_the_top_and_focused(page, transactional_db):
    event = make_event(title="Partnerskabsdag i Tårs")
    for n in range(40):
        make_organisation(f"Virksomhed {n:02d} ApS")
    solen = make_organisation("Solens Bageri")
    invitation = Invitation.objects.create(event=event, email="mette@solen.example")
    page.goto(f"/partnerskabsdage/tilmeld/{invitation.token}/")
    expect(page.locator("[data-theme-statements]:visible")).to_have_count(0)
    expect(page.get_by_text("Sæt kryds ved et tema ovenfor")).to_be_visible()
    page.get_by_label("Energi", exact=True).check()
    expect(page.locator("[data-theme-statements]:visible")).to_have_count(1)
    expect(page.get_by_label("Energi: vi tilbyder")).to_be_visible()
    page.get_by_label("Energi: vi tilbyder").fill("Solceller på taget og erfaring med varmepumper.")
    page.fill("#id_must_meet_search", "solens")
    expect(page.locator("#id_must_meet > li:visible")).to_have_text(["Solens Bageri"])
    page.get_by_label("Solens Bageri").first.check()
    page.fill("#id_name", "Mette Holm")
    page.get_by_role("button", name="Gem tilmelding").click()  # without consent, without an organisation

    summary = page.locator("[data-module=error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([
        "Gæsteorganisation: Vælg en partner, eller skriv navnet på din organisation.",
        "Sæt kryds for at give dit samtykke. Uden det kan vi ikke tilmelde dig.",
    ])
    assert summary.bounding_box()["y"] < page.locator("legend", has_text="Om dig").bounding_box()["y"]
    # What was written survives, and the box stays for the theme ticked.
    expect(page.get_by_label("Energi: vi tilbyder")).to_have_value("Solceller på taget og erfaring med varmepumper.")
    expect(page.locator("[data-theme-statements]:visible")).to_have_count(1)
    screenshot(page, "errors")
    assert_fits_width(page)
    assert axe_violations(page) == []
    summary.get_by_role("link").nth(1).click()
    expect(page.locator("#id_consent")).to_be_focused()

    page.check("#id_consent")
    page.fill("#id_guest_organisation", "Solens Venner")
    page.get_by_role("button", name="Gem tilmelding").click()
    expect(page.locator(".alert-success")).to_be_visible()
    registration = Registration.objects.get()
    assert registration.offers == {"energy": "Solceller på taget og erfaring med varmepumper."}
    assert list(registration.must_meet.all()) == [solen]
