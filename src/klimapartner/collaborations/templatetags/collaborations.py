"""The collaborations app's hook into the partner pages: partners show a partner's collaborations
through this tag, so the partners app never imports collaborations."""

from django import template
from django.db.models import Prefetch

from klimapartner.collaborations.models import Collaboration, CollaborationPartner
from klimapartner.partners.access import public_collaborations

register = template.Library()


@register.inclusion_tag("collaborations/includes/partner_collaborations.html")
def partner_collaborations(organisation, public=True, agreement=None):
    """The organisation's collaborations, newest first, with the other partners (2 queries).
    On the public page only those the public may see; on the editor's page all, with their state.
    With an agreement: how many confirmed ones began in its period, which count towards its
    collaboration commitment."""
    rows = Collaboration.objects.filter(memberships__organisation=organisation)
    if public:
        rows = public_collaborations(rows)
    rows = rows.prefetch_related(
        Prefetch("memberships", queryset=CollaborationPartner.objects.select_related("organisation"))
    )
    items = [
        (c, [m.organisation for m in c.memberships.all() if m.organisation_id != organisation.pk]) for c in rows
    ]
    counted = None
    if agreement is not None:
        counted = sum(1 for c, _ in items if c.is_confirmed and agreement.starts_on <= c.started_on
                      and (agreement.ends_on is None or c.started_on <= agreement.ends_on))
    return {"items": items, "organisation": organisation, "public": public, "agreement": agreement, "counted": counted}


@register.filter
def share(fraction, decimals=0):
    """0.456 -> "46" (a percentage in the language's number format); None -> "–"."""
    from django.template.defaultfilters import floatformat

    if fraction is None or fraction == "":
        return "–"
    return floatformat(float(fraction) * 100, f"{decimals}g")
