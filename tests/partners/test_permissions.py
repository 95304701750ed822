"""Every page that reads or writes partner data, as owner, other partner, anonymous and coordinator."""

import pytest
from django.urls import reverse

from tests.permissions import assert_only_owner_and_coordinator
from tests.factories import make_action, make_agreement, make_contact


@pytest.fixture
def data(owner_org):
    agreement = make_agreement(owner_org)
    return {
        "slug": owner_org.slug,
        "agreement": agreement.pk,
        "action": make_action(agreement).pk,
        "contact": make_contact(owner_org).pk,
    }


MANAGE_PAGES = [
    ("manage:organisation", {}),
    ("manage:edit_organisation", {}),
    ("manage:new_contact", {}),
    ("manage:contact", {"pk": "contact"}),
    ("manage:agreement", {"pk": "agreement"}),
    ("manage:new_action", {"agreement_pk": "agreement"}),
    ("manage:action", {"pk": "action"}),
]
MANAGE_POSTS = [
    ("manage:delete_contact", {"pk": "contact"}),
    ("manage:delete_action", {"pk": "action"}),
]
STAFF_PAGES = [
    ("staff:dashboard", None),
    ("staff:new_organisation", None),
    ("staff:new_agreement", {}),
    ("staff:editors", {}),
    ("staff:focus_areas", None),
    ("staff:import", None),
    ("staff:export_csv", None),
    ("staff:export_xlsx", None),
]


def url_for(name, kwargs, data):
    if kwargs is None:
        return reverse(name)
    return reverse(name, kwargs={"slug": data["slug"], **{k: data[v] for k, v in kwargs.items()}})


@pytest.mark.parametrize(("name", "kwargs"), MANAGE_PAGES)
def test_manage_pages_are_for_the_owner_and_the_coordinator(client, data, owner, outsider, coordinator, name, kwargs):
    assert_only_owner_and_coordinator(
        client, url_for(name, kwargs, data), owner=owner, outsider=outsider, coordinator=coordinator
    )


@pytest.mark.parametrize(("name", "kwargs"), MANAGE_POSTS)
def test_deleting_is_refused_to_other_partners_and_anonymous(client, data, owner, outsider, name, kwargs):
    url = url_for(name, kwargs, data)
    assert client.post(url).status_code == 302  # to the sign-in page
    client.force_login(outsider)
    assert client.post(url).status_code == 403
    client.force_login(owner)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404  # it is gone


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_coordinator_pages_are_for_the_coordinator_only(client, data, owner, coordinator, name, kwargs):
    url = url_for(name, kwargs, data)
    assert client.get(url).status_code == 302
    client.force_login(owner)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_an_editor_cannot_reach_another_partners_action_through_their_own_address(client, data, outsider, other_org):
    client.force_login(outsider)
    url = reverse("manage:action", kwargs={"slug": other_org.slug, "pk": data["action"]})
    assert client.get(url).status_code == 404
