from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from klimapartner.accounts.roles import is_coordinator
from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import job_label


def _job_for_user(request, job_id) -> Job:
    """The job, if the person asking started it or is a coordinator."""
    job = get_object_or_404(Job, pk=job_id)
    if is_coordinator(request.user):
        return job
    if job.user_id is None or job.user_id != request.user.pk:
        raise PermissionDenied
    return job


def progress(request, job_id):
    """The job's progress: a fragment htmx polls, or a whole page that refreshes itself without JavaScript."""
    job = _job_for_user(request, job_id)
    context = {"job": job, "label": job_label(job.name)}
    if request.headers.get("HX-Request"):
        response = render(request, "jobs/progress.html", context)
        if job.finished_ok and job.result.get("redirect") and job.result.get("url"):
            response["HX-Redirect"] = job.result["url"]
        return response
    return render(request, "jobs/job.html", context)

