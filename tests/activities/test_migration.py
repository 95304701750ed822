"""Partnership days became activities: the migration keeps every row, id and link, both ways."""

from datetime import date, datetime, time, timezone

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0004_registration_invitation"), ("collaborations", "0001_initial"), ("activities", None)]
AFTER = [("events", "0007_partnership_days_are_activities"), ("collaborations", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def snapshot(apps):
    """Every value of the tables that changed, and of those pointing at them, as plain data."""
    Event, Registration = apps.get_model("events", "Event"), apps.get_model("events", "Registration")
    event_fields = ["title", "date", "venue", "description", "capacity", "registration_deadline", "created",
                    "format", "invite_all", "objective", "published_at"]
    registration_fields = ["token", "name", "email", "organisation_id", "consent", "status", "language",
                           "checked_in_at", "no_show", "walk_in", "created", "event_id", "role", "offers", "rounds"]
    return {
        "events": sorted(Event.objects.values_list("pk", *event_fields)),
        "registrations": sorted(Registration.objects.values_list("pk", *registration_fields)),
        "themes": sorted(Registration.themes.through.objects.values_list("registration_id", "focusarea_id")),
        "must_meet": sorted(Registration.must_meet.through.objects.values_list("registration_id", "organisation_id")),
        "invited": sorted(Event.invited.through.objects.values_list("event_id", "organisation_id")),
        "programme": sorted(apps.get_model("events", "ProgrammeItem").objects.values_list("pk", "event_id", "starts")),
        "seats": sorted(apps.get_model("events", "Seat").objects.values_list("pk", "meeting_id", "registration_id")),
        "meetings": sorted(apps.get_model("events", "Meeting").objects.values_list("pk", "event_id", "round")),
        "feedback": sorted(apps.get_model("events", "Feedback").objects.values_list("pk", "registration_id", "useful")),
        "ideas": sorted(apps.get_model("collaborations", "Idea").objects.values_list("pk", "event_id", "registration_id")),
        "invitations": sorted(apps.get_model("events", "Invitation").objects.values_list("pk", "event_id", "email")),
    }


def fill(apps):
    """Two partnership days as they were stored before the change, with ids that do not start at 1."""
    Organisation = apps.get_model("partners", "Organisation")
    FocusArea = apps.get_model("partners", "FocusArea")
    Event, Registration = apps.get_model("events", "Event"), apps.get_model("events", "Registration")
    ProgrammeItem, Meeting = apps.get_model("events", "ProgrammeItem"), apps.get_model("events", "Meeting")
    Seat, Feedback = apps.get_model("events", "Seat"), apps.get_model("events", "Feedback")
    nordlys = Organisation.objects.create(name="Nordlys Energi ApS", slug="nordlys", org_type="company",
                                          sector="energy", town="Hjørring")
    bager = Organisation.objects.create(name="Vestkyst Bageri", slug="vestkyst", org_type="company",
                                        sector="food", town="Løkken")
    deadline = datetime(2025, 9, 20, 10, 0, tzinfo=timezone.utc)
    first = Event.objects.create(id=7, title="Partnerskabsdag i Hirtshals", date=date(2025, 10, 2),
                                 venue="Hirtshals Fyr", description="Oplæg og møder", capacity=40,
                                 registration_deadline=deadline, objective=12.5,
                                 published_at=deadline)
    second = Event.objects.create(id=9, title="Partnerskabsdag i Sindal", date=date(2026, 3, 5), venue="Sindal Hallen",
                                  capacity=2, registration_deadline=deadline, invite_all=False)
    second.invited.set([bager])
    ProgrammeItem.objects.create(event=first, kind="talk", starts=time(12, 30), minutes=25)
    ProgrammeItem.objects.create(event=first, kind="round", starts=time(13, 0), minutes=10)
    ProgrammeItem.objects.create(event=first, kind="round", starts=time(13, 15), minutes=10)
    karen = Registration.objects.create(id=31, event=first, token="tok-karen", name="Karen Holm",
                                        email="karen@nordlys.example", organisation=nordlys, consent=True,
                                        role="Miljøkoordinator", offers={"energy": "Solceller"}, rounds=[1],
                                        checked_in_at=deadline)
    mads = Registration.objects.create(id=32, event=first, token="tok-mads", name="Mads Kragh", email="",
                                       guest_organisation="Gæst A/S", status="waiting", language="en",
                                       no_show=True)
    Registration.objects.create(id=40, event=second, token="tok-ida", name="Ida Lund", status="cancelled",
                                walk_in=True)
    karen.themes.set(FocusArea.objects.filter(slug__in=["energy", "transport"]))
    karen.must_meet.set([bager])
    meeting = Meeting.objects.create(event=first, round=1, table="1")
    Seat.objects.create(meeting=meeting, registration=karen)
    Seat.objects.create(meeting=meeting, registration=mads, pinned=True)
    Feedback.objects.create(meeting=meeting, registration=karen, useful=4)
    apps.get_model("collaborations", "Idea").objects.create(event=first, registration=karen, title="Fælles bus")
    apps.get_model("events", "Invitation").objects.create(event=second, email="info@vestkyst.example", token="inv")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_row_and_id_and_can_be_undone():
    old = migrate(BEFORE)
    fill(old)
    before = snapshot(old)

    new = migrate(AFTER)
    assert snapshot(new) == before  # everything reads the same through the new models
    Activity, SignUp = new.get_model("activities", "Activity"), new.get_model("activities", "SignUp")
    assert list(Activity.objects.order_by("pk").values_list("pk", "title", "kind", "status", "starts", "ends")) == [
        (7, "Partnerskabsdag i Hirtshals", "partnership_day", "approved", time(12, 30), time(13, 25)),
        (9, "Partnerskabsdag i Sindal", "partnership_day", "approved", None, None),
    ]
    assert list(SignUp.objects.order_by("pk").values_list("pk", "activity_id", "name", "status")) == [
        (31, 7, "Karen Holm", "registered"), (32, 7, "Mads Kragh", "waiting"), (40, 9, "Ida Lund", "cancelled"),
    ]
    # New rows continue after the copied ids (PostgreSQL's sequences were moved on).
    created = Activity.objects.create(title="Netværksmøde", date=date(2026, 4, 1), venue="Rådhuset")
    assert created.pk == 10

    old = migrate(BEFORE)
    created_event = old.get_model("events", "Event").objects.create(
        title="Efter", date=date(2026, 5, 1), venue="Vrå", capacity=10,
        registration_deadline=datetime(2026, 4, 1, tzinfo=timezone.utc))
    assert created_event.pk == 10  # the id columns count on from the highest id again
    created_event.delete()
    assert snapshot(old) == before
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())  # every app back at its newest, for the tests after this one
