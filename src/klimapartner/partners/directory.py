"""The public partner directory: filters, the matching organisations and the headline figures."""

from decimal import Decimal

from django import forms
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from klimapartner.forms import Form
from klimapartner.partners.access import counted_effects, public_organisations
from klimapartner.partners.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    FocusArea,
    Organisation,
    OrgType,
    Sector,
)

PAGE_SIZE = 50


class DirectoryFilters(Form):
    hide_optional = True  # every filter is optional; saying so on each would be noise
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *OrgType.choices])
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices])
    town = forms.ChoiceField(label=_("Town"), required=False)
    focus = forms.ChoiceField(label=_("Focus area"), required=False)

    def __init__(self, *args, towns, focus_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("All towns")), *((t, t) for t in towns)]
        self.fields["focus"].choices = [("", _("All focus areas")), *((f.slug, f.name) for f in focus_areas)]


def published_organisations():
    return public_organisations()


def directory_form(data):
    towns = published_organisations().order_by("town").values_list("town", flat=True).distinct()
    return DirectoryFilters(data or None, towns=list(towns), focus_areas=list(FocusArea.objects.all()))


def filter_organisations(form):
    """Published organisations matching the form's filters (an invalid filter is ignored)."""
    organisations = published_organisations()
    if not form.is_bound:
        return organisations
    form.is_valid()
    data = form.cleaned_data
    if data.get("q"):
        q = data["q"]
        organisations = organisations.filter(Q(name__icontains=q) | Q(description__icontains=q) | Q(town__icontains=q))
    if data.get("type"):
        organisations = organisations.filter(org_type=data["type"])
    if data.get("sector"):
        organisations = organisations.filter(sector=data["sector"])
    if data.get("town"):
        organisations = organisations.filter(town=data["town"])
    if data.get("focus"):
        # Only commitments that are public count: draft agreements are not shown.
        committed = Agreement.objects.filter(focus_areas__slug=data["focus"]).exclude(status=AgreementStatus.DRAFT)
        organisations = organisations.filter(pk__in=committed.values("organisation_id"))
    return organisations


def headline_figures():
    """The programme in numbers, from published partners and their public actions."""
    by_type = dict(published_organisations().values_list("org_type").annotate(n=Count("pk")))
    public_actions = Action.objects.filter(
        is_public=True, agreement__organisation__is_published=True
    ).exclude(agreement__status=AgreementStatus.DRAFT)
    by_status = dict(public_actions.values_list("status").annotate(n=Count("pk")))
    # Effects count once the coordinator has reviewed them (partners.access.counted_effects).
    effects = counted_effects(public_actions)
    expected = effects.exclude(status=ActionStatus.DROPPED).aggregate(t=Sum("expected_effect"))["t"]
    realised = effects.filter(status=ActionStatus.DONE).aggregate(t=Sum("realised_effect"))["t"]
    return {
        "partners": sum(by_type.values()),
        "by_type": [(label, by_type.get(value, 0)) for value, label in OrgType.choices],
        "actions": sum(by_status.values()),
        "by_status": [(label, by_status.get(value, 0)) for value, label in ActionStatus.choices],
        "expected_effect": expected or Decimal("0"),
        "realised_effect": realised or Decimal("0"),
    }
