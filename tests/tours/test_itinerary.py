from datetime import time

from django.urls import reverse
from icalendar import Calendar

from .test_planning import post_plan


def saved_tour(client, coordinator, tour, sites):
    client.force_login(coordinator)
    order = post_plan(client, tour, sites).context["form"].data["order"]
    post_plan(client, tour, sites, order=order, action="save")
    return tour


def test_the_calendar_file_has_the_tour_and_each_stop_with_its_slot(client, coordinator, tour, sites):
    saved_tour(client, coordinator, tour, sites)
    response = client.get(reverse("tours:itinerary_ics", kwargs={"pk": tour.pk}))
    assert response["Content-Disposition"] == f'attachment; filename="rundtur-{tour.pk}.ics"'
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    rows = [(str(e["summary"]), e.decoded("dtstart").time(), e.decoded("dtend").time()) for e in events]
    assert rows == [("Klimabussen", time(8, 30), time(14, 14)),
                    ("Besøg i Hirtshals", time(9, 0), time(9, 45)), ("Besøg i Sindal", time(10, 16), time(10, 56)),
                    ("Besøg i Vrå", time(11, 28), time(11, 58)), ("Besøg i Løkken", time(12, 20), time(12, 50)),
                    ("Besøg i Lønstrup", time(13, 11), time(13, 56))]
    assert str(events[1]["location"]) == "Vært i Hirtshals, Parkvej 1, Hirtshals"
    assert events[1].decoded("dtstart").tzinfo is not None


def test_the_pdf_itinerary_is_a_pdf(client, coordinator, tour, sites):
    saved_tour(client, coordinator, tour, sites)
    response = client.get(reverse("tours:itinerary_pdf", kwargs={"pk": tour.pk}))
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (200, "application/pdf", b"%PDF-")


def test_an_unplanned_tour_has_no_itinerary(client, coordinator, tour):
    client.force_login(coordinator)
    assert client.get(reverse("tours:itinerary_pdf", kwargs={"pk": tour.pk})).status_code == 404
