"""Signing up from the public calendar: places, waiting list, cancellation, emails, reminders."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar
from django.utils import timezone, translation

from klimapartner.activities import changes
from klimapartner.activities.models import SignUp, SignUpStatus
from tests.activities.factories import make_activity, make_signup

pytestmark = pytest.mark.django_db


def sign_up(client, activity, name, email, **extra):
    return client.post(reverse("activities:activity", args=[activity.pk]),
                       {"name": name, "email": email, "consent": "on", **extra})


def test_a_citizen_signs_up_and_gets_a_confirmation_with_the_calendar_file(client, smtp_server):
    activity = make_activity("Åbent hus på solcelleparken", capacity=2)
    response = sign_up(client, activity, "Ole Sand", "ole@borger.example")
    signup = SignUp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:signup", args=[signup.token])
    assert (signup.name, signup.email, signup.status, signup.consent) == ("Ole Sand", "ole@borger.example",
                                                                          SignUpStatus.REGISTERED, True)
    [message] = smtp_server.messages
    assert message["Subject"].strip() == "Du er tilmeldt: Åbent hus på solcelleparken"
    assert message.envelope_to == ["ole@borger.example"]
    body = message.get_body(("plain",)).get_content()
    assert f"/aktiviteter/tilmelding/{signup.token}/" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    [entry] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Åbent hus på solcelleparken"


def test_when_full_people_go_on_the_waiting_list_and_move_up_when_someone_cancels(client, smtp_server):
    activity = make_activity(capacity=1)
    sign_up(client, activity, "Ole Sand", "ole@borger.example")
    response = sign_up(client, activity, "Eva Lund", "eva@borger.example")
    ole, eva = SignUp.objects.order_by("pk")
    assert (ole.status, eva.status) == (SignUpStatus.REGISTERED, SignUpStatus.WAITING)
    assert "venteliste" in client.get(response["Location"]).content.decode()
    assert smtp_server.messages[1]["Subject"].strip() == "Venteliste: Netværksmøde om energi"
    client.post(reverse("activities:cancel", args=[ole.token]))
    ole.refresh_from_db(), eva.refresh_from_db()
    assert (ole.status, eva.status) == (SignUpStatus.CANCELLED, SignUpStatus.REGISTERED)
    assert smtp_server.messages[2]["Subject"].strip() == "Du har fået en plads: Netværksmøde om energi"
    assert smtp_server.messages[2].envelope_to == ["eva@borger.example"]


def test_the_same_email_cannot_sign_up_twice(client, smtp_server):
    activity = make_activity()
    sign_up(client, activity, "Ole Sand", "ole@borger.example")
    response = sign_up(client, activity, "Ole Sand", "OLE@borger.example")
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Denne e-mailadresse er allerede tilmeldt. Med linket i den e-mail, du fik, kan du se eller afmelde "
        "tilmeldingen."]
    assert SignUp.objects.count() == 1


def test_a_partners_only_activity_needs_the_partner(client, owner, owner_org, smtp_server):
    activity = make_activity(is_public=False)
    client.force_login(owner)
    response = sign_up(client, activity, "Karen Holm", "karen@nordlys.example")
    assert response.context["form"].errors["organisation"] == ["Dette felt er påkrævet."]
    sign_up(client, activity, "Karen Holm", "karen@nordlys.example", organisation=owner_org.pk)
    assert SignUp.objects.get().organisation == owner_org


def test_sign_up_closes_at_the_deadline_and_for_activities_waiting_for_approval(client):
    closed = make_activity(registration_deadline=timezone.now() - timedelta(minutes=1))
    response = sign_up(client, closed, "Ole Sand", "ole@borger.example")
    assert response.status_code == 302 and SignUp.objects.count() == 0
    assert "Tilmeldingen er lukket." in client.get(reverse("activities:activity", args=[closed.pk])).content.decode()


def test_reminders_go_once_to_those_with_a_place_shortly_before(smtp_server):
    now = timezone.make_aware(datetime(2026, 5, 4, 9, 0))
    tomorrow = make_activity("Workshop", day=date(2026, 5, 5), starts=time(15, 0))
    later = make_activity("Senere", day=date(2026, 5, 9), starts=time(15, 0))
    make_signup(tomorrow, "Ole Sand")
    make_signup(tomorrow, "Eva Lund", status=SignUpStatus.WAITING)
    make_signup(tomorrow, "Ida Holm", status=SignUpStatus.CANCELLED)
    make_signup(later, "Bo Kragh")
    assert changes.send_reminders(now=now, hours=48) == 1
    assert [m.envelope_to for m in smtp_server.messages] == [["ole@borger.example"]]
    assert smtp_server.messages[0]["Subject"].strip() == "Påmindelse: Workshop"
    assert changes.send_reminders(now=now, hours=48) == 0


def test_two_cancellations_of_one_sign_up_move_up_one_person(smtp_server):
    activity = make_activity(capacity=1)
    ole = make_signup(activity, "Ole Sand")
    eva = make_signup(activity, "Eva Lund", status=SignUpStatus.WAITING)
    make_signup(activity, "Kim Dahl", status=SignUpStatus.WAITING)
    stale = SignUp.objects.get(pk=ole.pk)  # what a second, parallel request had read
    assert changes.cancel(signup=ole) == eva
    assert changes.cancel(signup=stale) is None
    assert list(activity.signups.order_by("pk").values_list("name", "status")) == [
        ("Ole Sand", "cancelled"), ("Eva Lund", "registered"), ("Kim Dahl", "waiting")]
    assert [m.envelope_to for m in smtp_server.messages] == [["eva@borger.example"]]



def test_an_activitys_date_is_written_as_each_language_writes_it(client):
    activity = make_activity("Cykeldag langs kysten", day=date(2027, 1, 30), starts=time(10, 0), ends=time(14, 0))
    url = reverse("activities:activity", args=[activity.pk])
    def text(response):
        return re.sub(r"<[^>]+>", "", response.content.decode())

    danish = text(client.get(url, HTTP_ACCEPT_LANGUAGE="da"))
    assert "lørdag 30. januar 2027, 10.00–14.00" in danish
    with translation.override("en"):
        english = text(client.get(reverse("activities:activity", args=[activity.pk])))
    assert "Saturday 30 January 2027, 10:00–14:00" in english
    assert "30. January" not in english
    with translation.override("en"):
        listing = text(client.get(reverse("activities:list")))
    assert "Saturday 30 January 2027, 10:00–14:00" in listing
