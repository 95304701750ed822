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
from django.utils.translation import gettext_lazy

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


def _labels() -> matching.Labels:
    """Display names of focus areas, sectors and organisation types, in both languages, for the reasons."""
    from django.utils import translation

    from klimapartner.partners.models import FocusArea, OrgType, Sector

    themes = {f.slug: matching.Label(f.name_da, f.name_en) for f in FocusArea.objects.all()}

    def both(choices):
        out = {}
        for code, label in choices:
            with translation.override("da"):
                da = str(label)
            with translation.override("en"):
                en = str(label)
            out[code] = matching.Label(da, en)
        return out

    return matching.Labels(themes=themes, sectors=both(Sector.choices), organisation_types=both(OrgType.choices))


def build_problem(*, event, registrations, pins=None) -> matching.Problem:
    """The engine's Problem for `event` with these registrations (usually scheduled_registrations).

    Relations come from the sets that hold them (collaborating organisations, earlier meetings), never
    from a loop over all pairs of people, so 5,000 registrations take a moment, not minutes.
    `pins` defaults to the coordinator's pinned seats.
    """
    registrations = list(registrations)
    members = defaultdict(list)  # organisation pk -> participant ids
    for r in registrations:
        if r.organisation_id:
            members[r.organisation_id].append(participant_id(r))
    partners = defaultdict(set)
    for first, second in collaborating_pairs():
        if first not in members or second not in members:
            continue
        partners[first].add(second)
        partners[second].add(first)
    met = defaultdict(set)
    for a, b in earlier_meetings(event=event, registrations=registrations):
        met[a].add(b)
        met[b].add(a)
    number_of_rounds = len(event.rounds)
    people = []
    for r in registrations:
        pid = participant_id(r)
        # Both relations may hold: partners who met here before and now collaborate.
        relations = [(oid, matching.Relation.COLLABORATE) for org in sorted(partners.get(r.organisation_id, ()))
                     for oid in members[org]]
        relations += [(oid, matching.Relation.MET_BEFORE) for oid in sorted(met.get(pid, ()))]
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
    ids = {p.id for p in people}
    if pins is None:
        pins = pinned_seats(event=event)
    pin_list = tuple(matching.Pin(pid, r, table) for (r, pid), table in sorted(pins.items()) if pid in ids)
    return matching.Problem(tuple(people), event_format(event), pins=pin_list, labels=_labels())


def event_format(event) -> matching.Format:
    tables = list(event.tables.all())
    if event.format == EventFormat.TABLES:
        # A table with nobody at it is closed, not below its minimum: a few cancellations never break the plan.
        return matching.TablesFormat(
            rounds=len(event.rounds),
            tables=tuple(matching.Table(str(t.pk), t.min_seats, t.max_seats) for t in tables),
            empty_tables=True,
        )
    return matching.PairsFormat(rounds=len(event.rounds), tables=len(tables) or None,
                                minimum_meetings=event.minimum_meetings)


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
    """The engine's pair scores with the Danish text similarity (every rule about who may meet is the engine's)."""
    return matching.score_pairs(problem, text_similarity=_text_similarity(text_method))


# -- findings in words ---------------------------------------------------------------

