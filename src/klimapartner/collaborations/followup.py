"""Following up: owners of open ideas are asked after 30 and 90 days what became of them, partners in a
collaboration after about six months whether it led to something; each email has a one-click answer page.

`klimapartner follow_up` runs send_follow_ups daily; the coordinator sees what is waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from klimapartner.collaborations.changes import log, set_idea_status
from klimapartner.collaborations.models import (
    OPEN_STATUSES,
    Collaboration,
    FollowUp,
    FollowUpAnswer,
    Idea,
    IdeaStatus,
    LogKind,
)
from klimapartner.partners.models import Membership

IDEA_STAGES = (30, 90)
COLLABORATION_STAGE = 182  # about six months
# No news for this long and an open idea is waiting for the coordinator to follow it up.
QUIET_DAYS = 30

# What an answer about an idea does to its status (None: the status stays; the coordinator acts).
IDEA_STATUS_FOR_ANSWER = {
    FollowUpAnswer.EXPLORING: IdeaStatus.IN_PROGRESS,
    FollowUpAnswer.COLLABORATION: None,
    FollowUpAnswer.PARKED: IdeaStatus.PARKED,
    FollowUpAnswer.DROPPED: IdeaStatus.DROPPED,
}


@dataclass(frozen=True)
class Due:
    stage: int
    email: str
    language: str
    idea: Idea | None = None
    collaboration: Collaboration | None = None


def due_follow_ups(*, now: datetime) -> list[Due]:
    """The follow-up emails that should go out now (4 queries).

    An idea gets the latest stage it has reached and not had (one that is 100 days old when this first
    runs gets the 90-day email only); a collaboration one email to each partner's editors."""
    sent_ideas = set(FollowUp.objects.filter(idea__isnull=False, sent_at__isnull=False).values_list("idea_id", "stage"))
    due = []
    ideas = (Idea.objects.filter(status__in=OPEN_STATUSES, created__lte=now - timedelta(days=min(IDEA_STAGES)))
             .exclude(owner_email="").select_related("registration").order_by("pk"))
    for idea in ideas:
        reached = [s for s in IDEA_STAGES if idea.created <= now - timedelta(days=s)]
        stage = max(reached)
        if any((idea.pk, s) in sent_ideas for s in IDEA_STAGES if s >= stage):
            continue
        language = idea.registration.language if idea.registration_id else settings.LANGUAGE_CODE
        due.append(Due(stage=stage, email=idea.owner_email, language=language, idea=idea))

    sent_collaborations = set(
        FollowUp.objects.filter(collaboration__isnull=False, sent_at__isnull=False, stage=COLLABORATION_STAGE)
        .values_list("collaboration_id", flat=True)
    )
    collaborations = (
        Collaboration.objects.filter(confirmed_at__isnull=False, ended_on__isnull=True,
                                     started_on__lte=(now - timedelta(days=COLLABORATION_STAGE)).date())
        .exclude(pk__in=sent_collaborations).select_related("idea").prefetch_related("memberships").order_by("pk")
    )
    collaborations = list(collaborations)
    editors = {}
    org_ids = {m.organisation_id for c in collaborations for m in c.memberships.all()}
    for org_id, email in Membership.objects.filter(organisation_id__in=org_ids, user__is_active=True).exclude(
        user__email=""
    ).values_list("organisation_id", "user__email"):
        editors.setdefault(org_id, []).append(email)
    for collaboration in collaborations:
        emails = [e for m in collaboration.memberships.all() for e in editors.get(m.organisation_id, [])]
        if collaboration.idea_id and collaboration.idea.owner_email:
            emails.append(collaboration.idea.owner_email)
        for email in sorted({e.lower(): e for e in emails}.values()):
            due.append(Due(stage=COLLABORATION_STAGE, email=email, language=settings.LANGUAGE_CODE,
                           collaboration=collaboration))
    return due


def answer_url(follow_up) -> str:
    return settings.SITE_URL + reverse("collaborations:answer", args=[follow_up.token])


