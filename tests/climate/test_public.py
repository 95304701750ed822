"""The progress chart on the public partner page: only when the partner chose it, in a constant number of queries."""

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from klimapartner.climate.models import AccountStatus, ClimateProfile
from klimapartner.climate.summary import public_progress
from klimapartner.partners.access import get_public_organisation
from tests.climate.helpers import make_account
from tests.factories import make_agreement

D = Decimal


class _Request:
    def __init__(self, user):
        self.user = user


def _public(org):
    from django.contrib.auth.models import AnonymousUser

    return get_public_organisation(_Request(AnonymousUser()), org.slug)


def test_nothing_is_shown_unless_the_partner_chose_to_publish(owner_org):
    make_agreement(owner_org, baseline_year=2022)
    make_account(owner_org, 2022)
    assert public_progress(_public(owner_org)) is None
    ClimateProfile.objects.create(organisation=owner_org, publish_progress=False)
    assert public_progress(_public(owner_org)) is None


def test_only_reviewed_finished_years_are_shown_against_the_path(owner_org):
    from django.utils import timezone

    this_year = timezone.localdate().year
    make_agreement(owner_org, baseline_year=2022, targets=((2030, "50"),))
    ClimateProfile.objects.create(organisation=owner_org, publish_progress=True)
    make_account(owner_org, 2022)  # 4,811.01 kg
    make_account(owner_org, 2023, diesel_l="800")  # 4,194.808 kg
    make_account(owner_org, 2024, diesel_l="10", status=AccountStatus.DRAFT)
    make_account(owner_org, 2025, diesel_l="10", status=AccountStatus.SUBMITTED)  # not reviewed yet
    make_account(owner_org, this_year, diesel_l="10")  # approved, but the year is not over
    with translation.override("en"):
        progress = public_progress(_public(owner_org))
    assert [a.year for a in progress["accounts"]] == [2022, 2023]
    assert [(r.year, r.actual, r.planned, r.status) for r in progress["chart"].rows[:3]] == [
        (2022, D("4.8"), D("4.8"), ""), (2023, D("4.2"), D("4.5"), "on_track"), (2024, None, D("4.2"), "")]
    with translation.override("en"):
        html = render_to_string("climate/includes/public_progress.html", {"progress": progress})
    assert 'data-testid="public-progress-chart"' in html
    assert "Emissions in 2023: 4.2 t CO2e." in html


def test_public_progress_takes_one_query_for_one_year_or_five(owner_org, django_assert_num_queries):
    make_agreement(owner_org, baseline_year=2020, targets=((2030, "50"),))
    ClimateProfile.objects.create(organisation=owner_org, publish_progress=True)
    make_account(owner_org, 2020)
    org = _public(owner_org)
    with django_assert_num_queries(1):
        public_progress(org)
    for year in range(2021, 2025):
        make_account(owner_org, year)
    org = _public(owner_org)
    with django_assert_num_queries(1):
        assert len(public_progress(org)["accounts"]) == 5


def test_targets_that_cannot_make_a_path_are_said_in_words_not_a_crash(owner_org):
    # the agreement form takes each target on its own: 70 % by 2030, then only 50 % by 2040
    make_agreement(owner_org, baseline_year=2022, targets=((2030, "70"), (2040, "50")))
    ClimateProfile.objects.create(organisation=owner_org, publish_progress=True)
    make_account(owner_org, 2022)
    make_account(owner_org, 2023, diesel_l="800")
    with translation.override("da"):
        progress = public_progress(_public(owner_org))
    assert progress["progress"].points == ()
    assert progress["progress"].problem == (
        "Reduktionen for 2040 (50 %) er mindre end reduktionen i et tidligere mål (70 %); et mål tillader aldrig "
        "mere end målet før.")
