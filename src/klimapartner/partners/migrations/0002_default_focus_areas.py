from django.db import migrations

DEFAULT_FOCUS_AREAS = [
    ("energy", "Energi", "Energy"),
    ("transport", "Transport", "Transport"),
    ("resources-waste", "Ressourcer og affald", "Resources and waste"),
    ("food", "Fødevarer", "Food"),
    ("buildings", "Bygninger", "Buildings"),
    ("nature", "Natur", "Nature"),
    ("behaviour-communication", "Adfærd og kommunikation", "Behaviour and communication"),
    ("education", "Uddannelse", "Education"),
]


def add_focus_areas(apps, schema_editor):
    FocusArea = apps.get_model("partners", "FocusArea")
    for position, (slug, name_da, name_en) in enumerate(DEFAULT_FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(slug=slug, defaults={"name_da": name_da, "name_en": name_en, "position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(add_focus_areas, migrations.RunPython.noop)]
