"""Job functions for the tests: registered when this module is imported."""

import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimapartner.jobs.runner import JobFailed, job_function


@job_function("tests.count", label=gettext_lazy("Count"))
def count(job, *, upto, pause=0.0):
    for step in range(1, upto + 1):
        time.sleep(pause)
        job.progress(step, upto, f"{step}/{upto}")
    return {"message": _("Done."), "url": "/", "total": upto}


@job_function("tests.refuse", label=gettext_lazy("Refuse"))
def refuse(job):
    raise JobFailed("The file has no rows.")


@job_function("tests.crash", label=gettext_lazy("Crash"))
def crash(job):
    raise ZeroDivisionError("secret detail")


# A browser test opens the gate once it has seen the bar half-way, so the job cannot finish unseen.
import threading  # noqa: E402

gate = threading.Event()


@job_function("tests.gated", label=gettext_lazy("Count"))
def gated(job, *, upto):
    for step in range(1, upto + 1):
        if step > upto // 2:
            gate.wait(timeout=30)
        job.progress(step, upto, f"{step}/{upto}")
        time.sleep(0.05)
    return {"message": _("Done."), "url": "/"}
