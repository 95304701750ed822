"""A participant's agenda is the most visited personal page: its queries are counted, one per kind of thing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klimapartner.events import planning
from tests.events.factories import make_event, make_registration
from tests.factories import make_organisation


def published_day(rounds):
    event = make_event(rounds=rounds)
    people = [make_registration(event, f"{name} Holm", organisation=make_organisation(f"Partner {name}"),
                                themes=("energy",)) for name in ("Anna", "Bo", "Carla", "Dan")]
    planning.schedule_event(event=event, time_limit=1)
    event.published_at = timezone.now()
    event.save()
    return people[0]


@pytest.mark.parametrize("rounds", [1, 3])
def test_the_agenda_page_asks_the_database_ten_times_however_long_the_day(client, db, rounds):
    anna = published_day(rounds)
    url = reverse("events:personal", args=[anna.token])
    client.get(url)  # the idea form's partner list is cached from here on, as on a busy site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and len(response.context["agenda"]) == rounds
    # The registration with its day and partner; the day's programme; its tables; the seats with their
    # meetings; the others at those meetings; feedback; ideas; the cache key of the idea form (3 counts).
    assert len(queries) == 10, "\n".join(q["sql"][:120] for q in queries.captured_queries)
