import pytest
from django.urls import reverse

from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import run_queued, start_job
from tests.factories import make_user
from tests.jobs import functions  # noqa: F401


@pytest.fixture
def starter(db):
    return make_user("redaktoer@nordlys.example")


@pytest.fixture
def job(starter):
    return start_job("tests.count", user=starter, upto=4)


def test_the_person_who_started_a_job_and_the_coordinator_may_follow_it(client, job, starter, coordinator):
    url = reverse("jobs:progress", args=[job.pk])
    for user, status in ((starter, 200), (make_user("andre@vestkyst.example"), 403), (coordinator, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.logout()
    assert client.get(url).status_code == 403


def test_the_fragment_shows_a_bar_and_asks_again_until_the_job_ends(client, job, starter):
    client.force_login(starter)
    Job.objects.filter(pk=job.pk).update(status="running", done=1, total=4, message="Runde 1 af 4")
    html = client.get(reverse("jobs:progress", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'value="25"' in html
    assert "Runde 1 af 4 (25 %)" in html
    assert 'hx-trigger="load delay:1s"' in html
    Job.objects.filter(pk=job.pk).update(status="queued")
    run_queued()
    html = client.get(reverse("jobs:progress", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in html
    assert "Færdig." in html
    assert "<progress" not in html


def test_a_finished_job_that_asks_for_it_sends_the_page_on(client, starter):
    job = start_job("tests.count", user=starter, upto=1)
    run_queued()
    Job.objects.filter(pk=job.pk).update(result={"message": "Klar", "url": "/partnere/", "redirect": True})
    client.force_login(starter)
    response = client.get(reverse("jobs:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/partnere/"
    assert "HX-Redirect" not in client.get(reverse("jobs:progress", args=[job.pk]))


def test_without_javascript_the_page_refreshes_itself_while_the_job_runs(client, job, starter):
    client.force_login(starter)
    html = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "Venter på at gå i gang" in html
