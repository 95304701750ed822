"""The demo network: exact counts, the same every time."""

from django.db import transaction
from django.utils import timezone

from klimapartner.climate.demo import load_demo_accounts
from klimapartner.collaborations.demo import load_demo_collaborations
from klimapartner.collaborations.models import Collaboration, Idea
from klimapartner.events.demo import load_demo_events
from klimapartner.partners.demo import NORDSTRAND_SLUG, load_demo


def _load():
    load_demo()
    load_demo_accounts()
    load_demo_events()
    return load_demo_collaborations()


def test_the_demo_network_grows_year_by_year(db):
    assert _load() == 32
    year = timezone.localdate().year
    confirmed = Collaboration.objects.filter(confirmed_at__isnull=False)
    by_year = [confirmed.filter(started_on__year=year - n).count() for n in (4, 3, 2, 1)]
    assert by_year == [4, 6, 8, 11]
    waiting = Collaboration.objects.filter(confirmed_at__isnull=True)
    assert waiting.count() == 4
    nordstrand = waiting.get(memberships__organisation__slug=NORDSTRAND_SLUG)
    assert list(nordstrand.memberships.filter(confirmed_at=None).values_list("organisation__slug", flat=True)) == [
        NORDSTRAND_SLUG]
    assert Idea.objects.get(title="Skoleelever laver CO2-regnskab").collaborations.get().is_confirmed
    assert Idea.objects.count() == 10
    assert load_demo_collaborations() == 0


class Rollback(Exception):
    pass


def _network():
    return sorted(Collaboration.objects.values_list(
        "title", "started_on", "kind", "confirmed_at__date", "memberships__organisation__name"))


def test_the_demo_network_is_the_same_every_time(db):
    try:
        with transaction.atomic():
            _load()
            first = _network()
            raise Rollback
    except Rollback:
        pass
    assert Collaboration.objects.count() == 0
    _load()
    assert _network() == first
