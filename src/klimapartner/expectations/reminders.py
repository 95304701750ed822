"""Reminding passive partners: the coordinator's editable email, at most once per partner in a while."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klimapartner.climate.reminders import recipients
from klimapartner.expectations.models import ReminderSent

# A partner reminded less than this long ago is not reminded again, whoever asks.
PAUSE = timedelta(days=30)


def default_text(year: int) -> tuple[str, str]:
    subject = _("We miss you in the climate partnership")
    body = _("Dear {partner},\n\n"
             "We have not seen you in the climate partnership yet this year. Every partner is expected to take "
             "part in the programme's activities, to hold an activity for citizens, to share a climate story and "
             "to submit the CO2 account for last year.\n\n"
             "See what is on its way and what is still missing for {year} on your page:\n{link}\n\n"
             "The coming activities: {activities}\n\n"
             "Kind regards,\n{municipality}")
    return subject, body


def recently_reminded(organisation_ids, *, now=None) -> dict[int, object]:
    """{organisation id: when} for the partners reminded within the pause."""
    now = now or timezone.now()
    out = {}
    for organisation, sent_at in ReminderSent.objects.filter(
            organisation_id__in=organisation_ids, sent_at__gte=now - PAUSE).values_list("organisation_id", "sent_at"):
        out.setdefault(organisation, sent_at)
    return out


def render(body: str, *, organisation, year: int) -> str:
    """The coordinator's text with the partner's name and links filled in (only these words are replaced)."""
    values = {
        "{partner}": organisation.name, "{year}": str(year), "{municipality}": settings.MUNICIPALITY_NAME,
        "{link}": settings.SITE_URL + reverse("manage:organisation", args=[organisation.slug]),
        "{activities}": settings.SITE_URL + reverse("activities:list"),
    }
    for word, value in values.items():
        body = body.replace(word, value)
    return body


def send_one(*, organisation, year: int, subject: str, body: str, user=None, connection=None) -> list[str]:
    """Email one partner's editors and contacts and record it; returns the addresses ([] if skipped)."""
    if organisation.pk in recently_reminded([organisation.pk]):
        return []
    to = recipients(organisation)
    if not to:
        return []
    message = EmailMessage(render(subject, organisation=organisation, year=year),
                           render(body, organisation=organisation, year=year), settings.DEFAULT_FROM_EMAIL, to,
                           connection=connection)
    message.send()
    ReminderSent.objects.create(organisation=organisation, year=year, recipients=", ".join(to),
                                subject=subject[:200], sent_by=user)
    return to
