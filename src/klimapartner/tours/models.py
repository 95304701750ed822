"""Partners' sites that can be visited, and the tours that visit them.

A site ("besøgssted") belongs to one partner, which may have several. The
tour planning itself is done by the pure core `klimapartner.routing`;
`tours/adapt.py` translates between these models and its dataclasses.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimapartner.partners.models import FocusArea, Organisation


class Weekday(models.TextChoices):
    # Python's weekday numbers: Monday is 0
    MONDAY = "0", _("Monday")
    TUESDAY = "1", _("Tuesday")
    WEDNESDAY = "2", _("Wednesday")
    THURSDAY = "3", _("Thursday")
    FRIDAY = "4", _("Friday")
    SATURDAY = "5", _("Saturday")
    SUNDAY = "6", _("Sunday")


class Site(models.Model):
    """A place at a partner where a group can come and see something."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites",
                                     verbose_name=_("partner"))
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200)
    town = models.CharField(_("town"), max_length=80, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5,
                                   validators=[MinValueValidator(54), MaxValueValidator(58)])
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5,
                                    validators=[MinValueValidator(7), MaxValueValidator(16)])
    description = models.TextField(_("what there is to see"))
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="sites", verbose_name=_("focus areas"))
    opens = models.TimeField(_("opens"), null=True, blank=True, help_text=_("Empty: from early morning."))
    closes = models.TimeField(_("closes"), null=True, blank=True, help_text=_("Empty: until late evening."))
    open_days = models.CharField(_("open on"), max_length=7, default="01234")
    visit_minutes = models.PositiveSmallIntegerField(
        _("length of a visit (minutes)"), default=45, validators=[MinValueValidator(5), MaxValueValidator(480)])
    max_group = models.PositiveSmallIntegerField(
        _("largest group"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("How many people can be shown round at once. Empty: no limit."))
    step_free = models.BooleanField(_("step-free access"), default=False,
                                    help_text=_("A wheelchair user can get in and see it all."))
    host_email = models.EmailField(
        _("email for visits"), blank=True,
        help_text=_("Who is told when a tour comes. Empty: the partner's editors."))
    is_active = models.BooleanField(_("receives visits"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "name", "pk"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return self.name

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The site must close after it opens.")})
        if not set(self.open_days) <= set(Weekday.values):
            raise ValidationError({"open_days": _("Choose the days from the list.")})

    def is_open_on(self, day) -> bool:
        return str(day.weekday()) in self.open_days

    @property
    def open_days_display(self) -> list[str]:
        return [label for value, label in Weekday.choices if value in self.open_days]


class Objective(models.TextChoices):
    RETURN = "return", _("Back as early as possible")
    DRIVING = "driving", _("As little driving as possible")


class Tour(models.Model):
    """A bus tour round partners' sites on one day.

    `starts` is when the bus leaves `venue` (the depot, where it also ends) and
    `ends` the latest it may be back. Once published the tour has an `activity`
    (kind site visit) that carries its title, day, seats and sign-ups; the
    tour keeps the route (see `tours/publishing.py`).
    """

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    starts = models.TimeField(_("departure"))
    ends = models.TimeField(_("back by"))
    venue = models.CharField(_("departs from"), max_length=200, help_text=_("Where the bus leaves and comes back."))
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5,
                                   validators=[MinValueValidator(54), MaxValueValidator(58)])
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5,
                                    validators=[MinValueValidator(7), MaxValueValidator(16)])
    description = models.TextField(_("description"), blank=True)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="tours", verbose_name=_("focus areas"))
    capacity = models.PositiveIntegerField(_("seats on the bus"), validators=[MinValueValidator(1)], default=45)
    objective = models.CharField(_("plan for"), max_length=10, choices=Objective.choices, default=Objective.RETURN)
    groups = models.PositiveSmallIntegerField(
        _("groups"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("More than one: each group has its own bus with this many seats and visits every site, and no "
                    "host receives two groups at once."))
    # the groups' routes when there are several (tours/planning.py: plan_groups), bus 1 first; None until planned
    group_plan = models.JSONField(null=True, blank=True, editable=False)
    is_public = models.BooleanField(
        _("open to the public"), default=True,
        help_text=_("Citizens can sign up too; otherwise only people from the partners."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Publishing makes the tour an activity: people sign up for the seats through the activities'
    # own sign-up (waiting list, cancelling, check-in, reminders) and it is in the calendar.
    activity = models.OneToOneField("activities.Activity", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="tour", verbose_name=_("activity"))
    # the saved plan's figures, kept with it
    planned_back = models.TimeField(null=True, blank=True)
    planned_driving = models.PositiveIntegerField(null=True, blank=True)
    planned_optimal = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("tour")
        verbose_name_plural = _("tours")

    def __str__(self):
        return self.title

    @property
    def group_plan_back(self):
        """When the last group is back, with several groups planned; else None."""
        from datetime import time

        return time.fromisoformat(self.group_plan["back"]) if self.group_plan else None

    def clean(self):
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("The bus must be back after it leaves.")})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TourStop(models.Model):
    """A site on a tour, in its place in the route, with the planned times."""

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="stops")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="tour_stops", verbose_name=_("site"))
    position = models.PositiveSmallIntegerField(default=0)
    visit_minutes = models.PositiveSmallIntegerField(_("visit (minutes)"), validators=[MinValueValidator(5)])
    arrive = models.TimeField(null=True, blank=True)
    start = models.TimeField(null=True, blank=True)
    leave = models.TimeField(null=True, blank=True)
    drive_minutes = models.PositiveIntegerField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    notified_slot = models.CharField(max_length=40, blank=True)  # what the host was told, to tell them of changes

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["tour", "site"], name="tour_visits_a_site_once")]

    def __str__(self):
        return f"{self.tour}: {self.site}"


class TourBreak(models.Model):
    """A fixed pause on a tour (lunch), wholly between two times, at a site or wherever the bus is."""

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="breaks")
    name = models.CharField(_("name"), max_length=80)
    minutes = models.PositiveSmallIntegerField(_("minutes"), validators=[MinValueValidator(5)])
    earliest = models.TimeField(_("not before"))
    latest = models.TimeField(_("over by"))
    site = models.ForeignKey(Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("at site"), help_text=_("Empty: at whichever site the bus is."))
    position = models.PositiveSmallIntegerField(default=0)
    start = models.TimeField(null=True, blank=True)
    leave = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["earliest", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.earliest and self.latest and self.latest <= self.earliest:
            raise ValidationError({"latest": _("The break must be over after it may begin.")})


class Seat(models.Model):
    """Which group (bus) a person with a seat on a tour of several groups travels with (`tours/seats.py`)."""

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="seats")
    signup = models.OneToOneField("activities.SignUp", on_delete=models.CASCADE, related_name="tour_seat")
    group = models.PositiveSmallIntegerField(_("group"))

    class Meta:
        ordering = ["group", "signup_id"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
