"""List pages take the same number of queries for one activity as for many."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.activities.factories import make_activity, make_signup
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def add(n, organiser=None):
    for i in range(n):
        # alternately coming and held, so both of the calendar's lists have rows from the first pair on
        activity = make_activity(f"Aktivitet {i}", day=date.today() + timedelta(days=(5 + i) * (-1) ** i),
                                 organiser=organiser or make_organisation(f"Arrangør {i}"),
                                 focus=("energy", "food"))
        make_signup(activity, f"Person {i}")


@pytest.mark.parametrize("who,name,args", [
    (None, "activities:list", []),
    ("coordinator", "activities:staff_list", []),
    ("owner", "activities:manage_list", ["slug"]),
])
def test_the_same_queries_for_one_and_for_many(client, owner_org, owner, coordinator, who, name, args):
    if who:
        client.force_login({"owner": owner, "coordinator": coordinator}[who])
    url = reverse(name, args=[owner_org.slug for _ in args])
    add(2, organiser=owner_org if who == "owner" else None)  # one coming, one held
    client.get(url)  # warm caches (the session, content types)
    one = queries(client, url)
    add(12, organiser=owner_org if who == "owner" else None)
    assert queries(client, url) == one
