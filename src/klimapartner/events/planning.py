"""The adapter between the events models and the matchmaking engine: models in, Problem out, Schedule back.

The engine knows nothing of Django; this module builds its `Problem` from registrations, runs
`solve` / `replan`, and writes the result back as Meeting and Seat rows.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimapartner import matching
from klimapartner.collaborations.network import collaborating_pairs
from klimapartner.events import adjust
from klimapartner.events.models import (
    Event,
    EventFormat,
    Meeting,
    Registration,
    RegistrationStatus,
    Seat,
)


def participant_id(registration) -> str:
    return f"r{registration.pk}"


def registration_pk(participant: str) -> int:
    return int(participant[1:])


def _text_similarity(method=None):
    """The engine's Danish text similarity, with the method from settings (tests use the fast lexical one)."""
    from klimapartner.matching.text import text_similarity

    return functools.partial(text_similarity, method=method or getattr(settings, "EVENTS_TEXT_METHOD", "combined"))


def _organisation_key(registration) -> str:
    if registration.organisation_id:
        return f"org:{registration.organisation_id}"
    if registration.guest_organisation.strip():
        return "guest:" + registration.guest_organisation.strip().lower()
    return ""  # a private person: nobody is their colleague


def scheduled_registrations(event):
    """Everyone the schedule is for: registered people, and anyone who already has a seat."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.WAITING)
        .exclude(status=RegistrationStatus.CANCELLED, seats__isnull=True)
        .select_related("organisation")
        .prefetch_related("themes", "must_meet", "rather_not")
        .distinct()
        .order_by("pk")
    )


def earlier_meetings(*, event, registrations) -> set[frozenset[str]]:
    """Pairs (of participant ids) who sat in the same meeting at an earlier partnership day, matched by email."""
    by_email = {r.email.lower(): participant_id(r) for r in registrations if r.email}
    if not by_email:
        return set()
    seats = (
        Seat.objects.filter(meeting__event__date__lt=event.date)
        .exclude(meeting__event=event)
        .values_list("meeting_id", "registration__email")
    )
    people = defaultdict(set)
    for meeting, email in seats:
        if email and email.lower() in by_email:
            people[meeting].add(by_email[email.lower()])
    pairs = set()
    for group in people.values():
        group = sorted(group)
        pairs.update(frozenset((a, b)) for i, a in enumerate(group) for b in group[i + 1:])
    return pairs


def build_problem(*, event, registrations) -> matching.Problem:
    """The engine's Problem for `event` with these registrations (usually scheduled_registrations)."""
    registrations = list(registrations)
    collaborations = collaborating_pairs()
    met = earlier_meetings(event=event, registrations=registrations)
    number_of_rounds = len(event.rounds)
    people = []
    for r in registrations:
        pid = participant_id(r)
        relations = []
        for other in registrations:
            if other.pk == r.pk:
                continue
            oid = participant_id(other)
            if r.organisation_id and other.organisation_id and (
                (r.organisation_id, other.organisation_id) in collaborations
                or (other.organisation_id, r.organisation_id) in collaborations
            ):
                relations.append((oid, matching.Relation.COLLABORATE))
            # Both relations may hold: partners who met here before and now collaborate.
            if frozenset((pid, oid)) in met:
                relations.append((oid, matching.Relation.MET_BEFORE))
        wishes = [matching.Wish(matching.WishKind.MUST_MEET, organisation=f"org:{o.pk}") for o in r.must_meet.all()]
        wishes += [matching.Wish(matching.WishKind.RATHER_NOT, organisation=f"org:{o.pk}") for o in r.rather_not.all()]
        rounds = frozenset(int(n) for n in r.rounds if 1 <= int(n) <= number_of_rounds) if r.rounds else None
        people.append(matching.Participant(
            id=pid,
            name=r.name,
            organisation=_organisation_key(r),
            organisation_type=r.org_type or "",
            sector=r.sector or "",
            themes=tuple(sorted(t.slug for t in r.themes.all())),
            offers=tuple(matching.Statement(theme, text) for theme, text in sorted(r.offers.items()) if text.strip()),
            needs=tuple(matching.Statement(theme, text) for theme, text in sorted(r.needs.items()) if text.strip()),
            wishes=tuple(wishes),
            rounds=rounds,
            relations=tuple(relations),
        ))
    return matching.Problem(tuple(people), event_format(event))


def event_format(event) -> matching.Format:
    tables = list(event.tables.all())
    if event.format == EventFormat.TABLES:
        return matching.TablesFormat(
            rounds=len(event.rounds),
            tables=tuple(matching.Table(str(t.pk), t.min_seats, t.max_seats) for t in tables),
        )
    return matching.PairsFormat(rounds=len(event.rounds), tables=len(tables) or None)


def table_label(name: str) -> str:
    """What people read: a table called "6" is "Table 6" ("Bord 6"); a named table keeps its name."""
    return _("Table %(name)s") % {"name": name} if name.strip().isdigit() else name


