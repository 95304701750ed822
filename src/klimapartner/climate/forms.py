"""Forms for the CO2 account pages, and the core's findings as messages on the right field."""

import re

from django import forms
from django.forms import formset_factory
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klimapartner.accounting.activity import ACCEPTED_UNITS, ActivityLine, Problem, Source
from klimapartner.climate.labels import REASON_LABELS, SOURCE_LABELS, UNIT_LABELS, VARIANT_GROUPS, VARIANT_LABELS, \
    source_label
from klimapartner.climate.models import ClimateProfile, ReminderDate, StoredFactorSet, YearAccount
from klimapartner.forms import Form, ModelForm

DEFAULT_SET = ""
GROUPED = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d*)?$")


class AmountField(forms.DecimalField):
    """A decimal as people type it from an invoice: in Danish "12.500,5" as well as "12500,5"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "form-input", "style": "min-width:9rem"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if get_format("DECIMAL_SEPARATOR") == "," and GROUPED.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


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
            "status": _("Submit the account when the year is complete; the coordinator counts submitted accounts."),
        }

    def __init__(self, *args, coordinator=False, warnings=(), base_year_change=False, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinator:
            self.fields["factor_set_choice"].choices = [(DEFAULT_SET, gettext("The shipped default set"))] + [
                (str(s.pk), str(s)) for s in StoredFactorSet.objects.all()]
            self.fields["factor_set_choice"].initial = str(self.instance.factor_set_id or DEFAULT_SET)
        else:
            del self.fields["factor_set_choice"]
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
    guarantees_kwh = AmountField(label=_("Guarantees of origin (kWh)"), required=False, max_digits=16,
                                 decimal_places=3)
    supplier_factor = AmountField(label=_("Supplier's factor (kg CO2e/kWh)"), required=False, max_digits=10,
                                  decimal_places=5)
    label = forms.CharField(label=_("Note"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every row may stay empty: rows prefilled with last year's sources are left out until given an amount.
        self.empty_permitted = True
        self.use_required_attribute = False
        for name in ("source", "variant"):
            self.fields[name].widget.attrs["style"] = "min-width:15rem"

    def has_changed(self):
        """A row counts when it has an amount; a source and unit alone (last year's, prefilled) do not."""
        return bool((self.data.get(self.add_prefix("amount")) or "").strip())

    def to_line(self) -> ActivityLine:
        data = self.cleaned_data
        return ActivityLine(Source(data["source"]), data["amount"], data["unit"], variant=data.get("variant") or "",
                            label=data.get("label") or "", guarantees_kwh=data.get("guarantees_kwh") or 0,
                            supplier_factor=data.get("supplier_factor"))


LineFormSet = formset_factory(LineForm, extra=3, can_delete=True, max_num=60, validate_max=True)


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


def problem_message(problem: Problem, line: ActivityLine | None, factor_set_label: str = "") -> tuple[str, str]:
    """(field, message) for a finding of the core, in the user's language."""
    name = source_label(line.source.value) if line is not None else ""
    code = problem.code
    if code == "not_a_number":
        return "amount", gettext("The amount is not a number.")
    if code == "negative":
        if "guarantees" in problem.message:
            return "guarantees_kwh", gettext("Guarantees of origin cannot be negative.")
        if "supplier" in problem.message:
            return "supplier_factor", gettext("The supplier's factor cannot be negative.")
        if line is None:
            return "employees", gettext("The number of employees cannot be negative.")
        return "amount", gettext("The amount cannot be negative.")
    if code == "unknown_unit":
        return "unit", gettext("The unit %(unit)s is not known.") % {"unit": line.unit}
    if code == "unit_does_not_fit":
        units = " / ".join(str(UNIT_LABELS.get(u, u)) for u in ACCEPTED_UNITS[line.source])
        return "unit", gettext("%(source)s cannot be measured in %(unit)s; use %(units)s.") % {
            "source": name, "unit": UNIT_LABELS.get(line.unit, line.unit), "units": units}
    if code == "unknown_variant":
        if line.source is Source.ELECTRICITY:
            return "variant", gettext("Choose the grid area DK1 or DK2, or leave it empty.")
        return "variant", gettext("Choose the flight's length: short, medium or long.")
    if code == "missing_variant":
        if line.source is Source.WASTE:
            return "variant", gettext("Say which waste fraction it is.")
        return "variant", gettext("Say whether the purchases are goods or services.")
    if code == "guarantees_not_electricity":
        return "guarantees_kwh", gettext("Guarantees of origin apply to electricity only.")
    if code == "guarantees_exceed_use":
        return "guarantees_kwh", gettext("Guarantees of origin cannot cover more kWh than the electricity used.")
    if code == "no_factor":
        return "variant", gettext("The factor set %(set)s has no factor for %(source)s %(variant)s.") % {
            "set": factor_set_label, "source": name, "variant": VARIANT_LABELS.get(line.variant, line.variant)}
    return "amount", problem.message


def warning_message(problem: Problem) -> str:
    """A hundredfold jump from last year, in the user's language; the figures as the core wrote them."""
    key, _sep, detail = problem.message.partition(": ")
    source, _sep, variant = key.partition(" (")
    name = source_label(source) + (f" ({VARIANT_LABELS.get(variant.rstrip(')'), variant.rstrip(')'))})" if variant else "")
    if problem.code == "jump_up":
        text = gettext("%(source)s is 100 times last year's amount or more. Check the unit and the figure.")
    else:
        text = gettext("%(source)s is 1/100 of last year's amount or less. Check the unit and the figure.")
    return f"{text % {'source': name}} ({detail.split(';')[0]})"


class KlimakompassetForm(Form):
    file = forms.FileField(label=_("Klimakompasset report (.xlsx)"),
                           help_text=_("The Excel report you download from Klimakompasset."))


class FactorSetImportForm(Form):
    file = forms.FileField(label=_("Factor file (.csv or .xlsx)"),
                           help_text=_("One factor per row, in the columns of the shipped set; see the documentation."))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > 2 * 1024 * 1024:
            raise forms.ValidationError(gettext("The file is larger than 2 MB."))
        return file


class PublishForm(ModelForm):
    class Meta:
        model = ClimateProfile
        fields = ["publish_progress"]


class ReminderDateForm(ModelForm):
    class Meta:
        model = ReminderDate
        fields = ["year", "remind_on"]
        widgets = {"remind_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class YearChoiceForm(Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)

