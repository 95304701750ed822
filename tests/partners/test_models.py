import pytest

from klimapartner.partners.cvr import is_valid_cvr, normalise_cvr


@pytest.mark.parametrize("value", ["12345674", "11111114", "DK12345674", " 1234 5674 "])
def test_it_accepts_numbers_that_pass_modulus_11(value):
    assert is_valid_cvr(value) is True


@pytest.mark.parametrize("value", ["12345675", "1234567", "123456740", "abcdefgh", "", "02345674"])
def test_it_rejects_wrong_numbers(value):
    assert is_valid_cvr(value) is False


def test_it_normalises_spaces_and_country_prefix():
    assert normalise_cvr(" dk 1234 5674") == "12345674"


@pytest.mark.django_db
def test_slugs_spell_out_danish_letters_in_any_case_and_stay_unique():
    from tests.factories import make_organisation

    assert make_organisation("Østbyens Cykelværksted").slug == "oestbyens-cykelvaerksted"
    assert make_organisation("ÅRHUS ÆBLER").slug == "aarhus-aebler"
    assert make_organisation("Østbyens cykelværksted").slug == "oestbyens-cykelvaerksted-2"


@pytest.mark.parametrize(
    ("start", "end", "expected"), [(2024, 2026, "2024–2026"), (2024, 2024, "2024"), (None, 2025, "2025"), (None, None, "")]
)
def test_an_action_shows_its_years_compactly(start, end, expected):
    from klimapartner.partners.models import Action

    assert Action(start_year=start, end_year=end).years == expected
