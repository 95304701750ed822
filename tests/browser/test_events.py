"""The whole partnership day in Chromium: create, 40 registrations, schedule, publish, check-in with four
no-shows, re-plan, projector, feedback and an idea; participant pages without serious axe violations."""

from datetime import date, datetime, time, timedelta

import pytest
from playwright.sync_api import expect
from django.utils import timezone
from django.utils.formats import date_format

from klimapartner.collaborations.models import Idea
from klimapartner.events.models import Event, Registration
from tests.browser.conftest import axe_violations, sign_in
from tests.events.factories import make_registration
from tests.factories import make_organisation, make_user

SECTORS = ["energy", "manufacturing", "construction", "retail", "food", "tourism", "transport", "services"]
THEMES = ["energy", "transport", "resources-waste", "food", "buildings", "nature"]


@pytest.fixture(autouse=True)
def fast_text_similarity(settings):
    settings.EVENTS_TEXT_METHOD = "lexical"


def test_a_whole_partnership_day(page, transactional_db, job_worker):
    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")
    page.goto("/en/partnerskabsdage/ny/")
    page.fill("#id_title", "Partnership day in Hjørring")
    page.fill("#id_date", date.today().isoformat())
    page.fill("#id_venue", "Vendsyssel Teater")
    page.fill("#id_capacity", "60")
    page.fill("#id_registration_deadline", f"{date.today().isoformat()}T23:59")
    page.fill("#id_rounds", "4")
    page.click("main button[type=submit]")
    event = Event.objects.get()
    assert page.url.endswith(f"/en/partnerskabsdage/{event.pk}/")
    assert len(event.rounds) == 4

    orgs = [make_organisation(f"Partner {n}", sector=SECTORS[n % len(SECTORS)]) for n in range(40)]
    people = [make_registration(event, f"Person{n:02d} Holm", organisation=orgs[n], email=f"p{n}@x.example",
                                themes=(THEMES[n % 6], THEMES[(n + 1) % 6]),
                                offers={THEMES[n % 6]: f"Vi tilbyder hjælp med {THEMES[n % 6]}"},
                                needs={THEMES[(n + 2) % 6]: f"Vi søger hjælp med {THEMES[(n + 2) % 6]}"})
              for n in range(40)]
    page.reload()
    assert page.inner_text("[data-count=registered]") == "40"

    page.click("text=Schedule the day")  # a background job: the page follows its bar, then shows the schedule
    expect(page.locator("#meetings tbody tr")).to_have_count(80, timeout=30_000)  # 40 people, 4 rounds, 1:1
    assert page.inner_text("[data-value=without]") == "0"
    page.click("text=Publish and email agendas")
    expect(page.locator("#recipient-count")).to_have_text("40 people get an email.")
    page.get_by_role("button", name="Publish and send 40 agendas").click()
    expect(page.locator(".job-progress .alert-success")).to_contain_text("Published; 40 agendas sent.", timeout=30_000)

    # Check-in on a phone: search by name, one tap.
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/en/partnerskabsdage/{event.pk}/indtjekning/")
    page.fill("#q", "Person07")
    expect(page.locator("#people .checkin-row")).to_have_count(1)
    page.click("#people .checkin-row button")
    page.wait_for_selector(f"#person-{people[7].pk}:has-text('Checked in')")
    assert Registration.objects.get(pk=people[7].pk).checked_in_at is not None
    Registration.objects.filter(event=event).exclude(pk__in=[p.pk for p in people[:4]]).update(
        checked_in_at=timezone.make_aware(datetime.combine(event.date, time(12, 0))))

    # Re-plan: the four not checked in are no-shows.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/en/partnerskabsdage/{event.pk}/omplanlaeg/")
    page.fill("#id_held_rounds", "1")
    assert page.locator("input[name=no_shows]:checked").count() == 4
    page.click("button[name=preview]")
    assert page.locator("#removed li").count() >= 4
    page.click("button[name=apply]")
    expect(page.locator(".job-progress .alert-success")).to_contain_text("Re-planned", timeout=30_000)
    assert Registration.objects.filter(event=event, no_show=True).count() == 4
    assert event.meetings.filter(round__gt=1, seats__registration__in=people[:4]).count() == 0

    # Projector: follows the programme clock (round 2 at 13:57) and survives a reload.
    second_round = event.rounds[1].start
    page.clock.set_fixed_time(second_round.timestamp() + 120)  # seconds since the epoch
    page.goto(f"/en/partnerskabsdage/{event.pk}/projektor/")
    assert page.locator(".round:visible h2").inner_text() == "Round 2"
    assert page.inner_text("#countdown") == "10:00"
    page.reload()
    assert page.locator(".round:visible h2").inner_text() == "Round 2"
    # A week ahead a countdown would read "168:00:00": the projector says when the day starts instead.
    page.clock.set_fixed_time(event.rounds[0].start.timestamp() - 7 * 86400)
    page.goto(f"/partnerskabsdage/{event.pk}/projektor/")
    assert page.inner_text("#current").endswith("· begynder")
    first = timezone.localtime(min(item.start for item in event.programme.all()))
    assert page.inner_text("#countdown") == date_format(first, "DATETIME_FORMAT")

    # A participant, after the day (feedback is for meetings that took place): the personal page, feedback,
    # an idea; no serious accessibility problems.
    Event.objects.filter(pk=event.pk).update(date=date.today() - timedelta(days=1))
    page.goto(f"/en/partnerskabsdage/t/{people[10].token}/")
    assert axe_violations(page) == []
    page.locator("form.feedback").first.locator("input[value='5']").check()
    page.locator("form.feedback").first.locator("input[type=checkbox]").check()
    page.locator("form.feedback").first.locator("button").click()
    assert "Thank you for your feedback." in page.inner_text(".page-container")
    page.fill("#id_idea-title", "Bus tour around the municipality")
    page.click("text=Register the idea")
    assert Idea.objects.get().title == "Bus tour around the municipality"
    page.goto(f"/en/partnerskabsdage/t/{people[10].token}/rediger/")
    assert axe_violations(page) == []
