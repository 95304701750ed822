"""A published tour in Chromium, as a participant: on the activity page the route's map stays inside its box,
someone signs up for a seat (the next one, with the bus full, goes on the waiting list), opens the itinerary by
the personal link and downloads it as PDF and calendar file; at desktop and phone width, no serious axe
violations, nothing wider than the screen."""

from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from klimapartner.activities.models import SignUp, SignUpStatus
from klimapartner.tours import planning, publishing
from klimapartner.tours.models import Tour
from tests.browser.conftest import axe_violations
from tests.browser.widths import assert_fits_width, both_widths, screenshot
from tests.factories import make_organisation
from tests.tours.conftest import TOWNS, next_weekday
from tests.tours.factories import make_site

STOPS = [("Besøg i Hirtshals", "09.00–09.45"), ("Besøg i Sindal", "10.16–10.56"), ("Besøg i Vrå", "11.28–11.58"),
         ("Besøg i Løkken", "12.20–12.50"), ("Besøg i Lønstrup", "13.11–13.56")]


@pytest.fixture
def published(transactional_db):
    sites = [make_site(make_organisation(f"Vært i {town}", town=town), name=f"Besøg i {town}", town=town,
                       address=f"Havnevej {i + 1}", latitude=Decimal(lat), longitude=Decimal(lon), opens=opens,
                       closes=closes, visit_minutes=minutes)
             for i, (town, lat, lon, opens, closes, minutes) in enumerate(TOWNS)]
    tour = Tour.objects.create(title="Klimabussen", date=next_weekday(1), starts=time(8, 30), ends=time(16, 30),
                               venue="Hjørring Rådhus", latitude=Decimal("57.45830"),
                               longitude=Decimal("9.98260"), capacity=1)
    draft = planning.Draft(tour, [(s, s.visit_minutes) for s in sites], [])
    result = planning.plan_draft(draft)
    planning.save_route(draft, result.route, optimal=result.optimal)
    tour.refresh_from_db()
    publishing.publish(tour=tour)
    return tour


def assert_map_in_its_box(page):
    """The map fills its box, within the screen, and every numbered stop is drawn inside it."""
    box = page.locator("#tour-map").bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 200
    markers = page.locator("#tour-map .tour-stop")
    expect(markers).to_have_count(6)  # the depot and five stops
    for i in range(6):
        m = markers.nth(i).bounding_box()
        assert box["x"] <= m["x"] and m["x"] + m["width"] <= box["x"] + box["width"], f"stop {i} is off the map"
        assert box["y"] <= m["y"] and m["y"] + m["height"] <= box["y"] + box["height"], f"stop {i} is off the map"


