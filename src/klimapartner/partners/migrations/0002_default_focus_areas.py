from django.db import migrations

from klimapartner.partners.defaults import add_default_focus_areas


def add_focus_areas(apps, schema_editor):
    add_default_focus_areas(apps.get_model("partners", "FocusArea"))


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(add_focus_areas, migrations.RunPython.noop)]
