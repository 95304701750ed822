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


def host_slots(tour, stop) -> list[dict]:
    """The host's visits: one per group (each group's bus comes at its own time)."""
    if tour.groups == 1:
        return [{"group": 1, "arrive": stop.arrive, "start": stop.start, "leave": stop.leave}]
    from klimapartner.tours.adapt import stop_id, time_of
    from klimapartner.tours.planning import saved_group_routes

    return [{"group": number, "arrive": time_of(leg.arrive), "start": time_of(leg.start), "leave": time_of(leg.leave)}
            for number, route in enumerate(saved_group_routes(tour), start=1)
            for leg in route.stop_legs if leg.id == stop_id(stop.site)]


def slot_text(tour, stop) -> str:
    return "; ".join(f"{s['start']:%H:%M}-{s['leave']:%H:%M}" for s in host_slots(tour, stop))


@job_function("tours.notify_hosts", label=gettext_lazy("Tell the hosts their slots"))
def notify_hosts(job, *, tour_id):
    """Email each host whose slot is new or changed: when the bus comes, for how long, and how many."""
    sent = tell_hosts(job, Tour.objects.get(pk=tour_id))
    return {"message": _("%(count)d hosts were told their slots.") % {"count": sent}}


def tell_hosts(job, tour) -> int:
    stops = [s for s in tour.stops.select_related("site__organisation") if s.notified_slot != slot_text(tour, s)]
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
                               "slots": host_slots(tour, stop), "site_url": settings.SITE_URL}
                    subject = render_to_string("tours/email/host_subject.txt", context).strip()
                    body = render_to_string("tours/email/host.txt", context)
                EmailMessage(subject, body, to=to, connection=connection).send()
                sent += 1
            stop.notified_slot, stop.notified_at = slot_text(tour, stop), timezone.now()
            stop.save(update_fields=["notified_slot", "notified_at"])
            job.progress(done, len(stops), stop.site.name)
    return sent


@job_function("tours.plan_groups", label=gettext_lazy("Plan the groups"))
def plan_groups(job, *, tour_id):
    """Each group's route round the tour's sites, no host with two groups at once; a published tour's hosts
    are told their new slots."""
    from django.urls import reverse

    from klimapartner.tours import planning
    from klimapartner.tours.words import describe

    tour = Tour.objects.get(pk=tour_id)
    if tour.groups == 1 or planning.saved_route(tour) is None:
        raise JobFailed(_("Plan and save the route first; the groups are planned round its sites."))
    job.progress(0, 1, _("Planning %(groups)s groups") % {"groups": tour.groups})
    result = planning.plan_groups_for(tour)
    if result.problems or len(result.routes) < tour.groups:
        raise JobFailed(" ".join(describe(p) for p in result.problems))
    planning.save_group_plan(tour, result)
    job.progress(1, 1, _("Planning %(groups)s groups") % {"groups": tour.groups})
    message = _("The %(groups)s groups are planned; the last one is back at %(back)s.") % {
        "groups": tour.groups, "back": formats.time_format(tour.group_plan_back)}
    if tour.is_published:
        sent = tell_hosts(job, tour)
        message += " " + _("%(count)d hosts were told their slots.") % {"count": sent}
    return {"message": message, "url": reverse("tours:tour", kwargs={"pk": tour.pk}), "link": _("See the tour")}
