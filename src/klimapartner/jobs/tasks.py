from django_tasks import task

from klimapartner.jobs.runner import execute


@task()
def run_job(job_id: str) -> None:
    """The one django-tasks task: run the Job with this id."""
    execute(job_id)
