"""Partnership days: the event and its programme, registrations, the published schedule, and what came of it.

A partnership day is one kind of programme activity: Event extends activities.Activity (title, date,
venue, capacity, deadline live there) and Registration extends activities.SignUp (name, email,
status, check-in live there); see docs/activities.md. Models stay slim; the work is done in planning.py (engine adapter), changes.py (actions that change
and notify), documents.py (PDF and calendar) and report.py.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from klimapartner.activities.models import Activity, ActivityKind, SignUp, new_token
from klimapartner.activities.models import SignUpStatus as RegistrationStatus
from klimapartner.partners.models import FocusArea, Organisation, OrgType, Sector


MAX_SEATS = 50  # at one table
MAX_TABLES = 1000


class EventFormat(models.TextChoices):
    PAIRS = "pairs", _("1:1 meetings")
    TABLES = "tables", _("Tables")


class ItemKind(models.TextChoices):
    TALK = "talk", _("Talk")
    ROUND = "round", _("Matchmaking round")
    BREAK = "break", _("Break")


class Event(Activity):
    """A partnership day ("partnerskabsdag"): the activity with matchmaking."""

    format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.PAIRS)
    invite_all = models.BooleanField(_("invite all partners"), default=True)
    invited = models.ManyToManyField(
        Organisation, blank=True, related_name="event_invitations", verbose_name=_("invited partners")
    )
    minimum_meetings = models.PositiveSmallIntegerField(
        _("minimum meetings per person"), default=0,
        help_text=_("1:1 meetings: everyone gets at least this many meetings (or as many as the rounds they attend)."))
    # The schedule's quality as the engine reported it; published_at is None while it is a draft.
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("partnership day")
        verbose_name_plural = _("partnership days")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.kind = ActivityKind.PARTNERSHIP_DAY
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        """Capacity and deadline are optional for other activities, required for a day the engine plans.
        Checked per field, so a field a form has already refused is not reported twice."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        exclude = set(exclude or ())
        if "capacity" not in exclude and "capacity" not in errors:
            if self.capacity is None:
                errors["capacity"] = [_("A partnership day needs a capacity.")]
            elif self.capacity < 2:
                errors["capacity"] = [_("A partnership day needs room for at least two people.")]
        if "registration_deadline" not in exclude and "registration_deadline" not in errors \
                and self.registration_deadline is None:
            errors["registration_deadline"] = [_("A partnership day needs a registration deadline.")]
        if errors:
            raise ValidationError(errors)

    def sync_times(self):
        """The activity's start and end follow its programme (the calendar and reminders read them)."""
        items = list(ProgrammeItem.objects.filter(event=self))
        starts = min((i.starts for i in items), default=None)
        ends = max((datetime.combine(self.date, i.starts) + timedelta(minutes=i.minutes) for i in items), default=None)
        ends = ends.time() if ends else None
        if (starts, ends) != (self.starts, self.ends):
            self.starts, self.ends = starts, ends if ends and starts and ends > starts else None
            Activity.objects.filter(pk=self.pk).update(starts=self.starts, ends=self.ends)

    @property
    def rounds(self) -> list["ProgrammeItem"]:
        """The matchmaking rounds in order; round n is rounds[n - 1]."""
        return [item for item in self.programme.all() if item.kind == ItemKind.ROUND]

    @property
    def starts_at(self) -> datetime | None:
        """When the day begins: its first programme item."""
        items = list(self.programme.all())
        return items[0].start if items else None

    @property
    def ends_at(self) -> datetime | None:
        items = list(self.programme.all())
        return max(i.end for i in items) if items else None

    @property
    def arrival(self) -> str:
        """When to come, in a sentence for invitations, registration pages and agendas."""
        if not self.starts_at:
            return ""
        return _("We start at %(start)s and finish at %(end)s. Please arrive a quarter of an hour early, so you "
                 "are checked in when we begin.") % {"start": time_format(timezone.localtime(self.starts_at)),
                                                     "end": time_format(timezone.localtime(self.ends_at))}


class ProgrammeItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts = models.TimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), validators=[MinValueValidator(1),
                                                                                  MaxValueValidator(24 * 60)])

    class Meta:
        ordering = ["starts", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title or self.get_kind_display()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.event.sync_times()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.event.sync_times()
        return result

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.event.date, self.starts))

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


class Table(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=60)
    min_seats = models.PositiveSmallIntegerField(_("minimum seats"), default=2, validators=[MaxValueValidator(MAX_SEATS)])
    max_seats = models.PositiveSmallIntegerField(_("maximum seats"), default=2, validators=[MaxValueValidator(MAX_SEATS)])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")

    def __str__(self):
        return self.name


class Invitation(models.Model):
    """An emailed invitation with a personal link to the registration form."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True)
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="one_invitation_per_email")]


class Registration(SignUp):
    """A sign-up for a partnership day, with what matchmaking needs."""

    # The same activity as SignUp.activity, kept as a link to the Event so the partnership-day code
    # reads event.registrations and registration.event; save() keeps the two in step.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    guest_organisation = models.CharField(_("guest organisation"), max_length=200, blank=True)
    # The invitation whose link made this registration: a link registers one person.
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="registration", editable=False
    )
    guest_org_type = models.CharField(_("type of organisation"), max_length=20, choices=OrgType.choices, blank=True)
    guest_sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=200, blank=True)
    themes = models.ManyToManyField(FocusArea, blank=True, verbose_name=_("themes"))
    # {focus area slug: free text}
    offers = models.JSONField(_("we offer"), default=dict, blank=True)
    needs = models.JSONField(_("we seek"), default=dict, blank=True)
    must_meet = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("partners I want to meet")
    )
    rather_not = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("partners I would rather not meet")
    )
    # Round numbers (from 1) the person can attend; empty means all.
    rounds = models.JSONField(_("rounds I can attend"), default=list, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.event_id:
            self.activity_id = self.event_id
        super().save(*args, **kwargs)

    def anonymise(self):
        """Forget everything the person told us. The seats and feedback stay (meeting counts, ratings); the
        reasons of every seat in the person's meetings go, as the others' reasons quote the person's offers."""
        self.guest_organisation = self.role = self.dietary = ""
        self.offers, self.needs, self.rounds = {}, {}, []
        self.invitation = None
        super().anonymise()
        self.themes.clear()
        self.must_meet.clear()
        self.rather_not.clear()
        Seat.objects.filter(meeting__seats__registration=self).update(reason_da="", reason_en="")

    @property
    def first_name(self) -> str:
        """What an email starts with: "Hej Mette,"."""
        return self.name.split()[0] if self.name.strip() else self.name

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.guest_organisation

    @property
    def org_type(self) -> str:
        return self.organisation.org_type if self.organisation_id else self.guest_org_type

    @property
    def sector(self) -> str:
        return self.organisation.sector if self.organisation_id else self.guest_sector


class Meeting(models.Model):
    """One meeting of the schedule: two people (1:1) or a whole table in one round."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    round = models.PositiveSmallIntegerField(_("round"))
    table = models.CharField(_("table"), max_length=60)  # the engine's table id
    score = models.FloatField(default=0)

    class Meta:
        ordering = ["round", "pk"]


class Seat(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats")
    reason_da = models.TextField(blank=True)
    reason_en = models.TextField(blank=True)
    # The coordinator fixed this seat: running the engine again keeps it (a 1:1 meeting pins both seats).
    pinned = models.BooleanField(_("pinned"), default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "registration"], name="one_seat_per_meeting")]


class Feedback(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="feedback")
    useful = models.PositiveSmallIntegerField(
        _("how useful was the meeting (1–5)?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    follow_up = models.BooleanField(_("I want to follow up"), default=False)
    created = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "registration"], name="one_feedback_per_meeting")]