def _message(follow_up, language) -> EmailMessage:
    template = "idea" if follow_up.idea_id else "collaboration"
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "follow_up": follow_up, "idea": follow_up.idea, "collaboration": follow_up.collaboration,
            "answer_url": answer_url(follow_up), "programme_name": settings.PROGRAMME_NAME,
            "municipality_name": settings.MUNICIPALITY_NAME,
        }
        subject = " ".join(render_to_string(f"collaborations/email/{template}_subject.txt", context).split())
        body = render_to_string(f"collaborations/email/{template}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [follow_up.email])


def send_follow_ups(*, now: datetime | None = None, progress=None) -> int:
    """Send every due follow-up over one connection; each is marked sent only once it went out, so a
    failure half-way leaves the rest for the next run. `progress(done, total)` is told as it goes."""
    now = now or timezone.now()
    due = due_follow_ups(now=now)
    if not due:
        return 0
    sent = 0
    with get_connection() as connection:
        for n, item in enumerate(due, 1):
            follow_up, _ = FollowUp.objects.get_or_create(
                idea=item.idea, collaboration=item.collaboration, stage=item.stage, email=item.email
            )
            if connection.send_messages([_message(follow_up, item.language)]):
                FollowUp.objects.filter(pk=follow_up.pk).update(sent_at=now)
                sent += 1
            if progress:
                progress(n, len(due))
    return sent


@transaction.atomic
def record_answer(*, follow_up, answer: str, text: str = "") -> None:
    """The answer from the one-click page: logged, and an idea's status follows it."""
    now = timezone.now()
    follow_up.answer, follow_up.answered_at = answer, now
    follow_up.save(update_fields=["answer", "answered_at"])
    label = str(FollowUpAnswer(answer).label)
    note = f"{label}\n{text}".strip() if text else label
    if follow_up.idea_id:
        idea = follow_up.idea
        status = IDEA_STATUS_FOR_ANSWER[FollowUpAnswer(answer)]
        log(kind=LogKind.ANSWER, idea=idea, text=note, author_name=follow_up.email)
        if status and status != idea.status and idea.status in OPEN_STATUSES + (IdeaStatus.PARKED,):
            set_idea_status(idea=idea, status=status, author_name=follow_up.email)
    else:
        collaboration = follow_up.collaboration
        log(kind=LogKind.ANSWER, collaboration=collaboration, text=note, author_name=follow_up.email)
        if answer == FollowUpAnswer.ENDED and collaboration.ended_on is None:
            collaboration.ended_on = now.date()
            collaboration.save(update_fields=["ended_on", "updated"])


@dataclass(frozen=True)
class Waiting:
    idea: Idea
    last_news: datetime
    sent: int
    reason: str  # "quiet": no news for QUIET_DAYS; "collaboration": the owner says it became one


def waiting_for_follow_up(*, now: datetime) -> list[Waiting]:
    """Open ideas the coordinator should follow up, the longest quiet first (2 queries)."""
    quiet_since = now - timedelta(days=QUIET_DAYS)
    ideas = (
        Idea.objects.filter(status__in=OPEN_STATUSES + (IdeaStatus.PARKED,))
        .annotate(
            last_news=Max("log__created"),
            sent=Count("follow_ups", filter=Q(follow_ups__sent_at__isnull=False), distinct=True),
            said_collaboration=Count("follow_ups", filter=Q(follow_ups__answer=FollowUpAnswer.COLLABORATION),
                                     distinct=True),
        )
        .select_related("owner_organisation", "event", "activity", "tour")
        .prefetch_related("partners")
    )
    rows = []
    for idea in ideas:
        last = idea.last_news or idea.created
        if idea.said_collaboration:
            rows.append(Waiting(idea, last, idea.sent, "collaboration"))
        elif idea.status in OPEN_STATUSES and last <= quiet_since:
            rows.append(Waiting(idea, last, idea.sent, "quiet"))
    rows.sort(key=lambda w: (w.reason != "collaboration", w.last_news, w.idea.pk))
    return rows
