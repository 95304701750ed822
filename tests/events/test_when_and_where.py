"""Invitations, registration pages and agendas say when to arrive; tables are called "Bord 6"; the calendar file
is one a calendar accepts (DTSTAMP on every event, the VTIMEZONE its times name)."""

import re
from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from klimapartner.events import changes, planning
from klimapartner.events.models import Invitation
from tests.events.factories import make_event, make_registration
from tests.factories import make_organisation

ARRIVAL = "Vi begynder kl. 12.30 og slutter kl. 13.40. Kom gerne et kvarter før, så du er tjekket ind, når vi går i gang."


@pytest.fixture
def day(db):
    event = make_event(rounds=3, tables=3, day=date(2027, 2, 10))
    people = [make_registration(event, f"{name} Holm", organisation=make_organisation(f"Partner {name}"),
                                email=f"{name.lower()}@p.example") for name in ("Anna", "Bo", "Carla", "Dan")]
    planning.schedule_event(event=event, time_limit=1)
    event.published_at = timezone.now()
    event.save()
    return event, people


def test_the_invitation_and_the_registration_page_say_when_to_arrive(client, smtp_server, day):
    event, _people = day
    changes.invite(event=event, guests=["gaest@tversted.example"])
    body = smtp_server.messages[0].get_content()
    assert ARRIVAL in body
    assert "10. februar 2027" in body
    invitation = Invitation.objects.get(email="gaest@tversted.example")
    page = client.get(reverse("events:register", args=[invitation.token])).content.decode()
    assert f'<p id="arrival">{ARRIVAL}</p>' in page


def test_the_personal_page_says_when_to_arrive_and_names_the_table(client, day):
    event, people = day
    page = client.get(reverse("events:personal", args=[people[0].token]))
    html = page.content.decode()
    assert f'<p id="arrival">{ARRIVAL}</p>' in html
    first = page.context["agenda"][0]
    assert first["table"] in {"Bord 1", "Bord 2", "Bord 3"}
    assert f"Runde 1, kl. 13.00–13.10 · {first['table']}</h3>" in html


def test_the_calendar_file_has_stamps_a_timezone_and_labelled_tables(client, day):
    event, people = day
    ics = client.get(reverse("events:agenda_ics", args=[people[0].token])).content
    calendar = Calendar.from_ical(ics)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 4  # three meetings and the day
    assert all(e.get("DTSTAMP") is not None for e in events)
    assert [tz.get("TZID") for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    meetings = sorted((e for e in events if str(e.get("UID")).startswith("meeting-")), key=lambda e: e.decoded("DTSTART"))
    rows = planning.agenda(registration=people[0])
    assert [str(e.get("LOCATION")) for e in meetings] == [f"{r['table']}, Hjørring Bibliotek, Østergade 1" for r in rows]
    assert all(str(e.get("LOCATION")).startswith("Bord ") for e in meetings)
    assert meetings[0].decoded("DTSTART").time() == time(13, 0)


def test_people_with_the_same_name_carry_their_organisation_on_schedules(client, coordinator):
    event = make_event(rounds=2, tables=2, day=date(2027, 2, 10))
    for org in ("Vrå Skole", "Tårs Tømrer ApS", "Sindal Bibliotek"):
        make_registration(event, "Anders Kjeldsen", organisation=make_organisation(org))
    make_registration(event, "Bo Holm", organisation=make_organisation("Partner Bo"))
    planning.schedule_event(event=event, time_limit=1)
    client.force_login(coordinator)
    html = client.get(reverse("events:projector_rounds", args=[event.pk])).content.decode()
    people = set(re.findall(r'<span class="person">([^<]+)</span>', html))
    assert people == {"Anders Kjeldsen (Vrå Skole)", "Anders Kjeldsen (Tårs Tømrer ApS)",
                      "Anders Kjeldsen (Sindal Bibliotek)", "Bo Holm"}


def test_the_invitation_page_tells_the_coordinator_what_happens_without_a_command(client, coordinator, day):
    event, _people = day
    client.force_login(coordinator)
    text = " ".join(client.get(reverse("events:invite", args=[event.pk])).content.decode().split())
    assert "får en påmindelse tre dage før fristen" in text
    assert "remind_events" not in text and "kommando" not in text


def test_the_projector_before_the_schedule_says_the_tables_come_later(client, coordinator):
    event = make_event(rounds=2, tables=2, day=date(2027, 2, 10))
    client.force_login(coordinator)
    html = client.get(reverse("events:projector_rounds", args=[event.pk])).content.decode()
    assert html.count("<li>Bordene vises her, når dagen er planlagt.</li>") == 2
    assert "Ingen møder i denne runde." not in html
