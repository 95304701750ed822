"""How people are named on schedules: by name, and with their organisation where the name alone is ambiguous
("Anders Kjeldsen (Vrå Skole)" when three people are called Anders Kjeldsen)."""

from collections import Counter


def person_labels(event) -> dict[int, str]:
    """{registration pk: label} for everyone registered for the event."""
    people = list(event.registrations.select_related("organisation").only(
        "pk", "name", "guest_organisation", "organisation__name"))
    counts = Counter(p.name.strip().casefold() for p in people)
    return {p.pk: (f"{p.name} ({p.organisation_name})" if counts[p.name.strip().casefold()] > 1 and p.organisation_name
                   else p.name) for p in people}


def label(registrations, labels: dict[int, str]):
    """Give each registration a `label` attribute for templates; returns them."""
    for registration in registrations:
        registration.label = labels.get(registration.pk, registration.name)
    return registrations
