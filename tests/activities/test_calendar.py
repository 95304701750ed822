"""The calendar files: one per activity, and the subscribable feed of the public calendar."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from klimapartner.activities.models import ActivityStatus
from tests.activities.factories import make_activity
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_feed_has_the_public_activities_with_stamps_and_the_time_zone(client):
    summer = make_activity("Cykeldag langs kysten", day=date(2026, 7, 4), starts=time(10, 0), ends=time(14, 0),
                           town="Tversted", venue="Strandvejen 2")
    cancelled = make_activity("Aflyst foredrag", day=date(2026, 7, 10), status=ActivityStatus.CANCELLED)
    make_activity("Kun for partnere", is_public=False)
    make_activity("Venter", status=ActivityStatus.SUBMITTED)
    unpublished = make_organisation("Skjult ApS", is_published=False)
    make_activity("Skjult partners aktivitet", organiser=unpublished)
    calendar = parse(client.get("/aktiviteter/kalender.ics"))
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    entries = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert sorted(entries) == ["Aflyst foredrag", "Cykeldag langs kysten"]
    bike = entries["Cykeldag langs kysten"]
    assert bike.decoded("DTSTART") == datetime(2026, 7, 4, 10, 0, tzinfo=CPH)
    assert bike.decoded("DTEND") == datetime(2026, 7, 4, 14, 0, tzinfo=CPH)
    assert bike["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert bike.decoded("DTSTAMP").tzinfo is not None
    assert str(bike["UID"]) == f"activity-{summer.pk}@127.0.0.1:8000"
    assert str(bike["LOCATION"]) == "Strandvejen 2, Tversted"
    assert str(bike["STATUS"]) == "CONFIRMED"
    assert str(bike["URL"]).endswith(f"/aktiviteter/{summer.pk}/")
    assert str(entries["Aflyst foredrag"]["STATUS"]) == "CANCELLED"
    assert str(entries["Aflyst foredrag"]["UID"]) == f"activity-{cancelled.pk}@127.0.0.1:8000"


def test_the_feed_shows_the_same_to_a_signed_in_partner_as_to_a_calendar_program(client, owner):
    make_activity("Offentlig")
    make_activity("Kun for partnere", is_public=False)
    client.force_login(owner)
    assert [str(e["SUMMARY"]) for e in parse(client.get("/aktiviteter/kalender.ics")).walk("VEVENT")] == ["Offentlig"]


def test_an_activity_without_a_time_is_a_whole_day(client):
    activity = make_activity("Åbent hus", day=date(2026, 9, 5), starts=None, ends=None)
    [entry] = parse(client.get(reverse("activities:activity_ics", args=[activity.pk]))).walk("VEVENT")
    assert entry.decoded("DTSTART") == date(2026, 9, 5)
    assert "DTEND" not in entry


def test_one_activitys_file_is_refused_when_the_activity_is_not_visible(client):
    hidden = make_activity("Kun for partnere", is_public=False)
    assert client.get(reverse("activities:activity_ics", args=[hidden.pk])).status_code == 404


def test_the_feed_leaves_out_activities_older_than_a_year(client):
    make_activity("Gammel", day=date.today() - timedelta(days=400))
    make_activity("Ny", day=date.today() - timedelta(days=10))
    assert [str(e["SUMMARY"]) for e in parse(client.get("/aktiviteter/kalender.ics")).walk("VEVENT")] == ["Ny"]


def test_the_calendar_speaks_english_under_en(client):
    make_activity("Cykeldag langs kysten", kind="citizen")
    page = client.get("/en/aktiviteter/").content.decode()
    assert "<h2>Coming up</h2>" in page and "Citizen-facing activity" in page and "Subscribe to this address" in page
