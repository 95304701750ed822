"""The programme's activities and the people who sign up for them.

An activity ("aktivitet") is anything the programme holds or a partner holds under it: a network
meeting, a workshop, a site visit, a citizen-facing event, a partnership day. A partnership day is
the activity with matchmaking: `events.Event` inherits from `Activity` (multi-table inheritance),
so every partnership day is also a row here and shows up in the calendar, the attendance counts
and the partners' expectations without a second copy. In the same way `events.Registration`
inherits from `SignUp`, adding what matchmaking needs (offers, needs, themes, wishes).
"""

import secrets
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from klimapartner.partners.models import FocusArea, Organisation

MAX_CAPACITY = 100_000  # people at one activity: beyond it a typing error, not a plan


# The name an anonymised sign-up keeps: a dash, the same in every language, and no one's name.
ANONYMOUS = "–"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ActivityKind(models.TextChoices):
    PARTNERSHIP_DAY = "partnership_day", _("Partnership day")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Course")
    SITE_VISIT = "site_visit", _("Site visit")
    CITIZEN = "citizen", _("Citizen-facing activity")
    OPEN_HOUSE = "open_house", _("Open house")
    SCHOOL_VISIT = "school_visit", _("School visit")
    OTHER = "other", _("Other activity")


# Kinds that count as "an activity for citizens" in the partners' expectations.
CITIZEN_KINDS = (ActivityKind.CITIZEN, ActivityKind.OPEN_HOUSE, ActivityKind.SCHOOL_VISIT)


class ActivityStatus(models.TextChoices):
    # A partner's own activity waits for the coordinator; the programme's own are approved when made.
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    CANCELLED = "cancelled", pgettext_lazy("activity", "Cancelled")


class SignUpStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(models.Model):
    """One activity of the programme, held by the municipality (no organiser) or by a partner."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.OTHER)
    date = models.DateField(_("date"))
    starts = models.TimeField(_("starts"), null=True, blank=True)
    ends = models.TimeField(_("ends"), null=True, blank=True)
    # "venue" is the place as people write it ("Hjørring Bibliotek, Østergade 1"); the town is
    # separate so the calendar can be filtered by it, the coordinates put it on a map or a tour.
    venue = models.CharField(_("venue (address)"), max_length=200)
    town = models.CharField(_("town"), max_length=80, blank=True, db_index=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(54), MaxValueValidator(58)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(7), MaxValueValidator(16)],
    )
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="activities",
        verbose_name=_("organiser"), help_text=_("Empty when the municipality holds the activity."),
    )
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="activities",
                                         verbose_name=_("focus areas"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
                                           help_text=_("Empty means no limit."))
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True,
                                                 help_text=_("Empty means until the activity starts."))
    signup_open = models.BooleanField(_("sign-up on the site"), default=True)
    is_public = models.BooleanField(
        _("open to the public"), default=False,
        help_text=_("Public activities are shown in the public calendar, and citizens can sign up."),
    )
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices,
                              default=ActivityStatus.APPROVED)
    # What a partner reports afterwards about its own activity.
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    photo = models.ImageField(_("photo"), upload_to="activities/", blank=True)
    photo_alt = models.CharField(
        _("photo description (alt text)"), max_length=250, blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    review_comment = models.TextField(_("comment from the coordinator"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "starts", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("The activity must end after it starts.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("Describe the photo for people who cannot see it.")})

    @property
    def start(self) -> datetime:
        """When it starts, in local time; an activity without a time starts at the beginning of the day."""
        return timezone.make_aware(datetime.combine(self.date, self.starts or time(0, 0)))

    @property
    def end(self) -> datetime:
        if self.ends:
            return timezone.make_aware(datetime.combine(self.date, self.ends))
        return self.start + (timedelta(hours=2) if self.starts else timedelta(days=1))

    @property
    def registration_open(self) -> bool:
        if self.status != ActivityStatus.APPROVED:
            return False
        return timezone.now() <= (self.registration_deadline or self.start)

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()


class SignUp(models.Model):
    """A person signed up for an activity: a partner's employee or, for public activities, a citizen."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups",
                                 verbose_name=_("activity"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="signups",
        verbose_name=_("partner"),
    )
    consent = models.BooleanField(_("consent"), default=False)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=SignUpStatus.choices,
                              default=SignUpStatus.REGISTERED)
    language = models.CharField(max_length=8, default="da")
    # Attendance: set at the door (check-in on a phone) or by the organiser ticking people off afterwards.
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    no_show = models.BooleanField(_("no-show"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")

    def __str__(self):
        return self.name

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None

    @property
    def is_anonymised(self) -> bool:
        return self.name == ANONYMOUS and not self.email

    def anonymise(self):
        """Forget who this was, keeping what counts (the activity, the partner, status, attendance).
        The old personal link stops working: the token is replaced."""
        self.name, self.email, self.token = ANONYMOUS, "", new_token()
        self.consent = False
        self.consent_withdrawn_at = self.consent_withdrawn_at or timezone.now()
        self.save()
