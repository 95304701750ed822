"""Story lists take the same number of queries for one story as for many."""

import pytest
from django.urls import reverse

from klimapartner.stories.models import StoryStatus
from tests.activities.test_queries import queries
from tests.factories import make_organisation
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who,name,args", [
    (None, "stories:list", []), (None, "public:front", []), (None, "public:partner", ["slug"]),
    ("coordinator", "stories:staff_list", []), ("owner", "stories:manage_list", ["slug"]),
])
def test_the_same_queries_for_one_and_for_many(client, owner_org, owner, coordinator, who, name, args):
    if who:
        client.force_login({"owner": owner, "coordinator": coordinator}[who])
    url = reverse(name, args=[owner_org.slug for _ in args])

    def add(n):
        for i in range(n):
            organisation = owner_org if "slug" in args else make_organisation(f"Partner {i}")
            make_story(organisation, f"Historie {i}", focus=("energy", "food"))
            make_story(organisation, f"Venter {i}", status=StoryStatus.SUBMITTED)

    add(1)
    client.get(url)
    one = queries(client, url)
    add(10)
    assert queries(client, url) == one
