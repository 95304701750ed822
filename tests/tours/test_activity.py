"""A published tour is an activity: people sign up for its seats there and get the itinerary by their link."""

from datetime import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from icalendar import Calendar

from klimapartner.activities import changes
from klimapartner.activities.models import Activity, ActivityKind, SignUp, SignUpStatus
from klimapartner.jobs.runner import run_queued
from klimapartner.partners.access import visible_activities
from klimapartner.partners.models import FocusArea
from klimapartner.tours import planning

TIMES = [("Besøg i Hirtshals", time(9, 0), time(9, 45)), ("Besøg i Sindal", time(10, 16), time(10, 56)),
         ("Besøg i Vrå", time(11, 28), time(11, 58)), ("Besøg i Løkken", time(12, 20), time(12, 50)),
         ("Besøg i Lønstrup", time(13, 11), time(13, 56))]


@pytest.fixture
def planned(tour, sites):
    draft = planning.Draft(tour, [(s, s.visit_minutes) for s in sites], [])
    result = planning.plan_draft(draft)
    planning.save_route(draft, result.route, optimal=result.optimal)
    tour.refresh_from_db()
    return tour


@pytest.fixture
def published(client, coordinator, planned, smtp_server):
    planned.focus_areas.set(FocusArea.objects.filter(slug="energy"))
    client.force_login(coordinator)
    client.post(reverse("tours:publish", kwargs={"pk": planned.pk}))
    run_queued()
    client.logout()
    smtp_server.messages.clear()
    planned.refresh_from_db()
    return planned


def sign_up(client, activity, name, email):
    return client.post(reverse("activities:activity", kwargs={"pk": activity.pk}),
                       {"name": name, "email": email, "organisation": "", "consent": "on"})


def test_publishing_makes_the_tour_a_site_visit_with_the_bus_seats_as_places(published):
    activity = published.activity
    assert (activity.kind, activity.status, activity.title, activity.date, activity.starts, activity.ends,
            activity.venue, activity.capacity, activity.is_public, activity.organiser) == (
        ActivityKind.SITE_VISIT, "approved", "Klimabussen", published.date, time(8, 30), time(14, 14),
        "Hjørring Rådhus", 30, True, None)
    assert [f.slug for f in activity.focus_areas.all()] == ["energy"]
    assert list(visible_activities(AnonymousUser())) == [activity]


def test_publishing_again_keeps_the_one_activity_and_its_sign_ups(client, coordinator, published):
    SignUp.objects.create(activity=published.activity, name="Mette", email="mette@example.dk")
    client.force_login(coordinator)
    client.post(reverse("tours:publish", kwargs={"pk": published.pk}))
    assert Activity.objects.count() == 1 and published.activity.signups.count() == 1


def test_editing_a_published_tour_changes_its_activity(client, coordinator, published):
    client.force_login(coordinator)
    data = {"title": "Klimabussen til kysten", "date": published.date.isoformat(), "starts": "08:30",
            "ends": "16:30", "venue": "Hjørring Rådhus", "latitude": "57,45830", "longitude": "9,98260",
            "capacity": "2", "groups": "1", "is_public": "", "objective": "return", "description": "Vi kører langs kysten."}
    assert client.post(reverse("tours:edit", kwargs={"pk": published.pk}), data).status_code == 302
    activity = Activity.objects.get()
    assert (activity.title, activity.capacity, activity.is_public, activity.description) == (
        "Klimabussen til kysten", 2, False, "Vi kører langs kysten.")


def test_a_draft_tour_is_no_activity(planned):
    assert planned.activity is None and Activity.objects.count() == 0


