"""Every story page as owner, other partner, anonymous and coordinator."""

import pytest
from django.urls import reverse

from klimapartner.stories.models import StoryStatus
from tests.activities.test_permissions import status_as
from tests.permissions import assert_only_owner_and_coordinator
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(owner, outsider, coordinator):
    return {"anonymous": None, "owner": owner, "outsider": outsider, "coordinator": coordinator}


def test_the_editors_pages_are_for_the_owner_and_the_coordinator(client, owner_org, owner, outsider, coordinator):
    story = make_story(owner_org, status=StoryStatus.DRAFT)
    for url in (reverse("stories:manage_list", args=[owner_org.slug]),
                reverse("stories:manage_new", args=[owner_org.slug]),
                reverse("stories:manage_edit", args=[owner_org.slug, story.pk])):
        assert_only_owner_and_coordinator(client, url, owner=owner, outsider=outsider, coordinator=coordinator)


def test_only_the_owner_and_the_coordinator_can_submit(client, owner_org, users):
    story = make_story(owner_org, status=StoryStatus.DRAFT)
    url = reverse("stories:manage_submit", args=[owner_org.slug, story.pk])
    assert status_as(client, url, {k: v for k, v in users.items() if k in ("anonymous", "outsider")},
                     method="post") == {"anonymous": 302, "outsider": 403}
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT


def test_another_partners_story_is_not_found_through_ones_own_address(client, owner_org, other_org, outsider):
    story = make_story(owner_org, status=StoryStatus.DRAFT)
    client.force_login(outsider)
    assert client.get(reverse("stories:manage_edit", args=[other_org.slug, story.pk])).status_code == 404


def test_the_coordinators_pages(client, owner_org, users):
    story = make_story(owner_org, status=StoryStatus.SUBMITTED)
    for url in (reverse("stories:staff_list"), reverse("stories:review", args=[story.pk])):
        assert status_as(client, url, users) == {"anonymous": 302, "owner": 403, "outsider": 403,
                                                 "coordinator": 200}
    assert status_as(client, reverse("stories:review", args=[story.pk]),
                     {k: v for k, v in users.items() if k != "coordinator"}, method="post",
                     data={"publish": "1"}) == {"anonymous": 302, "owner": 403, "outsider": 403}
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


def test_who_sees_a_story(client, owner_org, users):
    published = make_story(owner_org, "Offentliggjort")
    waiting = make_story(owner_org, "Venter", status=StoryStatus.SUBMITTED)
    page = lambda s: reverse("stories:story", args=[s.pk])  # noqa: E731
    assert status_as(client, page(published), users) == {"anonymous": 200, "owner": 200, "outsider": 200,
                                                         "coordinator": 200}
    assert status_as(client, page(waiting), users) == {"anonymous": 404, "owner": 200, "outsider": 404,
                                                       "coordinator": 200}
