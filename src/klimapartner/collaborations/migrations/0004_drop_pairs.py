# The pairs are now partners of the collaboration (0003): drop the old columns.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("collaborations", "0003_fill_from_pairs"),
        ("events", "0003_ideas_move_to_collaborations"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="collaboration", name="one_collaboration_per_pair"),
        migrations.RemoveField(model_name="collaboration", name="event"),
        migrations.RemoveField(model_name="collaboration", name="first"),
        migrations.RemoveField(model_name="collaboration", name="second"),
        migrations.AlterField(
            model_name="collaboration",
            name="events",
            field=models.ManyToManyField(blank=True, related_name="collaborations", to="events.event",
                                         verbose_name="partnership days where it was born"),
        ),
        migrations.AlterField(
            model_name="collaboration",
            name="started_on",
            field=models.DateField(verbose_name="start date"),
        ),
        migrations.AlterModelOptions(
            name="collaboration",
            options={"ordering": ["-started_on", "-pk"], "verbose_name": "collaboration",
                     "verbose_name_plural": "collaborations"},
        ),
    ]
