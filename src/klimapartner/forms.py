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


class ModelForm(DKFDSMixin, forms.ModelForm):
    pass
