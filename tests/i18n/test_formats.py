"""Dates, times and numbers as each language writes them (klimapartner/formats/), set once."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format, time_format


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load humanize %}" + source).render(Context(context))


@pytest.mark.parametrize("language, written, short, at", [
    ("da", "1. december 2026", "01.12.2026", "1. december 2026 kl. 12.05"),
    ("en", "1 December 2026", "1 Dec 2026", "1 December 2026, 12:05"),
])
def test_dates_are_written_out_in_each_language(language, written, short, at):
    moment = timezone.make_aware(datetime(2026, 12, 1, 12, 5))
    assert render("{{ d|date }}", language, d=date(2026, 12, 1)) == written
    assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', language, d=date(2026, 12, 1)) == short
    assert render('{{ m|date:"DATETIME_FORMAT" }}', language, m=moment) == at


def test_english_puts_no_full_stop_after_the_day():
    with translation.override("en"):
        assert date_format(date(2024, 1, 1)) == "1 January 2024"


@pytest.mark.parametrize("language, expected", [("da", "12.00"), ("en", "12:00")])
def test_times(language, expected):
    with translation.override(language):
        assert time_format(time(12, 0)) == expected
        assert render("{{ t|time }}", language, t=time(12, 0)) == expected


@pytest.mark.parametrize("language, expected, seconds", [("da", "1.234,5", "6,5"), ("en", "1,234.5", "6.5")])
def test_numbers_have_the_languages_marks(language, expected, seconds):
    with translation.override(language):
        assert number_format(Decimal("1234.5"), 1, force_grouping=True) == expected
    assert render('{{ x|floatformat:"1g" }}', language, x=1234.5) == expected
    assert render("{{ s|floatformat:1 }}", language, s=6.5) == seconds


@pytest.mark.parametrize("language", ["da", "en"])
def test_date_inputs_read_iso_in_every_language(language):
    from django import forms

    class DayForm(forms.Form):
        day = forms.DateField()
        when = forms.DateTimeField()
        starts = forms.TimeField()

    with translation.override(language):
        form = DayForm({"day": "2027-02-10", "when": "2027-02-01T23:59", "starts": "13:40"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == date(2027, 2, 10)
        bound = DayForm(initial={"day": date(2027, 2, 10), "starts": time(13, 40)})
        assert 'value="2027-02-10"' in str(bound["day"])
        assert 'value="13:40"' in str(bound["starts"])
