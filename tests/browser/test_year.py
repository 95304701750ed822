"""The programme's year in a real browser, at desktop and phone width, axe-clean.

A partner editor writes and submits a story and the coordinator publishes it; someone signs up for an
activity from the public calendar; the coordinator sees a passive partner and sends the reminder.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klimapartner.activities.models import SignUp
from klimapartner.expectations.models import ReminderSent
from klimapartner.stories.models import Story, StoryStatus
from tests.activities.factories import make_activity, make_signup
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.widths import assert_fits_width, both_widths, menu_link, screenshot
from tests.factories import make_agreement, make_contact, make_editor, make_organisation, make_user


@both_widths
def test_a_story_is_written_submitted_and_published(page, smtp_server):
    organisation = make_organisation("Nordlys Energi ApS")
    make_agreement(organisation)
    make_editor(organisation, "redaktoer@nordlys.example")
    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "redaktoer@nordlys.example")
    page.goto(f"/historier/partner/{organisation.slug}/")
    page.get_by_role("link", name="Skriv en historie").click()
    page.get_by_label("Titel", exact=True).fill("Elbiler i hele flåden")
    page.get_by_label("Manchet", exact=True).fill("Tre af fire varebiler kører nu på strøm.")
    page.get_by_label("Tekst", exact=True).fill("Vi var bekymrede for rækkevidden.\n\nDet gik fint.")
    page.get_by_label("Energi").first.check()
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "story-form")
    page.get_by_role("button", name="Gem og send til godkendelse").click()
    expect(page.locator(".alert-success")).to_contain_text("Historien er sendt til koordinatoren")
    expect(page.get_by_test_id("stories")).to_contain_text("Venter på godkendelse")
    story = Story.objects.get()
    assert story.status == StoryStatus.SUBMITTED

    page.context.clear_cookies()
    sign_in(page, "koordinator@kommune.example")
    page.goto("/historier/koordinator/")
    page.get_by_test_id("waiting").get_by_role("link", name="Elbiler i hele flåden").click()
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "review")
    page.get_by_role("button", name="Godkend og offentliggør").click()
    expect(page.locator(".alert-success")).to_contain_text("Historien er offentliggjort")

    page.context.clear_cookies()
    page.goto("/")
    menu_link(page, "Klimahistorier").click()
    page.get_by_role("link", name="Elbiler i hele flåden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Elbiler i hele flåden")
    expect(page.locator("meta[property='og:title']")).to_have_attribute("content", "Elbiler i hele flåden")
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "story")
    assert [str(m["Subject"]).strip() for m in smtp_server.messages] == [
        "En klimahistorie til godkendelse: Elbiler i hele flåden",
        "Jeres klimahistorie er offentliggjort: Elbiler i hele flåden"]


@both_widths
def test_someone_signs_up_from_the_public_calendar(page, smtp_server):
    activity = make_activity("Foredrag: solceller på dit eget tag", day=date.today() + timedelta(days=12),
                             capacity=1, kind="citizen")
    make_activity("Cykeldag langs kysten", day=date.today() + timedelta(days=40), town="Tversted",
                  focus=("transport",))
    page.goto("/")
    menu_link(page, "Aktiviteter").click()
    page.get_by_label("Fokusområde").select_option(label="Energi")
    page.get_by_role("button", name="Filtrér").click()
    expect(page.get_by_test_id("upcoming").get_by_role("listitem")).to_have_count(1)
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "calendar")
    page.get_by_role("link", name="Foredrag: solceller på dit eget tag").click()
    expect(page.get_by_test_id("places-left")).to_have_text("1")
    page.get_by_label("Navn", exact=True).fill("Ole Sand")
    page.get_by_label("E-mail", exact=True).fill("ole@borger.example")
    page.get_by_label("Jeg accepterer").check()
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "activity")
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.locator(".alert-success")).to_contain_text("Du er tilmeldt.")
    expect(page.get_by_test_id("status")).to_have_text("Tilmeldt")
    assert axe_violations(page) == []
    assert_fits_width(page)
    signup = SignUp.objects.get()
    assert (signup.activity, signup.name, signup.email) == (activity, "Ole Sand", "ole@borger.example")
    [message] = smtp_server.messages
    assert str(message["Subject"]).strip() == "Du er tilmeldt: Foredrag: solceller på dit eget tag"
    # The next one goes on the waiting list; cancelling gives the place on.
    page.goto(f"/aktiviteter/{activity.pk}/")
    page.get_by_label("Navn", exact=True).fill("Eva Lund")
    page.get_by_label("E-mail", exact=True).fill("eva@borger.example")
    page.get_by_label("Jeg accepterer").check()
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.locator(".alert-warning")).to_contain_text("du står på ventelisten")
    page.goto(f"/aktiviteter/tilmelding/{signup.token}/")
    page.get_by_role("button", name="Afmeld mig").click()
    expect(page.get_by_test_id("status")).to_have_text("Afbud")
    assert SignUp.objects.get(email="eva@borger.example").status == "registered"


@both_widths
def test_the_coordinator_sees_a_passive_partner_and_sends_the_reminder(page, smtp_server, job_worker):
    year = timezone.localdate().year
    active = make_organisation("Nordlys Energi ApS")
    passive = make_organisation("Vestkyst Bageri", town="Løkken", sector="food")
    for organisation in (active, passive):
        make_agreement(organisation, starts_on=date(year - 1, 1, 1), ends_on=None)
    make_contact(passive, "Per Bager", email="per@vestkyst.example")
    make_signup(make_activity("Netværksmøde", day=date(year, 1, 2)), "Karen Holm", organisation=active,
                checked_in_at=timezone.now())
    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")
    menu_link(page, "Partnernes år").click()
    expect(page.get_by_test_id("active-count")).to_contain_text("1 af 2 partnere er aktive i år")
    expect(page.get_by_test_id("passive")).to_have_text("Vestkyst Bageri")
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "overview")
    page.get_by_test_id("remind").click()
    page.get_by_label("Emne", exact=True).fill("Vi savner jer, {partner}")
    page.get_by_role("button", name="Vis eksempel").click()
    expect(page.get_by_test_id("preview")).to_contain_text("Vi savner jer, Vestkyst Bageri")
    expect(page.get_by_test_id("preview")).to_contain_text("per@vestkyst.example")
    assert axe_violations(page) == []
    assert_fits_width(page)
    screenshot(page, "remind")
    page.get_by_role("button", name="Send til 1 partner").click()
    expect(page.locator(".alert-success")).to_contain_text("1 partner er påmindet.", timeout=15_000)
    assert [m.envelope_to for m in smtp_server.messages] == [["per@vestkyst.example"]]
    assert ReminderSent.objects.get().organisation == passive
    page.goto(f"/forventninger/{year}/")
    expect(page.get_by_test_id("passive")).to_contain_text("påmindet")
