import pytest
from django.utils import timezone, translation

from klimapartner.jobs.models import Job, JobStatus
from klimapartner.jobs.runner import run_queued, start_job
from tests.factories import make_user
from tests.jobs import functions  # noqa: F401  (registers the test job functions)


@pytest.fixture
def user(db):
    return make_user("koordinator@kommune.example", staff=True)


def test_a_started_job_waits_in_the_queue_until_a_worker_runs_it(user):
    job = start_job("tests.count", user=user, upto=3)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert run_queued() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.message, job.percent) == (JobStatus.DONE, 3, 3, "3/3", 100)
    assert job.result == {"message": "Færdig.", "url": "/", "total": "3"}
    assert job.started <= job.finished


def test_a_job_speaks_the_language_it_was_started_in(user):
    with translation.override("en"):
        job = start_job("tests.count", user=user, upto=1)
    run_queued()
    job.refresh_from_db()
    assert (job.language, job.result["message"]) == ("en", "Done.")


def test_a_refusal_keeps_its_message_and_a_crash_shows_no_traceback(user, caplog):
    refused = start_job("tests.refuse", user=user)
    crashed = start_job("tests.crash", user=user)
    assert run_queued() == 2
    refused.refresh_from_db()
    crashed.refresh_from_db()
    assert (refused.status, refused.error) == (JobStatus.FAILED, "The file has no rows.")
    assert crashed.status == JobStatus.FAILED
    assert "secret detail" not in crashed.error
    assert crashed.error.startswith("Noget gik galt.")
    assert "ZeroDivisionError" in caplog.text


def test_a_second_start_for_the_same_subject_returns_the_job_under_way(user):
    first = start_job("tests.count", user=user, subject="event:1", upto=2)
    assert start_job("tests.count", user=user, subject="event:1", upto=2) == first
    assert start_job("tests.count", user=user, subject="event:2", upto=2) != first
    run_queued()
    assert start_job("tests.count", user=user, subject="event:1", upto=2) != first


def test_a_job_that_went_silent_no_longer_blocks_a_new_one(user):
    lost = start_job("tests.count", user=user, subject="event:1", upto=2)
    Job.objects.filter(pk=lost.pk).update(status=JobStatus.RUNNING, updated=timezone.now() - timezone.timedelta(hours=1))
    assert start_job("tests.count", user=user, subject="event:1", upto=2) != lost


def test_a_job_runs_once_even_if_its_task_is_delivered_twice(user):
    from klimapartner.jobs.runner import execute

    job = start_job("tests.count", user=user, upto=2)
    run_queued()
    Job.objects.filter(pk=job.pk).update(done=0)
    execute(job.pk)
    job.refresh_from_db()
    assert job.done == 0


def test_an_unknown_job_name_is_refused(user):
    with pytest.raises(LookupError):
        start_job("tests.nothing", user=user)


def test_progress_is_written_when_the_percent_moves_and_the_last_step_always(user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    job = start_job("tests.count", user=user, upto=1)
    with CaptureQueriesContext(connection) as queries:
        for step in range(1, 1001):
            job.progress(step, 1000)
            if step == 505:
                assert Job.objects.get(pk=job.pk).done in range(495, 506)
    writes = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert 100 <= len(writes) <= 102
    assert (Job.objects.get(pk=job.pk).done, Job.objects.get(pk=job.pk).total) == (1000, 1000)
