from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from klimapartner.expectations.reminders import send_one
from klimapartner.jobs.runner import JobFailed, job_function
from klimapartner.partners.models import Organisation


@job_function("expectations.remind", label=gettext_lazy("Remind the passive partners"))
def remind(job, *, year, organisation_ids, email_subject, email_body, user_id=None):
    """Email each chosen partner, one at a time, with progress; partners reminded lately are skipped."""
    organisations = list(Organisation.objects.filter(pk__in=organisation_ids).order_by("name"))
    if not organisations:
        raise JobFailed(_("Choose at least one partner."))
    user = get_user_model().objects.filter(pk=user_id).first()
    sent = skipped = 0
    with get_connection() as connection:
        for n, organisation in enumerate(organisations, start=1):
            if send_one(organisation=organisation, year=year, subject=email_subject, body=email_body, user=user,
                        connection=connection):
                sent += 1
            else:
                skipped += 1
            job.progress(n, len(organisations), organisation.name)
    message = ngettext("%(n)d partner reminded.", "%(n)d partners reminded.", sent) % {"n": sent}
    if skipped:
        message += " " + ngettext(
            "%(n)d skipped: reminded lately or nobody to write to.",
            "%(n)d skipped: reminded lately or nobody to write to.", skipped) % {"n": skipped}
    return {"message": message, "url": reverse("expectations:overview", args=[year]), "link": _("Back to the overview")}
