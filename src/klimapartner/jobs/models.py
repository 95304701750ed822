import time
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One run of a registered job function, with the progress the page shows while it runs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)  # the registered function, e.g. "events.schedule"
    params = models.JSONField(default=dict, blank=True)
    # What the job works on, as "app_label.model:pk", so a second click finds the job already running.
    subject = models.CharField(max_length=120, blank=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    language = models.CharField(max_length=8, default="da")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)  # translated into the job's language by the job
    result = models.JSONField(default=dict, blank=True)  # {"message": ..., "url": ..., "redirect": bool}
    error = models.TextField(blank=True)  # shown to the user: the job's own words, never a traceback
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(default=timezone.now)  # the last sign of life; a silent job is taken as lost

    class Meta:
        ordering = ["-created"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    def report(self, **fields) -> None:
        """Write fields with a plain UPDATE, visible to the page at once (never inside the job's transaction)."""
        fields["updated"] = timezone.now()
        Job.objects.filter(pk=self.pk).update(**fields)
        for key, value in fields.items():
            setattr(self, key, value)

    def progress(self, done: int, total: int, message="") -> None:
        """Record how far the job has come: written when the whole percent moves, and at least each second."""
        before = self.percent
        self.done, self.total, self.message = done, total, str(message)[:300]
        now = time.monotonic()
        if self.percent != before or now - getattr(self, "_last_report", 0.0) >= 1.0 or done >= total:
            self._last_report = now
            self.report(done=done, total=total, message=self.message)

    @property
    def finished_ok(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def waiting_long(self) -> bool:
        """Queued for more than half a minute: the background worker is probably not running."""
        return self.status == JobStatus.QUEUED and (timezone.now() - self.created).total_seconds() > 30

    @property
    def percent(self) -> int | None:
        """How far it has come, 0–100, or None while the job cannot tell."""
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
