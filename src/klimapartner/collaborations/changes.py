"""Every change to an idea or a collaboration goes through a function here, and is logged."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from klimapartner.accounts.roles import edited_organisation_ids, is_coordinator
from klimapartner.collaborations.models import (
    Collaboration,
    CollaborationKind,
    CollaborationPartner,
    Idea,
    IdeaSource,
    IdeaStatus,
    LogEntry,
    LogKind,
)
from klimapartner.partners.models import Organisation, OrgType


def kind_for(org_types) -> str:
    """The kind a collaboration between organisations of these types most likely is (the coordinator may change it)."""
    types = set(org_types)
    if OrgType.PUBLIC in types:
        return CollaborationKind.MUNICIPALITY
    if OrgType.COMPANY in types and OrgType.EDUCATION in types:
        return CollaborationKind.EDUCATION
    if types == {OrgType.COMPANY}:
        return CollaborationKind.COMPANIES
    return CollaborationKind.OTHER


def _author_name(user) -> str:
    if user is None or not user.is_authenticated:
        return ""
    return user.get_full_name() or user.email


def log(*, kind, idea=None, collaboration=None, text="", status="", author=None, author_name="") -> LogEntry:
    """Add a line to the idea's or collaboration's log."""
    return LogEntry.objects.create(
        idea=idea, collaboration=collaboration, kind=kind, text=text, status=status,
        author=author if author is not None and author.is_authenticated else None,
        author_name=author_name or _author_name(author),
    )


@transaction.atomic
def register_idea(*, title, source, description="", owner="", owner_email="", owner_organisation=None, event=None,
                  activity=None, tour=None, registration=None, partners=(), focus_areas=(), author=None) -> Idea:
    """A new idea, with its owner (who is asked what became of it) and the partners involved."""
    idea = Idea.objects.create(
        title=title, description=description, source=source, owner=owner, owner_email=owner_email,
        owner_organisation=owner_organisation, event=event, activity=activity, tour=tour, registration=registration,
    )
    involved = set(partners) | ({owner_organisation} if owner_organisation else set())
    idea.partners.set(involved)
    idea.focus_areas.set(focus_areas)
    log(kind=LogKind.CREATED, idea=idea, status=IdeaStatus.NEW, author=author,
        author_name=owner if author is None else "")
    return idea


def register_idea_from_registration(*, registration, title, description="", partners=(), focus_areas=()) -> Idea:
    """An idea a participant registers on their personal page of a partnership day."""
    return register_idea(
        title=title, description=description, source=IdeaSource.PARTNERSHIP_DAY,
        owner=f"{registration.name}, {registration.organisation_name}".strip(", "),
        owner_email=registration.email, owner_organisation=registration.organisation,
        event=registration.event, registration=registration, partners=partners, focus_areas=focus_areas,
    )


@transaction.atomic
def set_idea_status(*, idea, status, text="", author=None, author_name="") -> Idea:
    """Change the idea's status (and log it, with what was said)."""
    if status != idea.status:
        idea.status = status
        idea.save(update_fields=["status", "updated"])
        log(kind=LogKind.STATUS, idea=idea, status=status, text=text, author=author, author_name=author_name)
    elif text:
        log(kind=LogKind.NOTE, idea=idea, text=text, author=author, author_name=author_name)
    return idea


@transaction.atomic
def start_collaboration(*, title, partners, started_on: date, kind="", description="", expected_effect=None,
                        idea=None, events=(), focus_areas=(), author=None) -> Collaboration:
    """A collaboration between `partners`; from an idea, the idea becomes a collaboration.

    The coordinator's collaborations are confirmed at once; a partner editor's count as confirmed by
    their own organisation, and are public once the other partners have confirmed too."""
    partners = list(partners)
    collaboration = Collaboration.objects.create(
        title=title, description=description, kind=kind or kind_for(p.org_type for p in partners),
        started_on=started_on, expected_effect=expected_effect, idea=idea,
    )
    CollaborationPartner.objects.bulk_create(
        [CollaborationPartner(collaboration=collaboration, organisation=p) for p in partners]
    )
    collaboration.events.set(events or ([idea.event] if idea and idea.event_id else []))
    collaboration.focus_areas.set(focus_areas or (idea.focus_areas.all() if idea else []))
    log(kind=LogKind.CREATED, collaboration=collaboration, author=author)
    if idea is not None:
        set_idea_status(idea=idea, status=IdeaStatus.COLLABORATION, author=author)
    if author is not None:
        confirm(collaboration=collaboration, user=author)
    return collaboration


@transaction.atomic
def confirm(*, collaboration, user) -> bool:
    """The user confirms the collaboration: the coordinator for everyone, an editor for their organisations.

    True when the collaboration is (now) confirmed, that is public."""
    now = timezone.now()
    if is_coordinator(user):
        collaboration.memberships.filter(confirmed_at=None).update(confirmed_at=now, confirmed_by=user)
    else:
        collaboration.memberships.filter(
            confirmed_at=None, organisation_id__in=edited_organisation_ids(user)
        ).update(confirmed_at=now, confirmed_by=user)
    if collaboration.confirmed_at is None and not collaboration.memberships.filter(confirmed_at=None).exists():
        collaboration.confirmed_at = now
        collaboration.save(update_fields=["confirmed_at", "updated"])
        log(kind=LogKind.CONFIRMED, collaboration=collaboration, author=user)
    return collaboration.confirmed_at is not None


@transaction.atomic
def decline(*, collaboration, user) -> None:
    """An editor says their organisation is not part of it: the organisation leaves; with fewer than two
    partners left there is no collaboration. The coordinator's decline deletes it."""
    if is_coordinator(user):
        collaboration.delete()
        return
    collaboration.memberships.filter(organisation_id__in=edited_organisation_ids(user)).delete()
    if collaboration.memberships.count() < 2:
        collaboration.delete()


def propose_from_meeting(*, event, organisation_ids) -> Collaboration | None:
    """Partners who met at `event` and all want to follow up: an unconfirmed collaboration between them,
    which their editors (or the coordinator) confirm before it is public. None if it is already there."""
    ids = sorted(set(organisation_ids))
    if len(ids) < 2:
        return None
    existing = Collaboration.objects.filter(events=event)
    for org_id in ids:
        existing = existing.filter(memberships__organisation_id=org_id)
    if existing.exists():
        return None
    partners = list(Organisation.objects.filter(pk__in=ids).order_by("name"))
    collaboration = Collaboration.objects.create(
        title=" og ".join(p.name for p in partners)[:200], kind=kind_for(p.org_type for p in partners),
        started_on=event.date,
    )
    CollaborationPartner.objects.bulk_create(
        [CollaborationPartner(collaboration=collaboration, organisation=p) for p in partners]
    )
    collaboration.events.add(event)
    return collaboration
