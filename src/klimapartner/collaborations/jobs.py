"""Background jobs: the follow-up emails in bulk, and the network's betweenness when it is large."""

import time

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from klimapartner.collaborations import network
from klimapartner.collaborations.followup import send_follow_ups
from klimapartner.collaborations.models import NetworkSnapshot
from klimapartner.jobs.runner import job_function


@job_function("collaborations.follow_up", label=gettext_lazy("Send the follow-up emails"))
def follow_up(job):
    sent = send_follow_ups(progress=lambda done, total: job.progress(
        done, total, _("%(done)s of %(total)s emails") % {"done": done, "total": total}))
    return {"message": ngettext("%(n)s follow-up email was sent.", "%(n)s follow-up emails were sent.", sent)
            % {"n": sent}, "url": reverse("collaborations:follow_up"), "link": _("Back to the follow-up list")}


def refresh_snapshot() -> NetworkSnapshot:
    """Compute the whole public network's betweenness and store it (keeps the last three)."""
    start = time.perf_counter()
    whole = network.build()
    scores = network.betweenness(whole)
    snapshot = NetworkSnapshot.objects.create(
        fingerprint=whole.fingerprint(), scores={str(k): round(v, 6) for k, v in scores.items()},
        seconds=round(time.perf_counter() - start, 2),
    )
    NetworkSnapshot.objects.exclude(pk__in=NetworkSnapshot.objects.values("pk")[:3]).delete()
    return snapshot


@job_function("collaborations.network", label=gettext_lazy("Find the partners that bridge the network"))
def network_snapshot(job):
    job.progress(0, 1, _("Computing"))
    refresh_snapshot()
    return {"message": _("The network's bridging partners are up to date.")}
