"""What each partner is expected to do in a year ("forventninger"), and the reminders sent to passive partners.

Only the targets are stored. Whether a partner meets them is always counted from the data
(attendance, approved activities, published stories, submitted CO2 accounts) in tracker.py.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimapartner.partners.models import Agreement, Organisation

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class ProgrammeExpectations(models.Model):
    """The coordinator's expectations of every partner for one year; an agreement may state its own."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    activities = models.PositiveSmallIntegerField(_("take part in programme activities"), default=4)
    citizen_activities = models.PositiveSmallIntegerField(_("hold activities for citizens"), default=1)
    stories = models.PositiveSmallIntegerField(_("publish climate stories"), default=1)
    account_due = models.DateField(_("CO2 account for last year submitted by"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("the programme's expectations")
        verbose_name_plural = _("the programme's expectations")

    def __str__(self):
        return str(self.year)

    @classmethod
    def for_year(cls, year: int) -> "ProgrammeExpectations":
        """The stored expectations, or the programme's defaults (not saved) for a year nobody has set."""
        return cls.objects.filter(year=year).first() or cls(year=year, account_due=date(year, 5, 1))


class AgreementExpectations(models.Model):
    """What one agreement says instead of the programme's defaults; an empty field keeps the default."""

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="expectations")
    activities = models.PositiveSmallIntegerField(_("take part in programme activities"), null=True, blank=True)
    citizen_activities = models.PositiveSmallIntegerField(_("hold activities for citizens"), null=True, blank=True)
    stories = models.PositiveSmallIntegerField(_("publish climate stories"), null=True, blank=True)

    class Meta:
        verbose_name = _("the agreement's expectations")
        verbose_name_plural = _("the agreements' expectations")


class ReminderSent(models.Model):
    """A reminder the coordinator sent to a passive partner; the same partner is not reminded again soon."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="expectation_reminders")
    year = models.PositiveSmallIntegerField()
    recipients = models.TextField()
    subject = models.CharField(max_length=200)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at"]
