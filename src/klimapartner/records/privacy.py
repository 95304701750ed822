"""Personal data: everything about one person (export), forgetting a person (erase), and retention.

A person is found by their email address, the one thing every record of them carries: sign-in accounts,
contact persons, sign-ups and registrations, invitations, ideas they own, follow-ups, sites they host,
emails still in the outbox. Through those the rest follows: seats and feedback (a registration's),
stories and log entries (an account's), audit entries (an account's).

Erasing keeps what the programme counts and reports (how many came to an activity, how many meetings a
day had, how useful they were): a sign-up is anonymised (`SignUp.anonymise`), not deleted; records that
only say who someone is (accounts, contact persons, invitations, follow-ups, the outbox) are deleted.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from klimapartner.accounts.models import Attempt
from klimapartner.activities.models import ANONYMOUS, Activity, SignUp
from klimapartner.collaborations.models import CollaborationPartner, FollowUp, Idea, LogEntry
from klimapartner.events.models import Feedback, Invitation, Registration, Seat
from klimapartner.expectations.models import ReminderSent
from klimapartner.mail.models import PendingEmail
from klimapartner.climate.models import KlimakompassetReport
from klimapartner.jobs.models import Job
from klimapartner.partners.models import ContactPerson, Membership, Upload
from klimapartner.stories.models import Story
from klimapartner.tours.models import Site

# Never in an export: secrets that would let the file's reader act as the person.
SECRET_FIELDS = {"password", "token"}


def row(instance) -> dict:
    """Every field of one row, as plain data: a link to another row as its id and name, many links as names."""
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in SECRET_FIELDS or (f.one_to_one and f.remote_field.parent_link) or isinstance(f, models.BinaryField):
            continue
        if f.is_relation:
            related = getattr(instance, f.name)
            data[f.name] = None if related is None else {"id": related.pk, "name": str(related)}
        else:
            data[f.name] = f.value_from_object(instance)
    for f in instance._meta.many_to_many:
        data[f.name] = [str(o) for o in getattr(instance, f.name).all()]
    return data


def _people(email):
    return get_user_model().objects.filter(email__iexact=email)


def _signups(email):
    return SignUp.objects.filter(email__iexact=email).select_related("activity", "organisation")


def _outbox(email):
    email = email.lower()
    return [m for m in PendingEmail.objects.filter(Q(to__icontains=email) | Q(body__icontains=email))
            if email in [a.lower() for a in m.to] or email in m.body.lower()]


def records(email: str) -> dict[str, list]:
    """Every row stored about the person with this email address, section by section."""
    users = list(_people(email))
    signups = list(_signups(email))
    registrations = list(Registration.objects.filter(signup_ptr__in=[s.pk for s in signups]))
    registration_ids = [r.pk for r in registrations]
    user_ids = [u.pk for u in users]
    return {
        "users": users,
        "memberships": list(Membership.objects.filter(user__in=user_ids).select_related("organisation")),
        "contact_persons": list(ContactPerson.objects.filter(email__iexact=email)),
        "sign_ups": signups,
        "registrations": registrations,
        "seats": list(Seat.objects.filter(registration__in=registration_ids).select_related("meeting")),
        "feedback": list(Feedback.objects.filter(registration__in=registration_ids).select_related("meeting")),
        "invitations": list(Invitation.objects.filter(email__iexact=email).select_related("event")),
        "ideas": list(Idea.objects.filter(Q(owner_email__iexact=email)
                                          | Q(registration__in=registration_ids)).distinct()),
        "log_entries": list(LogEntry.objects.filter(author__in=user_ids)),
        "follow_ups": list(FollowUp.objects.filter(email__iexact=email)),
        "collaboration_confirmations": list(CollaborationPartner.objects.filter(confirmed_by__in=user_ids)),
        "stories": list(Story.objects.filter(author__in=user_ids)),
        "sites": list(Site.objects.filter(host_email__iexact=email)),
        "reminders": list(ReminderSent.objects.filter(recipients__icontains=email)),
        "outbox": _outbox(email),
        "uploads": list(Upload.objects.filter(user__in=user_ids)),
        "klimakompasset_reports": list(KlimakompassetReport.objects.filter(uploaded_by__in=user_ids)),
        "jobs": list(Job.objects.filter(user__in=user_ids)),
        "audit_entries": list(_audit_entries(user_ids)),
    }


def _extra(instance) -> dict:
    """What a row means only with its neighbour: a seat's and a feedback's round and table."""
    if isinstance(instance, (Seat, Feedback)):
        extra = {"round": instance.meeting.round}
        if isinstance(instance, Seat):
            extra["table"] = instance.meeting.table
        return extra
    return {}


def export(email: str) -> dict:
    """Everything stored about the person with this email address, as plain data (for a JSON file)."""
    sections = {key: [dict(row(i), **_extra(i)) for i in rows] for key, rows in records(email).items()}
    return {"email": email, "exported": timezone.now(), "sections": sections}


# Fields the models left without a translatable name.
UNNAMED = {"created": gettext_lazy("created"), "language": gettext_lazy("language"), "user": gettext_lazy("user"),
           "updated": gettext_lazy("changed"), "organisation": gettext_lazy("partner"), "event": gettext_lazy("partnership day")}


def _shown(value):
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return "" if value is None else value


def readable(instance) -> list[tuple[str, object]]:
    """One row for a person to read: each field's name in the active language, and its value as shown."""
    fields = []
    for f in instance._meta.concrete_fields:
        if (f.name in SECRET_FIELDS or f.name == "id" or (f.one_to_one and f.remote_field.parent_link)
                or isinstance(f, models.BinaryField)):
            continue
        if f.is_relation:
            value = getattr(instance, f.name)
        elif f.choices:
            value = getattr(instance, f"get_{f.name}_display")()
        else:
            value = f.value_from_object(instance)
        fields.append((str(UNNAMED.get(f.name, f.verbose_name)), _shown(value)))
    for f in instance._meta.many_to_many:
        fields.append((str(f.verbose_name), ", ".join(str(o) for o in getattr(instance, f.name).all())))
    return fields


