"""Parallel registrations and cancellations against a live gunicorn (2 processes × 8 threads), on the
database the suite runs on: nothing fails, no place is given twice, no place is lost."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.live import Browser, LiveSite

pytestmark = pytest.mark.slow

SEED = """
from datetime import date, time, timedelta
from django.utils import timezone
from klimapartner.events import changes
from klimapartner.events.models import Event, Registration
event = Event.objects.create(title=values["title"], date=date.today() + timedelta(days=20), venue="Vrå Hallen",
                             capacity=values["capacity"], registration_deadline=timezone.now() + timedelta(days=5))
changes.add_programme(event=event, talk_at=time(13, 0), talk_minutes=0, first_round_at=time(13, 0), rounds=2,
                      minutes=10, pause=0)
tokens = [event.invitations.create(email=f"inviteret{n}@gaest.example").token for n in range(values["invitations"])]
registrations = [Registration.objects.create(event=event, name=f"Person {n}", guest_organisation="Gæst",
                                             email=f"p{n}@gaest.example", consent=True, status=status)
                 for n, status in enumerate(["registered"] * values["registered"] + ["waiting"] * values["waiting"])]
result = {"event": event.pk, "invitations": tokens,
          "registered": [r.token for r in registrations if r.status == "registered"]}
"""

COUNT = """
from collections import Counter
from klimapartner.events.models import Registration
rows = Registration.objects.filter(event_id=values["event"])
result = {"status": dict(Counter(rows.values_list("status", flat=True))),
          "per_invitation": sorted(Counter(rows.exclude(invitation=None).values_list("invitation_id", flat=True)).values())}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    live = LiveSite(tmp_path_factory.mktemp("live")).start()
    yield live
    live.stop()


def register(site, token, name):
    visitor = Browser(site.url)
    statuses = [visitor.request(f"/partnerskabsdage/tilmeld/{token}/")[0]]
    if statuses[0] != 200:  # someone else already registered with the link: no form to send
        return statuses
    status, _page = visitor.request(f"/partnerskabsdage/tilmeld/{token}/", {
        "name": name, "guest_organisation": "Gæsteorganisation", "rounds": ["1", "2"], "consent": "on"})
    statuses.append(status)
    statuses.append(visitor.request(f"/partnerskabsdage/tilmeld/{token}/")[0])  # now: to the personal page
    return statuses


def test_twenty_parallel_registrations_for_the_last_seat_all_succeed_and_never_oversell(site):
    day = site.django(SEED, title="Sidste plads", capacity=5, invitations=20, registered=4, waiting=0)
    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(lambda n: register(site, day["invitations"][n], f"Deltager {n}"), range(20)))
    assert statuses == [[200, 302, 302]] * 20
    counts = site.django(COUNT, event=day["event"])
    assert counts == {"status": {"registered": 5, "waiting": 19}, "per_invitation": [1] * 20}


def test_one_link_posted_in_parallel_registers_one_person(site):
    day = site.django(SEED, title="Et link", capacity=50, invitations=1, registered=0, waiting=0)
    with ThreadPoolExecutor(10) as pool:
        statuses = list(pool.map(lambda n: register(site, day["invitations"][0], f"Deltager {n}"), range(10)))
    # Whoever got the form sent it and was led to the (one) personal page; whoever came later was led there at once.
    assert all(s in ([200, 302, 302], [302]) for s in statuses), statuses
    assert site.django(COUNT, event=day["event"]) == {"status": {"registered": 1}, "per_invitation": [1]}


def cancel(site, token):
    visitor = Browser(site.url)
    statuses = [visitor.request(f"/partnerskabsdage/t/{token}/")[0]]
    statuses.append(visitor.request(f"/partnerskabsdage/t/{token}/afmeld/", {})[0])
    return statuses


def test_parallel_cancellations_never_lose_a_place(site):
    """The issue's probe: 3 × 10 parallel cancellations of a full day (43 places, 31 waiting)."""
    day = site.django(SEED, title="Fuldt hus", capacity=43, invitations=0, registered=43, waiting=31)
    # Thirty people cancel, ten of them twice at the same moment (a double click).
    tokens = day["registered"][:30] + day["registered"][:10]
    with ThreadPoolExecutor(30) as pool:
        statuses = list(pool.map(lambda token: cancel(site, token), tokens))
    assert statuses == [[200, 302]] * 40
    counts = site.django(COUNT, event=day["event"])
    assert counts["status"] == {"registered": 43, "waiting": 1, "cancelled": 30}
