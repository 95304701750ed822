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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TourForm(ModelForm):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"), queryset=FocusArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("What the tour is about; the planner suggests sites with these focus areas first."))

    class Meta:
        from klimapartner.tours.models import Tour

        model = Tour
        fields = ["title", "date", "starts", "ends", "venue", "latitude", "longitude", "capacity", "groups",
                  "is_public", "objective", "focus_areas", "description"]
        widgets = {"date": DATE, "starts": TIME, "ends": TIME}
        localized_fields = ["latitude", "longitude"]


class PlanForm(forms.Form):
    """The planning page: which sites, and the order the coordinator has arranged (ids, comma-separated)."""

    sites = forms.ModelMultipleChoiceField(label=_("Sites to visit"), queryset=Site.objects.none(), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    order = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, tour, **kwargs):
        super().__init__(*args, **kwargs)
        weekday = str(tour.date.weekday())
        self.fields["sites"].queryset = (Site.objects.filter(is_active=True, open_days__contains=weekday)
                                         .select_related("organisation").prefetch_related("focus_areas"))
        self.fields["sites"].widget.attrs["class"] = "form-checkbox"


class BreakForm(forms.Form):
    """A break; leave the name empty to have none (or to remove one)."""

    name = forms.CharField(label=_("Break"), max_length=80, required=False, help_text=_("E.g. Lunch. Empty: no break."))
    minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=240, required=False)
    earliest = forms.TimeField(label=_("Not before"), widget=TIME, required=False)
    latest = forms.TimeField(label=_("Over by"), widget=TIME, required=False)
    site = forms.ModelChoiceField(label=_("At site"), queryset=Site.objects.filter(is_active=True), required=False,
                                  empty_label=_("Wherever the bus is"))

    hide_optional = True  # every field is optional only so that an empty form means "no break"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-select" if name == "site" else "form-input")

    def clean(self):
        data = super().clean()
        if not data.get("name"):
            return data
        for name in ("minutes", "earliest", "latest"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("A break needs this too."))
        if data.get("earliest") and data.get("latest") and data["latest"] <= data["earliest"]:
            self.add_error("latest", _("The break must be over after it may begin."))
        return data


BreakFormSet = forms.formset_factory(BreakForm, extra=1, max_num=3)