def _audit_entries(user_ids):
    from klimapartner.records.models import AuditEntry

    return AuditEntry.objects.filter(actor__in=user_ids)


@dataclass
class Erased:
    """How many records of each kind were deleted or anonymised."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind, n):
        if n:
            self.counts[kind] = self.counts.get(kind, 0) + n

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def anonymise_signups(signups) -> int:
    """Anonymise sign-ups (a partnership day's registrations with what they told us)."""
    n = 0
    for signup in signups:
        target = getattr(signup, "registration", None) if not isinstance(signup, Registration) else signup
        (target or signup).anonymise()
        n += 1
    return n


@transaction.atomic
def erase(email: str) -> Erased:
    """Forget the person with this email address, in one transaction: all or nothing."""
    erased = Erased()
    users = list(_people(email))
    names = {s.name for s in _signups(email)} | {c.name for c in ContactPerson.objects.filter(email__iexact=email)} \
        | {u.get_full_name() for u in users}
    names.discard("")
    erased.add("sign_ups", anonymise_signups(_signups(email).select_related("registration")))
    erased.add("contact_persons", ContactPerson.objects.filter(email__iexact=email).delete()[0])
    # An invitation counts as sent; only the address goes (unique per day, hence one per row).
    for invitation in Invitation.objects.filter(email__iexact=email):
        invitation.email = f"erased-{invitation.pk}@invalid"
        invitation.save(update_fields=["email"])
        erased.add("invitations", 1)
    erased.add("ideas", Idea.objects.filter(owner_email__iexact=email).update(owner="", owner_email=""))
    erased.add("follow_ups", FollowUp.objects.filter(email__iexact=email).delete()[0])
    erased.add("sites", Site.objects.filter(host_email__iexact=email).update(host_email=""))
    for reminder in ReminderSent.objects.filter(recipients__icontains=email):
        reminder.recipients = ", ".join(a for a in (x.strip() for x in reminder.recipients.split(","))
                                        if a.lower() != email.lower())
        reminder.save(update_fields=["recipients"])
        erased.add("reminders", 1)
    outbox = _outbox(email)
    erased.add("outbox", PendingEmail.objects.filter(pk__in=[m.pk for m in outbox]).delete()[0] if outbox else 0)
    erased.add("sign_in_attempts", Attempt.objects.filter(key__iexact=email).delete()[0])
    if names:
        name_match = Q()
        for name in names:
            name_match |= Q(author_name__iexact=name)
        erased.add("log_entries", LogEntry.objects.filter(name_match).update(author_name=""))
        # The admin's own history names what it changed ("Mette Holm"): that line goes.
        admin_match = Q(user__in=users)
        for name in names | {email}:
            admin_match |= Q(object_repr__icontains=name) | Q(change_message__icontains=name)
        erased.add("admin_history", AdminLogEntry.objects.filter(admin_match).delete()[0])
    erased.add("users", get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()[1].get(
        get_user_model()._meta.label, 0))
    # After the account: deleting it (and its memberships) writes audit entries naming it.
    _erase_audit(names | {email}, erased)
    return erased


def _erase_audit(words, erased):
    """The audit log keeps what was changed, not by whom nor the person's details in it."""
    from klimapartner.records.models import AuditEntry

    match = Q()
    for word in words:
        match |= Q(actor_name__icontains=word) | Q(object_repr__icontains=word) | Q(changes__icontains=word)
    for entry in AuditEntry.objects.filter(match):
        entry.forget(words)
        erased.add("audit_entries", 1)


# -- when a partner is deleted ------------------------------------------------


def forget_partner(organisation) -> None:
    """Before a partner is deleted: its editors can no longer sign in (unless they edit another partner), and
    its people's sign-ups are anonymised (the sign-ups stay counted; the partner link goes with the partner)."""
    others = Membership.objects.exclude(organisation=organisation).values("user")
    editors = get_user_model().objects.filter(memberships__organisation=organisation, is_staff=False)
    editors.exclude(pk__in=others).update(is_active=False)
    anonymise_signups(SignUp.objects.filter(organisation=organisation).exclude(name=ANONYMOUS)
                      .select_related("registration"))
    Idea.objects.filter(owner_organisation=organisation).update(owner="", owner_email="")


# -- retention ----------------------------------------------------------------


def retention_cutoff(today=None) -> datetime.date:
    """Activities held before this day have had their personal data kept long enough."""
    today = today or timezone.localdate()
    years = settings.PERSONAL_DATA_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@transaction.atomic
def apply_retention(today=None) -> Erased:
    """Anonymise the sign-ups and invitations of activities held before the cutoff."""
    cutoff = retention_cutoff(today)
    erased = Erased()
    old = Activity.objects.filter(date__lt=cutoff)
    erased.add("sign_ups", anonymise_signups(
        SignUp.objects.filter(activity__in=old).exclude(name=ANONYMOUS, email="").select_related("registration")))
    for invitation in Invitation.objects.filter(event__in=old).exclude(email__endswith="@invalid"):
        invitation.email = f"erased-{invitation.pk}@invalid"
        invitation.save(update_fields=["email"])
        erased.add("invitations", 1)
    erased.add("follow_ups", FollowUp.objects.filter(idea__event__in=old).delete()[0])
    return erased


def text_columns():
    """(model, field name) of every text column: where a name or an address could be stored."""
    from django.apps import apps

    kinds = (models.CharField, models.TextField, models.JSONField)
    return [(m, f.name) for m in apps.get_models() for f in m._meta.concrete_fields
            if isinstance(f, kinds) and not (f.one_to_one and f.remote_field.parent_link)]
