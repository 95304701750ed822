"""Registration abuse, probed through the views: one person per link, their own address and partner,
published partners only in the forms, feedback only after a published meeting took place."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klimapartner.events import changes, planning
from klimapartner.events.models import Feedback, Registration, RegistrationStatus
from tests.events.factories import at, make_event, make_registration
from tests.factories import make_organisation


def form(**fields):
    return {"name": "Anna Holm", "themes": ["1"], "rounds": ["1", "2", "3"], "consent": "on", **fields}


@pytest.fixture
def invitation(owner_org):
    event = make_event(capacity=10)
    return event.invitations.create(email="anna@nordlys.example", organisation=owner_org)


def test_an_invitation_link_registers_one_person(client, invitation):
    url = reverse("events:register", args=[invitation.token])
    first = client.post(url, form())
    anna = Registration.objects.get()
    assert first["Location"] == reverse("events:personal", args=[anna.token])
    again = client.post(url, form(name="Bo Lund", email="bo@fremmed.example"))
    assert again["Location"] == reverse("events:personal", args=[anna.token])
    assert list(Registration.objects.values_list("name", "email")) == [("Anna Holm", "anna@nordlys.example")]
    # Opening the link again leads to the person's own page, not to a new form.
    assert client.get(url)["Location"] == reverse("events:personal", args=[anna.token])


def test_the_registration_is_for_the_invited_address_and_partner(client, invitation, other_org):
    page = client.get(reverse("events:register", args=[invitation.token])).content.decode()
    # fixed by the invitation, so not "optional" either
    assert re.search(r'<label class="form-label" for="id_email">E-mail</label>', page)
    assert re.search(r'<label class="form-label" for="id_organisation">Partner</label>', page)
    client.post(reverse("events:register", args=[invitation.token]),
                form(email="fremmed@andet.example", organisation=other_org.pk))
    anna = Registration.objects.get()
    assert (anna.email, anna.organisation, anna.invitation) == ("anna@nordlys.example", invitation.organisation,
                                                                invitation)
    # Editing later cannot change them either.
    client.post(reverse("events:edit_registration", args=[anna.token]),
                form(email="fremmed@andet.example", organisation=other_org.pk))
    anna.refresh_from_db()
    assert (anna.email, anna.organisation) == ("anna@nordlys.example", invitation.organisation)


def test_a_guest_cannot_pick_a_partner_as_their_organisation(client, owner_org):
    event = make_event()
    guest = event.invitations.create(email="gaest@tversted.example")
    response = client.post(reverse("events:register", args=[guest.token]), form(organisation=owner_org.pk))
    assert response.status_code == 200
    assert "organisation" not in response.context["form"].fields
    assert response.context["form"].errors == {"guest_organisation": ["Vælg en partner, eller skriv navnet på din organisation."]}
    client.post(reverse("events:register", args=[guest.token]),
                form(organisation=owner_org.pk, guest_organisation="Tversted Camping"))
    registration = Registration.objects.get()
    assert (registration.organisation, registration.guest_organisation) == (None, "Tversted Camping")


def test_unpublished_partners_are_not_named_in_the_registration_and_idea_forms(client, invitation, owner_org):
    hidden = make_organisation("Hemmelig Havbrug ApS", is_published=False)
    shown = make_organisation("Åben Bryggeri A/S")
    page = client.get(reverse("events:register", args=[invitation.token]))
    assert "Hemmelig Havbrug" not in page.content.decode()
    assert list(page.context["form"].fields["must_meet"].queryset) == [owner_org, shown]
    refused = client.post(reverse("events:register", args=[invitation.token]), form(must_meet=[hidden.pk, shown.pk]))
    assert list(refused.context["form"].errors) == ["must_meet"]  # a hidden partner's id is not a choice
    assert "Hemmelig Havbrug" not in refused.content.decode()
    assert Registration.objects.count() == 0
    client.post(reverse("events:register", args=[invitation.token]), form(must_meet=[shown.pk]))
    anna = Registration.objects.get()
    assert list(anna.must_meet.all()) == [shown]
    personal = client.get(reverse("events:personal", args=[anna.token]))
    assert "Hemmelig Havbrug" not in personal.content.decode()
    assert list(personal.context["idea_form"].fields["partners"].queryset) == [owner_org, shown]
    response = client.post(reverse("events:new_idea", args=[anna.token]),
                           {"idea-title": "Fælles havbrug", "idea-partners": [hidden.pk]})
    assert response.status_code == 302
    assert anna.ideas.count() == 0


@pytest.fixture
def day(db):
    event = make_event(rounds=2, day=date.today() + timedelta(days=14))
    people = [make_registration(event, f"{name} Holm", organisation=make_organisation(f"Partner {name}"))
              for name in ("Anna", "Bo")]
    planning.schedule_event(event=event, time_limit=1)
    return event, people


def post_feedback(client, registration, meeting):
    return client.post(reverse("events:feedback", args=[registration.token, meeting.pk]),
                       {f"m{meeting.pk}-useful": "5", f"m{meeting.pk}-follow_up": "on"})


def test_feedback_and_follow_up_wait_for_the_meeting_to_take_place(client, day):
    event, (anna, bo) = day
    meeting = event.meetings.filter(seats__registration=anna).order_by("round").first()
    post_feedback(client, anna, meeting)  # the schedule is a draft
    event.published_at = timezone.now()
    event.save()
    post_feedback(client, anna, meeting)  # published, but the day is two weeks away
    assert Feedback.objects.count() == 0
    assert client.get(reverse("events:personal", args=[anna.token])).context["agenda"][0]["form"] is None
    with pytest.raises(changes.Refused):
        changes.save_feedback(registration=anna, meeting=meeting, useful=5, follow_up=True,
                              now=at(event, 13, 0) + timedelta(minutes=9))  # round 1 ends at 13:10
    changes.save_feedback(registration=anna, meeting=meeting, useful=5, follow_up=True, now=at(event, 13, 10))
    assert list(Feedback.objects.values_list("registration__name", "useful")) == [("Anna Holm", 5)]


def test_feedback_on_an_unpublished_schedule_is_refused_even_after_the_day(client, day):
    event, (anna, bo) = day
    event.date = date.today() - timedelta(days=1)
    event.save()
    meeting = event.meetings.filter(seats__registration=anna).first()
    post_feedback(client, anna, meeting)
    assert Feedback.objects.count() == 0
    event.published_at = timezone.now()
    event.save()
    post_feedback(client, anna, meeting)
    assert Feedback.objects.count() == 1


def test_two_cancellations_of_one_registration_promote_one_person(db):
    event = make_event(capacity=1)
    anna = make_registration(event, "Anna Holm", guest="A")
    bo = make_registration(event, "Bo Lund", guest="B", status=RegistrationStatus.WAITING)
    carl = make_registration(event, "Carl Dam", guest="C", status=RegistrationStatus.WAITING)
    stale = Registration.objects.get(pk=anna.pk)  # what a second, parallel request had read
    assert changes.cancel(registration=anna) == bo
    assert changes.cancel(registration=stale) is None
    assert list(event.registrations.values_list("name", "status")) == [
        ("Anna Holm", "cancelled"), ("Bo Lund", "registered"), ("Carl Dam", "waiting")]


def test_a_colleague_is_invited_to_their_own_address_and_registers_with_their_own_link(client, smtp_server,
                                                                                       invitation):
    client.post(reverse("events:register", args=[invitation.token]), form())
    anna = Registration.objects.get()
    response = client.post(reverse("events:colleague", args=[anna.token]), {"email": "Bo@Nordlys.example"})
    assert response["Location"] == reverse("events:personal", args=[anna.token])
    colleague = invitation.event.invitations.get(email="bo@nordlys.example")
    mail = smtp_server.messages[-1]
    assert (mail["To"], mail["Subject"]) == ("bo@nordlys.example", "Invitation: Partnerskabsdag i Hjørring")
    assert "Anna Holm har tilmeldt sig Partnerskabsdag i Hjørring" in mail.get_content()
    assert f"/partnerskabsdage/tilmeld/{colleague.token}/" in mail.get_content()
    client.post(reverse("events:register", args=[colleague.token]), form(name="Bo Lund"))
    bo = Registration.objects.get(name="Bo Lund")
    assert (bo.email, bo.organisation, bo.invitation) == ("bo@nordlys.example", anna.organisation, colleague)
    # Asking again for someone already registered sends nothing.
    before = len(smtp_server.messages)
    client.post(reverse("events:colleague", args=[anna.token]), {"email": "bo@nordlys.example"})
    assert len(smtp_server.messages) == before


def test_colleague_invitations_are_limited(client, invitation, settings):
    settings.THROTTLES = {**settings.THROTTLES, "colleague-registration": (2, 86400)}
    anna = make_registration(invitation.event, "Anna Holm", guest="A")
    for n in range(2):
        client.post(reverse("events:colleague", args=[anna.token]), {"email": f"kollega{n}@nordlys.example"})
    refused = client.post(reverse("events:colleague", args=[anna.token]), {"email": "kollega9@nordlys.example"})
    assert refused.status_code == 429
    assert invitation.event.invitations.count() == 3  # Anna's own and two colleagues'


def test_the_first_on_the_waiting_list_is_emailed_their_place_in_their_language(client, smtp_server, db):
    event = make_event(capacity=1)
    anna = make_registration(event, "Anna Holm", guest="A")
    bo = make_registration(event, "Bo Lund", guest="B", status=RegistrationStatus.WAITING, language="en")
    make_registration(event, "Carl Dam", guest="C", status=RegistrationStatus.WAITING)
    client.post(reverse("events:cancel", args=[anna.token]))
    bo.refresh_from_db()
    assert bo.status == RegistrationStatus.REGISTERED
    [mail] = smtp_server.messages
    assert (mail["To"], mail["Subject"]) == ("bo@deltager.example", "You got a place: Partnerskabsdag i Hjørring")
    body = mail.get_content()
    assert body.startswith("Dear Bo,")
    assert f"now registered for Partnerskabsdag i Hjørring on {event.date.day} {event.date:%B} {event.date.year}" in body
    assert f"/en/partnerskabsdage/t/{bo.token}/" in body
    # Cancelling a place on the waiting list frees no seat: nobody is emailed.
    client.post(reverse("events:cancel", args=[Registration.objects.get(name="Carl Dam").token]))
    assert len(smtp_server.messages) == 1
