from django import forms
from django.utils.translation import gettext_lazy as _

from klimapartner.forms import ModelForm
from klimapartner.partners.models import FocusArea
from klimapartner.tours.models import Site, Weekday

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SiteForm(ModelForm):
    open_days = forms.MultipleChoiceField(label=_("Open on"), choices=Weekday.choices,
                                          widget=forms.CheckboxSelectMultiple)
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"), queryset=FocusArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("What a visit is about; the planner can suggest sites by focus area."))

    class Meta:
        model = Site
        fields = ["name", "address", "town", "latitude", "longitude", "description", "focus_areas", "opens", "closes",
                  "open_days", "visit_minutes", "max_group", "step_free", "host_email", "is_active"]
        widgets = {"opens": TIME, "closes": TIME}
        localized_fields = ["latitude", "longitude"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["open_days"] = list(self.initial.get("open_days") or self.instance.open_days)
        self.fields["latitude"].help_text = _("In degrees, e.g. 57,45830 (the partner's own are filled in for a new site).")

    def clean_open_days(self):
        return "".join(sorted(self.cleaned_data["open_days"]))
