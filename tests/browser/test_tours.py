"""A site-visit tour in Chromium: the coordinator plans a tour of five sites on the map, moves a stop and sees
the rule it breaks, saves and publishes (the hosts are emailed by a background job); desktop and phone widths,
no serious axe violations."""

from datetime import date, time, timedelta
from decimal import Decimal

from playwright.sync_api import expect

from klimapartner.tours.models import Tour
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import make_editor, make_organisation, make_user
from tests.tours.factories import make_site

SITES = [  # town, lat, lon, opens, closes, visit minutes
    ("Hirtshals", "57.58810", "9.95940", time(9, 0), time(15, 0), 45),
    ("Sindal", "57.47060", "10.20170", time(10, 0), time(16, 0), 40),
    ("Løkken", "57.37060", "9.71470", time(8, 0), time(14, 0), 30),
    ("Vrå", "57.35390", "9.94280", time(8, 0), time(13, 0), 30),
    ("Lønstrup", "57.47750", "9.79890", time(11, 0), time(16, 0), 45),
]


def tuesday() -> date:
    day = date.today() + timedelta(days=14)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def test_the_coordinator_plans_a_tour_of_five_sites_and_publishes_it(page, transactional_db, job_worker, smtp_server):
    for i, (town, lat, lon, opens, closes, minutes) in enumerate(SITES):
        host = make_organisation(f"Vært i {town}", town=town)
        make_editor(host, f"vaert{i}@example.dk")
        make_site(host, name=f"Besøg i {town}", town=town, latitude=Decimal(lat), longitude=Decimal(lon),
                  opens=opens, closes=closes, visit_minutes=minutes)
    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")

    page.goto("/rundture/")
    page.click("text=Ny rundtur")
    page.fill("#id_title", "Klimabussen")
    page.fill("#id_date", tuesday().isoformat())
    page.fill("#id_starts", "08:30")
    page.fill("#id_ends", "16:30")
    page.fill("#id_venue", "Hjørring Rådhus")
    page.fill("#id_latitude", "57,45830")
    page.fill("#id_longitude", "9,98260")
    page.fill("#id_capacity", "30")
    page.click("main button[type=submit]")
    tour = Tour.objects.get()
    assert page.url.endswith(f"/rundture/{tour.pk}/planlaeg/")

    for town, *_ in SITES:
        page.get_by_label(f"Besøg i {town}").check()
    page.get_by_role("button", name="Planlæg ruten").click()
    expect(page.locator("#verdict")).to_have_text("Den bedste rute – ingen anden rækkefølge får bussen tidligere hjem.")
    stops = page.locator("#timetable tbody tr[data-id]")
    expect(stops).to_have_count(5)
    assert [stops.nth(i).locator("td").nth(1).inner_text().split("\n")[0] for i in range(5)] == [
        "Besøg i Hirtshals", "Besøg i Sindal", "Besøg i Vrå", "Besøg i Løkken", "Besøg i Lønstrup"]
    expect(page.locator("#tour-map")).to_have_attribute("data-legs", "6")  # depot, five stops, depot
    expect(page.locator("#tour-map .tour-stop")).to_have_count(6)
    assert axe_violations(page) == []

    # Vrå one place later: its visit would run past closing; saving is not offered
    page.get_by_role("button", name="Flyt Besøg i Vrå ned").first.click()
    expect(page.locator("#problems li")).to_have_text([
        "Besøg i Vrå lukker kl. 13.00, så besøget på 30 minutter skal begynde senest kl. 12.30, men bussen kan "
        "tidligst være der kl. 12.37 – start tidligere, gør et besøg kortere, eller tag et stop ud."])
    expect(page.get_by_role("button", name="Gem denne plan")).to_be_disabled()
    page.get_by_role("button", name="Flyt Besøg i Vrå op").first.click()
    expect(page.locator("#verdict")).to_have_text("Din rækkefølge overholder alle regler.")

    # dragged: Lønstrup onto Hirtshals's row comes first, before Lønstrup opens at 11:00 - waiting, no rule broken
    page.locator("#timetable tr[data-id]", has_text="Besøg i Lønstrup").drag_to(
        page.locator("#timetable tr[data-id]", has_text="Besøg i Hirtshals"))
    expect(page.locator("#timetable tr[data-id]").first).to_contain_text("Besøg i Lønstrup")
    expect(page.locator("#timetable tr[data-id]").first).to_contain_text("venter")
    page.get_by_role("button", name="Planlæg ruten").click()
    expect(page.locator("#verdict")).to_have_text("Den bedste rute – ingen anden rækkefølge får bussen tidligere hjem.")

    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.get_by_role("button", name="Flyt Besøg i Vrå ned").last).to_be_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Gem denne plan").click()
    assert page.url.endswith(f"/rundture/{tour.pk}/")
    assert [s.site.town for s in tour.stops.select_related("site")] == ["Hirtshals", "Sindal", "Vrå", "Løkken", "Lønstrup"]

    page.get_by_role("button", name="Offentliggør rundturen").click()
    expect(page.locator(".job-progress .alert-success")).to_contain_text("5 værter har fået besked", timeout=30_000)
    assert sorted(m["To"] for m in smtp_server.messages) == [f"vaert{i}@example.dk" for i in range(5)]
    page.goto(f"/rundture/{tour.pk}/")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(page) == []
