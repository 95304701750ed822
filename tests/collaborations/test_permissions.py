"""Every idea and collaboration page, as owner, other partner, anonymous and coordinator."""

import pytest
from django.urls import reverse

from klimapartner.collaborations.models import Collaboration, FollowUp, Idea
from tests.collaborations.factories import make_collaboration, make_idea
from tests.factories import make_organisation, make_user
from tests.permissions import assert_only_owner_and_coordinator


@pytest.fixture
def data(owner_org):
    partner = make_organisation("Vrå Skole", org_type="education", sector="education")
    idea = make_idea(partners=[owner_org, partner], owner_organisation=owner_org)
    collaboration = make_collaboration([owner_org, partner], confirmed=False)
    return {"slug": owner_org.slug, "idea": idea.pk, "collaboration": collaboration.pk}


PAGES = [
    ("collaborations:organisation", lambda d: {"slug": d["slug"]}),
    ("collaborations:idea", lambda d: {"pk": d["idea"]}),
    ("collaborations:idea_to_collaboration", lambda d: {"idea_pk": d["idea"]}),
    ("collaborations:collaboration", lambda d: {"pk": d["collaboration"]}),
]
STAFF_PAGES = ["collaborations:ideas", "collaborations:follow_up", "collaborations:without"]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_pages_are_for_the_partners_involved_and_the_coordinator(client, data, owner, outsider, coordinator, name, kwargs):
    assert_only_owner_and_coordinator(
        client, reverse(name, kwargs=kwargs(data)), owner=owner, outsider=outsider, coordinator=coordinator
    )


@pytest.mark.parametrize(("name", "kwargs"), PAGES[1:])
def test_another_partner_cannot_change_them_either(client, data, outsider, name, kwargs):
    client.force_login(outsider)
    assert client.post(reverse(name, kwargs=kwargs(data)), {"title": "Kapret"}).status_code == 403
    assert Idea.objects.get().title == "Bustur rundt i kommunen"
    assert Collaboration.objects.count() == 1


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_the_coordinators_lists_are_for_the_coordinator_only(client, data, owner, outsider, coordinator, name):
    url = reverse(name)
    assert client.get(url)["Location"] == f"{reverse('accounts:login')}?next={url}"
    for user in (owner, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["collaborations:new_idea", "collaborations:new_collaboration"])
def test_new_ideas_and_collaborations_need_an_editor_or_the_coordinator(client, data, owner, coordinator, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(make_user("ingen@eksempel.example"))  # signed in, but no organisation
    assert client.get(url).status_code == 403
    for user in (owner, coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["collaborations:confirm", "collaborations:decline"])
def test_confirming_and_declining_is_refused_to_other_partners_and_anonymous(client, data, outsider, name):
    url = reverse(name, kwargs={"pk": data["collaboration"]})
    assert client.post(url)["Location"].startswith(reverse("accounts:login"))
    client.force_login(outsider)
    assert client.post(url).status_code == 403
    collaboration = Collaboration.objects.get()
    assert (collaboration.confirmed_at, collaboration.memberships.count()) == (None, 2)


def test_the_answer_page_opens_with_its_own_link_only(client, data):
    follow_up = FollowUp.objects.create(idea_id=data["idea"], stage=30, email="ejer@nordlys.example")
    assert client.get(reverse("collaborations:answer", args=[follow_up.token])).status_code == 200
    assert client.get(reverse("collaborations:answer", args=["gaet"])).status_code == 404
    assert client.post(reverse("collaborations:answer", args=["gaet"]), {"answer": "dropped"}).status_code == 404
    assert Idea.objects.get().status == "new"


def test_only_the_coordinator_sends_the_follow_ups(client, data, owner):
    url = reverse("collaborations:send_follow_ups")
    assert client.post(url)["Location"].startswith(reverse("accounts:login"))
    client.force_login(owner)
    assert client.post(url).status_code == 403