def table_names(event) -> dict[str, str]:
    """The engine's table ids -> the names people see."""
    tables = list(event.tables.all())
    if event.format == EventFormat.TABLES:
        return {str(t.pk): table_label(t.name) for t in tables}
    # In 1:1 mode the engine numbers the tables 1, 2, ...; named tables take those numbers in order.
    return {str(n): table_label(t.name) for n, t in enumerate(tables, start=1)}


def score(problem: matching.Problem, *, text_method=None) -> matching.PairScores:
    """The engine's pair scores, with one rule of ours: people who met at an earlier partnership day
    are not paired again unless one of them asked to meet the other's organisation."""
    scores = matching.score_pairs(problem, text_similarity=_text_similarity(text_method))
    index = {p.id: i for i, p in enumerate(problem.participants)}
    allowed = scores.allowed.copy()
    matrix = scores.matrix.copy()
    for p in problem.participants:
        asked = {w.organisation for w in p.wishes if w.kind == matching.WishKind.MUST_MEET}
        for other, relation in p.relations:
            if relation != matching.Relation.MET_BEFORE:
                continue
            q = problem.participants[index[other]]
            if q.organisation in asked or p.organisation in {
                w.organisation for w in q.wishes if w.kind == matching.WishKind.MUST_MEET
            }:
                continue
            i, j = index[p.id], index[other]
            allowed[i, j] = allowed[j, i] = False
            # Tables cannot forbid a pair, so there it costs as much as a "rather not".
            matrix[i, j] = matrix[j, i] = min(matrix[i, j], scores.weights.rather_not)
    if isinstance(problem.format, matching.PairsFormat):
        matrix = np.where(allowed, matrix, 0.0)
    return matching.PairScores(scores.ids, matrix, allowed, scores.problem, scores.weights, scores.text)


@transaction.atomic
def save_meetings(*, event, schedule: matching.Schedule, after_round: int = 0, rounds=None):
    """Replace the event's meetings after `after_round` (or only those in `rounds`) with the schedule's.

    A pinned seat stays pinned when its person keeps the same table in the same round.
    """
    old = Meeting.objects.filter(event=event, round__gt=after_round)
    if rounds is not None:
        old = old.filter(round__in=rounds)
    pins = set(Seat.objects.filter(meeting__in=old, pinned=True).values_list(
        "meeting__round", "registration_id", "meeting__table"))
    old.delete()
    meetings = [m for m in schedule.meetings if m.round > after_round and (rounds is None or m.round in rounds)]
    rows = Meeting.objects.bulk_create(
        [Meeting(event=event, round=m.round, table=m.table, score=m.score) for m in meetings]
    )
    seats = []
    for row, m in zip(rows, meetings):
        for pid in m.participants:
            reason = m.reason_for(pid)
            seats.append(Seat(
                meeting=row, registration_id=registration_pk(pid),
                reason_da=reason.da if reason else "", reason_en=reason.en if reason else "",
                pinned=(m.round, registration_pk(pid), m.table) in pins,
            ))
    Seat.objects.bulk_create(seats)


def pinned_seats(*, event) -> dict[tuple[int, str], str]:
    """The coordinator's pins: (round, participant id) -> table id."""
    return {(r, f"r{reg}"): table for r, reg, table in Seat.objects.filter(
        meeting__event=event, pinned=True).values_list("meeting__round", "registration_id", "meeting__table")}


def schedule_event(*, event, time_limit: float = 3.0, seed: int = 0) -> matching.Schedule:
    """Run the engine for the whole day, keeping pinned meetings, and save the result as a draft (unpublished)."""
    problem = build_problem(event=event, registrations=scheduled_registrations(event))
    schedule = adjust.solve_with_pins(problem, score(problem), pinned_seats(event=event), seed=seed,
                                      time_limit=time_limit)
    with transaction.atomic():
        save_meetings(event=event, schedule=schedule)
        Event.objects.filter(pk=event.pk).update(
            objective=schedule.objective, bound=schedule.bound, scheduled_at=timezone.now(), published_at=None
        )
    event.refresh_from_db()
    return schedule


def stored_schedule(*, event) -> matching.Schedule:
    """The event's saved meetings as the engine's Schedule."""
    meetings = []
    for m in event.meetings.prefetch_related("seats"):
        seats = list(m.seats.all())
        meetings.append(matching.Meeting(
            round=m.round, table=m.table, score=m.score,
            participants=tuple(f"r{s.registration_id}" for s in seats),
            reasons=tuple(matching.Reason(f"r{s.registration_id}", s.reason_da, s.reason_en) for s in seats),
        ))
    return matching.Schedule(tuple(meetings), event.objective or 0.0, event.bound)


