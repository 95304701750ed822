"""The tours app's hook on the partner's own page: its sites, with a link to keep them."""

from django import template

register = template.Library()


@register.inclusion_tag("tours/includes/organisation_sites.html")
def organisation_sites(organisation):
    return {"organisation": organisation, "sites": list(organisation.sites.all())}
