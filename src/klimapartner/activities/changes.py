"""Every change to an activity or a sign-up goes through a function here: change, then notify."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from klimapartner.activities import calendar
from klimapartner.activities.models import Activity, ActivityStatus, SignUp, SignUpStatus


class AlreadySignedUp(Exception):
    """The email address already has a place (or a place on the waiting list) at the activity."""

    def __init__(self, signup):
        super().__init__(signup.email)
        self.signup = signup


def absolute(name, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _message(*, to, template, language, context, ics=None) -> EmailMessage:
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"programme_name": settings.PROGRAMME_NAME, "municipality_name": settings.MUNICIPALITY_NAME,
                   **context}
        if "signup" in context:
            context["personal_url"] = absolute("activities:signup", context["signup"].token)
        if "activity" in context:
            context["activity_url"] = absolute("activities:activity", context["activity"].pk)
        subject = " ".join(render_to_string(f"activities/email/{template}_subject.txt", context).split())
        body = render_to_string(f"activities/email/{template}.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to if isinstance(to, list) else [to])
    if ics:
        message.attach(f"aktivitet-{context['activity'].pk}.ics", ics, "text/calendar")
    return message


def send(messages) -> int:
    """Send over one SMTP connection."""
    messages = list(messages)
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def taken_places(activity) -> int:
    return activity.signups.filter(status=SignUpStatus.REGISTERED).count()


# -- the waiting list: one rule for every kind of activity, partnership days too (events/changes.py) ------


def lock(activity_id) -> Activity:
    """Lock the activity's row until the transaction ends, so sign-ups, cancellations and promotions of
    one activity happen one at a time (SELECT … FOR UPDATE on PostgreSQL; on SQLite every transaction
    already takes the database's write lock when it begins)."""
    return Activity.objects.select_for_update().get(pk=activity_id)


def is_full(activity) -> bool:
    """No place left (an activity without a capacity is never full). Ask under `lock`."""
    return activity.capacity is not None and taken_places(activity) >= activity.capacity


def place(signup: SignUp, *, activity) -> SignUp:
    """A new sign-up gets a place while there is room and goes on the waiting list after that. Call under
    `lock`; the caller saves."""
    signup.status = SignUpStatus.WAITING if is_full(activity) else SignUpStatus.REGISTERED
    return signup


def release(signup: SignUp, *, activity) -> SignUp | None:
    """Cancel `signup` under `lock`; when it held a place that is now free, the first on the waiting list
    takes it. Returns who moved up (of the sign-up's own class), or None.

    The sign-up is read again under the lock: a parallel request may have cancelled it a moment ago, and
    one cancellation frees one place."""
    model = type(signup)
    current = model.objects.get(pk=signup.pk)
    signup.status = SignUpStatus.CANCELLED
    if current.status == SignUpStatus.CANCELLED:
        return None
    model.objects.filter(pk=signup.pk).update(status=SignUpStatus.CANCELLED)
    if current.status != SignUpStatus.REGISTERED or is_full(activity):
        return None
    first = model.objects.filter(activity_id=activity.pk, status=SignUpStatus.WAITING).order_by("created", "pk").first()
    if first:
        first.status = SignUpStatus.REGISTERED
        first.save(update_fields=["status"])
    return first


def sign_up(*, signup: SignUp, notify: bool = True) -> SignUp:
    """Save a new sign-up: registered while there is room, on the waiting list after that."""
    with transaction.atomic():
        activity = lock(signup.activity_id)
        if signup.email:
            existing = activity.signups.filter(email__iexact=signup.email).exclude(
                status=SignUpStatus.CANCELLED).first()
            if existing:
                raise AlreadySignedUp(existing)
        place(signup, activity=activity).save()
    if notify and signup.email:
        send([_message(to=signup.email, template="signed_up", language=signup.language,
                       context={"activity": activity, "signup": signup},
                       ics=calendar.activity_ics(activity) if signup.status == SignUpStatus.REGISTERED else None)])
    return signup


def cancel(*, signup: SignUp) -> SignUp | None:
    """Cancel a sign-up; the first on the waiting list takes the place and is told. Returns who moved up."""
    with transaction.atomic():
        activity = lock(signup.activity_id)
        first = release(signup, activity=activity)
    if first and first.email:
        send([_message(to=first.email, template="moved_up", language=first.language,
                       context={"activity": activity, "signup": first}, ics=calendar.activity_ics(activity))])
    return first


def set_attendance(*, signup: SignUp, present: bool) -> SignUp:
    """Check someone in at the door, or tick them off (or un-tick them) afterwards."""
    signup.checked_in_at = (signup.checked_in_at or timezone.now()) if present else None
    signup.no_show = not present and signup.activity.is_past
    signup.save(update_fields=["checked_in_at", "no_show"])
    return signup


def add_walk_in(*, activity: Activity, name: str, email: str = "", organisation=None) -> SignUp:
    """Someone came without signing up: they are there, so they count as attending."""
    return SignUp.objects.create(activity=activity, name=name, email=email, organisation=organisation,
                                 walk_in=True, checked_in_at=timezone.now(), consent=bool(email))


def send_reminders(*, now=None, hours: int = 48) -> int:
    """Remind everyone with a place, once, when their activity starts within `hours`. Returns the number sent."""
    now = now or timezone.now()
    soon = timezone.localtime(now + timedelta(hours=hours)).date()
    signups = (SignUp.objects.filter(status=SignUpStatus.REGISTERED, reminded_at__isnull=True,
                                     activity__status=ActivityStatus.APPROVED,
                                     activity__date__gte=timezone.localdate(now), activity__date__lte=soon)
               .exclude(email="").select_related("activity"))
    due = [s for s in signups if now <= s.activity.start <= now + timedelta(hours=hours)]
    sent = send(_message(to=s.email, template="reminder", language=s.language,
                         context={"activity": s.activity, "signup": s}) for s in due)
    SignUp.objects.filter(pk__in=[s.pk for s in due]).update(reminded_at=now)
    return sent


# -- partners' own activities ---------------------------------------------------


def _editor_emails(organisation) -> list[str]:
    return sorted({m.user.email for m in organisation.memberships.select_related("user") if m.user.email})


def submit(*, activity: Activity) -> Activity:
    """A partner's own activity waits for the coordinator (again, after being turned down)."""
    if activity.status in (ActivityStatus.REJECTED, ActivityStatus.SUBMITTED) or activity._state.adding:
        activity.status = ActivityStatus.SUBMITTED
    activity.save()
    return activity


def review(*, activity: Activity, approve: bool, comment: str = "") -> int:
    """The coordinator approves a partner's activity or turns it down with a comment; the editors are told."""
    activity.status = ActivityStatus.APPROVED if approve else ActivityStatus.REJECTED
    activity.review_comment = comment
    activity.save(update_fields=["status", "review_comment"])
    if not activity.organiser_id:
        return 0
    to = _editor_emails(activity.organiser)
    if not to:
        return 0
    return send([_message(to=to, template="reviewed", language=settings.LANGUAGE_CODE,
                          context={"activity": activity, "approved": approve, "comment": comment,
                                   "manage_url": absolute("activities:manage_list", activity.organiser.slug)})])