@both_widths
def test_a_participant_signs_up_for_a_seat_and_downloads_the_itinerary(page, published, smtp_server):
    page.goto(reverse("activities:activity", kwargs={"pk": published.activity_id}))
    expect(page.locator("#tour-route-heading")).to_have_text("Ruten")
    expect(page.locator(".tour-route > p").first).to_have_text(
        "Bussen kører fra Hjørring Rådhus kl. 08.30, besøger 5 steder og er tilbage kl. 14.14.")
    expect(page.locator("#tour-map")).to_have_attribute("data-legs", "6")
    assert_map_in_its_box(page)
    assert_fits_width(page)
    assert axe_violations(page) == []
    screenshot(page, "activity")

    form = page.get_by_test_id("signup-form")
    form.get_by_label("Navn", exact=True).fill("Anne Holm")
    form.get_by_label("E-mail", exact=True).fill("anne@example.dk")
    form.get_by_role("checkbox").check()
    form.get_by_role("button", name="Tilmeld").click()
    expect(page.locator(".alert-success")).to_contain_text("Du er tilmeldt")
    signup = SignUp.objects.get()
    assert (signup.name, signup.status) == ("Anne Holm", SignUpStatus.REGISTERED)
    assert page.url.endswith(reverse("activities:signup", kwargs={"token": signup.token}))
    expect(page.get_by_test_id("itinerary-links").get_by_role("link")).to_have_text(
        ["Se rejseplanen", "Rejseplan (PDF)", "Alle stop i min kalender (.ics)"])
    screenshot(page, "signup")

    page.get_by_role("link", name="Se rejseplanen").click()
    expect(page.locator("h1")).to_have_text("Klimabussen")
    expect(page.locator(".font-lead")).to_contain_text("Rejseplan for Anne Holm")
    expect(page.locator("main h3")).to_have_text([f"{n}. {name}" for n, (name, _) in enumerate(STOPS, start=1)])
    expect(page.locator("main h3 + p").first).to_have_text("09.00–09.45 · Vært i Hirtshals, Havnevej 1, Hirtshals")
    assert [page.locator("main h3 + p").nth(i).inner_text().split(" · ")[0] for i in range(5)] == [
        t for _, t in STOPS]
    screenshot(page, "itinerary")
    assert_map_in_its_box(page)
    assert_fits_width(page)
    assert axe_violations(page) == []

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Rejseplan (PDF)").click()
    with open(pdf.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    with page.expect_download() as ics:
        page.get_by_role("link", name="Alle stop i min kalender (.ics)").click()
    with open(ics.value.path(), "rb") as f:
        events = list(Calendar.from_ical(f.read()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Klimabussen", *[name for name, _ in STOPS]]

    # the one seat is taken: the next person goes on the waiting list and gets no itinerary
    page.goto(reverse("activities:activity", kwargs={"pk": published.activity_id}))
    expect(page.get_by_text("Aktiviteten er fuldt booket; tilmelder du dig")).to_be_visible()
    form = page.get_by_test_id("signup-form")
    form.get_by_label("Navn", exact=True).fill("Bo Jensen")
    form.get_by_label("E-mail", exact=True).fill("bo@example.dk")
    form.get_by_role("checkbox").check()
    form.get_by_role("button", name="Tilmeld").click()
    expect(page.locator(".alert-warning")).to_contain_text("venteliste")
    assert SignUp.objects.get(name="Bo Jensen").status == SignUpStatus.WAITING
    expect(page.get_by_test_id("itinerary-links")).to_have_count(0)
    assert sorted(m["To"] for m in smtp_server.messages) == ["anne@example.dk", "bo@example.dk"]


@both_widths
def test_two_groups_are_shown_to_the_coordinator_and_each_participant_sees_their_own(page, published):
    from klimapartner.tours.seats import assign_groups
    from tests.browser.conftest import sign_in
    from tests.factories import make_user

    published.groups = 2
    published.save()
    planning.save_group_plan(published, planning.plan_groups_for(published))
    people = [SignUp.objects.create(activity=published.activity, name=n, email=f"{n.lower()}@example.dk")
              for n in ("Anne", "Bo")]
    assert assign_groups(published) == {people[0].pk: 1, people[1].pk: 2}
    routes = planning.saved_group_routes(published)

    page.goto(reverse("tours:itinerary", kwargs={"token": people[1].token}))
    expect(page.get_by_test_id("group")).to_have_text("Du kører med gruppe 2 af 2.")
    first = routes[1].stop_legs[0]
    expect(page.locator("main h3").first).to_have_text(f"1. {published.stops.get(site_id=first.id.split('-')[1]).site.name}")
    assert_map_in_its_box(page)
    assert_fits_width(page)
    assert axe_violations(page) == []
    screenshot(page, "itinerary-group-2")

    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")
    page.goto(reverse("tours:tour", kwargs={"pk": published.pk}))
    groups = page.get_by_test_id("groups")
    expect(groups.locator("h2")).to_have_text("2 grupper")
    expect(groups.locator("h3")).to_have_text([
        f"Gruppe {n}: tilbage kl. {r.back // 60:02d}.{r.back % 60:02d}, 1 person" for n, r in enumerate(routes, 1)])
    expect(groups.locator("table")).to_have_count(2)
    expect(page.get_by_test_id("groups-measured")).to_contain_text("Ingen vært får to grupper på samme tid.")
    assert_fits_width(page)
    assert axe_violations(page) == []
    screenshot(page, "coordinator-groups")
