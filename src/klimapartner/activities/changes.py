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


def sign_up(*, signup: SignUp, notify: bool = True) -> SignUp:
    """Save a new sign-up: registered while there is room, on the waiting list after that.

    The activity's row is locked while places are counted, so two people cannot take the last one."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=signup.activity_id)
        if signup.email:
            existing = activity.signups.filter(email__iexact=signup.email).exclude(
                status=SignUpStatus.CANCELLED).first()
            if existing:
                raise AlreadySignedUp(existing)
        if activity.capacity is not None and taken_places(activity) >= activity.capacity:
            signup.status = SignUpStatus.WAITING
        signup.save()
    if notify and signup.email:
        send([_message(to=signup.email, template="signed_up", language=signup.language,
                       context={"activity": activity, "signup": signup},
                       ics=calendar.activity_ics(activity) if signup.status == SignUpStatus.REGISTERED else None)])
    return signup


def cancel(*, signup: SignUp) -> SignUp | None:
    """Cancel a sign-up; the first on the waiting list takes the place and is told. Returns who moved up."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=signup.activity_id)
        was_registered = signup.status == SignUpStatus.REGISTERED
        signup.status = SignUpStatus.CANCELLED
        signup.save(update_fields=["status"])
        first = None
        if was_registered:
            first = activity.signups.filter(status=SignUpStatus.WAITING).order_by("created", "pk").first()
            if first:
                first.status = SignUpStatus.REGISTERED
                first.save(update_fields=["status"])
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