def test_people_sign_up_on_the_activity_page_and_the_waiting_list_starts_when_the_bus_is_full(client, published,
                                                                                               smtp_server):
    activity = published.activity
    activity.capacity = published.capacity = 2
    activity.save()
    for i, name in enumerate(["Anne", "Bo", "Carl"]):
        assert sign_up(client, activity, name, f"{name.lower()}@example.dk").status_code == 302
    assert [(s.name, s.status) for s in activity.signups.order_by("pk")] == [
        ("Anne", SignUpStatus.REGISTERED), ("Bo", SignUpStatus.REGISTERED), ("Carl", SignUpStatus.WAITING)]
    changes.cancel(signup=activity.signups.get(name="Bo"))
    assert activity.signups.get(name="Carl").status == SignUpStatus.REGISTERED
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "anne@example.dk", "bo@example.dk", "carl@example.dk", "carl@example.dk"]


def test_the_tour_is_in_the_calendar_feed(client, published):
    feed = Calendar.from_ical(client.get(reverse("activities:feed")).content)
    assert [(str(e["summary"]), e.decoded("dtend").time()) for e in feed.walk("VEVENT")] == [
        ("Klimabussen", time(14, 14))]


def test_the_activity_page_shows_the_route(client, published):
    response = client.get(reverse("activities:activity", kwargs={"pk": published.activity_id}))
    content = response.content.decode()
    assert [row["name"] for row in response.context["rows"]] == [name for name, *_ in TIMES]
    assert 'id="tour-map"' in content and "Bussen kører fra Hjørring Rådhus kl. 08.30" in content
    assert "og er tilbage kl. 14.14" in content


def test_another_activity_page_shows_no_route(client, db):
    from tests.activities.factories import make_activity

    activity = make_activity()
    response = client.get(reverse("activities:activity", kwargs={"pk": activity.pk}))
    assert response.status_code == 200 and 'id="tour-map"' not in response.content.decode()


def test_a_participant_gets_the_itinerary_by_the_personal_link(client, published):
    sign_up(client, published.activity, "Anne Holm", "anne@example.dk")
    signup = SignUp.objects.get()
    page = client.get(reverse("activities:signup", kwargs={"token": signup.token})).content.decode()
    assert reverse("tours:itinerary", kwargs={"token": signup.token}) in page
    response = client.get(reverse("tours:itinerary", kwargs={"token": signup.token}))
    assert [row["title"] for row in response.context["stops"]] == [name for name, *_ in TIMES]
    assert "Rejseplan for Anne Holm" in response.content.decode()
    pdf = client.get(reverse("tours:participant_pdf", kwargs={"token": signup.token}))
    assert (pdf["Content-Type"], pdf.content[:5]) == ("application/pdf", b"%PDF-")
    ics = client.get(reverse("tours:participant_ics", kwargs={"token": signup.token}))
    events = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    assert [(str(e["summary"]), e.decoded("dtstart").time(), e.decoded("dtend").time()) for e in events] == [
        ("Klimabussen", time(8, 30), time(14, 14)), *TIMES]
    assert str(events[1]["uid"]) == f"tour-{published.pk}-stop-{published.stops.first().pk}-{signup.pk}@klimapartner"


@pytest.mark.parametrize("status", [SignUpStatus.WAITING, SignUpStatus.CANCELLED])
def test_without_a_seat_there_is_no_itinerary(client, published, status):
    signup = SignUp.objects.create(activity=published.activity, name="Bo", email="bo@example.dk", status=status)
    page = client.get(reverse("activities:signup", kwargs={"token": signup.token})).content.decode()
    assert reverse("tours:itinerary", kwargs={"token": signup.token}) not in page
    for name in ("tours:itinerary", "tours:participant_pdf", "tours:participant_ics"):
        assert client.get(reverse(name, kwargs={"token": signup.token})).status_code == 404


def test_a_sign_up_for_another_activity_has_no_itinerary(client, published):
    from tests.activities.factories import make_activity

    signup = SignUp.objects.create(activity=make_activity(), name="Bo", email="bo@example.dk")
    assert client.get(reverse("tours:itinerary", kwargs={"token": signup.token})).status_code == 404
    assert client.get(reverse("tours:itinerary", kwargs={"token": "not-a-token"})).status_code == 404
