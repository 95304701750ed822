"""Every partnership-day page as owner (the participant), other participant, anonymous and coordinator."""

import pytest
from django.urls import reverse
from django.utils import timezone

from klimapartner.events import planning
from tests.events.factories import make_event, make_registration


@pytest.fixture
def data(owner_org, other_org, owner, outsider):
    event = make_event(rounds=2, day=timezone.localdate())  # the day itself: check-in and feedback are open
    mine = make_registration(event, "Ejer Person", organisation=owner_org, email=owner.email)
    theirs = make_registration(event, "Anden Person", organisation=other_org, email=outsider.email)
    planning.schedule_event(event=event, steps=300)
    event.published_at = timezone.now()
    event.save()
    return {"event": event, "mine": mine, "theirs": theirs,
            "meeting": event.meetings.first(), "item": event.programme.first(),
            "invitation": event.invitations.create(email="x@y.example")}


STAFF_PAGES = [
    ("events:list", lambda d: []), ("events:new", lambda d: []),
    *[(name, lambda d: [d["event"].pk]) for name in (
        "events:event", "events:edit", "events:programme", "events:invite", "events:registrations",
        "events:add_registration", "events:checkin", "events:walk_in", "events:replan", "events:adjust", "events:projector",
        "events:publish", "events:request_feedback",
        "events:projector_rounds", "events:table_cards", "events:overview", "events:report", "events:report_csv",
        "events:report_xlsx")],
]
STAFF_POSTS = [
    ("events:schedule", lambda d: [d["event"].pk]), ("events:publish", lambda d: [d["event"].pk]),
    ("events:request_feedback", lambda d: [d["event"].pk]),
    ("events:delete_item", lambda d: [d["event"].pk, d["item"].pk]),
    ("events:check_in", lambda d: [d["event"].pk, d["mine"].pk]),
    ("events:adjust", lambda d: [d["event"].pk]),
    ("events:pin", lambda d: [d["event"].pk, d["meeting"].pk]),
]
PERSONAL_PAGES = ["events:personal", "events:edit_registration", "events:agenda_pdf", "events:agenda_ics",
                  "events:cancel", "events:colleague"]


@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_staff_pages_are_for_the_coordinator_only(client, data, owner, outsider, coordinator, name, args):
    url = reverse(name, args=args(data))
    response = client.get(url)
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    for user in (owner, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("name", "args"), STAFF_POSTS)
def test_staff_actions_are_refused_to_participants_and_anonymous(client, data, owner, outsider, name, args):
    url = reverse(name, args=args(data))
    assert client.post(url).status_code == 302
    assert client.post(url)["Location"].startswith(reverse("accounts:login"))
    for user in (owner, outsider):
        client.force_login(user)
        assert client.post(url).status_code == 403


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_personal_pages_open_with_their_own_link_only(client, data, coordinator, name):
    assert client.get(reverse(name, args=[data["mine"].token])).status_code == 200
    assert client.get(reverse(name, args=[data["theirs"].token])).status_code == 200
    assert client.get(reverse(name, args=["not-a-token"])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse(name, args=["not-a-token"])).status_code == 404


def test_the_personal_page_shows_only_ones_own_agenda(client, data):
    response = client.get(reverse("events:personal", args=[data["mine"].token]))
    assert response.context["registration"] == data["mine"]
    assert {s.registration for row in response.context["agenda"] for s in [row["seat"]]} == {data["mine"]}


def test_signed_in_people_see_their_own_registrations(client, data, owner, outsider):
    url = reverse("events:mine")
    assert client.get(url).status_code == 302
    client.force_login(owner)
    assert list(client.get(url).context["registrations"]) == [data["mine"]]
    client.force_login(outsider)
    assert list(client.get(url).context["registrations"]) == [data["theirs"]]


def test_an_unknown_invitation_link_is_not_found(client, data):
    assert client.get(reverse("events:register", args=[data["invitation"].token])).status_code == 200
    assert client.get(reverse("events:register", args=["guess"])).status_code == 404


def test_a_participant_cannot_change_someone_elses_registration_through_their_own_link(client, data):
    mine, theirs = data["mine"], data["theirs"]
    client.post(reverse("events:cancel", args=[mine.token]))
    theirs.refresh_from_db()
    assert theirs.status == "registered"
