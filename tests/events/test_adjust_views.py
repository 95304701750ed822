"""The coordinator's hand on the schedule through the pages: preview, refuse, apply, pin, re-run."""

import pytest
from django.urls import reverse

from klimapartner.events import planning
from klimapartner.events.models import Seat
from tests.events.factories import make_event, make_registration
from tests.factories import make_organisation

NAMES = ("Anna Holm", "Bo Lund", "Carla Møller", "Dan Vestergaard", "Eva Krog")


@pytest.fixture
def five(db):
    """Five people from five organisations, two rounds of 1:1 meetings: one sits out each round."""
    event = make_event(rounds=2)
    people = [make_registration(event, name, organisation=make_organisation(f"Partner {n}"))
              for n, name in enumerate(NAMES)]
    planning.schedule_event(event=event, steps=300)
    return event, {p.name: p for p in people}


def pairs(event, round_):
    return sorted(tuple(sorted(s.registration.name for s in m.seats.all())) for m in event.meetings.filter(round=round_))


def partner(event, person, round_):
    seat = Seat.objects.filter(registration=person, meeting__round=round_).select_related("meeting").first()
    if seat is None:
        return None
    return seat.meeting.seats.exclude(registration=person).get().registration


def a_possible_swap(event, people):
    """The one sitting out in round 1, and someone whose partner they have not met in round 2."""
    out = next(p for p in people.values() if partner(event, p, 1) is None)
    swap_with = next(p for p in people.values() if p != out and partner(event, p, 1) is not None
                     and partner(event, partner(event, p, 1), 2) != out)
    return out, swap_with


def swap(client, event, first, second, round_=1, **extra):
    return client.post(reverse("events:adjust", args=[event.pk]), {
        "kind": "swap", "swap-round": round_, "swap-first": first.pk, "swap-second": second.pk, **extra}, **(
        {"HTTP_HX_REQUEST": "true"} if extra.pop("htmx", False) else {}))


def test_the_preview_shows_the_change_in_objective_and_the_new_reasons_without_saving(client, five, coordinator):
    event, people = five
    out, other = a_possible_swap(event, people)
    before = pairs(event, 1)
    client.force_login(coordinator)
    response = swap(client, event, out, other)
    effect = response.context["effect"]
    scores = planning.adjustment(event=event).scores
    old_partner = partner(event, other, 1)
    expected = (scores.score(f"r{out.pk}", f"r{old_partner.pk}") - scores.score(f"r{other.pk}", f"r{old_partner.pk}"))
    assert effect.refused == ()
    assert effect.delta == pytest.approx(expected)
    assert effect.before.objective == pytest.approx(event.objective)
    added = response.context["rows"]["added"]
    assert [sorted(s["registration"].name for s in m["seats"]) for m in added] == [sorted([out.name, old_partner.name])]
    assert all(s["reason"] for s in added[0]["seats"])
    assert pairs(event, 1) == before


def test_htmx_gets_only_the_effect(client, five, coordinator):
    event, people = five
    out, other = a_possible_swap(event, people)
    client.force_login(coordinator)
    response = swap(client, event, out, other, htmx=True)
    assert [t.name for t in response.templates][0] == "events/staff/adjust_effect.html"
    assert b"<html" not in response.content


def test_applying_saves_the_swap_and_the_new_objective(client, five, coordinator):
    event, people = five
    out, other = a_possible_swap(event, people)
    old_partner = partner(event, other, 1)
    client.force_login(coordinator)
    delta = swap(client, event, out, other).context["effect"].delta
    objective = event.objective
    response = swap(client, event, out, other, apply="1")
    assert response.status_code == 302
    event.refresh_from_db()
    assert partner(event, out, 1) == old_partner
    assert partner(event, other, 1) is None
    assert event.objective == pytest.approx(objective + delta)
    assert all(s.reason_en for s in Seat.objects.filter(meeting__event=event, registration=out))


def test_a_change_that_breaks_a_rule_is_refused_with_the_engines_sentence(client, five, coordinator):
    event, people = five
    client.force_login(coordinator)
    # Round 1's pairs swapped so that someone meets their round 2 partner again.
    a = next(p for p in people.values() if partner(event, p, 1) and partner(event, p, 2))
    b = partner(event, a, 2)
    assert partner(event, b, 1) not in (None, a)
    c = partner(event, a, 1)  # a's round 1 partner takes b's place, so a meets b in round 1 and round 2
    before = pairs(event, 1)
    response = swap(client, event, c, b)
    first, second = sorted((a, b), key=lambda p: [s.registration_id for s in
                                                   Seat.objects.filter(meeting__round=2, registration__in=(a, b))
                                                   .order_by("pk")].index(p.pk))
    sentence = f"Runde 2: {first.name} og {second.name} mødes allerede i runde 1."
    assert sentence in response.context["effect"].refused
    response = swap(client, event, c, b, apply="1")
    assert pairs(event, 1) == before
    assert sentence in [str(m) for m in response.wsgi_request._messages]


def test_pins_survive_a_new_run_of_the_engine(client, five, coordinator):
    event, people = five
    out, other = a_possible_swap(event, people)
    client.force_login(coordinator)
    swap(client, event, out, other, apply="1")
    meeting = Seat.objects.get(registration=out, meeting__round=1).meeting
    client.post(reverse("events:pin", args=[event.pk, meeting.pk]), {"pinned": "1"})
    assert list(meeting.seats.values_list("pinned", flat=True)) == [True, True]
    pair = tuple(sorted(s.registration.name for s in meeting.seats.all()))
    client.post(reverse("events:schedule", args=[event.pk]), {"seconds": "1"})
    pinned = Seat.objects.filter(meeting__event=event, pinned=True)
    assert tuple(sorted(s.registration.name for s in pinned)) == pair
    assert {s.meeting.round for s in pinned} == {1}
    assert pair in pairs(event, 1)
    # A pinned meeting cannot be changed by hand until it is unpinned.
    refused = swap(client, event, out, next(p for p in people.values() if partner(event, p, 1) is None))
    assert refused.context["effect"].refused == (f"{out.name} er fastlåst i runde 1. Lås mødet op, før du ændrer det.",)
    client.post(reverse("events:pin", args=[event.pk, pinned[0].meeting_id]), {"pinned": "0"})
    assert not Seat.objects.filter(meeting__event=event, pinned=True).exists()


def test_the_page_shows_the_round_and_who_sits_out(client, five, coordinator):
    event, people = five
    client.force_login(coordinator)
    response = client.get(reverse("events:adjust", args=[event.pk]) + "?round=2")
    assert response.context["round"] == 2
    assert len(response.context["meetings"]) == 2
    assert [r.name for r in response.context["sitting_out"]] == [
        p.name for p in people.values() if partner(event, p, 2) is None]


def test_participants_and_anonymous_cannot_preview_or_apply(client, five, owner):
    event, people = five
    out, other = a_possible_swap(event, people)
    before = pairs(event, 1)
    assert swap(client, event, out, other, apply="1").status_code == 302
    client.force_login(owner)
    assert swap(client, event, out, other, apply="1").status_code == 403
    assert swap(client, event, out, other).status_code == 403
    assert pairs(event, 1) == before
