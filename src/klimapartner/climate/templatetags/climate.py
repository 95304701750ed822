"""Filters for the CO2 account pages: kg shown as tonnes, the core's codes by name."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

from klimapartner.climate import findings
from klimapartner.climate.labels import category_label, factor_label, source_label, unit_label, variant_label

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
register.filter("factor_label", factor_label)
register.filter("unit_label", unit_label)


class _Stored:
    def __init__(self, data):
        self.code = data.get("code", "")
        self.params = data.get("params", {})


@register.filter
def finding(value):
    """A finding stored as JSON (climate.accounts.finding_dict), or a Problem, in the reader's language."""
    return findings.describe(_Stored(value) if isinstance(value, dict) else value)


@register.filter
def amount(value, places=2):
    """A number for a sentence in the reader's language: 6640000 -> "6.640.000" in Danish."""
    return findings.number(value, int(places))


@register.filter
def unmapped_reason(code):
    from klimapartner.climate.labels import UNMAPPED_REASON_LABELS

    return UNMAPPED_REASON_LABELS.get(code, code)


@register.filter
def reconciliation_reason(code):
    from klimapartner.climate.labels import RECONCILIATION_REASON_LABELS

    return RECONCILIATION_REASON_LABELS.get(code, code)


@register.filter
def scope2_label(method):
    from klimapartner.climate.labels import SCOPE2_LABELS

    return SCOPE2_LABELS.get(method, method)
