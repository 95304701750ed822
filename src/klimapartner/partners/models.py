"""Organisations, their contact persons, agreements and actions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klimapartner.partners.cvr import is_valid_cvr, normalise_cvr


class OrgType(models.TextChoices):
    COMPANY = "company", _("Company")
    EDUCATION = "education", _("Education")
    ASSOCIATION = "association", _("Association")
    PUBLIC = "public", _("Public")
    OTHER = "other", _("Other")


# Associations and municipal units often have no CVR number of their own.
CVR_OPTIONAL = {OrgType.ASSOCIATION, OrgType.PUBLIC, OrgType.OTHER}


class Sector(models.TextChoices):
    ENERGY = "energy", _("Energy and utilities")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSTRUCTION = "construction", _("Construction")
    RETAIL = "retail", _("Retail and trade")
    FOOD = "food", _("Agriculture and food")
    TOURISM = "tourism", _("Tourism and hospitality")
    TRANSPORT = "transport", _("Transport and logistics")
    SERVICES = "services", _("Services and consulting")
    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education and research")
    PUBLIC = "public", _("Public administration")
    CULTURE = "culture", _("Culture, sport and leisure")
    FISHERIES = "fisheries", _("Fisheries and maritime")
    OTHER = "other", _("Other")


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


def validate_cvr(value):
    if value and not is_valid_cvr(value):
        raise ValidationError(
            _("%(value)s is not a valid CVR number (8 digits that pass the modulus-11 check)."),
            params={"value": value},
            code="invalid_cvr",
        )


class FocusArea(models.Model):
    """A theme of the programme (energy, transport, ...); the coordinator can add more."""

    slug = models.SlugField(_("code"), unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "name_da"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "da").startswith("en") else self.name_da


LOGO_MAX_PIXELS = 4096 * 4096


def validate_logo(file):
    """A logo is shown a few hundred pixels wide: a picture of tens of megapixels is refused before anything
    decodes it (it would take seconds and gigabytes to scale)."""
    from django.core.files.images import get_image_dimensions

    width, height = get_image_dimensions(file)
    if width and height and width * height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("The logo is %(width)d × %(height)d pixels; at most %(most)s million pixels, please (for example "
              "%(side)d × %(side)d)."),
            code="logo_too_large", params={"width": width, "height": height, "most": LOGO_MAX_PIXELS // 1_000_000,
                                           "side": 4096})


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("name in the page address"), max_length=200, unique=True,
        help_text=_("Used in the partner's address on the site and in import files, e.g. nordlys-energi."),
    )
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[validate_cvr])
    org_type = models.CharField(_("type"), max_length=20, choices=OrgType.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    town = models.CharField(_("town"), max_length=80, db_index=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(Decimal("54")), MaxValueValidator(Decimal("58"))],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(Decimal("7")), MaxValueValidator(Decimal("16"))],
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True, validators=[validate_logo])
    is_published = models.BooleanField(
        _("shown on the public site"), default=True,
        help_text=_("Unpublished partners are only visible to the coordinator and their editors."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["cvr"], condition=~models.Q(cvr=""), name="one_partner_per_cvr",
                                    violation_error_code="duplicate_cvr"),
        ]

    def __str__(self):
        return self.name

    def validate_constraints(self, exclude=None):
        """As the other checks: a CVR number another partner has is an error on the CVR field, naming the number
        (not the other partner, whom the person editing may not be allowed to know of)."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            if any(e.code == "duplicate_cvr" for e in general):
                errors.setdefault("cvr", []).append(ValidationError(
                    _("Another partner already has the CVR number %(cvr)s."), code="duplicate_cvr",
                    params={"cvr": self.cvr}))
            if rest := [e for e in general if e.code != "duplicate_cvr"]:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from None

    def clean(self):
        self.cvr = normalise_cvr(self.cvr or "")
        if not self.cvr and self.org_type and self.org_type not in CVR_OPTIONAL:
            raise ValidationError({"cvr": _("A CVR number is required for companies and educational institutions.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name)
        super().save(*args, **kwargs)


def unique_slug(name, *, exclude_pk=None):
    """A slug for the name that no other organisation has: 'bager-hansen', 'bager-hansen-2', ..."""
    danish = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    base = slugify(danish)[:190] or "partner"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class ContactPerson(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_public = models.BooleanField(_("shown publicly"), default=False)
    consent = models.BooleanField(
        _("consent given"), default=False,
        help_text=_("The person has agreed that the programme stores these details."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name

    def clean(self):
        if self.is_public and not self.consent:
            raise ValidationError({"is_public": _("A contact can only be shown publicly with their consent.")})


class Agreement(models.Model):
    """A partnership agreement ("partnerskabsaftale"); renewals add a new one, so history stays."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="agreements")
    status = models.CharField(_("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="agreements", verbose_name=_("focus areas"))
    communication = models.TextField(
        _("communication commitment"), blank=True,
        help_text=_("For example one climate story a year and one citizen-facing activity."),
    )
    collaboration = models.TextField(
        _("collaboration commitment"), blank=True,
        help_text=_("For example a collaboration with a school or another company."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return f"{self.organisation} {self.starts_on:%Y}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period cannot end before it starts.")})
        if self.status == AgreementStatus.ACTIVE and not self.signed_on:
            raise ValidationError({"signed_on": _("An active agreement needs the date it was signed.")})


class ReductionTarget(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="targets")
    target_year = models.PositiveSmallIntegerField(
        _("target year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    percent = models.DecimalField(
        _("reduction (%)"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["target_year"]
        constraints = [models.UniqueConstraint(fields=["agreement", "target_year"], name="one_target_per_year")]
        verbose_name = _("reduction target")
        verbose_name_plural = _("reduction targets")

    def __str__(self):
        return f"{self.percent}% {self.target_year}"


class Action(models.Model):
    """An action ("indsats") the partner carries out under its agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, null=True, blank=True, related_name="actions", verbose_name=_("focus area")
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    expected_effect = models.DecimalField(
        _("expected effect (t CO2e/year)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    realised_effect = models.DecimalField(
        _("realised effect (t CO2e/year)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_public = models.BooleanField(_("public"), default=True)
    # The coordinator's review of the effects: until then they do not count in public figures.
    effect_approved = models.BooleanField(_("effect reviewed by the coordinator"), default=False)
    # Plausibility warnings the editor confirmed, for the coordinator: [{"code", "field", "params", ...}].
    effect_findings = models.JSONField(default=list, blank=True)

    class Meta:
        # Actions without a year last, the same on SQLite and PostgreSQL (they sort NULL differently).
        ordering = [models.F("start_year").asc(nulls_last=True), "title", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.title

    @property
    def years(self) -> str:
        """'2024', '2024–2026', or '' when no year is known."""
        if self.start_year and self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})


class Membership(models.Model):
    """A partner editor: a user who may edit one organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership")]
        verbose_name = _("partner editor")
        verbose_name_plural = _("partner editors")

    def __str__(self):
        return f"{self.user} → {self.organisation}"


class Upload(models.Model):
    """A file kept for a background job to read (an import); emptied once read, kept with its findings if refused."""

    kind = models.CharField(max_length=40)  # partners, factor_set, klimakompasset
    filename = models.CharField(max_length=255, blank=True)
    data = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    # Why the file was refused, in the job's language: [{"sheet", "row", "column", "message"}].
    findings = models.JSONField(default=list, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self):
        return self.filename or self.kind
