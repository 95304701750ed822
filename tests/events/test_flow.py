"""The day from invitation to follow-up, through the views, with mail going through a real SMTP server."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from klimapartner.events import changes, planning
from klimapartner.collaborations.models import Collaboration, Idea
from klimapartner.events.models import (
    Event,
    Feedback,
    ItemKind,
    Registration,
    RegistrationStatus,
)
from klimapartner.jobs.runner import run_queued
from tests.events.factories import at, make_event, make_registration
from tests.factories import make_contact, make_organisation


@pytest.fixture
def day(db):
    """Six people from six organisations, three rounds of 1:1 meetings, published."""
    event = make_event(rounds=3)
    sectors = ("transport", "education", "food", "energy", "housing", "retail")
    people = []
    for n, (name, sector) in enumerate(zip(("Anna", "Bo", "Carla", "Dan", "Eva", "Finn"), sectors)):
        org = make_organisation(f"Partner {name}", sector=sector)
        people.append(make_registration(event, f"{name} Holm", organisation=org, email=f"{name.lower()}@p.example",
                                        themes=("energy", "transport")))
    planning.schedule_event(event=event, steps=300)
    event.published_at = timezone.now()
    event.save()
    return event, people


def test_the_coordinator_creates_a_day_with_programme_and_tables(client, coordinator, owner_org):
    client.force_login(coordinator)
    response = client.post(reverse("events:new"), {
        "title": "Partnerskabsdag forår", "date": "2031-05-06", "venue": "Vrå Hallen", "capacity": "80",
        "registration_deadline": "2031-04-29T12:00", "format": "pairs", "invited": [owner_org.pk],
        "talk_at": "13:00", "talk_minutes": "30", "first_round_at": "13:40", "rounds": "3", "minutes": "10",
        "pause": "5", "tables": "12", "min_seats": "2", "max_seats": "2",
    })
    event = Event.objects.get()
    assert response["Location"] == reverse("events:event", args=[event.pk])
    assert event.invite_all is False
    assert list(event.invited.all()) == [owner_org]
    assert [(i.kind, i.starts.strftime("%H:%M"), i.minutes) for i in event.programme.all()] == [
        (ItemKind.TALK, "13:00", 30), (ItemKind.ROUND, "13:40", 10), (ItemKind.BREAK, "13:50", 5),
        (ItemKind.ROUND, "13:55", 10), (ItemKind.BREAK, "14:05", 5), (ItemKind.ROUND, "14:10", 10),
    ]
    assert [(t.name, t.min_seats, t.max_seats) for t in event.tables.all()][:2] == [("1", 2, 2), ("2", 2, 2)]
    assert event.tables.count() == 12


def test_invitations_go_to_editors_and_contacts_once_each(smtp_server, owner_org, other_org, owner, outsider):
    make_contact(owner_org, email="karen@nordlys.example")
    event = make_event(invite_all=False)
    event.invited.set([owner_org])
    assert changes.invite(event=event, guests=["gaest@tversted.example"]) == 3
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "ejer@nordlys.example", "gaest@tversted.example", "karen@nordlys.example"]
    message = smtp_server.messages[0]
    assert message["Subject"] == "Invitation: Partnerskabsdag i Hjørring" or message["Subject"].startswith("Invitation")
    token = event.invitations.get(email=message["To"]).token
    assert f"http://127.0.0.1:8000/partnerskabsdage/tilmeld/{token}/" in message.get_content()
    assert changes.invite(event=event) == 0  # nobody twice
    assert len(smtp_server.messages) == 3


def test_registration_through_the_link_fills_the_day_then_the_waiting_list(client, smtp_server, owner_org):
    event = make_event(capacity=1)
    changes.invite(event=event, guests=["a@x.example", "b@x.example"])
    first, second = event.invitations.order_by("email")
    form = {"name": "Anna Holm", "email": "a@x.example", "guest_organisation": "Tversted Camping", "themes": ["1"],
            "offer_energy": "Vi har overskudsvarme", "need_transport": "Vi søger delebiler", "rounds": ["1", "3"],
            "consent": "on"}
    response = client.post(f"/en{reverse('events:register', args=[first.token])}", form)
    anna = Registration.objects.get(name="Anna Holm")
    assert response["Location"] == f"/en/partnerskabsdage/t/{anna.token}/"
    assert (anna.status, anna.offers, anna.needs, anna.rounds, anna.language) == (
        RegistrationStatus.REGISTERED, {"energy": "Vi har overskudsvarme"}, {"transport": "Vi søger delebiler"},
        [1, 3], "en")
    client.post(reverse("events:register", args=[second.token]),
                {**form, "name": "Bo Lund", "email": "b@x.example", "rounds": ["1", "2", "3"]})
    bo = Registration.objects.get(name="Bo Lund")
    assert (bo.status, bo.rounds) == (RegistrationStatus.WAITING, [])
    mails = [m for m in smtp_server.messages if m["Subject"].startswith(("Your registration", "Din tilmelding"))]
    assert [m["To"] for m in mails] == ["a@x.example", "b@x.example"]
    assert f"/en/partnerskabsdage/t/{anna.token}/" in mails[0].get_content()
    # Anna cancels; Bo moves up.
    client.post(reverse("events:cancel", args=[anna.token]))
    bo.refresh_from_db()
    assert bo.status == RegistrationStatus.REGISTERED


def test_a_registration_is_editable_until_the_deadline(client, db):
    event = make_event()
    anna = make_registration(event, "Anna Holm", guest="Tversted Camping")
    url = reverse("events:edit_registration", args=[anna.token])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Anna Holm-Berg", "email": anna.email, "guest_organisation": "Tversted Camping",
                                 "guest_sector": "tourism", "consent": "on", "rounds": ["1", "2", "3"]})
    assert response.status_code == 302
    anna.refresh_from_db()
    assert (anna.name, anna.guest_sector) == ("Anna Holm-Berg", "tourism")
    event.registration_deadline = timezone.now() - timedelta(minutes=1)
    event.save()
    assert client.get(url)["Location"] == reverse("events:personal", args=[anna.token])
    anna.refresh_from_db()
    assert anna.name == "Anna Holm-Berg"


def test_withdrawing_consent_cancels_and_erases_the_details(client, db):
    event = make_event()
    anna = make_registration(event, "Anna Holm", guest="Tversted Camping", offers={"energy": "Solceller"},
                             dietary="Vegetar")
    client.post(reverse("events:withdraw", args=[anna.token]))
    anna.refresh_from_db()
    assert (anna.status, anna.consent, anna.offers, anna.dietary, anna.themes.count()) == (
        RegistrationStatus.CANCELLED, False, {}, "", 0)


def test_reminders_go_once_to_those_who_have_not_registered(smtp_server, owner_org):
    event = make_event(deadline_in_days=2)
    changes.invite(event=event, guests=["a@x.example", "b@x.example"])
    make_registration(event, "Anna Holm", email="a@x.example", guest="X")
    smtp_server.messages.clear()
    out = io.StringIO()
    call_command("remind_events", stdout=out)
    assert out.getvalue() == "Sent 1 reminders.\n"
    assert [m["To"] for m in smtp_server.messages] == ["b@x.example"]
    call_command("remind_events", stdout=out)
    assert len(smtp_server.messages) == 1


def test_publishing_emails_each_participant_their_agenda(client, smtp_server, coordinator, day):
    event, people = day
    client.force_login(coordinator)
    asked = client.post(reverse("events:publish", args=[event.pk]))
    assert asked.templates[0].name == "events/staff/confirm.html" and smtp_server.messages == []
    assert len(asked.context["recipients"]) == 6
    response = client.post(reverse("events:publish", args=[event.pk]), {"confirm": "1"})
    assert response.status_code == 302
    assert run_queued() == 1
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(p.email for p in people)
    anna = next(m for m in smtp_server.messages if m["To"] == "anna@p.example")
    body = anna.get_content()
    assert f"/partnerskabsdage/t/{people[0].token}/" in body
    rows = planning.agenda(registration=people[0])
    assert len(rows) == 3
    lines = body.splitlines()
    assert lines[0] == "Hej Anna,"
    assert "Vi begynder kl. 12.30 og slutter kl. 13.40." in body
    for row in rows:
        other = row["others"][0]
        when = f"Runde {row['round']}, kl. {row['item'].starts:%H.%M}–{row['item'].end:%H.%M}"
        assert lines[lines.index(when) + 1] == f"{row['table']}: {other.name} ({other.organisation_name})"


def test_the_personal_agenda_page_pdf_and_calendar(client, day):
    event, people = day
    anna = people[0]
    response = client.get(f"/en{reverse('events:personal', args=[anna.token])}")
    assert response.status_code == 200
    rows = response.context["agenda"]
    assert [r["round"] for r in rows] == [1, 2, 3]
    pdf = client.get(reverse("events:agenda_pdf", args=[anna.token]))
    assert (pdf["Content-Type"], pdf.content[:5]) == ("application/pdf", b"%PDF-")
    ics = client.get(reverse("events:agenda_ics", args=[anna.token])).content.decode()
    assert ics.count("BEGIN:VEVENT") == 4
    assert "DTSTART;TZID=Europe/Copenhagen:" + event.date.strftime("%Y%m%d") + "T130000" in ics


def test_table_cards_and_overview_are_a4_pdfs(client, coordinator, day):
    event, _people = day
    client.force_login(coordinator)
    for name in ("events:table_cards", "events:overview"):
        response = client.get(reverse(name, args=[event.pk]))
        assert response.content[:5] == b"%PDF-"
        assert b"/MediaBox [0 0 841.89 595.28]" in response.content or b"/MediaBox [0 0 595.28 841.89]" in response.content


def test_check_in_by_name_with_one_tap_and_a_walk_in(client, coordinator, day):
    event, people = day
    event.date = timezone.localdate()
    event.save()
    client.force_login(coordinator)
    response = client.get(reverse("events:checkin", args=[event.pk]), {"q": "carl"}, HTTP_HX_REQUEST="true")
    assert [p.name for p in response.context["people"]] == ["Carla Holm"]
    response = client.post(reverse("events:check_in", args=[event.pk, people[2].pk]), HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "events/staff/checkin_row.html"
    people[2].refresh_from_db()
    assert people[2].checked_in_at is not None
    client.post(reverse("events:walk_in", args=[event.pk]), {"name": "Gustav Walk", "guest_organisation": "Lønstrup Kro"})
    walk = Registration.objects.get(name="Gustav Walk")
    assert (walk.walk_in, walk.status, walk.checked_in_at is not None) == (True, RegistrationStatus.REGISTERED, True)


def test_replanning_after_no_shows_notifies_only_those_whose_meetings_changed(client, smtp_server, coordinator, day):
    event, people = day
    for p in people[:5]:
        changes.check_in(registration=p)
    Registration.objects.filter(pk__in=[p.pk for p in people[:5]]).update(checked_in_at=at(event, 12, 30))
    finn = people[5]
    url = reverse("events:replan", args=[event.pk])
    client.force_login(coordinator)
    preview = client.post(url, {"held_rounds": "1", "no_shows": [finn.pk], "preview": "1"})
    changed = preview.context["changed"]
    finn_rounds = sorted(m.round for m in event.meetings.filter(seats__registration=finn))
    assert finn_rounds == [1, 2, 3]
    assert all(finn in m["people"] for m in changed["removed"])
    assert [m["round"] for m in changed["removed"]] == [2, 3]
    notified = {p.email for p in changed["notified"]}
    assert finn.email not in notified
    client.post(url, {"held_rounds": "1", "no_shows": [finn.pk], "apply": "1"})
    assert run_queued() == 1
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(notified)
    assert len(notified) == 2  # the two Finn would have met in rounds 2 and 3
    finn.refresh_from_db()
    assert finn.no_show is True
    assert sorted(m.round for m in event.meetings.filter(seats__registration=finn)) == [1]


def test_feedback_from_both_sides_proposes_a_collaboration_to_confirm(client, day):
    event, people = day
    event.date = date.today() - timedelta(days=1)
    event.save()
    meeting = event.meetings.filter(seats__registration=people[0]).order_by("round").first()
    other = meeting.seats.exclude(registration=people[0]).get().registration
    prefix = f"m{meeting.pk}"
    client.post(reverse("events:feedback", args=[people[0].token, meeting.pk]), {f"{prefix}-useful": "5", f"{prefix}-follow_up": "on"})
    assert Collaboration.objects.count() == 0
    client.post(reverse("events:feedback", args=[other.token, meeting.pk]), {f"{prefix}-useful": "4", f"{prefix}-follow_up": "on"})
    assert sorted(Feedback.objects.values_list("useful", flat=True)) == [4, 5]
    collaboration = Collaboration.objects.get()
    assert set(collaboration.partners.all()) == {people[0].organisation, other.organisation}
    assert list(collaboration.events.all()) == [event]
    # not public until the partners (or the coordinator) confirm it: the tick alone publishes nothing
    assert collaboration.confirmed_at is None


def test_feedback_only_for_ones_own_meetings(client, day):
    event, people = day
    event.date = date.today() - timedelta(days=1)
    event.save()
    foreign = event.meetings.exclude(seats__registration=people[0]).first()
    response = client.post(reverse("events:feedback", args=[people[0].token, foreign.pk]), {f"m{foreign.pk}-useful": "5"})
    assert response.status_code == 404


def test_an_idea_from_the_personal_page_reaches_the_coordinators_list(client, coordinator, day):
    event, people = day
    client.post(reverse("events:new_idea", args=[people[0].token]), {
        "idea-title": "Bustur til hinandens virksomheder", "idea-description": "En tur rundt i kommunen",
        "idea-partners": [people[1].organisation.pk]})
    idea = Idea.objects.get()
    assert (idea.owner, idea.owner_email, idea.event, idea.status, idea.source) == (
        "Anna Holm, Partner Anna", people[0].email, event, "new", "partnership_day")
    assert set(idea.partners.all()) == {people[0].organisation, people[1].organisation}
    client.force_login(coordinator)
    response = client.get(f"/en{reverse('collaborations:ideas')}")
    assert [i.title for i in response.context["ideas"]] == ["Bustur til hinandens virksomheder"]


def test_the_report_counts_attendance_meetings_sectors_and_feedback(client, coordinator, day):
    event, people = day
    for p in people[:5]:
        changes.check_in(registration=p)
    changes.apply_replan(event=event, held_rounds=0, no_shows=[people[5]], late_arrivals={})
    meeting = event.meetings.first()
    for seat in meeting.seats.all():
        changes.save_feedback(registration=seat.registration, meeting=meeting, useful=4, follow_up=False,
                              now=at(event, 18, 0))
    client.force_login(coordinator)
    report = client.get(reverse("events:report", args=[event.pk])).context["report"]
    held = event.meetings.count()
    assert (report.registered, report.attended, report.no_shows, report.meetings_held) == (6, 5, 1, held)
    assert report.cross_sector == held  # six partners in six sectors
    assert report.new_connections == held
    assert (report.feedback_count, report.average_useful) == (2, 4.0)
    csv = client.get(reverse("events:report_csv", args=[event.pk])).content.decode("utf-8-sig")
    assert "Meetings held;%d" % held in csv or "Møder holdt;%d" % held in csv or re.search(r";%d\r\n" % held, csv)
    xlsx = client.get(reverse("events:report_xlsx", args=[event.pk]))
    assert xlsx.content[:2] == b"PK"


def test_the_report_files_are_formula_safe_with_sector_names_and_decimal_commas(client, coordinator, day):
    import io

    import openpyxl

    from klimapartner.events.report import report_csv, report_xlsx

    event, people = day
    people[0].name = "=HYPERLINK(\"http://x\")"
    people[0].save()
    meeting = event.meetings.first()
    for score, seat in zip((4, 3), meeting.seats.all()):
        changes.save_feedback(registration=seat.registration, meeting=meeting, useful=score, follow_up=False,
                              now=at(event, 18, 0))
    from django.utils import translation

    with translation.override("da"):
        text = report_csv(event=event).decode("utf-8-sig")
        workbook = openpyxl.load_workbook(io.BytesIO(report_xlsx(event=event)))
    assert "Gennemsnitligt udbytte (1-5);3,5\r\n" in text  # a decimal comma, not "3.5"
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text  # escaped for Excel
    sectors = {cell.value for row in workbook.worksheets[1].iter_rows(min_row=2, min_col=5, max_col=5) for cell in row}
    from klimapartner.partners.models import Sector

    names = {name for v in sectors if v for name in v.split("; ")}
    assert names and names <= {str(label) for label in Sector.labels} and not names & set(Sector.values)
    formulas = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_the_report_bars_are_as_long_as_their_counts(client, coordinator, day):
    from klimapartner.events.report import Report

    event, _people = day
    client.force_login(coordinator)
    response = client.get(reverse("events:report", args=[event.pk]))
    report = response.context["report"]
    report.useful_counts = [(1, 15, 44), (2, 11, 32), (3, 32, 94), (4, 34, 100), (5, 0, 0)]
    from django.template.loader import render_to_string

    html = render_to_string("events/staff/report.html", {"event": event, "report": report, "ideas": []},
                            request=response.wsgi_request)
    widths = re.findall(r'<rect x="24" y="\d+" height="16" width="(\d+)" fill="#004993" data-count="(\d+)"', html)
    assert widths == [("150", "15"), ("109", "11"), ("320", "32"), ("340", "34"), ("0", "0")]
    report.registered, report.attended = 30, 28
    html = render_to_string("events/staff/report.html", {"event": event, "report": report, "ideas": []},
                            request=response.wsgi_request)
    widths = re.findall(r'<rect x="100" y="\d+" height="16" width="(\d+)" fill="#\w+" data-count="(\d+)"', html)
    assert widths == [("280", "30"), ("261", "28")]  # attended as long as its share of those registered
