"""Ideas and collaborations for tests: every value a test relies on is given here or in the call."""

from datetime import date, datetime, timezone

from klimapartner.collaborations.changes import kind_for
from klimapartner.collaborations.models import Collaboration, CollaborationPartner, Idea, IdeaSource, IdeaStatus

CONFIRMED = datetime(2025, 1, 15, 12, 0, tzinfo=timezone.utc)


def make_collaboration(partners, *, title="Fælles projekt", confirmed=True, started_on=date(2025, 1, 10), kind="",
                       events=(), focus_areas=(), **fields):
    collaboration = Collaboration.objects.create(
        title=title, started_on=started_on, kind=kind or kind_for(p.org_type for p in partners),
        confirmed_at=CONFIRMED if confirmed else None, **fields,
    )
    CollaborationPartner.objects.bulk_create([
        CollaborationPartner(collaboration=collaboration, organisation=p, confirmed_at=CONFIRMED if confirmed else None)
        for p in partners
    ])
    collaboration.events.set(events)
    collaboration.focus_areas.set(focus_areas)
    return collaboration


def make_idea(title="Bustur rundt i kommunen", *, partners=(), status=IdeaStatus.NEW, source=IdeaSource.PARTNER,
              created=None, **fields):
    idea = Idea.objects.create(title=title, status=status, source=source, **fields)
    idea.partners.set(partners)
    if created is not None:  # auto_now_add ignores a value given to create()
        Idea.objects.filter(pk=idea.pk).update(created=created)
        idea.refresh_from_db()
    return idea
