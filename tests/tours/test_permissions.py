"""Every tours page that reads or writes partner data, as owner, other partner, anonymous and coordinator."""

import pytest
from django.urls import reverse

from tests.permissions import assert_only_owner_and_coordinator

from .factories import make_site


@pytest.fixture
def site(owner_org):
    return make_site(owner_org)


@pytest.mark.parametrize("name", ["tours:sites", "tours:new_site", "tours:site"])
def test_a_partners_site_pages_are_for_its_editors_and_the_coordinator(client, site, owner, outsider, coordinator, name):
    kwargs = {"slug": site.organisation.slug, **({"pk": site.pk} if name == "tours:site" else {})}
    assert_only_owner_and_coordinator(client, reverse(name, kwargs=kwargs), owner=owner, outsider=outsider,
                                      coordinator=coordinator)


def test_deleting_a_site_is_refused_to_other_partners_and_anonymous(client, site, owner, outsider):
    url = reverse("tours:delete_site", kwargs={"slug": site.organisation.slug, "pk": site.pk})
    assert client.post(url).status_code == 302  # to the sign-in page
    client.force_login(outsider)
    assert client.post(url).status_code == 403
    client.force_login(owner)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404  # it is gone


def test_an_editor_cannot_reach_another_partners_site_through_their_own_address(client, site, outsider, other_org):
    client.force_login(outsider)
    for name in ("tours:site", "tours:delete_site"):
        url = reverse(name, kwargs={"slug": other_org.slug, "pk": site.pk})
        response = client.post(url, {"name": "Overtaget"}) if name == "tours:delete_site" else client.get(url)
        assert response.status_code == 404
    site.refresh_from_db()
    assert site.name == "Solcelleparken"


@pytest.fixture
def tour_pages(db, site):
    from .conftest import next_weekday
    from klimapartner.tours.models import Tour, TourStop
    from datetime import time
    from decimal import Decimal

    tour = Tour.objects.create(title="Klimabussen", date=next_weekday(1), starts=time(8, 30), ends=time(16, 0),
                               venue="Rådhuset", latitude=Decimal("57.45830"), longitude=Decimal("9.98260"))
    stop = TourStop.objects.create(tour=tour, site=site, position=0, visit_minutes=45, arrive=time(9), start=time(9),
                                   leave=time(9, 45), drive_minutes=10)
    tour.planned_back = time(10)
    tour.save()
    return tour, stop


@pytest.mark.parametrize("name", ["tours:list", "tours:new", "tours:tour", "tours:edit", "tours:plan",
                                  "tours:itinerary_pdf", "tours:itinerary_ics"])
def test_tour_planning_pages_are_for_the_coordinator_only(client, tour_pages, owner, coordinator, name):
    tour, _stop = tour_pages
    url = reverse(name, kwargs={"pk": tour.pk} if name not in ("tours:list", "tours:new") else {})
    assert client.get(url).status_code == 302
    client.force_login(owner)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["tours:publish", "tours:cancel_stop", "tours:plan_groups"])
def test_publishing_and_cancelling_are_refused_to_partners_and_anonymous(client, tour_pages, owner, name):
    tour, stop = tour_pages
    kwargs = {"pk": tour.pk, **({"stop_pk": stop.pk} if name == "tours:cancel_stop" else {})}
    url = reverse(name, kwargs=kwargs)
    assert client.post(url).status_code == 302
    client.force_login(owner)
    assert client.post(url).status_code == 403
    tour.refresh_from_db()
    assert (tour.published_at, tour.stops.count()) == (None, 1)
