"""Email that could not be sent yet. Sent email is not kept: the outbox holds only what is still owed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingEmail(models.Model):
    to = models.JSONField(_("to"))
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    created = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    last_error = models.TextField(_("last error"), blank=True)
    # None once the outbox has given up; the coordinator sees it in the admin.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("email not yet sent")
        verbose_name_plural = _("emails not yet sent")

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
