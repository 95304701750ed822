"""What the public may see, in templates: the rules themselves stay in partners/access.py."""

from django import template

from klimapartner.partners import access

register = template.Library()


@register.filter
def public_effect(action, which):
    """`{{ action|public_effect:"expected" }}`: the effect once the coordinator has reviewed it, else None."""
    return access.public_effect(action, which)
