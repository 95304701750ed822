"""A partnership day is an activity: what the inheritance gives and what the day still requires."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klimapartner.activities.models import Activity, ActivityKind, ActivityStatus, SignUp
from klimapartner.events.models import Event, ProgrammeItem, Registration
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def test_a_partnership_day_is_an_activity_with_the_same_id_and_kind():
    event = make_event(day=date(2026, 6, 4), title="Partnerskabsdag i Vrå")
    activity = Activity.objects.get(pk=event.pk)
    assert (activity.title, activity.kind, activity.date) == ("Partnerskabsdag i Vrå", ActivityKind.PARTNERSHIP_DAY,
                                                              date(2026, 6, 4))
    assert activity.event == event
    assert list(Event.objects.filter(date=date(2026, 6, 4))) == [event]


def test_a_days_times_follow_its_programme():
    event = make_event(rounds=2, minutes=10, pause=5)  # talk 12:30-12:55, rounds 13:00 and 13:15
    assert (event.starts, event.ends) == (time(12, 30), time(13, 25))
    assert Activity.objects.values_list("starts", "ends").get(pk=event.pk) == (time(12, 30), time(13, 25))
    ProgrammeItem.objects.create(event=event, kind="break", starts=time(13, 25), minutes=20)
    assert Activity.objects.values_list("ends", flat=True).get(pk=event.pk) == time(13, 45)
    event.programme.get(kind="talk").delete()
    assert Activity.objects.values_list("starts", flat=True).get(pk=event.pk) == time(13, 0)


def test_a_registration_is_a_sign_up_for_the_days_activity():
    event = make_event()
    registration = make_registration(event, "Karen Holm")
    signup = SignUp.objects.get(pk=registration.pk)
    assert (signup.activity_id, signup.name, signup.email) == (event.pk, "Karen Holm", "karen@deltager.example")
    assert list(event.signups.all()) == [signup]
    assert list(event.registrations.all()) == [registration]
    assert Registration.objects.get(pk=registration.pk).event == event


def test_a_partnership_day_needs_room_for_two_and_a_deadline_which_other_activities_do_not():
    event = Event(title="Dag", date=date(2026, 6, 4), venue="Vrå", capacity=None, registration_deadline=None)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {"capacity": ["En partnerskabsdag skal have en kapacitet."],
                                        "registration_deadline": ["En partnerskabsdag skal have en tilmeldingsfrist."]}
    event.capacity, event.registration_deadline = 1, timezone.now()
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {"capacity": ["En partnerskabsdag skal have plads til mindst to personer."]}
    Activity(title="Foredrag", date=date(2026, 6, 4), venue="Vrå").full_clean()  # neither is needed here


def test_the_partnership_day_form_asks_for_capacity_and_deadline_once(db):
    from klimapartner.events.forms import EventForm

    form = EventForm({"title": "Dag", "date": "2027-02-10", "venue": "Vrå Hallen", "capacity": "",
                      "registration_deadline": "", "format": "pairs"})
    assert form.errors == {"capacity": ["En partnerskabsdag skal have en kapacitet."],
                           "registration_deadline": ["En partnerskabsdag skal have en tilmeldingsfrist."]}


def test_an_activity_without_a_deadline_takes_sign_ups_until_it_starts():
    today = timezone.localdate()
    later = Activity(title="Foredrag", date=today + timedelta(days=1), venue="Vrå")
    assert later.registration_open
    started = Activity(title="Foredrag", date=today - timedelta(days=1), starts=time(10, 0), venue="Vrå")
    assert not started.registration_open
    waiting = Activity(title="Foredrag", date=today + timedelta(days=1), venue="Vrå", status=ActivityStatus.SUBMITTED)
    assert not waiting.registration_open


def test_start_and_end_are_local_times_with_sensible_defaults():
    talk = Activity(title="Foredrag", date=date(2026, 6, 4), starts=time(19, 0), venue="Vrå")
    assert talk.start == timezone.make_aware(datetime(2026, 6, 4, 19, 0))
    assert talk.end == timezone.make_aware(datetime(2026, 6, 4, 21, 0))
    whole_day = Activity(title="Åbent hus", date=date(2026, 6, 4), venue="Vrå")
    assert (whole_day.start, whole_day.end) == (timezone.make_aware(datetime(2026, 6, 4)),
                                                timezone.make_aware(datetime(2026, 6, 5)))
