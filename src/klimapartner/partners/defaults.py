"""The programme's default focus areas; the coordinator can add more."""

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


def add_default_focus_areas(focus_area_model):
    """Create the default focus areas that are missing (the model is passed in so migrations can use it)."""
    for position, (slug, name_da, name_en) in enumerate(DEFAULT_FOCUS_AREAS, start=1):
        focus_area_model.objects.get_or_create(
            slug=slug, defaults={"name_da": name_da, "name_en": name_en, "position": position * 10}
        )
