"""Forms in the DKFDS look: the renderer and a mixin that gives widgets DKFDS classes."""

from django import forms
from django.forms.renderers import TemplatesSetting


class DKFDSRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class PickerSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrolling list with a search box: for choosing some of many partners, on a phone too."""

    template_name = "forms/widgets/picker.html"


WIDGET_CLASSES = {
    forms.CheckboxInput: "form-checkbox",
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.Textarea: "form-input",
    forms.ClearableFileInput: "form-file-input",
    forms.FileInput: "form-file-input",
}


class DKFDSMixin:
    """Adds the design system's class to every widget, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next((c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)), "form-input")
            widget.attrs.setdefault("class", css)
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)


class Form(DKFDSMixin, forms.Form):
    pass


def dkfds_class(field):
    """Give a field added after the form was built (a formset's "Remove", a confirmation) the design system's class."""
    widget = field.widget
    css = next((c for t, c in WIDGET_CLASSES.items() if isinstance(widget, t)), "form-input")
    widget.attrs.setdefault("class", css)
    return field


class DKFDSFormSetMixin:
    """Formsets whose "Remove" box is drawn like every other DKFDS checkbox (without the class it is invisible)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name in ("DELETE", "ORDER"):
            if name in form.fields:
                dkfds_class(form.fields[name])


class ModelForm(DKFDSMixin, forms.ModelForm):
    pass


class LocalDecimalField(forms.DecimalField):
    """A decimal as people type it: in Danish "1.234,5" as well as "1234,5" and "1234.5" (klimapartner.spreadsheets)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})

    def to_python(self, value):
        from django.core.exceptions import ValidationError
        from django.utils.formats import get_format

        from klimapartner import spreadsheets

        if value in self.empty_values:
            return None
        if isinstance(value, str):
            mark = "," if get_format("DECIMAL_SEPARATOR") == "," else "."
            try:
                number = spreadsheets.parse_decimal(value, mark)
            except spreadsheets.CellError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
            if number is None:
                return None
            if not number.is_finite():
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            return number
        return super().to_python(value)
