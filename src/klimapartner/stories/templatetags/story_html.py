from django import template
from django.utils.safestring import mark_safe

from klimapartner.stories.text import clean_html

register = template.Library()


@register.filter
def story_html(text):
    """A story's stored text, sanitised once more on the way out (it was sanitised when saved)."""
    return mark_safe(clean_html(text))  # noqa: S308 - nh3 has removed everything unsafe
