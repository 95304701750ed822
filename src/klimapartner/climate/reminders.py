"""Reminders to partners whose CO2 account for a year is missing: daily after the coordinator's date, or now."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from klimapartner.climate.models import ReminderDate, ReminderSent
from klimapartner.climate.programme import missing_accounts, recipients  # noqa: F401 (recipients: used by callers)
from klimapartner.mail import delivery


def send_reminders(today) -> list[tuple[str, list[str]]]:
    """Email every partner missing last year's account once the year's reminder date has come; once per year."""
    year = today.year - 1
    date = ReminderDate.objects.filter(year=year).first()
    if date is None or today < date.remind_on:
        return []
    return send_reminders_for(year, once=True)


def send_reminders_for(year: int, *, once: bool = False, progress=None) -> list[tuple[str, list[str]]]:
    """Email every partner still missing the year's account; returns (partner, recipients) for each.

    `once`: skip partners reminded already (the daily run). A partner with nobody
    to write to is not marked as reminded, so it is reminded once someone is added.
    Emails go out after the reminders are recorded, through the outbox that
    retries, so a failing mail server never loses or repeats a reminder.
    """
    already = set(ReminderSent.objects.filter(year=year).values_list("organisation_id", flat=True))
    sent, messages = [], []
    for row in missing_accounts(year):
        organisation = row.organisation
        if once and organisation.pk in already:
            continue
        to = row.recipients
        if not to:
            continue
        ReminderSent.objects.update_or_create(organisation=organisation, year=year,
                                              defaults={"recipients": ", ".join(to), "sent_at": timezone.now()})
        messages.append(_message(organisation, year, to))
        sent.append((organisation.slug, to))
    delivery.send(messages, progress=progress)
    return sent


def _message(organisation, year, to):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": organisation, "year": year,
            "url": settings.SITE_URL.rstrip("/") + reverse("climate:edit_account",
                                                           kwargs={"slug": organisation.slug, "year": year}),
            "programme_name": settings.PROGRAMME_NAME, "municipality_name": settings.MUNICIPALITY_NAME,
        }
        return delivery.message(to=to, subject_template="climate/email_reminder_subject.txt",
                                body_template="climate/email_reminder.txt", context=context)
