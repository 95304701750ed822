"""The tracker counts a partner's year from the data: attendance, own activities, stories, the account."""

from datetime import date, datetime, time, timezone as tz

import pytest
from django.utils import timezone

from klimapartner.activities.models import ActivityKind, ActivityStatus, SignUpStatus
from klimapartner.climate.models import AccountStatus
from klimapartner.expectations.models import AgreementExpectations, ProgrammeExpectations
from klimapartner.expectations.tracker import MET, MISSING, ON_ITS_WAY, programme_partners, summary, trackers, trend
from klimapartner.stories.models import StoryStatus
from tests.activities.factories import make_activity, make_signup
from tests.climate.helpers import make_account
from tests.factories import make_agreement, make_organisation
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)
CHECKED_IN = datetime(2026, 3, 1, 10, 0, tzinfo=tz.utc)


def lines(tracker):
    return {line.code: (line.done, line.pending, line.target, line.status) for line in tracker.lines}


def attend(organisation, day, *, name="Karen Holm", present=True, **fields):
    activity = make_activity(f"Aktivitet {day}", day=day, **fields)
    make_signup(activity, name, organisation=organisation, checked_in_at=CHECKED_IN if present else None)
    return activity


def test_every_expectation_is_counted_from_the_data(owner_org, other_org):
    make_agreement(owner_org)
    for day in (date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)):
        april = attend(owner_org, day)
    make_signup(april, "Bo Holm", organisation=owner_org, checked_in_at=CHECKED_IN)  # two people count once
    attend(owner_org, date(2025, 12, 1))  # last year
    attend(owner_org, date(2026, 5, 1), present=False)  # signed up, did not come
    make_signup(make_activity("Kommende", day=date(2026, 9, 1)), "Karen Holm", organisation=owner_org)
    make_signup(make_activity("Venteliste", day=date(2026, 9, 2)), "Karen Holm", organisation=owner_org,
                status=SignUpStatus.WAITING)
    attend(owner_org, date(2026, 3, 3), organiser=owner_org)  # its own activity is not "taking part"
    make_activity("Åbent hus", day=date(2026, 5, 5), kind=ActivityKind.OPEN_HOUSE, organiser=owner_org)
    make_activity("Ikke godkendt", day=date(2026, 5, 6), kind=ActivityKind.CITIZEN, organiser=owner_org,
                  status=ActivityStatus.REJECTED)
    make_activity("Andens", day=date(2026, 5, 5), kind=ActivityKind.CITIZEN, organiser=other_org)
    make_story(owner_org, "Udgivet", published_at=datetime(2026, 4, 1, tzinfo=tz.utc))
    make_story(owner_org, "Sidste år", published_at=datetime(2025, 4, 1, tzinfo=tz.utc))
    make_account(owner_org, 2025, status=AccountStatus.SUBMITTED)
    [row] = trackers([owner_org], 2026, today=TODAY)
    assert lines(row) == {
        "activities": (3, 1, 4, ON_ITS_WAY),
        "citizen_activities": (1, 0, 1, MET),
        "stories": (1, 0, 1, MET),
        "account": (1, 0, 1, MET),
    }
    assert not row.passive


def test_a_partner_with_nothing_is_passive_and_missing_everything_after_the_due_date(owner_org):
    make_agreement(owner_org)
    ProgrammeExpectations.objects.create(year=2026, activities=2, citizen_activities=1, stories=2,
                                         account_due=date(2026, 5, 1))
    [row] = trackers([owner_org], 2026, today=TODAY)
    assert lines(row) == {"activities": (0, 0, 2, MISSING), "citizen_activities": (0, 0, 1, MISSING),
                          "stories": (0, 0, 2, MISSING), "account": (0, 0, 1, MISSING)}
    assert row.passive
    [early] = trackers([owner_org], 2026, today=date(2026, 4, 1))
    assert early.line("account").status == ON_ITS_WAY  # not due yet


def test_things_under_way_count_as_on_its_way(owner_org):
    make_agreement(owner_org)
    make_activity("Planlagt", day=date(2026, 8, 1), kind=ActivityKind.CITIZEN, organiser=owner_org)
    make_activity("Indsendt", day=date(2026, 3, 1), kind=ActivityKind.CITIZEN, organiser=owner_org,
                  status=ActivityStatus.SUBMITTED)
    make_story(owner_org, "Kladde", status=StoryStatus.DRAFT, created=timezone.now())
    make_account(owner_org, 2025, status=AccountStatus.DRAFT)
    [row] = trackers([owner_org], 2026, today=TODAY)
    assert lines(row)["citizen_activities"] == (0, 2, 1, ON_ITS_WAY)
    assert lines(row)["account"] == (0, 1, 1, ON_ITS_WAY)
    assert not row.passive


def test_an_agreement_may_expect_something_else(owner_org, other_org):
    agreement = make_agreement(owner_org, starts_on=date(2025, 1, 1))
    make_agreement(other_org)
    AgreementExpectations.objects.create(agreement=agreement, activities=6, citizen_activities=None, stories=0)
    own, other = trackers([owner_org, other_org], 2026, today=TODAY)
    assert [line.target for line in own.lines] == [6, 1, 0, 1]
    assert own.line("stories").status == MET  # nothing expected, so nothing missing
    assert [line.target for line in other.lines] == [4, 1, 1, 1]


def test_the_programmes_partners_are_those_whose_agreement_covered_the_year(owner_org, other_org):
    make_agreement(owner_org, starts_on=date(2024, 3, 1), ends_on=date(2027, 2, 28))
    make_agreement(other_org, starts_on=date(2026, 9, 1), ends_on=None)
    draft = make_organisation("Kladde A/S")
    make_agreement(draft, status="draft")
    assert list(programme_partners(2025)) == [owner_org]
    assert list(programme_partners(2026)) == [owner_org, other_org]


def test_summary_and_trend_count_partners(owner_org, other_org):
    make_agreement(owner_org, starts_on=date(2025, 1, 1))
    make_agreement(other_org, starts_on=date(2025, 1, 1))
    attend(owner_org, date(2026, 2, 1))
    attend(other_org, date(2025, 2, 1), name="Bo Holm")
    rows = trackers(programme_partners(2026), 2026, today=TODAY)
    assert summary(rows)[0] == {"code": "activities", "label": "Deltage i programmets aktiviteter", MET: 0,
                                ON_ITS_WAY: 1, MISSING: 1}
    assert trend([2025, 2026], today=TODAY) == [{"year": 2025, "partners": 2, "active": 1, "all_met": 0},
                                                {"year": 2026, "partners": 2, "active": 1, "all_met": 0}]


def test_the_number_of_queries_does_not_grow_with_the_partners(django_assert_num_queries):
    one = [make_organisation("P0")]
    for organisation in one:
        make_agreement(organisation)
    with django_assert_num_queries(7):
        trackers(one, 2026, today=TODAY)
    many = one + [make_organisation(f"P{n}") for n in range(1, 12)]
    for organisation in many[1:]:
        make_agreement(organisation)
        attend(organisation, date(2026, 2, 1), name=f"Person {organisation.name}")
    with django_assert_num_queries(7):
        trackers(many, 2026, today=TODAY)