# The engine's finding codes, worded for people; %(a)s and %(b)s are names, %(table)s a table's name.
FINDINGS = {
    "round_missing": gettext_lazy("Round %(round)s does not exist."),
    "self": gettext_lazy("Round %(round)s: %(a)s cannot meet themselves."),
    "colleagues": gettext_lazy("Round %(round)s: %(a)s and %(b)s are colleagues, and colleagues never meet 1:1."),
    "met_earlier": gettext_lazy("Round %(round)s: %(a)s and %(b)s met at an earlier partnership day, and neither asked to meet again."),
    "absent": gettext_lazy("Round %(round)s: %(a)s is not there in this round."),
    "busy": gettext_lazy("Round %(round)s: %(a)s already has a meeting in this round."),
    "met_twice": gettext_lazy("Round %(round)s: %(a)s and %(b)s already meet in round %(other)s."),
    "tables_full": gettext_lazy("Round %(round)s: there are only %(limit)s tables."),
    "malformed": gettext_lazy("Round %(round)s, %(table)s: a 1:1 meeting needs exactly two people."),
    "table_twice": gettext_lazy("Round %(round)s: %(table)s is used by %(count)s meetings."),
    "unknown": gettext_lazy("Round %(round)s, %(table)s: someone who is not registered."),
    "table_missing": gettext_lazy("Round %(round)s: %(table)s does not exist."),
    "seated_twice": gettext_lazy("Round %(round)s: %(a)s already sits at another table."),
    "table_full": gettext_lazy("Round %(round)s: %(table)s is full (%(limit)s seats)."),
    "colleague_at_table": gettext_lazy("Round %(round)s: %(a)s and their colleague %(b)s sit at the same table (%(table)s)."),
    "held": gettext_lazy("Round %(round)s has already begun and can no longer change."),
    "same_person": gettext_lazy("Choose two different people to swap."),
    "already_there": gettext_lazy("%(a)s already sits there in round %(round)s."),
    "same_table": gettext_lazy("%(a)s and %(b)s already sit at the same table in round %(round)s."),
    "pinned": gettext_lazy("%(a)s is pinned in round %(round)s. Unpin the meeting before changing it."),
    "unseated": gettext_lazy("Round %(round)s: %(a)s is there but has no seat."),
    "below_minimum": gettext_lazy("Round %(round)s: %(table)s seats %(count)s, at least %(minimum)s are needed."),
    "pin_broken": gettext_lazy("Round %(round)s: %(a)s is pinned to %(table)s but does not sit there."),
    "wish_left_out": gettext_lazy("%(a)s asked to meet %(b)s; in round %(round)s they could meet instead of an ordinary meeting."),
    "too_few_meetings": gettext_lazy("%(a)s has only %(count)s meetings (at least %(minimum)s), but %(b)s is free in round %(round)s too."),
    "no_rounds": gettext_lazy("The programme has no matchmaking rounds."),
    "no_tables_per_round": gettext_lazy("There must be at least one table per round."),
    "wish_colleagues": gettext_lazy("%(a)s and %(b)s asked to meet, but they are colleagues, and colleagues never meet 1:1."),
    "wish_never_together": gettext_lazy("%(a)s and %(b)s asked to meet, but are never there in the same round."),
    "minimum_too_high": gettext_lazy("The tables hold %(capacity)s meetings in all, but at least %(minimum)s meetings for everyone needs %(needed)s."),
    "no_tables": gettext_lazy("The partnership day has no tables."),
    "table_sizes": gettext_lazy("For %(table)s, at least %(minimum)s and at most %(limit)s seats makes no sense."),
    "too_many": gettext_lazy("Round %(round)s: %(count)s people are there, but the tables seat only %(limit)s."),
    "too_few": gettext_lazy("Round %(round)s: only %(count)s people are there, but a table needs at least %(minimum)s."),
    "organisation_too_big": gettext_lazy("Round %(round)s: %(organisation)s has %(count)s participants but there are only %(limit)s tables, and colleagues sit at different tables."),
    "pin_unknown": gettext_lazy("A pinned seat names someone or a table that is no longer there."),
    "pin_absent": gettext_lazy("Round %(round)s: %(a)s is pinned to %(table)s but is not there."),
    "pin_twice": gettext_lazy("Round %(round)s: %(a)s is pinned to two tables."),
    "pin_crowded": gettext_lazy("Round %(round)s: %(count)s people are pinned to %(table)s, which seats %(limit)s."),
}


def describe(finding: matching.Finding, *, names: dict[str, str], tables: dict[str, str]) -> str:
    """The engine's finding in the active language, with people and tables by name."""
    params = dict(finding.params)
    for key in ("a", "b"):
        if key in params:
            params[key] = names.get(params[key], params[key])
    if "table" in params:
        table = params["table"]
        params["table"] = _("table %(name)s") % {"name": tables.get(table, table)}
    if "organisation" in params:
        params["organisation"] = _organisation_name(params["organisation"])
    return str(FINDINGS[finding.code]) % params


def _organisation_name(key: str) -> str:
    from klimapartner.partners.models import Organisation

    if key.startswith("org:"):
        organisation = Organisation.objects.filter(pk=key[4:]).first()
        return organisation.name if organisation else key
    return key.removeprefix("guest:")


def describe_all(findings, *, event, names=None) -> list[str]:
    if names is None:
        names = {participant_id(r): r.name for r in event.registrations.all()}
    return [describe(f, names=names, tables=table_names(event)) for f in findings]


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


def schedule_event(*, event, time_limit: float = 3.0, seed: int = 0, steps=None, progress=None) -> matching.Schedule:
    """Run the engine for the whole day, keeping pinned seats, and save the result as a draft (unpublished).

    `progress(matching.Progress)` is called as the engine searches (the background job's progress bar).
    """
    problem = build_problem(event=event, registrations=scheduled_registrations(event))
    schedule = matching.solve(problem, scores=score(problem), seed=seed, time_limit=time_limit, steps=steps,
                              progress=progress)
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


