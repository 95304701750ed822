"""Ideas and collaborations: what partners start together, from the day an idea is born.

Ideas are born at partnership days and elsewhere; the ones that take shape become collaborations,
and collaborations make the programme's network.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimapartner.events.models import Event, Registration
from klimapartner.partners.models import Organisation


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    COLLABORATION = "collaboration", _("Became a collaboration")
    DROPPED = "dropped", _("Dropped")


class Idea(models.Model):
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(Organisation, blank=True, related_name="ideas", verbose_name=_("partners involved"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    registration = models.ForeignKey(Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas")
    status = models.CharField(_("status"), max_length=16, choices=IdeaStatus.choices, default=IdeaStatus.NEW)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self):
        return self.title


class Collaboration(models.Model):
    """Two partners that agreed to follow up, usually after meeting at a partnership day."""

    first = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="collaborations")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="one_collaboration_per_pair")]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