def rounds_held(event, *, now=None) -> int:
    """Rounds that have started by `now`: they can no longer change."""
    now = now or timezone.now()
    return sum(1 for item in event.rounds if item.start <= now)


def replan_event(*, event, held_rounds: int, no_shows=(), late_arrivals=None) -> matching.Replan:
    """The engine's re-plan of the rounds after `held_rounds` (registrations in, nothing saved)."""
    registrations = list(scheduled_registrations(event))
    problem = build_problem(event=event, registrations=registrations)
    gone = {participant_id(r) for r in registrations if r.status == RegistrationStatus.CANCELLED}
    gone |= {participant_id(r) for r in no_shows}
    late = {participant_id(r): n for r, n in (late_arrivals or {}).items()}
    return matching.replan(
        problem, stored_schedule(event=event), held_rounds=held_rounds, no_shows=sorted(gone),
        late_arrivals=late, scores=score(problem),
    )


@dataclass
class Quality:
    objective: float | None
    bound: float | None
    ratio: float | None
    meetings_per_person: list  # (registration, count)
    unmet_wishes: list  # (registration, organisation)
    without_meetings: int


def quality(*, event) -> Quality:
    """How good the saved schedule is: objective against bound, meetings per person, unmet wishes."""
    registrations = list(scheduled_registrations(event).exclude(status=RegistrationStatus.CANCELLED))
    met_orgs = defaultdict(set)
    counts = defaultdict(int)
    seats = Seat.objects.filter(meeting__event=event).values_list("meeting_id", "registration_id",
                                                                  "registration__organisation_id")
    by_meeting = defaultdict(list)
    for meeting, reg, org in seats:
        by_meeting[meeting].append((reg, org))
    for people in by_meeting.values():
        for reg, _org in people:
            counts[reg] += 1
            met_orgs[reg].update(org for other, org in people if other != reg and org)
    unmet = [(r, o) for r in registrations for o in r.must_meet.all() if o.pk not in met_orgs[r.pk]]
    ratio = None
    if event.objective is not None and event.bound:
        ratio = event.objective / event.bound
    return Quality(
        objective=event.objective, bound=event.bound, ratio=ratio,
        meetings_per_person=[(r, counts[r.pk]) for r in registrations],
        unmet_wishes=unmet,
        without_meetings=sum(1 for r in registrations if not counts[r.pk]),
    )


def agenda(*, registration):
    """The registration's meetings in round order, each with the others at the table and the reason."""
    seats = (
        Seat.objects.filter(registration=registration)
        .select_related("meeting")
        .prefetch_related(Prefetch("meeting__seats", queryset=Seat.objects.select_related(
            "registration__organisation")))
        .order_by("meeting__round")
    )
    names = table_names(registration.event)
    rounds = registration.event.rounds
    out = []
    for seat in seats:
        m = seat.meeting
        out.append({
            "meeting": m,
            "round": m.round,
            "item": rounds[m.round - 1] if m.round <= len(rounds) else None,
            "table": names.get(m.table) or table_label(m.table),
            "others": [s.registration for s in m.seats.all() if s.registration_id != registration.pk],
            "reason": seat.reason_en if (get_language() or "da").startswith("en") else seat.reason_da,
            "seat": seat,
        })
    return out


@dataclass
class Adjustment:
    """What a manual change is checked against: the engine's problem and scores, and the saved schedule."""

    problem: matching.Problem
    scores: matching.PairScores
    schedule: matching.Schedule
    names: dict  # participant id -> name
    tables: dict  # table id -> name
    held_rounds: int
    pinned: dict  # (round, participant id) -> table id


def adjustment(*, event, now=None) -> Adjustment:
    registrations = list(scheduled_registrations(event))
    problem = build_problem(event=event, registrations=registrations)
    held = rounds_held(event, now=now)
    # Cancelled people and no-shows cannot be given a meeting in a round still to come.
    gone = {participant_id(r) for r in registrations if r.status == RegistrationStatus.CANCELLED or r.no_show}
    if gone:
        every = frozenset(range(1, problem.format.rounds + 1))
        problem = matching.Problem(tuple(
            dataclasses.replace(p, rounds=frozenset(n for n in (p.rounds or every) if n <= held))
            if p.id in gone else p for p in problem.participants), problem.format)
    return Adjustment(
        problem=problem, scores=score(problem), schedule=stored_schedule(event=event),
        names={participant_id(r): r.name for r in registrations}, tables=table_names(event),
        held_rounds=held, pinned=pinned_seats(event=event),
    )


def preview_change(*, event, change: adjust.Change, now=None) -> adjust.Effect:
    """The effect of a manual change on the saved schedule; nothing is saved."""
    a = adjustment(event=event, now=now)
    language = "en" if (get_language() or "da").startswith("en") else "da"
    return adjust.effect(a.problem, a.scores, a.schedule, change, names=a.names, tables=a.tables,
                         held_rounds=a.held_rounds, pinned=a.pinned, language=language)
