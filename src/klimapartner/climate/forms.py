"""Forms for the CO2 account pages, and the core's findings as messages on the right field."""

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from klimapartner.accounting.activity import ActivityLine, Source
from klimapartner.accounting.problems import Problem
from klimapartner.climate.findings import describe
from klimapartner.climate.labels import REASON_LABELS, SOURCE_LABELS, UNIT_LABELS, VARIANT_GROUPS
from klimapartner.climate.models import AccountStatus, ClimateProfile, ReminderDate, StoredFactorSet, YearAccount
from klimapartner.forms import DKFDSFormSetMixin, Form, LocalDecimalField, ModelForm, dkfds_class

DEFAULT_SET = ""


class AmountField(LocalDecimalField):
    """A decimal as people type it from an invoice: in Danish "12.500,5" as well as "12500,5"."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "form-input climate-amount"})


class AccountForm(ModelForm):
    """The year's head data; the lines are a LineFormSet beside it."""

    factor_set_choice = forms.ChoiceField(label=_("Emission-factor set"), required=False)
    confirm_warnings = forms.BooleanField(
        label=_("I have checked the figures flagged above and they are right"), required=False)
    change_reason = forms.ChoiceField(label=_("Why does the base year change?"), required=False,
                                      choices=list(REASON_LABELS.items()))
    change_description = forms.CharField(label=_("What changed"), required=False, max_length=300,
                                         help_text=_("Kept with the base year, so later readers know why it moved."))

    class Meta:
        model = YearAccount
        fields = ["employees", "status", "notes"]
        localized_fields = ["employees"]
        field_classes = {"employees": AmountField}
        labels = {"status": _("Status"), "notes": _("Notes")}
        help_texts = {
            "status": _("Submit the account when the year is complete. The coordinator reviews it before it counts."),
        }

    def __init__(self, *args, coordinator=False, warnings=(), base_year_change=False, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinator:
            self.fields["factor_set_choice"].choices = [(DEFAULT_SET, gettext("The shipped default set"))] + [
                (str(s.pk), str(s)) for s in StoredFactorSet.objects.all()]
            self.fields["factor_set_choice"].initial = str(self.instance.factor_set_id or DEFAULT_SET)
        else:
            del self.fields["factor_set_choice"]
            # Approving is the coordinator's: a partner submits, and changing an approved account submits it again.
            self.fields["status"].choices = [(c, label) for c, label in AccountStatus.choices
                                             if c != AccountStatus.APPROVED]
            if self.instance.status == AccountStatus.APPROVED:
                self.initial["status"] = AccountStatus.SUBMITTED
                self.fields["status"].help_text = _("Approved by the coordinator. Saving changes sends it for review "
                                                    "again.")
        if not warnings:
            del self.fields["confirm_warnings"]
        if not base_year_change:
            del self.fields["change_reason"], self.fields["change_description"]

    def chosen_factor_set(self):
        value = self.cleaned_data.get("factor_set_choice", None)
        if value is None:  # not the coordinator: keep what the account has
            return self.instance.factor_set
        return StoredFactorSet.objects.get(pk=value) if value else None


def canonical_unit(unit: str) -> str:
    """The form's code for a unit the core understands ("liter" -> "l", "m**3" -> "m3"), else the unit as it is."""
    from klimapartner.accounting.units import parse_unit

    try:
        parsed = parse_unit(unit)
    except ValueError:
        return unit
    return next((code for code in UNIT_LABELS if parse_unit(code) == parsed), unit)


def _unit_choices():
    return [("", "–")] + [(code, label) for code, label in UNIT_LABELS.items()]


class LineForm(Form):
    source = forms.ChoiceField(label=_("Source"), choices=[("", "–")] + list(SOURCE_LABELS.items()))
    amount = AmountField(label=_("Amount"), max_digits=16, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=_unit_choices)
    variant = forms.ChoiceField(label=_("Grid area, flight or fraction"), required=False,
                                choices=[("", "–")] + [(str(g), list(c)) for g, c in VARIANT_GROUPS])
    guarantees_kwh = AmountField(label=_("Certificates or guarantees of origin (kWh)"), required=False,
                                 max_digits=16, decimal_places=3)
    supplier_factor = AmountField(label=_("Supplier's factor (kg CO2e/kWh)"), required=False, max_digits=10,
                                  decimal_places=5, min_value=0)
    label = forms.CharField(label=_("Note"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every row may stay empty: rows prefilled with last year's sources are left out until given an amount.
        self.empty_permitted = True
        self.use_required_attribute = False
        for name in ("source", "variant", "unit"):
            self.fields[name].widget.attrs["class"] = f"form-select climate-{name}"

    def has_changed(self):
        """A row counts when it has an amount; a source and unit alone (last year's, prefilled) do not."""
        return bool((self.data.get(self.add_prefix("amount")) or "").strip())

    def to_line(self) -> ActivityLine:
        data = self.cleaned_data
        return ActivityLine(Source(data["source"]), data["amount"], data["unit"], variant=data.get("variant") or "",
                            label=data.get("label") or "", guarantees_kwh=data.get("guarantees_kwh") or 0,
                            supplier_factor=data.get("supplier_factor"))

    def has_removal(self) -> bool:
        return bool(self.data.get(self.add_prefix("DELETE")))


class BaseLineFormSet(DKFDSFormSetMixin, BaseFormSet):
    pass


LineFormSet = formset_factory(LineForm, formset=BaseLineFormSet, extra=3, can_delete=True, max_num=60,
                              validate_max=True)


def lines_of(formset):
    """(lines, forms) from a valid formset: filled-in rows that are not marked for removal, in order."""
    lines, forms_ = [], []
    for form in formset.forms:
        if not form.has_changed() or form.cleaned_data.get("DELETE") or not form.cleaned_data:
            continue
        lines.append(form.to_line())
        forms_.append(form)
    return lines, forms_


def _trim(value):
    """12500.500 -> 12500.5, 10000.000 -> 10000: stored decimals as a person would type them."""
    if value is None:
        return None
    return value.quantize(1) if value == value.to_integral_value() else value.normalize()


def initial_lines(account, previous):
    """The rows to show: the account's own, or for a new year last year's sources and units to fill in."""
    if account.pk:
        entries = account.entries.all()
        return [{"source": e.source, "amount": _trim(e.amount), "unit": e.unit, "variant": e.variant,
                 "guarantees_kwh": _trim(e.guarantees_kwh) or None, "supplier_factor": _trim(e.supplier_factor),
                 "label": e.label} for e in entries], True
    if previous is not None:
        return [{"source": e.source, "unit": e.unit, "variant": e.variant, "label": e.label}
                for e in previous.entries.all()], False
    return [], False


# Where a finding about a line is shown: the field it names, else the amount.
LINE_FIELDS = ("source", "amount", "unit", "variant", "guarantees_kwh", "supplier_factor", "label")


def problem_message(problem: Problem) -> tuple[str, str]:
    """(form field, message) for one of the core's findings, in the user's language."""
    field = problem.field if problem.field in LINE_FIELDS else "amount"
    if problem.line is None:
        field = "employees" if problem.field == "employees" else None
    return field, describe(problem)


class UploadField(forms.FileField):
    """A file refused before it is read when it is larger than the import limit."""

    def clean(self, data, initial=None):
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        upload = super().clean(data, initial)
        if upload is not None and upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is %(size)s; the limit is %(limit)s.") % {
                    "size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)})
        return upload


class KlimakompassetForm(Form):
    file = UploadField(label=_("Klimakompasset report (.xlsx, or its entries sheet as .csv)"),
                       help_text=_("The Excel report you download from Klimakompasset."))


class KlimakompassetConfirmForm(Form):
    """One tick box per thing the partner must confirm before a report is imported (see klimakompasset.Checks)."""

    def __init__(self, *args, confirmations=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in confirmations:
            self.fields[name] = dkfds_class(forms.BooleanField(label=text, required=True, error_messages={
                "required": gettext("Tick the box to go on.")}))


class FactorSetImportForm(Form):
    file = UploadField(label=_("Factor file (.csv or .xlsx)"),
                       help_text=_("One factor per row, in the columns of the shipped set; see the documentation."))


class PublishForm(ModelForm):
    class Meta:
        model = ClimateProfile
        fields = ["publish_progress"]


class ReminderDateForm(ModelForm):
    class Meta:
        model = ReminderDate
        fields = ["year", "remind_on"]
        widgets = {"remind_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class RemindNowForm(Form):
    """Send the reminders now: the coordinator confirms how many partners get one."""

    def __init__(self, *args, count=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count
        self.fields["confirm"] = dkfds_class(forms.BooleanField(
            label=ngettext("Yes, email the %(count)s partner with someone to write to",
                           "Yes, email the %(count)s partners with someone to write to", count) % {"count": count},
            required=True, error_messages={"required": gettext("Tick the box to send the reminders.")}))


class YearChoiceForm(Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)

