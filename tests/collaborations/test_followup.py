"""Follow-up emails after 30 and 90 days (ideas) and six months (collaborations), and the answer page."""

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from django.core.management import call_command
from django.urls import reverse

from klimapartner.collaborations.followup import due_follow_ups, send_follow_ups, waiting_for_follow_up
from klimapartner.collaborations.models import FollowUp, Idea
from tests.collaborations.factories import make_collaboration, make_idea
from tests.factories import make_editor, make_organisation

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=timezone.utc)


def days_ago(n):
    return NOW - timedelta(days=n)


@pytest.fixture
def ideas(owner_org):
    return {
        "young": make_idea("Ung idé", owner_email="ung@eksempel.example", created=days_ago(29)),
        "month": make_idea("En måned gammel", owner_email="maaned@eksempel.example", created=days_ago(31)),
        "old": make_idea("Gammel idé", owner_email="gammel@eksempel.example", created=days_ago(100)),
        "dropped": make_idea("Droppet", owner_email="droppet@eksempel.example", status="dropped", created=days_ago(40)),
        "no_email": make_idea("Uden email", created=days_ago(40)),
    }


def test_open_ideas_get_the_latest_stage_they_have_reached(ideas):
    due = {(d.idea.title, d.stage, d.email) for d in due_follow_ups(now=NOW)}
    assert due == {("En måned gammel", 30, "maaned@eksempel.example"), ("Gammel idé", 90, "gammel@eksempel.example")}


def test_each_stage_is_sent_once_and_the_90_day_one_follows(ideas, smtp_server):
    assert send_follow_ups(now=NOW) == 2
    assert send_follow_ups(now=NOW) == 0
    assert send_follow_ups(now=NOW + timedelta(days=1)) == 1  # the young idea is 30 days old
    assert send_follow_ups(now=NOW + timedelta(days=58)) == 0  # "En måned gammel" is 89 days old
    assert send_follow_ups(now=NOW + timedelta(days=59)) == 1  # and now 90
    assert sorted(FollowUp.objects.values_list("idea__title", "stage")) == [
        ("En måned gammel", 30), ("En måned gammel", 90), ("Gammel idé", 90), ("Ung idé", 30)]
    assert [m["To"] for m in smtp_server.messages] == [
        "maaned@eksempel.example", "gammel@eksempel.example", "ung@eksempel.example", "maaned@eksempel.example"]


def test_the_email_links_to_a_page_that_answers_in_one_click(client, ideas, smtp_server):
    send_follow_ups(now=NOW)
    message = next(m for m in smtp_server.messages if m["To"] == "gammel@eksempel.example")
    # (Python's email folds a long encoded subject onto a continuation line; a reader trims the space)
    assert message["Subject"].strip() == "Hvad blev der af din idé “Gammel idé”?"
    body = message.get_content()
    link = re.search(r"http\S+\?svar=parked", body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    page = client.get(path)
    assert page.status_code == 200
    assert page.context["form"]["answer"].initial == "parked"
    assert Idea.objects.get(title="Gammel idé").status == "new"  # opening the link answers nothing
    client.post(path.split("?")[0], {"answer": "parked", "text": "Vi tager den op til efteråret"})
    idea = Idea.objects.get(title="Gammel idé")
    assert idea.status == "parked"
    assert [(e.kind, e.text) for e in idea.log.order_by("pk")][-2:] == [
        ("answer", "Den er sat på pause indtil videre\nVi tager den op til efteråret"), ("status", "")]


def test_a_collaboration_is_followed_up_after_six_months_with_its_partners_editors(owner_org, other_org, smtp_server):
    make_editor(owner_org, "ejer@nordlys.example")
    make_editor(other_org, "bager@vestkyst.example")
    make_collaboration([owner_org, other_org], title="Fælles varmepumpe", started_on=date(2024, 11, 30))
    make_collaboration([owner_org, other_org], title="For ung", started_on=date(2024, 12, 2))
    make_collaboration([owner_org, other_org], title="Ikke bekræftet", started_on=date(2024, 1, 1), confirmed=False)
    assert send_follow_ups(now=NOW) == 2
    assert sorted((m["To"], m["Subject"].strip()) for m in smtp_server.messages) == [
        ("bager@vestkyst.example", "Førte “Fælles varmepumpe” til noget?"),
        ("ejer@nordlys.example", "Førte “Fælles varmepumpe” til noget?"),
    ]


def test_an_email_that_fails_is_sent_again_next_time(ideas, settings, smtp_server):
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, 1  # nothing listens on port 1
    with pytest.raises(OSError):
        send_follow_ups(now=NOW)
    assert FollowUp.objects.filter(sent_at__isnull=False).count() == 0
    settings.EMAIL_PORT = port
    assert send_follow_ups(now=NOW) == 2


def test_the_command_sends_what_is_due(ideas, smtp_server):
    call_command("follow_up")
    # the command runs on today's date, when every open test idea with an email is past 90 days
    assert {m["To"] for m in smtp_server.messages} == {
        "ung@eksempel.example", "maaned@eksempel.example", "gammel@eksempel.example"}


def test_the_coordinator_sees_quiet_ideas_and_those_said_to_be_collaborations(ideas, client, coordinator):
    send_follow_ups(now=NOW)
    FollowUp.objects.filter(idea=ideas["month"]).update(answer="collaboration")
    rows = waiting_for_follow_up(now=NOW)
    assert [(r.idea.title, r.reason, r.sent) for r in rows] == [
        ("En måned gammel", "collaboration", 1), ("Gammel idé", "quiet", 1), ("Uden email", "quiet", 0)]
    client.force_login(coordinator)
    page = client.get(reverse("collaborations:follow_up")).content.decode()
    assert "Uden email" in page and "(ingen e-mail: spørg selv)" in page and "Droppet" not in page
