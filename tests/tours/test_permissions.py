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