def replan_event(*, event, held_rounds: int, no_shows=(), late_arrivals=None, minimal: bool = True) -> matching.Replan:
    """The engine's re-plan of the rounds after `held_rounds` (registrations in, nothing saved).

    Cancelled people leave from the next round on, like no-shows; `Replan.affected` names (by
    participant id) everyone still there whose agenda changes.
    """
    registrations = list(scheduled_registrations(event))
    problem = build_problem(event=event, registrations=registrations)
    gone = {participant_id(r) for r in registrations if r.status == RegistrationStatus.CANCELLED}
    gone |= {participant_id(r) for r in no_shows}
    late = {participant_id(r): n for r, n in (late_arrivals or {}).items()}
    return matching.replan(
        problem, stored_schedule(event=event), held_rounds=held_rounds, no_shows=sorted(gone),
        late_arrivals=late, scores=score(problem), minimal=minimal,
    )


def affected_registrations(result: matching.Replan) -> set[int]:
    """The registrations to notify after a re-plan: everyone still there whose agenda changed."""
    return {registration_pk(p) for p in result.affected}


@dataclass
class Quality:
    """The saved schedule in a coordinator's terms: the engine's summary, with registrations for its ids."""

    summary: matching.Quality
    objective: float | None
    bound: float | None
    ratio: float | None
    meetings_per_person: list  # (registration, count)
    unmet_wishes: list  # (registration, organisation or registration)
    without_meetings: int
    fewest: list  # registrations with the fewest meetings
    below_minimum: list  # registrations with fewer meetings than the minimum

    @property
    def percent(self) -> int | None:
        """How good at least, against the engine's bound, in whole percent (rounded down: it is a guarantee)."""
        return None if self.ratio is None else int(self.ratio * 100)


def quality(*, event) -> Quality:
    """How good the saved schedule is, in the words the staff page uses."""
    registrations = list(scheduled_registrations(event).exclude(status=RegistrationStatus.CANCELLED))
    problem = build_problem(event=event, registrations=registrations, pins={})
    schedule = stored_schedule(event=event)
    here = {participant_id(r) for r in registrations}
    schedule = matching.Schedule(tuple(dataclasses.replace(m, participants=tuple(p for p in m.participants if p in here))
                                       for m in schedule.meetings), schedule.objective, schedule.bound)
    summary = matching.summary(problem, schedule)
    by_id = {participant_id(r): r for r in registrations}
    counts = defaultdict(int)
    for m in schedule.meetings:
        for pid in m.participants:
            counts[pid] += 1
    from klimapartner.partners.models import Organisation

    organisations = {f"org:{o.pk}": o for o in Organisation.objects.filter(
        pk__in=[w[1][8:] for w in summary.unmet_wishes if w[1].startswith("org:org:")])}
    unmet = []
    for asker, whom in summary.unmet_wishes:
        target = organisations.get(whom[4:]) if whom.startswith("org:") else by_id.get(whom)
        if asker in by_id and target is not None:
            unmet.append((by_id[asker], target))
    ratio = None
    if event.objective is not None and event.bound:
        ratio = event.objective / event.bound
    return Quality(
        summary=summary, objective=event.objective, bound=event.bound, ratio=ratio,
        meetings_per_person=[(r, counts[participant_id(r)]) for r in registrations],
        unmet_wishes=unmet,
        without_meetings=sum(1 for r in registrations if not counts[participant_id(r)]),
        fewest=[by_id[p] for p in summary.fewest if p in by_id],
        below_minimum=[by_id[p] for p in summary.below_minimum if p in by_id],
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
    """What a manual change is checked against: the engine's problem (held rounds pinned), scores, the saved schedule."""

    problem: matching.Problem
    scores: matching.PairScores
    schedule: matching.Schedule
    names: dict  # participant id -> name
    tables: dict  # table id -> name
    held_rounds: int


def adjustment(*, event, now=None) -> Adjustment:
    registrations = list(scheduled_registrations(event))
    problem = build_problem(event=event, registrations=registrations)
    held = rounds_held(event, now=now)
    # Cancelled people and no-shows cannot be given a meeting in a round still to come.
    gone = [participant_id(r) for r in registrations if r.status == RegistrationStatus.CANCELLED or r.no_show]
    schedule = stored_schedule(event=event)
    problem = matching.history(matching.present(problem, gone, {}, held), schedule, held)
    return Adjustment(
        problem=problem, scores=score(problem), schedule=schedule,
        names={participant_id(r): r.name for r in registrations}, tables=table_names(event), held_rounds=held,
    )


def preview_change(*, event, change: adjust.Change, now=None) -> adjust.Effect:
    """The effect of a manual change on the saved schedule, refusals in words; nothing is saved."""
    a = adjustment(event=event, now=now)
    effect = matching.effect(a.problem, a.scores, a.schedule, change)
    names = adjust.unique_names(a.names)
    refused = tuple(describe(f, names=names, tables=a.tables) for f in effect.refused)
    return dataclasses.replace(effect, refused=refused)
