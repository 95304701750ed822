# Ideas and collaborations have their own app (klimapartner.collaborations). The tables are renamed,
# not copied, so every row keeps its id; collaborations/0001 takes the models over in Django's state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0002_seat_pinned"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                # renames the idea's partners table (events_idea_partners) with it
                migrations.AlterModelTable("idea", "collaborations_idea"),
                migrations.AlterModelTable("collaboration", "collaborations_collaboration"),
            ],
            state_operations=[
                migrations.DeleteModel("idea"),
                migrations.DeleteModel("collaboration"),
            ],
        ),
    ]
