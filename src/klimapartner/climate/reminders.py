"""Reminders to partners whose CO2 account for last year is missing after the coordinator's date."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from klimapartner.climate.models import ReminderDate, ReminderSent
from klimapartner.climate.programme import missing_accounts
from klimapartner.mail.delivery import render_text


def recipients(organisation) -> list[str]:
    """The partner's editors and contact persons, each address once."""
    emails = [m.user.email for m in organisation.memberships.select_related("user") if m.user.is_active]
    emails += [c.email for c in organisation.contacts.all()]
    seen, out = set(), []
    for email in emails:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            out.append(email)
    return out


def send_reminders(today) -> list[tuple[str, list[str]]]:
    """Email every partner missing last year's account once the year's reminder date has come; once per year.

    Returns (partner, recipients) for each email sent. A partner with nobody to
    write to is not marked as reminded, so it is reminded once someone is added.
    """
    year = today.year - 1
    date = ReminderDate.objects.filter(year=year).first()
    if date is None or today < date.remind_on:
        return []
    already = set(ReminderSent.objects.filter(year=year).values_list("organisation_id", flat=True))
    sent = []
    for row in missing_accounts(year):
        organisation = row.organisation
        if organisation.pk in already:
            continue
        to = recipients(organisation)
        if not to:
            continue
        with transaction.atomic():
            # Recorded first: if the mail server fails, the transaction is rolled back and tomorrow's run tries again.
            ReminderSent.objects.create(organisation=organisation, year=year, recipients=", ".join(to))
            _send(organisation, year, to)
        sent.append((organisation.slug, to))
    return sent


def _send(organisation, year, to):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": organisation, "year": year,
            "url": settings.SITE_URL.rstrip("/") + reverse("climate:edit_account",
                                                           kwargs={"slug": organisation.slug, "year": year}),
            "programme_name": settings.PROGRAMME_NAME, "municipality_name": settings.MUNICIPALITY_NAME,
        }
        subject = " ".join(render_text("climate/email_reminder_subject.txt", context).split())
        body = render_text("climate/email_reminder.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
