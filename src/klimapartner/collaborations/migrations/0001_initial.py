# Takes over Idea and Collaboration from the events app. events/0003 renamed the tables, so here
# the models only enter Django's state; every row and id stays as it was.

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["idea", "collaboration"]


def move_content_types(apps, schema_editor, *, source="events", target="collaborations"):
    """Permissions and admin history point at content types; move them instead of orphaning them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="collaborations", target="events")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0003_ideas_move_to_collaborations"),
        ("partners", "0004_action_ordering"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Idea",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        ("owner", models.CharField(blank=True, max_length=200, verbose_name="owner")),
                        ("status", models.CharField(choices=[("new", "New"), ("in_progress", "In progress"), ("collaboration", "Became a collaboration"), ("dropped", "Dropped")], default="new", max_length=16, verbose_name="status")),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("updated", models.DateTimeField(auto_now=True)),
                        ("event", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="ideas", to="events.event")),
                        ("partners", models.ManyToManyField(blank=True, related_name="ideas", to="partners.organisation", verbose_name="partners involved")),
                        ("registration", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="ideas", to="events.registration")),
                    ],
                    options={
                        "verbose_name": "idea",
                        "verbose_name_plural": "ideas",
                        "ordering": ["-created", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Collaboration",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("first", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="partners.organisation")),
                        ("second", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="partners.organisation")),
                        ("event", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="collaborations", to="events.event")),
                    ],
                    options={
                        "verbose_name": "collaboration",
                        "verbose_name_plural": "collaborations",
                        "ordering": ["-created"],
                        "constraints": [models.UniqueConstraint(fields=("first", "second"), name="one_collaboration_per_pair")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
