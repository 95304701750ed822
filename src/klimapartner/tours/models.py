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
