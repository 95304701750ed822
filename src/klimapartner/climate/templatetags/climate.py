"""Filters for the CO2 account pages: kg shown as tonnes, the core's codes by name."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

from klimapartner.climate.labels import category_label, source_label, variant_label

register = template.Library()


@register.filter
def tonnes(kg, decimals=1):
    """kg CO2e as tonnes with grouping and the language's decimal mark: 12345.6 kg -> "12,3" (da)."""
    if kg is None or kg == "":
        return "–"
    return floatformat(Decimal(kg) / 1000, f"{decimals}g")


@register.filter
def number(value, decimals=1):
    if value is None or value == "":
        return "–"
    return floatformat(value, f"{decimals}g")


@register.filter
def percent(fraction):
    """0.7 -> "70"."""
    return floatformat(Decimal(fraction) * 100, "-1")


register.filter("source_label", source_label)
register.filter("variant_label", variant_label)
register.filter("category_label", category_label)
