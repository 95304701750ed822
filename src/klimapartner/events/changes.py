"""Every change to a partnership day goes through a function here: change, then notify."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from klimapartner.activities import changes as activities
from klimapartner.collaborations import changes as collaborations
from klimapartner.events import planning
from klimapartner.events.models import (
    Event,
    Feedback,
    Invitation,
    ItemKind,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
    Seat,
    Table,
)
from klimapartner.mail import delivery
from klimapartner.partners.models import Organisation


def absolute(name, *args) -> str:
    """A full link for an email, in the active language."""
    return settings.SITE_URL + reverse(name, args=args)


def _message(*, to, template, language, context) -> EmailMessage:
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"programme_name": settings.PROGRAMME_NAME, "municipality_name": settings.MUNICIPALITY_NAME,
                   **context}
        if "registration" in context:
            context["personal_url"] = absolute("events:personal", context["registration"].token)
            context["agenda"] = planning.agenda(registration=context["registration"])
        if "invitation" in context:
            context["register_url"] = absolute("events:register", context["invitation"].token)
        return delivery.message(to=to, subject_template=f"events/email/{template}_subject.txt",
                                body_template=f"events/email/{template}.txt", context=context)


def _send(messages, progress=None) -> int:
    """Send over one connection; what the mail server does not take is kept and sent again later.

    `progress(done, total)` is called as the messages go (a background job's progress bar).
    """
    return delivery.send(messages, progress=progress)


# -- before the day ----------------------------------------------------------


def add_programme(*, event, talk_at, talk_minutes: int, first_round_at, rounds: int, minutes: int, pause: int):
    """A standard programme: a talk, then `rounds` matchmaking rounds with short breaks between them."""
    day = event.date

    def later(t, plus):
        return (datetime.combine(day, t) + timedelta(minutes=plus)).time()

    items = [ProgrammeItem(event=event, kind=ItemKind.TALK, starts=talk_at, minutes=talk_minutes)] if talk_minutes else []
    for n in range(rounds):
        start = later(first_round_at, n * (minutes + pause))
        items.append(ProgrammeItem(event=event, kind=ItemKind.ROUND, starts=start, minutes=minutes))
        if pause and n < rounds - 1:
            items.append(ProgrammeItem(event=event, kind=ItemKind.BREAK, starts=later(start, minutes), minutes=pause))
    ProgrammeItem.objects.bulk_create(items)
    event.sync_times()


def add_tables(*, event, count: int, min_seats: int, max_seats: int):
    Table.objects.bulk_create(
        [Table(event=event, name=str(n), min_seats=min_seats, max_seats=max_seats) for n in range(1, count + 1)]
    )


def invited_organisations(event):
    return Organisation.objects.all() if event.invite_all else event.invited.all()


def _wanted_invitations(event, guests) -> dict:
    """{email: organisation or None} of everyone the event invites: partners' editors and contacts, and guests."""
    wanted = {}
    for organisation in invited_organisations(event).prefetch_related("contacts", "memberships__user"):
        emails = [c.email for c in organisation.contacts.all() if c.email]
        emails += [m.user.email for m in organisation.memberships.all() if m.user.email]
        for email in emails:
            wanted.setdefault(email.lower(), organisation)
    for email in guests:
        wanted.setdefault(email.lower(), None)
    return wanted


def invitation_recipients(*, event, guests=()) -> list[str]:
    """The addresses an `invite` now would email: those not invited yet, and those whose invitation never went."""
    unsent = set(Invitation.objects.filter(event=event, sent_at__isnull=True).values_list("email", flat=True))
    existing = set(Invitation.objects.filter(event=event).values_list("email", flat=True))
    return sorted({e for e in _wanted_invitations(event, guests) if e not in existing} | unsent)


def invite(*, event, guests=(), progress=None) -> int:
    """Email an invitation with a personal link to each invited partner's editors and contact persons
    (and to guest addresses); nobody is invited twice. Returns the number sent."""
    wanted = _wanted_invitations(event, guests)
    existing = set(Invitation.objects.filter(event=event).values_list("email", flat=True))
    Invitation.objects.bulk_create(
        [Invitation(event=event, email=e, organisation=o) for e, o in wanted.items() if e not in existing]
    )
    new = list(Invitation.objects.filter(event=event, sent_at__isnull=True).select_related("organisation"))
    sent = _send((_message(to=i.email, template="invitation", language=settings.LANGUAGE_CODE,
                           context={"event": event, "invitation": i}) for i in new), progress)
    Invitation.objects.filter(pk__in=[i.pk for i in new]).update(sent_at=timezone.now())
    return sent


def invite_colleague(*, registration, email) -> Invitation:
    """A registered person asks us to invite a colleague: the colleague gets their own invitation (for the
    same partner) and registers with it, at an address that is then known to be theirs."""
    invitation, _created = Invitation.objects.get_or_create(
        event=registration.event, email=email.lower(), defaults={"organisation": registration.organisation})
    if not Registration.objects.filter(invitation=invitation).exists():
        sent = _send([_message(to=invitation.email, template="colleague", language=registration.language,
                               context={"event": registration.event, "invitation": invitation,
                                        "colleague": registration})])
        if sent:
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return invitation


def send_reminders(*, now=None, days: int = 3) -> int:
    """Remind invited people who have not registered, once, when the deadline is less than `days` away."""
    now = now or timezone.now()
    invitations = Invitation.objects.filter(
        event__registration_deadline__gt=now, event__registration_deadline__lte=now + timedelta(days=days),
        sent_at__isnull=False, reminded_at__isnull=True,
    ).select_related("event", "organisation")
    registered = set(Registration.objects.filter(event__in={i.event_id for i in invitations})
                     .values_list("event_id", "email"))
    due = [i for i in invitations if (i.event_id, i.email) not in registered and
           (i.event_id, i.email.lower()) not in {(e, m.lower()) for e, m in registered}]
    sent = _send(_message(to=i.email, template="reminder", language=settings.LANGUAGE_CODE,
                          context={"event": i.event, "invitation": i}) for i in due)
    Invitation.objects.filter(pk__in=[i.pk for i in due]).update(reminded_at=now)
    return sent


def _lock_day(event_id) -> Event:
    """Lock the day's row (and its activity's) until the transaction ends: registrations, cancellations
    and promotions of one day happen one at a time, by the activities' rule (activities/changes.py)."""
    return Event.objects.select_for_update().get(pk=event_id)


def register(*, registration, invitation=None, notify=True) -> Registration:
    """Save a new registration: registered while there is room, on the waiting list after that.

    An invitation registers one person: when it has been used already, the registration it made is
    returned and nothing is saved.
    """
    with transaction.atomic():
        event = _lock_day(registration.event_id)
        if invitation is not None:
            existing = Registration.objects.filter(invitation=invitation).first()
            if existing:
                return existing
            registration.invitation = invitation
        activities.place(registration, activity=event).save()
    if notify and registration.email:
        _send([_message(to=registration.email, template="registered", language=registration.language,
                        context={"event": event, "registration": registration})])
    return registration


def cancel(*, registration) -> Registration | None:
    """Cancel a registration; the first on the waiting list takes the place and is told. Returns who moved up."""
    with transaction.atomic():
        event = _lock_day(registration.event_id)
        first = activities.release(registration, activity=event)
    # After the commit: the email never announces a place a rolled-back transaction took away.
    if first and first.email:
        _send([_message(to=first.email, template="moved_up", language=first.language,
                        context={"event": event, "registration": first})])
    return first


def withdraw_consent(*, registration):
    """The person no longer lets us use their data: cancel, and erase what they told us beyond their name."""
    registration.consent = False
    registration.consent_withdrawn_at = timezone.now()
    registration.dietary = registration.role = ""
    registration.offers, registration.needs, registration.rounds = {}, {}, []
    registration.save()
    registration.themes.clear()
    registration.must_meet.clear()
    registration.rather_not.clear()
    if registration.status != RegistrationStatus.CANCELLED:
        cancel(registration=registration)


def _agenda_messages(registrations, *, event, template):
    return (
        _message(to=r.email, template=template, language=r.language, context={"event": event, "registration": r})
        for r in registrations if r.email
    )


def agenda_recipients(event):
    """Everyone with a meeting in the schedule who can be emailed: publishing sends each their agenda."""
    return (Registration.objects.filter(seats__meeting__event=event, status=RegistrationStatus.REGISTERED)
            .exclude(email="").distinct().select_related("event").order_by("name", "pk"))


def publish(*, event, progress=None) -> int:
    """Publish the schedule and email each participant their agenda. Returns the number of emails."""
    event.published_at = timezone.now()
    event.save(update_fields=["published_at"])
    return _send(_agenda_messages(agenda_recipients(event), event=event, template="agenda"), progress)


# -- on the day ---------------------------------------------------------------


def check_in(*, registration):
    registration.checked_in_at = timezone.now()
    registration.no_show = False
    registration.save(update_fields=["checked_in_at", "no_show"])


def undo_check_in(*, registration):
    registration.checked_in_at = None
    registration.save(update_fields=["checked_in_at"])


def walk_in(*, registration):
    """Someone who turns up unregistered: registered and checked in on the spot, whatever the capacity."""
    registration.walk_in = True
    registration.consent = True
    registration.checked_in_at = timezone.now()
    registration.save()
    return registration


def apply_replan(*, event, held_rounds: int, no_shows, late_arrivals, progress=None) -> tuple[object, int]:
    """Re-plan the remaining rounds, save them, and notify only the people whose meetings changed."""
    result = planning.replan_event(event=event, held_rounds=held_rounds, no_shows=no_shows,
                                   late_arrivals=late_arrivals)
    changed = changed_people(result, no_shows=no_shows)
    with transaction.atomic():
        Registration.objects.filter(pk__in=[r.pk for r in no_shows]).update(no_show=True)
        planning.save_meetings(event=event, schedule=result.schedule, after_round=held_rounds)
    people = (Registration.objects.filter(pk__in=changed, event=event, status=RegistrationStatus.REGISTERED)
              .exclude(no_show=True))
    return result, _send(_agenda_messages(people, event=event, template="changed"), progress)


def changed_people(result, *, no_shows=()) -> set[int]:
    """Registrations (present ones) whose agenda a re-plan changes: the engine's `affected`."""
    return planning.affected_registrations(result) - {r.pk for r in no_shows}


class Refused(ValueError):
    """A manual change that breaks a rule; `reasons` says which, in sentences."""

    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


def apply_change(*, event, change, now=None) -> tuple[object, int]:
    """Make the coordinator's move or swap, unless it breaks a rule; once published, tell the people it affects.

    Returns the effect and the number of emails sent; raises Refused with the broken rules.
    """
    effect = planning.preview_change(event=event, change=change, now=now)
    if not effect.allowed:
        raise Refused(effect.refused)
    held = planning.rounds_held(event, now=now)
    with transaction.atomic():
        # At tables a change can move value between rounds, so every round still to come is saved again.
        planning.save_meetings(event=event, schedule=effect.after, after_round=held)
        Event.objects.filter(pk=event.pk).update(objective=effect.after.objective)
    event.refresh_from_db()
    if not event.published_at:
        return effect, 0
    changed = {planning.registration_pk(p) for p in effect.affected}
    people = Registration.objects.filter(pk__in=changed, event=event).exclude(no_show=True)
    return effect, _send(_agenda_messages(people, event=event, template="adjusted"))


def pin(*, meeting, registration=None, pinned=True):
    """Pin (or unpin) a whole meeting, or one seat of it: running the engine again keeps what is pinned."""
    seats = meeting.seats.all()
    if registration is not None:
        seats = seats.filter(registration=registration)
    seats.update(pinned=pinned)


# -- after the day ------------------------------------------------------------


def feedback_recipients(event):
    """Everyone who had meetings and came (not cancelled, not a no-show)."""
    return (Registration.objects.filter(event=event, seats__isnull=False, no_show=False,
                                        status=RegistrationStatus.REGISTERED)
            .exclude(email="").distinct().order_by("name", "pk"))


def request_feedback(*, event, progress=None) -> int:
    """Email everyone who attended a link to give feedback on their meetings."""
    return _send(_agenda_messages(feedback_recipients(event), event=event, template="feedback"), progress)


def meeting_took_place(meeting, *, now=None, rounds=None) -> bool:
    """Feedback is for meetings that happened: on a published schedule, once the meeting's round is over.
    `rounds` (the event's, in order) saves a query per meeting when asking for a whole agenda."""
    event = meeting.event
    if not event.published_at:
        return False
    rounds = event.rounds if rounds is None else rounds
    if meeting.round > len(rounds):
        return False
    return (now or timezone.now()) >= rounds[meeting.round - 1].end


@transaction.atomic
def save_feedback(*, registration, meeting, useful: int, follow_up: bool, now=None) -> Feedback:
    """Record feedback; when two partners at the meeting both want to follow up, it is a collaboration to
    be confirmed by them (or the coordinator) before it is public.

    Raises Refused before the meeting has taken place."""
    if not meeting_took_place(meeting, now=now):
        raise Refused(["feedback before the meeting"])
    feedback, _ = Feedback.objects.update_or_create(
        meeting=meeting, registration=registration, defaults={"useful": useful, "follow_up": follow_up}
    )
    if follow_up and registration.organisation_id:
        others = Seat.objects.filter(
            meeting=meeting, registration__feedback__meeting=meeting, registration__feedback__follow_up=True,
            registration__organisation__isnull=False,
        ).exclude(registration=registration).values_list("registration__organisation_id", flat=True)
        for other in set(others) - {registration.organisation_id}:
            collaborations.propose_from_meeting(event=meeting.event, organisation_ids=[registration.organisation_id, other])
    return feedback
