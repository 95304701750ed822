"""Background jobs of the tours app."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimapartner.jobs.runner import JobFailed, job_function
from klimapartner.tours.models import Tour


def host_addresses(site) -> list[str]:
    """Who hears about visits to a site: its own address, else the partner's editors."""
    if site.host_email:
        return [site.host_email]
    return sorted({m.user.email for m in site.organisation.memberships.select_related("user") if m.user.email})


def slot_text(stop) -> str:
    return f"{stop.start:%H:%M}-{stop.leave:%H:%M}"


@job_function("tours.notify_hosts", label=gettext_lazy("Tell the hosts their slots"))
def notify_hosts(job, *, tour_id):
    """Email each host whose slot is new or changed: when the bus comes, for how long, and how many."""
    tour = Tour.objects.get(pk=tour_id)
    stops = [s for s in tour.stops.select_related("site__organisation") if s.notified_slot != slot_text(s)]
    if not tour.stops.exists():
        raise JobFailed(_("The tour has no stops."))
    group = tour.capacity
    sent = 0
    with get_connection() as connection:
        for done, stop in enumerate(stops, start=1):
            to = host_addresses(stop.site)
            if to:
                with translation.override("da"):
                    context = {"tour": tour, "stop": stop, "group": group, "changed": bool(stop.notified_slot),
                               "site_url": settings.SITE_URL}
                    subject = render_to_string("tours/email/host_subject.txt", context).strip()
                    body = render_to_string("tours/email/host.txt", context)
                EmailMessage(subject, body, to=to, connection=connection).send()
                sent += 1
            stop.notified_slot, stop.notified_at = slot_text(stop), timezone.now()
            stop.save(update_fields=["notified_slot", "notified_at"])
            job.progress(done, len(stops), stop.site.name)
    return {"message": _("%(count)d hosts were told their slots.") % {"count": sent}}
