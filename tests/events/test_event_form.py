"""The coordinator's form for a partnership day."""

from datetime import date, datetime

from django.utils import timezone

from klimapartner.events.forms import EventForm


def data(**changes):
    return {"title": "Partnerskabsdag i Vrå", "date": "2027-02-10", "venue": "Vrå Hallen", "capacity": "40",
            "registration_deadline": "2027-02-01T23:59", "format": "pairs", "invite_all": "on", **changes}


def test_a_deadline_after_the_day_is_refused_with_both_dates(db):
    form = EventForm(data(registration_deadline="2027-02-11T09:00"))
    assert not form.is_valid()
    assert form.errors["registration_deadline"] == [
        "Tilmeldingsfristen (11. februar 2027 kl. 09.00) ligger efter selve dagen (10. februar 2027)."]


def test_a_deadline_on_the_day_itself_is_allowed(db):
    form = EventForm(data(registration_deadline="2027-02-10T08:00"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["registration_deadline"] == timezone.make_aware(datetime(2027, 2, 10, 8, 0))
    assert form.cleaned_data["date"] == date(2027, 2, 10)
