"""The audit log: who changed what in partner data, agreements, CO2 accounts, publishing and permissions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditArea(models.TextChoices):
    PARTNERS = "partners", _("Partner data")
    AGREEMENTS = "agreements", _("Agreements")
    ACCOUNTS = "accounts", _("CO2 accounts")
    PUBLISHING = "publishing", _("Publishing")
    PERMISSIONS = "permissions", _("Permissions")


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # Empty: the command line or a background job. The address is kept as it was, in case the account goes.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("who"))
    actor_name = models.CharField(_("who"), max_length=254, blank=True)
    area = models.CharField(_("area"), max_length=12, choices=AuditArea.choices, db_index=True)
    action = models.CharField(_("what"), max_length=8, choices=AuditAction.choices)
    model = models.CharField(_("kind"), max_length=60)  # app_label.model_name
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(_("changed"), max_length=200)
    # {field name: [before, after]}, values as text.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object")]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def forget(self, words):
        """Erasing a person: the entry stays (something was changed), without who did it or their details."""
        from klimapartner.activities.models import ANONYMOUS

        def scrub(text):
            for word in words:
                if word and word.lower() in text.lower():
                    return ANONYMOUS
            return text

        self.actor, self.actor_name = None, ""
        self.object_repr = scrub(self.object_repr)
        self.changes = {k: [scrub(str(v)) if v is not None else None for v in pair] for k, pair in self.changes.items()}
        self.save()
