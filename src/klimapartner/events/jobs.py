"""The partnership day's long work as background jobs: scheduling, re-planning and the bulk emails.

Each job computes first and writes its outcome in one short transaction (see klimapartner/jobs/README.md);
the event's page shows the progress bar and then the result.
"""

import threading
import time
from smtplib import SMTPException

from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from klimapartner import matching
from klimapartner.events import changes, planning
from klimapartner.events.models import Event, Registration
from klimapartner.jobs.runner import JobFailed, job_function

# The jobs a partnership day's page shows while they run (their subject is the event).
EVENT_JOBS = ("events.schedule", "events.publish", "events.replan", "events.invite", "events.feedback")


def _event(event_id) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise JobFailed(_("The partnership day no longer exists."))
    return event


def _event_url(event, anchor="") -> str:
    return reverse("events:event", args=[event.pk]) + anchor


class _Ticker:
    """Moves the bar while the engine works, from `start` to `end` percent over `seconds`: the engine
    says nothing while it searches, but it never runs longer than its time limit."""

    def __init__(self, job, *, seconds, start, end, message):
        self.job, self.seconds, self.start, self.end, self.message = job, max(seconds, 0.1), start, end, message
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        began = time.monotonic()
        try:
            while not self.stop.wait(0.5):
                share = min((time.monotonic() - began) / self.seconds, 1.0)
                try:
                    self.job.progress(int(self.start + (self.end - self.start) * share), 100, self.message)
                except DatabaseError:  # SQLite busy with the job's own save: the next tick will do
                    pass
        finally:
            connection.close()  # the thread's own database connection

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def _mail_progress(job, *, start=0, end=100, before=None):
    """A `progress(done, total)` for changes._send that moves the bar from `start` to `end` percent."""
    def progress(done, total):
        if before is not None:
            before()
        job.progress(int(start + (end - start) * done / total), 100, ngettext(
            "%(done)d of %(total)d email sent", "%(done)d of %(total)d emails sent", total) % {
            "done": done, "total": total})
    return progress


@job_function("events.schedule", label=gettext_lazy("Scheduling the day"))
def schedule(job, *, event_id, seconds=3.0):
    """Run the engine for the whole day and save the schedule as a draft."""
    event = _event(event_id)
    if not planning.scheduled_registrations(event).exists():
        raise JobFailed(_("Nobody is registered yet, so there is nothing to schedule."))
    job.progress(5, 100, _("Reading the registrations"))
    started = time.monotonic()
    try:
        with _Ticker(job, seconds=seconds + 2, start=10, end=95, message=_("Finding the best meetings")):
            result = planning.schedule_event(event=event, time_limit=float(seconds))
    except matching.Infeasible as error:
        raise JobFailed(" ".join(planning.describe_all(error.findings, event=event))) from None
    return {
        "message": ngettext("Scheduled %(meetings)d meeting in %(seconds)s seconds.",
                            "Scheduled %(meetings)d meetings in %(seconds)s seconds.", len(result.meetings)) % {
            "meetings": len(result.meetings), "seconds": _seconds(time.monotonic() - started)},
        "url": _event_url(event, "?meetings=1#schedule"), "link": _("See the schedule"), "redirect": True,
    }


def _seconds(value) -> str:
    from django.utils.formats import number_format

    return number_format(value, 1)


@job_function("events.publish", label=gettext_lazy("Publishing and emailing agendas"))
def publish(job, *, event_id):
    event = _event(event_id)
    if not event.scheduled_at:
        raise JobFailed(_("Schedule the day before publishing it."))
    try:
        sent = changes.publish(event=event, progress=_mail_progress(job))
    except (SMTPException, OSError):
        raise JobFailed(_("The schedule is published, but the mail server could not be reached.")) from None
    return {"message": ngettext("Published; %(n)d agenda sent.", "Published; %(n)d agendas sent.", sent) % {"n": sent},
            "url": _event_url(event, "#schedule"), "link": _("Back to the day")}


@job_function("events.invite", label=gettext_lazy("Sending invitations"))
def invite(job, *, event_id, guests=()):
    event = _event(event_id)
    try:
        sent = changes.invite(event=event, guests=list(guests), progress=_mail_progress(job))
    except (SMTPException, OSError):
        raise JobFailed(_("The mail server could not be reached; try again.")) from None
    return {"message": ngettext("%(n)d invitation sent.", "%(n)d invitations sent.", sent) % {"n": sent},
            "url": reverse("events:invite", args=[event.pk]), "link": _("See the invitations")}


@job_function("events.feedback", label=gettext_lazy("Asking for feedback"))
def feedback(job, *, event_id):
    event = _event(event_id)
    try:
        sent = changes.request_feedback(event=event, progress=_mail_progress(job))
    except (SMTPException, OSError):
        raise JobFailed(_("The mail server could not be reached; try again.")) from None
    return {"message": ngettext("%(n)d request for feedback sent.", "%(n)d requests for feedback sent.", sent) % {
        "n": sent}, "url": _event_url(event), "link": _("Back to the day")}


@job_function("events.replan", label=gettext_lazy("Re-planning the rounds"))
def replan(job, *, event_id, held_rounds, no_shows=(), late=None):
    """Re-plan the rounds still to come, save them, and email only the people whose meetings changed."""
    event = _event(event_id)
    people = {r.pk: r for r in Registration.objects.filter(event=event, pk__in=[*no_shows, *(late or {})])}
    late_arrivals = {people[int(pk)]: n for pk, n in (late or {}).items() if int(pk) in people}
    job.progress(5, 100, _("Re-planning the rounds still to come"))
    with _Ticker(job, seconds=3, start=10, end=60, message=_("Re-planning the rounds still to come")) as ticker:
        try:
            _result, sent = changes.apply_replan(
                event=event, held_rounds=held_rounds, no_shows=[people[pk] for pk in no_shows if pk in people],
                late_arrivals=late_arrivals, progress=_mail_progress(job, start=60, before=ticker.stop.set))
        except matching.Infeasible as error:
            raise JobFailed(" ".join(planning.describe_all(error.findings, event=event))) from None
        except (SMTPException, OSError):
            raise JobFailed(_("The rounds are re-planned, but the mail server could not be reached.")) from None
    return {"message": ngettext(
        "Re-planned; %(n)d person whose meetings changed is notified.",
        "Re-planned; %(n)d people whose meetings changed are notified.", sent) % {"n": sent},
        "url": _event_url(event, "?meetings=1#schedule"), "link": _("See the schedule")}
