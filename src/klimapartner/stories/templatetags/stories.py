"""Stories on other apps' pages (the partner's public page, the front page), without those apps importing us."""

from django import template

from klimapartner.partners.access import public_stories

register = template.Library()


@register.inclusion_tag("stories/includes/cards.html", takes_context=True)
def newest_stories(context, organisation=None, count=3):
    stories = public_stories().select_related("organisation")
    if organisation is not None:
        stories = stories.filter(organisation=organisation)
    return {"stories": list(stories[:count]), "organisation": organisation,
            "municipality_name": context.get("municipality_name")}
