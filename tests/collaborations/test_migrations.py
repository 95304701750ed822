"""Ideas and collaborations moved from the events app to their own, and pairs became collaborations with
partners: every row and id survives."""

from datetime import date, datetime, timezone

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from klimapartner.collaborations.models import Collaboration, Idea

BEFORE_MOVE = [("events", "0002_seat_pinned"), ("collaborations", None)]


def _migrate(targets):
    """Migrate the test database to targets; the apps (historical models) as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_moving_ideas_and_collaborations_keeps_every_row_and_id():
    """From the old pairs in the events app to today's collaborations, on SQLite and PostgreSQL."""
    old = _migrate(BEFORE_MOVE)
    Organisation = old.get_model("partners", "Organisation")
    Event = old.get_model("events", "Event")
    OldIdea = old.get_model("events", "Idea")
    OldCollaboration = old.get_model("events", "Collaboration")
    sun = Organisation.objects.create(name="Nordlys Energi ApS", slug="nordlys", org_type="company", sector="energy")
    school = Organisation.objects.create(name="Vrå Skole", slug="vraa-skole", org_type="education", sector="education")
    day = Event.objects.create(title="Partnerskabsdag", date=date(2025, 5, 1), venue="Hirtshals", capacity=40,
                               registration_deadline=datetime(2025, 4, 20, tzinfo=timezone.utc))
    ideas = [OldIdea.objects.create(title=title, event=day, status="in_progress") for title in ("Bustur", "Delebiler", "Fiskenet")]
    ideas[0].partners.set([sun, school])
    ideas[1].delete()  # a gap in the ids, so the test sees ids kept rather than rows renumbered
    pair = OldCollaboration.objects.create(first=sun, second=school, event=day)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert [(i.pk, i.title, i.status, i.event_id) for i in Idea.objects.order_by("pk")] == [
        (ideas[0].pk, "Bustur", "in_progress", day.pk),
        (ideas[2].pk, "Fiskenet", "in_progress", day.pk),
    ]
    assert sorted(Idea.objects.get(pk=ideas[0].pk).partners.values_list("pk", flat=True)) == sorted([sun.pk, school.pk])
    # the pair became a collaboration with two partners, born at the day, and not yet confirmed (not public)
    moved = Collaboration.objects.get()
    assert (moved.pk, moved.title, moved.kind, moved.started_on, moved.confirmed_at) == (
        pair.pk, "Nordlys Energi ApS og Vrå Skole", "education", date(2025, 5, 1), None)
    assert sorted(moved.partners.values_list("pk", flat=True)) == sorted([sun.pk, school.pk])
    assert list(moved.events.values_list("pk", flat=True)) == [day.pk]
    assert Idea.objects.get(pk=ideas[0].pk).source == "partnership_day"
    # the id sequence moved with the table: a new idea gets the next id, not one already taken
    assert Idea.objects.create(title="Solceller").pk > ideas[2].pk
