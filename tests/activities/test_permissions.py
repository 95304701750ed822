"""Every activity page as owner (the organiser's editor), other partner, anonymous and coordinator."""

import pytest
from django.urls import reverse

from klimapartner.activities.models import ActivityKind, ActivityStatus
from tests.activities.factories import make_activity, make_signup
from tests.permissions import assert_only_owner_and_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(owner_org):
    """The owner's own activity, and someone signed up for it."""
    activity = make_activity("Åbent hus", kind=ActivityKind.OPEN_HOUSE, organiser=owner_org)
    return activity, make_signup(activity, "Ole Sand")


def status_as(client, url, users, *, method="get", data=None):
    out = {}
    for name, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        out[name] = getattr(client, method)(url, data or {}).status_code
    return out


@pytest.fixture
def users(owner, outsider, coordinator):
    return {"anonymous": None, "owner": owner, "outsider": outsider, "coordinator": coordinator}


def test_the_organisers_pages_are_for_the_owner_and_the_coordinator(client, own, owner, outsider, coordinator):
    activity, signup = own
    for url in (reverse("activities:attendance", args=[activity.pk]),
                reverse("activities:manage_list", args=[activity.organiser.slug]),
                reverse("activities:manage_new", args=[activity.organiser.slug]),
                reverse("activities:manage_edit", args=[activity.organiser.slug, activity.pk])):
        assert_only_owner_and_coordinator(client, url, owner=owner, outsider=outsider, coordinator=coordinator)


def test_marking_attendance_and_adding_walk_ins_are_for_the_owner_and_the_coordinator(client, own, users):
    activity, signup = own
    mark = reverse("activities:mark", args=[activity.pk, signup.pk])
    assert status_as(client, mark, users, method="post", data={"present": "1"}) == {
        "anonymous": 302, "owner": 302, "outsider": 403, "coordinator": 302}
    walk_in = reverse("activities:walk_in", args=[activity.pk])
    assert status_as(client, walk_in, users, method="post", data={"name": "Bo"}) == {
        "anonymous": 302, "owner": 302, "outsider": 403, "coordinator": 302}
    assert activity.signups.filter(walk_in=True).count() == 2  # the owner's and the coordinator's


def test_a_partner_cannot_edit_another_partners_activity_through_its_own_address(client, own, outsider,
                                                                                  other_org):
    activity, _ = own
    client.force_login(outsider)
    assert client.get(reverse("activities:manage_edit", args=[other_org.slug, activity.pk])).status_code == 404


def test_the_municipalitys_activity_is_the_coordinators_alone(client, users):
    activity = make_activity("Netværksmøde")
    assert status_as(client, reverse("activities:attendance", args=[activity.pk]), users) == {
        "anonymous": 302, "owner": 403, "outsider": 403, "coordinator": 200}


@pytest.mark.parametrize("name,args", [("activities:staff_list", []), ("activities:new", []),
                                       ("activities:edit", ["pk"]), ("activities:review", ["pk"])])
def test_the_coordinators_pages(client, own, users, name, args):
    activity, _ = own
    url = reverse(name, args=[activity.pk for _ in args])
    assert status_as(client, url, users) == {"anonymous": 302, "owner": 403, "outsider": 403, "coordinator": 200}
    assert status_as(client, reverse("activities:cancel_activity", args=[activity.pk]), users, method="post") == {
        "anonymous": 302, "owner": 403, "outsider": 403, "coordinator": 302}


def test_who_sees_which_activity_page(client, owner_org, users):
    public = make_activity("Offentlig")
    partners_only = make_activity("For partnere", is_public=False)
    waiting = make_activity("Venter", organiser=owner_org, status=ActivityStatus.SUBMITTED)
    page = lambda a: reverse("activities:activity", args=[a.pk])  # noqa: E731
    assert status_as(client, page(public), users) == {"anonymous": 200, "owner": 200, "outsider": 200,
                                                      "coordinator": 200}
    assert status_as(client, page(partners_only), users) == {"anonymous": 404, "owner": 200, "outsider": 200,
                                                             "coordinator": 200}
    assert status_as(client, page(waiting), users) == {"anonymous": 404, "owner": 200, "outsider": 404,
                                                       "coordinator": 200}
    client.logout()
    listed = [a.title for a in client.get(reverse("activities:list")).context["upcoming"]]
    assert listed == ["Offentlig"]


def test_a_sign_up_is_reached_only_through_its_own_link(client, own):
    _, signup = own
    assert client.get(reverse("activities:signup", args=[signup.token])).status_code == 200
    assert client.get(reverse("activities:signup", args=["not-" + signup.token])).status_code == 404
    assert client.post(reverse("activities:cancel", args=["not-" + signup.token])).status_code == 404
