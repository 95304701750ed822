"""CO2 accounts: stored factor sets, partners' year accounts with their activity lines and results.

The models only store. The arithmetic is `klimapartner.accounting`'s, called
from `climate/accounts.py`, which also keeps the stored results up to date.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimapartner.accounting.activity import Source
from klimapartner.partners.models import Organisation

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class StoredFactorSet(models.Model):
    """An emission-factor set the coordinator imported; the shipped default set is not stored (it is always there)."""

    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    gwp = models.CharField(_("GWP values"), max_length=4)
    # The set in the accounting package's own CSV format (write_factor_csv), so it reads back exactly.
    csv = models.TextField()
    factor_count = models.PositiveSmallIntegerField(default=0)
    provisional_count = models.PositiveSmallIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-year", "-imported_at"]
        verbose_name = _("emission-factor set")
        verbose_name_plural = _("emission-factor sets")

    def __str__(self):
        return f"{self.name} {self.year} ({self.gwp})"


class AccountStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    APPROVED = "approved", _("Approved")


# What counts in public and in the programme's totals: accounts the coordinator has reviewed.
COUNTED = (AccountStatus.APPROVED,)


class YearAccount(models.Model):
    """A partner's CO2 account for one calendar year, with its results as last computed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="climate_accounts")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    employees = models.DecimalField(
        _("employees (full-time equivalents)"), max_digits=8, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Empty: the shipped default set.
    factor_set = models.ForeignKey(
        StoredFactorSet, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts",
        verbose_name=_("emission-factor set"),
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AccountStatus.choices, default=AccountStatus.DRAFT)
    # Stored results, kg CO2e; recomputed whenever the account is saved through climate.accounts.
    factor_set_label = models.CharField(max_length=200, blank=True)
    scope1 = models.DecimalField(max_digits=20, decimal_places=3, default=0)
    scope2_location = models.DecimalField(max_digits=20, decimal_places=3, default=0)
    scope2_market = models.DecimalField(max_digits=20, decimal_places=3, default=0)
    scope3 = models.DecimalField(max_digits=20, decimal_places=3, default=0)
    biogenic = models.DecimalField(max_digits=20, decimal_places=3, default=0)  # kg CO2, outside the scopes
    by_category_location = models.JSONField(default=dict)  # category code -> kg as text
    by_category_market = models.JSONField(default=dict)
    provisional_factors = models.JSONField(default=list)
    # The core's warnings (confirmed by the partner) and notes: [{"code", "field", "params", "line", "severity"}].
    findings = models.JSONField(default=list)
    # What targets are measured from when this is the base year: its total when first computed, moved only by a
    # significant recalculation (GHG Protocol).
    target_base_kg = models.DecimalField(max_digits=20, decimal_places=3, null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_account_per_year")]
        verbose_name = _("CO2 account")
        verbose_name_plural = _("CO2 accounts")

    def __str__(self):
        return f"{self.organisation} {self.year}"

    @property
    def total_location(self) -> Decimal:
        return self.scope1 + self.scope2_location + self.scope3

    @property
    def total_market(self) -> Decimal:
        return self.scope1 + self.scope2_market + self.scope3

    @property
    def warnings(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "warning"]

    @property
    def notes_of_result(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "note"]

    @property
    def base_kg(self) -> Decimal:
        """The total targets are measured from, when this year is the base year."""
        return self.target_base_kg if self.target_base_kg is not None else self.total_location

    @property
    def counted(self) -> bool:
        return self.status in COUNTED


class ActivityEntry(models.Model):
    """One line of a year's consumption data, as the partner entered it."""

    account = models.ForeignKey(YearAccount, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(_("source"), max_length=20, choices=[(s.value, s.value) for s in Source])
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=12)
    variant = models.CharField(_("grid area, flight or fraction"), max_length=40, blank=True)
    guarantees_kwh = models.DecimalField(_("guarantees of origin (kWh)"), max_digits=16, decimal_places=3, default=0)
    supplier_factor = models.DecimalField(
        _("supplier's factor (kg CO2e/kWh)"), max_digits=10, decimal_places=5, null=True, blank=True
    )
    label = models.CharField(_("note"), max_length=120, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("activity line")
        verbose_name_plural = _("activity lines")


class RecalculationNote(models.Model):
    """Why a partner's base year changed, as the accounting core describes it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="base_year_notes")
    year = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=10)  # structure, method, error or factors
    description = models.TextField()
    previous_total = models.DecimalField(max_digits=20, decimal_places=3)
    new_total = models.DecimalField(max_digits=20, decimal_places=3)
    previous_factor_set = models.CharField(max_length=200)
    new_factor_set = models.CharField(max_length=200)
    significant = models.BooleanField(default=False)
    applied = models.BooleanField(default=True)  # whether the base year moved (only significant changes move it)
    threshold = models.DecimalField(max_digits=5, decimal_places=4, default=Decimal("0.05"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]


class ReportStatus(models.TextChoices):
    READING = "reading", _("Being read")
    READ = "read", _("Read, not imported yet")
    FAILED = "failed", _("Could not be read")
    IMPORTED = "imported", _("Imported")


class KlimakompassetReport(models.Model):
    """An uploaded Klimakompasset report: what was read from it, and (once imported) its result to reconcile with."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="klimakompasset_reports")
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)  # the account it is uploaded into
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.READING)
    filename = models.CharField(max_length=255, blank=True)
    company = models.CharField(max_length=200, blank=True)
    cvr = models.CharField(max_length=20, blank=True)
    report_year = models.PositiveSmallIntegerField(null=True, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    employees = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True)
    reported = models.JSONField(default=list)  # [{"scope", "category", "label", "method", "kg", "row"}]
    activity = models.JSONField(default=list)  # [{"source", "amount", "unit", "variant", "label"}]
    unmapped = models.JSONField(default=list)  # [{"row", "category", "description", "amount", "unit", "code", ...}]
    problems = models.JSONField(default=list)  # the reader's findings (climate.accounts.finding_dict)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created = models.DateTimeField(default=timezone.now)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("Klimakompasset report")
        verbose_name_plural = _("Klimakompasset reports")

    @property
    def errors(self):
        return [p for p in self.problems if p.get("severity") == "error"]

    @property
    def warnings(self):
        return [p for p in self.problems if p.get("severity") != "error"]


class ReminderDate(models.Model):
    """After this date, partners without an account for `year` are reminded (once)."""

    year = models.PositiveSmallIntegerField(_("accounting year"), unique=True, validators=YEAR_VALIDATORS)
    remind_on = models.DateField(_("remind from"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reminder date")
        verbose_name_plural = _("reminder dates")

    def __str__(self):
        return f"{self.year}: {self.remind_on}"


class ReminderSent(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="climate_reminders")
    year = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_reminder_per_year")]


class ClimateProfile(models.Model):
    """A partner's choices about its CO2 account."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="climate_profile")
    publish_progress = models.BooleanField(
        _("show our progress chart on our public page"), default=False,
        help_text=_("Emissions per year against the agreement's target path; the consumption data stays private."),
    )
