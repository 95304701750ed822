"""Forms for the coordinator's and the partner editors' pages."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from klimapartner.forms import DKFDSFormSetMixin, Form, LocalDecimalField, ModelForm
from klimapartner.partners.cvr import normalise_cvr
from klimapartner.partners.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    ContactPerson,
    FocusArea,
    Organisation,
    ReductionTarget,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    # Longer than 8, so "DK 1234 5678" as people write it reaches clean_cvr and is normalised.
    cvr = forms.CharField(label=_("CVR number"), required=False, max_length=20)

    class Meta:
        model = Organisation
        fields = [
            "name", "cvr", "org_type", "sector", "size", "address", "postcode", "town",
            "latitude", "longitude", "website", "description", "logo", "is_published",
        ]
        localized_fields = ["latitude", "longitude"]

    def __init__(self, *args, coordinator=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not coordinator:
            # Whether a partner is shown publicly is the coordinator's decision.
            del self.fields["is_published"]

    def clean_cvr(self):
        return normalise_cvr(self.cleaned_data["cvr"])


class ContactForm(ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone", "consent", "is_public"]


class AgreementForm(ModelForm):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"), queryset=FocusArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Agreement
        fields = ["status", "signed_on", "starts_on", "ends_on", "baseline_year", "focus_areas", "communication", "collaboration"]
        widgets = {"signed_on": DATE, "starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, coordinator=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not coordinator:
            # The agreement's status and period are what was signed; only the coordinator changes them.
            for name in ("status", "signed_on", "starts_on", "ends_on"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        starts = data.get("starts_on")
        if data.get("status") == AgreementStatus.ACTIVE and starts and starts > timezone.localdate():
            self.add_error("status", ValidationError(
                _("The agreement starts on %(date)s, so it cannot be active yet: keep it as a draft until then."),
                params={"date": date_format(starts)}))
        return data


class TargetForm(ModelForm):
    percent = LocalDecimalField(label=_("Reduction (%)"), max_digits=5, decimal_places=2, min_value=0, max_value=100)

    class Meta:
        model = ReductionTarget
        fields = ["target_year", "percent"]

    def full_clean(self):
        # An existing target whose fields are emptied is removed, as if "Remove" were ticked.
        if self.is_bound and self.instance.pk and not any(
                (self.data.get(self.add_prefix(name)) or "").strip() for name in ("target_year", "percent")):
            self._errors = ErrorDict()
            self.cleaned_data = {"DELETE": True, "id": self.instance}
            return
        super().full_clean()


# Checks of an agreement's targets taken together that other apps add (climate: whether they make a path).
# Each is called with (base year, [(target year, percent)]) and returns messages.
TARGET_CHECKS: list = []


class BaseTargetFormSet(DKFDSFormSetMixin, BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        targets = [(f.cleaned_data["target_year"], f.cleaned_data["percent"]) for f in self.forms
                   if f.cleaned_data and not f.cleaned_data.get("DELETE")
                   and f.cleaned_data.get("target_year") is not None and f.cleaned_data.get("percent") is not None]
        found = [message for check in TARGET_CHECKS for message in check(self.instance.baseline_year, targets)]
        if found:
            raise ValidationError(found)


TargetFormSet = inlineformset_factory(
    Agreement, ReductionTarget, form=TargetForm, formset=BaseTargetFormSet, extra=2, can_delete=True, max_num=6,
    validate_max=True,
)

# Checks of an action's effects that other apps add (climate adds its plausibility check, in its AppConfig.ready).
# Each is called with (action, expected, realised, title) and returns [(message, finding as a dict)].
EFFECT_CHECKS: list = []


class ActionForm(ModelForm):
    expected_effect = LocalDecimalField(label=_("expected effect (t CO2e/year)"), required=False, max_digits=10,
                                        decimal_places=2, min_value=0)
    realised_effect = LocalDecimalField(label=_("realised effect (t CO2e/year)"), required=False, max_digits=10,
                                        decimal_places=2, min_value=0)
    confirm_effect = forms.BooleanField(label=_("I have checked the effect flagged above and it is right"),
                                        required=False)

    class Meta:
        model = Action
        fields = [
            "title", "description", "focus_area", "status", "start_year", "end_year",
            "expected_effect", "realised_effect", "is_public",
        ]

    def __init__(self, *args, coordinator=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.coordinator = coordinator
        self.effect_warnings = []
        if not self.is_bound:
            del self.fields["confirm_effect"]  # shown only beside a flagged effect

    def clean(self):
        data = super().clean()
        year = data.get("end_year") or data.get("start_year")
        this_year = timezone.localdate().year
        if data.get("status") == ActionStatus.DONE and year and year > this_year:
            self.add_error("status", ValidationError(
                _("A finished action cannot end in %(year)s, a year still to come: give the year it was finished."),
                params={"year": year}))
        changed = {"expected_effect", "realised_effect"} & set(self.changed_data)
        if changed and not self.errors:
            for check in EFFECT_CHECKS:
                self.effect_warnings += check(self.instance, data.get("expected_effect"), data.get("realised_effect"),
                                              data.get("title") or self.instance.title)
        if not self.effect_warnings:
            self.fields.pop("confirm_effect", None)
        elif not data.get("confirm_effect"):
            raise forms.ValidationError([message for message, _finding in self.effect_warnings])
        return data

    def save(self, commit=True):
        action = super().save(commit=False)
        if {"expected_effect", "realised_effect"} & set(self.changed_data) or action.pk is None:
            # New figures count in public once the coordinator has looked at them (the coordinator's own at once).
            action.effect_approved = self.coordinator
            action.effect_findings = [finding for _message, finding in self.effect_warnings]
        if commit:
            action.save()
        return action


class InviteForm(Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"))


class FocusAreaForm(ModelForm):
    class Meta:
        model = FocusArea
        fields = ["slug", "name_da", "name_en", "position"]


class ImportForm(Form):
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            _("CSV (semicolon-separated, as Excel saves it) or XLSX, at most {mb} MB."),
            mb=settings.IMPORT_MAX_BYTES // (1024 * 1024),
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before the upload is read, so a huge file never lands in memory.
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
            )
        return upload
