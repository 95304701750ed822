"""Register job functions, start them from views, report progress from inside them.

A job function takes the Job and keyword parameters (JSON values) and returns a small result dict:

    @job_function("events.schedule", label=_("Schedule the day"))
    def schedule(job, *, event_id):
        ...
        job.progress(3, 10, _("Round 3 of 10"))
        return {"message": _("The day is scheduled."), "url": reverse(...)}

Progress is written with a plain UPDATE outside any transaction of the job's own, so the page sees
it at once: do the long computing first and write the outcome in one short transaction at the end.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klimapartner.jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)

# A queued or running job that has not reported for this long is taken to be lost (the worker died).
ABANDONED_AFTER = 30 * 60


@dataclass(frozen=True)
class JobType:
    name: str
    label: str  # lazy translation
    function: Callable


_REGISTRY: dict[str, JobType] = {}


class JobFailed(Exception):
    """Raised by a job function with a message for the user (already translated)."""


def job_function(name: str, *, label):
    """Register `function(job, **params) -> dict` under `name`."""

    def register(function):
        _REGISTRY[name] = JobType(name, label, function)
        return function

    return register


def job_label(name: str) -> str:
    """What the page calls a job: its registered label, or its name if the code has gone."""
    kind = _REGISTRY.get(name)
    return kind.label if kind else name


def subject_key(subject) -> str:
    """'events.event:12' for a model instance; strings are kept as they are."""
    if isinstance(subject, models.Model):
        return f"{subject._meta.label_lower}:{subject.pk}"
    return str(subject or "")


def active_job(name: str, subject) -> Job | None:
    """The job of this kind still queued or running for the subject, if any."""
    cutoff = timezone.now() - timedelta(seconds=ABANDONED_AFTER)
    return (
        Job.objects.filter(name=name, subject=subject_key(subject), status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .filter(updated__gte=cutoff)
        .first()
    )


def start_job(name: str, *, user=None, subject=None, language=None, **params) -> Job:
    """Queue a run of `name`; a second start for the same subject returns the job already under way."""
    from klimapartner.jobs.tasks import run_job

    if name not in _REGISTRY:
        raise LookupError(f"no job function called {name!r}")
    if subject is not None and (running := active_job(name, subject)):
        return running
    job = Job.objects.create(
        name=name,
        params=params,
        subject=subject_key(subject),
        user=user if user is not None and user.is_authenticated else None,
        language=language or translation.get_language() or "da",
    )
    # The task row lives in the same database and transaction: the worker sees it when the Job commits.
    run_job.enqueue(str(job.pk))
    return job


def execute(job_id) -> None:
    """Run one queued job in this process (the worker's task calls this)."""
    job = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).first()
    if job is None:  # already run, or deleted
        return
    kind = _REGISTRY.get(job.name)
    job.report(status=JobStatus.RUNNING, started=timezone.now())
    with translation.override(job.language):
        if kind is None:
            job.report(status=JobStatus.FAILED, finished=timezone.now(), error=_("This job no longer exists."))
            return
        try:
            result = kind.function(job, **job.params) or {}
        except JobFailed as failure:
            job.report(status=JobStatus.FAILED, finished=timezone.now(), error=str(failure))
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.name)
            job.report(status=JobStatus.FAILED, finished=timezone.now(),
                    error=_("Something went wrong. The error has been logged; try again or ask the administrator."))
        else:
            result = {key: str(value) if key != "redirect" else bool(value) for key, value in result.items()}
            job.report(status=JobStatus.DONE, finished=timezone.now(), result=result, done=max(job.done, job.total))


def run_queued(limit: int | None = None) -> int:
    """Run the queued tasks in this thread, oldest first, and return how many ran.

    For tests and for a worker thread beside a test server; production runs `klimapartner db_worker`.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="in-process", excluded_queue_names=[])
    ran = 0
    while limit is None or ran < limit:
        task = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if task is None:
            break
        task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran
