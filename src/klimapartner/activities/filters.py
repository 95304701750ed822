"""The public calendar's filters: kind, town and focus area, all optional."""

from django import forms
from django.utils.translation import gettext_lazy as _

from klimapartner.activities.models import ActivityKind
from klimapartner.forms import Form
from klimapartner.partners.models import FocusArea


class CalendarFilter(Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    town = forms.ChoiceField(label=_("Town"), required=False)
    focus = forms.ModelChoiceField(label=_("Focus area"), queryset=FocusArea.objects.all(), required=False,
                                   to_field_name="slug", empty_label=_("All focus areas"))

    def __init__(self, *args, towns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + list(ActivityKind.choices)
        self.fields["town"].choices = [("", _("All towns"))] + [(t, t) for t in towns]


def filtered(activities, form):
    if not form.is_valid():
        return activities
    data = form.cleaned_data
    if data.get("kind"):
        activities = activities.filter(kind=data["kind"])
    if data.get("town"):
        activities = activities.filter(town=data["town"])
    if data.get("focus"):
        activities = activities.filter(focus_areas=data["focus"])
    return activities
