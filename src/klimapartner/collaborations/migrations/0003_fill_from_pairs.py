# Every old collaboration (a pair of partners who both ticked "follow up" at a meeting) becomes a
# collaboration with those two partners, the day where it was born and a start date. The pairs were
# never confirmed by the partners, so they stay unconfirmed: not public until confirmed.

from django.db import migrations


def kind_of(org_types):
    """The same rule as collaborations.changes.kind_for, as it was when this migration was written."""
    types = set(org_types)
    if "public" in types:
        return "municipality"
    if "company" in types and "education" in types:
        return "education"
    if types == {"company"}:
        return "companies"
    return "other"


def fill(apps, schema_editor):
    Collaboration = apps.get_model("collaborations", "Collaboration")
    CollaborationPartner = apps.get_model("collaborations", "CollaborationPartner")
    Idea = apps.get_model("collaborations", "Idea")
    for row in Collaboration.objects.select_related("first", "second", "event"):
        pair = sorted([row.first, row.second], key=lambda o: o.name)
        CollaborationPartner.objects.bulk_create(
            [CollaborationPartner(collaboration=row, organisation=o) for o in pair]
        )
        if row.event_id:
            row.events.add(row.event)
        row.title = f"{pair[0].name} og {pair[1].name}"[:200]
        row.kind = kind_of(o.org_type for o in pair)
        row.started_on = row.event.date if row.event_id else row.created.date()
        row.save(update_fields=["title", "kind", "started_on"])
    for idea in Idea.objects.select_related("registration"):
        if idea.event_id or idea.registration_id:
            idea.source = "partnership_day"
        if idea.registration_id:
            idea.owner_email = idea.registration.email
            idea.owner_organisation_id = idea.registration.organisation_id
        idea.save(update_fields=["source", "owner_email", "owner_organisation"])


def unfill(apps, schema_editor):
    """Back to pairs: the first two partners of each collaboration, the first day it was born at."""
    Collaboration = apps.get_model("collaborations", "Collaboration")
    for row in Collaboration.objects.all():
        partners = list(row.memberships.order_by("organisation_id").values_list("organisation_id", flat=True))
        if len(partners) < 2:
            row.delete()
            continue
        row.first_id, row.second_id = partners[:2]
        row.event = row.events.order_by("date").first()
        row.save(update_fields=["first", "second", "event"])


class Migration(migrations.Migration):

    dependencies = [
        ("collaborations", "0002_details"),
    ]

    operations = [
        migrations.RunPython(fill, unfill),
    ]
