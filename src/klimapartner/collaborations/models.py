"""Ideas and collaborations: what partners start together, from the day an idea is born.

Ideas are born at partnership days and elsewhere and are followed up until they become
collaborations, are parked or dropped. Collaborations make the programme's network. The work is done
in changes.py (every change, then notify), followup.py (the emails after 30/90/180 days) and
network.py (the graph).
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimapartner.activities.models import Activity
from klimapartner.events.models import Event, Registration
from klimapartner.partners.models import FocusArea, Organisation


def new_token() -> str:
    return secrets.token_urlsafe(24)


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being explored")
    COLLABORATION = "collaboration", _("Became a collaboration")
    PARKED = "parked", _("Parked")
    DROPPED = "dropped", _("Dropped")


# Ideas still going somewhere: their owners are asked what became of them.
OPEN_STATUSES = (IdeaStatus.NEW, IdeaStatus.IN_PROGRESS)


class IdeaSource(models.TextChoices):
    PARTNERSHIP_DAY = "partnership_day", _("Partnership day")
    ACTIVITY = "activity", _("Activity")
    TOUR = "tour", _("Tour")
    PARTNER = "partner", _("A partner")
    COORDINATOR = "coordinator", _("The coordinator")


class CollaborationKind(models.TextChoices):
    COMPANIES = "companies", _("Company–company")
    EDUCATION = "education", _("Company–education")
    MUNICIPALITY = "municipality", _("With the municipality")
    CITIZENS = "citizens", _("With citizens")
    OTHER = "other", _("Other")


class Idea(models.Model):
    source = models.CharField(_("where the idea came from"), max_length=20, choices=IdeaSource.choices,
                              default=IdeaSource.COORDINATOR)
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas",
                              verbose_name=_("partnership day"))
    # Where an idea from another activity or a tour was born (a partnership day is `event`).
    activity = models.ForeignKey(Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="born_ideas",
                                 verbose_name=_("activity"))
    tour = models.ForeignKey("tours.Tour", on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas",
                             verbose_name=_("tour"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(Organisation, blank=True, related_name="ideas", verbose_name=_("partners involved"))
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="ideas", verbose_name=_("focus areas"))
    # The owner is a person; follow-up emails go to owner_email.
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    owner_email = models.EmailField(_("owner's email"), blank=True)
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                           related_name="owned_ideas", verbose_name=_("owner's organisation"))
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

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def born_at(self):
        """The partnership day, activity or tour where the idea was born, if any."""
        return self.event or self.activity or self.tour


class Collaboration(models.Model):
    """Partners working together on something, usually born as an idea at a partnership day.

    It is public once every partner has confirmed it, or the coordinator has (`confirmed_at`)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it does"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CollaborationKind.choices, default=CollaborationKind.OTHER)
    partners = models.ManyToManyField(Organisation, through="CollaborationPartner", related_name="collaborations",
                                      verbose_name=_("partners"))
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="collaborations", verbose_name=_("focus areas"))
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    expected_effect = models.DecimalField(
        _("expected effect (t CO2e/year)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    idea = models.ForeignKey(Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="collaborations",
                             verbose_name=_("idea"))
    events = models.ManyToManyField(Event, blank=True, related_name="collaborations",
                                    verbose_name=_("partnership days where it was born"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["confirmed_at", "started_on"], name="collaboration_public")]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")

    def __str__(self):
        return self.title

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class CollaborationPartner(models.Model):
    """A partner in a collaboration, and whether one of its editors has confirmed taking part."""

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="collaboration_memberships")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "organisation"], name="one_membership_per_collaboration")
        ]


class LogKind(models.TextChoices):
    CREATED = "created", _("Created")
    STATUS = "status", _("New status")
    NOTE = "note", _("Note")
    CONFIRMED = "confirmed", _("Confirmed")
    ANSWER = "answer", _("Answer to a follow-up")


class LogEntry(models.Model):
    """What happened to an idea or a collaboration: a note, a new status, an answer to a follow-up."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="log")
    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, null=True, blank=True, related_name="log")
    created = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    author_name = models.CharField(_("by"), max_length=200, blank=True)
    kind = models.CharField(_("what"), max_length=10, choices=LogKind.choices, default=LogKind.NOTE)
    status = models.CharField(_("new status"), max_length=16, choices=IdeaStatus.choices, blank=True)
    text = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(idea__isnull=False, collaboration__isnull=True)
                | models.Q(idea__isnull=True, collaboration__isnull=False),
                name="log_entry_for_one_thing",
            )
        ]


class FollowUpAnswer(models.TextChoices):
    # for ideas
    EXPLORING = "exploring", _("We are still exploring it")
    COLLABORATION = "collaboration", _("It became a collaboration")
    PARKED = "parked", _("It is parked for now")
    DROPPED = "dropped", _("We dropped it")
    # for collaborations
    RUNNING = "running", _("It is still running")
    RESULT = "result", _("Yes, it led to something")
    ENDED = "ended", _("It ended")


IDEA_ANSWERS = (FollowUpAnswer.EXPLORING, FollowUpAnswer.COLLABORATION, FollowUpAnswer.PARKED, FollowUpAnswer.DROPPED)
COLLABORATION_ANSWERS = (FollowUpAnswer.RUNNING, FollowUpAnswer.RESULT, FollowUpAnswer.ENDED)


class FollowUp(models.Model):
    """One follow-up email: after `stage` days, to one person, with a link to answer in one click."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups")
    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, null=True, blank=True,
                                      related_name="follow_ups")
    stage = models.PositiveSmallIntegerField(_("after (days)"))
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=16, choices=FollowUpAnswer.choices, blank=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "stage", "email"], name="one_idea_follow_up_per_stage"),
            models.UniqueConstraint(fields=["collaboration", "stage", "email"],
                                    name="one_collaboration_follow_up_per_stage"),
            models.CheckConstraint(
                condition=models.Q(idea__isnull=False, collaboration__isnull=True)
                | models.Q(idea__isnull=True, collaboration__isnull=False),
                name="follow_up_for_one_thing",
            ),
        ]


class NetworkSnapshot(models.Model):
    """Betweenness of every partner in the whole public network, computed by a background job when the
    network is too large to compute while a page is made; valid while its fingerprint matches."""

    fingerprint = models.CharField(max_length=64)
    computed_at = models.DateTimeField(auto_now_add=True)
    scores = models.JSONField(default=dict)  # {organisation id: normalised betweenness}
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-computed_at", "-pk"]
