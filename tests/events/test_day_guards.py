"""The partnership day's actions follow its date and state, and every email to many is counted and confirmed
before it goes (as a background job): no "thanks for coming" before the day, no check-in weeks ahead, a
cancellation asked twice that marks the schedule out of date, and a re-plan that emails only those affected."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klimapartner.events import changes, planning
from klimapartner.events.models import Registration, RegistrationStatus
from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import run_queued
from tests.events.factories import make_event, make_registration
from tests.factories import make_organisation

NAMES = ("Anna", "Bo", "Carla", "Dan", "Eva", "Finn")


def published_day(*, day):
    event = make_event(rounds=3, day=day, deadline_in_days=-1)
    people = [make_registration(event, f"{name} Holm", organisation=make_organisation(f"Partner {name}"),
                                email=f"{name.lower()}@p.example", themes=("energy", "transport"))
              for name in NAMES]
    planning.schedule_event(event=event, time_limit=1)
    event.published_at = timezone.now()
    event.save()
    return event, people


@pytest.fixture
def ahead(db):
    """Published, ten weeks ahead."""
    return published_day(day=timezone.localdate() + timedelta(weeks=10))


@pytest.fixture
def today(db):
    return published_day(day=timezone.localdate())


def test_feedback_is_not_asked_for_before_the_day(client, smtp_server, coordinator, ahead):
    event, _people = ahead
    client.force_login(coordinator)
    for response in (client.get(reverse("events:request_feedback", args=[event.pk])),
                     client.post(reverse("events:request_feedback", args=[event.pk]), {"confirm": "1"}, follow=True)):
        assert response.status_code in (200, 302)
    page = client.get(reverse("events:event", args=[event.pk]))
    assert "Bed om feedback" not in page.content.decode()
    assert Job.objects.count() == 0
    assert run_queued() == 0 and smtp_server.messages == []


def test_feedback_on_the_day_is_counted_confirmed_and_sent_to_those_who_came(client, smtp_server, coordinator, today):
    event, people = today
    changes.cancel(registration=people[0])
    Registration.objects.filter(pk=people[1].pk).update(no_show=True)
    client.force_login(coordinator)
    asked = client.get(reverse("events:request_feedback", args=[event.pk]))
    assert asked.context["recipients"] == ["Carla Holm", "Dan Holm", "Eva Holm", "Finn Holm"]
    assert "4 personer får en e-mail." in asked.content.decode()
    assert smtp_server.messages == []
    started = client.post(reverse("events:request_feedback", args=[event.pk]), {"confirm": "1"})
    job = Job.objects.get()
    assert started["Location"] == f"/partnerskabsdage/{event.pk}/?job={job.pk}"
    assert run_queued() == 1
    assert sorted(m["To"] for m in smtp_server.messages) == ["carla@p.example", "dan@p.example", "eva@p.example",
                                                            "finn@p.example"]
    job.refresh_from_db()
    assert (job.status, job.result["message"]) == ("done", "4 anmodninger om feedback er sendt.")
    page = client.get(started["Location"])
    html = page.content.decode()
    assert "4 anmodninger om feedback er sendt." in html


def test_publishing_weeks_ahead_says_so_before_anything_is_sent(client, smtp_server, coordinator, db):
    event = make_event(rounds=2, day=timezone.localdate() + timedelta(days=60), deadline_in_days=30)
    for name in NAMES[:4]:
        make_registration(event, f"{name} Holm", organisation=make_organisation(f"Partner {name}"))
    planning.schedule_event(event=event, time_limit=1)
    client.force_login(coordinator)
    asked = client.get(reverse("events:publish", args=[event.pk]))
    deadline = timezone.localtime(event.registration_deadline)
    assert asked.context["warnings"] == [
        f"Tilmeldingen er åben til {deadline.day}. {_month(deadline)} {deadline.year} kl. {deadline:%H.%M}. De, der "
        "tilmelder sig, efter du har offentliggjort, får ingen møder, før du planlægger dagen igen og offentliggør på ny.",
        "Der er 60 dage til dagen, og planer ændrer sig ofte inden da."]
    assert "Offentliggør og send 4 dagsordener" in asked.content.decode()
    event.refresh_from_db()
    assert event.published_at is None and smtp_server.messages == []


def _month(moment):
    return ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
            "november", "december"][moment.month - 1]


def test_check_in_is_refused_weeks_before_the_day(client, coordinator, ahead):
    event, people = ahead
    client.force_login(coordinator)
    page = client.get(reverse("events:checkin", args=[event.pk]))
    assert "Check-in åbner på selve dagen" in page.content.decode()
    assert "Tjek ind" not in page.content.decode()
    client.post(reverse("events:check_in", args=[event.pk, people[0].pk]))
    client.post(reverse("events:walk_in", args=[event.pk]), {"name": "Gustav Walk", "guest_organisation": "Kroen"})
    people[0].refresh_from_db()
    assert people[0].checked_in_at is None
    assert not Registration.objects.filter(name="Gustav Walk").exists()


def test_checking_in_updates_the_count_without_a_reload(client, coordinator, today):
    event, people = today
    client.force_login(coordinator)
    response = client.post(reverse("events:check_in", args=[event.pk, people[2].pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<p role="status" id="checkin-count" hx-swap-oob="true">1 af 6 er tjekket ind</p>' in html
    assert f'id="person-{people[2].pk}"' in html


def test_cancelling_asks_first_then_marks_the_schedule_out_of_date(client, coordinator, ahead):
    event, people = ahead
    anna = people[0]
    url = reverse("events:cancel", args=[anna.token])
    asked = client.get(url)
    assert "Ja, meld afbud" in asked.content.decode()
    assert "Du har 3 møder i mødeplanen." in asked.content.decode()
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.REGISTERED
    client.post(url)
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.CANCELLED
    personal = client.get(reverse("events:personal", args=[anna.token]))
    assert personal.context["agenda"] == [] or "Du har meldt afbud og har derfor ingen møder." in personal.content.decode()

    client.force_login(coordinator)
    page = client.get(reverse("events:event", args=[event.pk]))
    assert [r.name for r in page.context["out_of_date"]["cancelled"]] == ["Anna Holm"]
    assert "Mødeplanen er ikke længere aktuel" in page.content.decode()
    publish = client.get(reverse("events:publish", args=[event.pk]))
    assert "Anna Holm (Partner Anna)" not in publish.context["recipients"]
    assert "1 person i mødeplanen har meldt afbud. Planlæg dagen igen først." in publish.context["warnings"]


def test_a_replan_after_a_cancellation_emails_only_the_people_it_affects(client, smtp_server, coordinator, ahead):
    event, people = ahead
    anna = people[0]
    met_anna = {s.registration.email for m in event.meetings.filter(seats__registration=anna)
                for s in m.seats.exclude(registration=anna)}
    client.post(reverse("events:cancel", args=[anna.token]))
    client.force_login(coordinator)
    url = reverse("events:replan", args=[event.pk])
    preview = client.post(url, {"held_rounds": "0", "preview": "1"})
    notified = {p.email for p in preview.context["changed"]["notified"]}
    assert met_anna <= notified and anna.email not in notified
    client.post(url, {"held_rounds": "0", "apply": "1"})
    assert run_queued() == 1
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(notified)
    assert not event.meetings.filter(seats__registration=anna).exists()
    assert client.get(reverse("events:event", args=[event.pk])).context["out_of_date"] is None


def test_invitations_are_counted_and_confirmed(client, smtp_server, coordinator, owner_org, owner):
    event = make_event(invite_all=False)
    event.invited.set([owner_org])
    client.force_login(coordinator)
    url = reverse("events:invite", args=[event.pk])
    asked = client.post(url, {"guests": "gaest@tversted.example"})
    assert asked.context["recipients"] == ["ejer@nordlys.example", "gaest@tversted.example"]
    assert smtp_server.messages == [] and event.invitations.count() == 0
    client.post(url, {"guests": "gaest@tversted.example", "confirm": "1"})
    assert run_queued() == 1
    assert sorted(m["To"] for m in smtp_server.messages) == ["ejer@nordlys.example", "gaest@tversted.example"]
    assert client.post(url, {"guests": ""}).context["recipients"] == []  # nobody twice


def test_scheduling_runs_as_a_job_and_the_page_shows_its_result(client, coordinator, db):
    event = make_event(rounds=2)
    for name in NAMES[:4]:
        make_registration(event, f"{name} Holm", organisation=make_organisation(f"Partner {name}"))
    client.force_login(coordinator)
    started = client.post(reverse("events:schedule", args=[event.pk]), {"seconds": "1"})
    job = Job.objects.get(name="events.schedule")
    assert started["Location"] == f"/partnerskabsdage/{event.pk}/?job={job.pk}#schedule"
    assert event.meetings.count() == 0
    page = client.get(started["Location"])
    assert page.context["jobs"][0]["job"] == job
    assert run_queued() == 1
    job.refresh_from_db()
    assert (job.status, job.result["redirect"], job.result["url"]) == (
        "done", True, f"/partnerskabsdage/{event.pk}/?meetings=1#schedule")
    assert event.meetings.count() == 4  # four people, two rounds, 1:1
    assert re.fullmatch(r"4 møder planlagt på \d+,\d sekunder\.", job.result["message"])
