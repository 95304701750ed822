"""Partnership-day test data: every value a test relies on is given here or in the call."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from klimapartner.events import changes
from klimapartner.events.models import Event, EventFormat, Registration
from klimapartner.partners.models import FocusArea


def make_event(*, day=None, rounds=3, tables=0, capacity=40, deadline_in_days=7, format=EventFormat.PAIRS,
               first_round_at=time(13, 0), minutes=10, pause=5, **fields):
    day = day or date.today() + timedelta(days=14)
    event = Event.objects.create(
        title=fields.pop("title", "Partnerskabsdag i Hjørring"), date=day, venue="Hjørring Bibliotek, Østergade 1",
        capacity=capacity, format=format,
        registration_deadline=timezone.now() + timedelta(days=deadline_in_days), **fields,
    )
    changes.add_programme(event=event, talk_at=time(12, 30), talk_minutes=25, first_round_at=first_round_at,
                          rounds=rounds, minutes=minutes, pause=pause)
    if tables:
        seats = (4, 6) if format == EventFormat.TABLES else (2, 2)
        changes.add_tables(event=event, count=tables, min_seats=seats[0], max_seats=seats[1])
    return event


def make_registration(event, name, *, organisation=None, guest="", email=None, themes=("energy",),
                      offers=None, needs=None, **fields):
    registration = Registration.objects.create(
        event=event, name=name, organisation=organisation, guest_organisation=guest,
        email=email if email is not None else name.split()[0].lower() + "@deltager.example",
        offers=offers or {}, needs=needs or {}, consent=True, **fields,
    )
    registration.themes.set(FocusArea.objects.filter(slug__in=themes))
    return registration


def at(event, hh, mm):
    return timezone.make_aware(datetime.combine(event.date, time(hh, mm)))
