"""The public network page: who works with whom, how it grew, who bridges groups (and, for the
coordinator, who met at partnership days)."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from klimapartner.accounts.roles import is_coordinator
from klimapartner.collaborations import network
from klimapartner.collaborations.models import CollaborationKind, NetworkSnapshot
from klimapartner.forms import Form
from klimapartner.partners.models import FocusArea, OrgType

PAGE_SIZE = 50
# Colours by type of organisation, each at least 3:1 against white (WCAG 1.4.11); the legend names them.
TYPE_COLOURS = {
    OrgType.COMPANY: "#1f5fa8",
    OrgType.EDUCATION: "#b35806",
    OrgType.ASSOCIATION: "#2e7d32",
    OrgType.PUBLIC: "#7b3294",
    OrgType.OTHER: "#616161",
}


class NetworkFilters(Form):
    hide_optional = True
    year = forms.TypedChoiceField(label=_("The network in"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind of collaboration"), required=False)
    focus = forms.ChoiceField(label=_("Focus area"), required=False)
    meetings = forms.BooleanField(label=_("Also show who met at partnership days"), required=False)

    def __init__(self, *args, years, coordinator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Today")), *((y, str(y)) for y in years)]
        self.fields["kind"].choices = [("", _("All kinds")), *CollaborationKind.choices]
        self.fields["focus"].choices = [("", _("All focus areas")), *((f.slug, f.name) for f in FocusArea.objects.all())]
        if not coordinator:
            del self.fields["meetings"]

    def filters(self) -> network.Filters:
        if not self.is_valid():
            return network.Filters()
        data = self.cleaned_data
        return network.Filters(year=data["year"], kind=data["kind"], focus=data["focus"],
                               meetings=bool(data.get("meetings")))


def _bridging(whole, filters):
    """(partners, snapshot date or None, computing): inline for a network of ordinary size, from the
    background job's snapshot beyond that (the job is started when the snapshot is out of date)."""
    if len(whole.nodes) <= network.INLINE_BETWEENNESS:
        return network.bridges(whole), None, False
    if filters.any or filters.meetings:
        return [], None, False
    snapshot = NetworkSnapshot.objects.first()
    current = snapshot is not None and snapshot.fingerprint == whole.fingerprint()
    if not current:
        from klimapartner.jobs.runner import start_job

        start_job("collaborations.network", subject="network")
    if snapshot is None:
        return [], None, True
    stored = {int(k): v for k, v in snapshot.scores.items()}
    return network.bridges(whole, stored=stored), snapshot.computed_at, not current


def _bars(growth, *, bar=44, gap=16, left=8, height=220, top=24):
    """A bar per year for the SVG (attributes, not styles: the page's CSP allows no inline styles)."""
    most = max((row.total for row in growth), default=0) or 1
    base = top + height
    bars = []
    for n, row in enumerate(growth):
        h = round(height * row.total / most, 1)
        x = left + n * (bar + gap)
        bars.append({"x": x, "y": base - h, "w": bar, "h": h, "mid": x + bar / 2, "value": row.total, "year": row.year})
    return {"bars": bars, "width": left + len(growth) * (bar + gap), "height": base + 28, "base": base, "left": 0}


@require_GET
def network_page(request):
    coordinator = is_coordinator(request.user)
    this_year = timezone.localdate().year
    growth_all = network.growth(until=this_year)
    years = [row.year for row in growth_all] or [this_year]
    form = NetworkFilters(request.GET or None, years=reversed(years), coordinator=coordinator)
    filters = form.filters()
    if filters.meetings and not coordinator:
        filters = network.Filters(year=filters.year, kind=filters.kind, focus=filters.focus)
    graph = network.build(filters)
    bridging, bridging_date, computing = _bridging(graph, filters)
    drawn, links, drawing_height = network.drawing(graph)
    # drawn: the most connected first; in a crowded drawing only the first names are written
    network.place_labels(drawn, limit=15 if len(drawn) > 40 else None)
    for node in drawn:
        node.colour = TYPE_COLOURS.get(node.org_type, TYPE_COLOURS[OrgType.OTHER])
    growth = network.growth(filters, until=this_year) if filters.kind or filters.focus else growth_all
    rows = sorted(graph.nodes.values(), key=lambda n: (-n.collaborations, n.name))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    names = {pk: n.name for pk, n in graph.nodes.items()}
    types = dict(OrgType.choices)
    for node in page:
        node.type_label = types.get(node.org_type, node.org_type)
        node.partner_names = sorted(names[p] for p in node.partners)
        node.met_names = sorted(names[p] for p in node.met - node.partners)
    query = request.GET.copy()
    query.pop("side", None)
    at = {n.id: n for n in drawn}
    lines = [(at[l.a], at[l.b], l) for l in links]
    context = {
        "section": "network",
        "form": form,
        "filters": filters,
        "network": graph,
        "drawn": drawn,
        "lines": lines,
        "drawing_height": drawing_height,
        "bridging": bridging,
        "bridging_date": bridging_date,
        "computing": computing,
        "growth": growth,
        "chart": _bars(growth),
        "page": page,
        "query": query.urlencode(),
        "legend": [(TYPE_COLOURS[value], label) for value, label in OrgType.choices],
        "coordinator": coordinator,
    }
    return render(request, "collaborations/network.html", context)
