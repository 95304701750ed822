"""Partnership days become activities, registrations become sign-ups; every row keeps its id.

0. Make the columns to be moved nullable (only so that going backwards can re-add them empty).
1. Copy each event into activities_activity and each registration into activities_signup with the
   same id (so every foreign key to an event or a registration stays valid).
2. Drop the copied columns from the event and registration tables.
3. Turn their id columns into the parent pointers (activity_ptr / signup_ptr) and give the models
   their new bases in the migration state.
"""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

from klimapartner.activities.migration_operations import AlterModelBases

EVENT_COLUMNS = ["title", "date", "venue", "description", "capacity", "registration_deadline", "created"]
SIGNUP_COLUMNS = ["token", "name", "email", "organisation_id", "consent", "consent_withdrawn_at", "status",
                  "language", "checked_in_at", "no_show", "walk_in", "created"]


def _copy(schema_editor, source, target, columns, constants, *, id_from="id"):
    """INSERT INTO target (id, columns..., constants...) SELECT id, columns..., %s... FROM source."""
    q = schema_editor.quote_name
    into = [q("id")] + [q(c) for c in columns] + [q(c) for c in constants]
    select = [q(id_from)] + [q(c) for c in columns] + ["%s"] * len(constants)
    schema_editor.execute(
        f"INSERT INTO {q(target)} ({', '.join(into)}) SELECT {', '.join(select)} FROM {q(source)}",
        list(constants.values()),
    )


def _reset_sequences(apps, schema_editor, *names):
    models_ = [apps.get_model("activities", name) for name in names]
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), models_):
        schema_editor.execute(sql)


def _check_constraints_now(schema_editor):
    """PostgreSQL refuses to ALTER a table with deferred constraint checks pending from the copying."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forwards(apps, schema_editor):
    constants = {"kind": "partnership_day", "status": "approved", "signup_open": False, "is_public": False,
                 "town": "", "photo": "", "photo_alt": "", "review_comment": ""}
    _copy(schema_editor, "events_event", "activities_activity", EVENT_COLUMNS, constants)
    # The signups table's activity column is the registration's event.
    q = schema_editor.quote_name
    columns = [q("id"), q("activity_id")] + [q(c) for c in SIGNUP_COLUMNS]
    values = [q("id"), q("event_id")] + [q(c) for c in SIGNUP_COLUMNS]
    schema_editor.execute(f"INSERT INTO {q('activities_signup')} ({', '.join(columns)}) "
                          f"SELECT {', '.join(values)} FROM {q('events_registration')}")
    _reset_sequences(apps, schema_editor, "Activity", "SignUp")
    # An activity's times follow its programme.
    Activity = apps.get_model("activities", "Activity")
    ProgrammeItem = apps.get_model("events", "ProgrammeItem")
    from datetime import datetime, timedelta
    for activity in Activity.objects.all():
        items = list(ProgrammeItem.objects.filter(event_id=activity.pk))
        if items:
            starts = min(i.starts for i in items)
            ends = max((datetime.combine(activity.date, i.starts) + timedelta(minutes=i.minutes)).time() for i in items)
            Activity.objects.filter(pk=activity.pk).update(starts=starts, ends=ends if ends > starts else None)
    _check_constraints_now(schema_editor)


def backwards(apps, schema_editor):
    """Copy the values back into the columns the reversed operations have just re-added."""
    q = schema_editor.quote_name
    for table, columns in (("events_event", EVENT_COLUMNS), ("events_registration", SIGNUP_COLUMNS)):
        source = "activities_activity" if table == "events_event" else "activities_signup"
        for column in columns:
            schema_editor.execute(
                f"UPDATE {q(table)} SET {q(column)} = (SELECT {q(column)} FROM {q(source)} "
                f"WHERE {q(source)}.{q('id')} = {q(table)}.{q('id')})"
            )
    Activity = apps.get_model("activities", "Activity")
    SignUp = apps.get_model("activities", "SignUp")
    Event, Registration = apps.get_model("events", "Event"), apps.get_model("events", "Registration")
    SignUp.objects.filter(pk__in=Registration.objects.values("pk")).delete()
    Activity.objects.filter(pk__in=Event.objects.values("pk")).delete()
    # The id columns got their identity back, counting from 1: continue after the highest id.
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Event, Registration]):
        schema_editor.execute(sql)
    _check_constraints_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0001_initial"),
        ("events", "0006_limits"),
    ]

    operations = [
        migrations.AlterField("event", "title", models.CharField(max_length=200, null=True)),
        migrations.AlterField("event", "date", models.DateField(null=True)),
        migrations.AlterField("event", "venue", models.CharField(max_length=200, null=True)),
        migrations.AlterField("event", "capacity", models.PositiveIntegerField(null=True)),
        migrations.AlterField("event", "registration_deadline", models.DateTimeField(null=True)),
        migrations.AlterField("registration", "token", models.CharField(max_length=64, null=True)),
        migrations.AlterField("registration", "name", models.CharField(max_length=120, null=True)),
        migrations.RunPython(forwards, backwards),
        *[migrations.RemoveField(model_name="event", name=name) for name in
          ["title", "date", "venue", "description", "capacity", "registration_deadline", "created"]],
        *[migrations.RemoveField(model_name="registration", name=name) for name in
          ["token", "name", "email", "organisation", "consent", "consent_withdrawn_at", "status", "language",
           "checked_in_at", "no_show", "walk_in", "created"]],
        migrations.RenameField(model_name="event", old_name="id", new_name="activity_ptr"),
        migrations.AlterField(
            model_name="event", name="activity_ptr",
            field=models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE,
                                       parent_link=True, primary_key=True, serialize=False,
                                       to="activities.activity"),
        ),
        AlterModelBases(name="event", bases=("activities.activity",)),
        migrations.RenameField(model_name="registration", old_name="id", new_name="signup_ptr"),
        migrations.AlterField(
            model_name="registration", name="signup_ptr",
            field=models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE,
                                       parent_link=True, primary_key=True, serialize=False,
                                       to="activities.signup"),
        ),
        AlterModelBases(name="registration", bases=("activities.signup",)),
    ]
