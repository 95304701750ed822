"""The coordinator's overview of the year and the reminder to passive partners."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klimapartner.expectations.models import ReminderSent
from klimapartner.jobs.runner import run_queued
from tests.activities.factories import make_activity, make_signup
from tests.factories import make_agreement, make_contact, make_organisation

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def programme(owner_org, other_org):
    """Two partners with agreements: the owner took part this year, the other did nothing."""
    make_agreement(owner_org, starts_on=date(YEAR - 1, 1, 1), ends_on=None)
    make_agreement(other_org, starts_on=date(YEAR - 1, 1, 1), ends_on=None)
    make_contact(other_org, "Per Bager", email="per@vestkyst.example")
    activity = make_activity("Netværksmøde", day=date(YEAR, 1, 2))
    make_signup(activity, "Karen Holm", organisation=owner_org, checked_in_at=timezone.now())
    return owner_org, other_org


def test_the_overview_shows_who_is_active_and_who_is_passive(client, coordinator, programme):
    owner_org, other_org = programme
    client.force_login(coordinator)
    response = client.get(reverse("expectations:overview", args=[YEAR]))
    assert [t.organisation for t in response.context["passive"]] == [other_org]
    assert response.context["summary"][0]["met"] == 0
    assert response.context["summary"][0]["on_its_way"] == 1
    assert "1 af 2 partnere er aktive i år; 1 har ikke gjort noget endnu." in response.content.decode()


def test_the_reminder_is_previewed_then_sent_as_a_job_and_not_repeated_soon(client, coordinator, programme,
                                                                          smtp_server, outsider):
    owner_org, other_org = programme
    client.force_login(coordinator)
    url = reverse("expectations:remind", args=[YEAR])
    form = client.get(url).context["form"]
    assert list(form.fields["organisations"].queryset) == [other_org]
    data = {"organisations": [other_org.pk], "subject": "Vi savner jer, {partner}",
            "body": "Kære {partner}\n\nSe jeres side: {link}\n\n{municipality}"}
    preview = client.post(url, {**data, "preview": "1"}).context["preview"]
    assert preview["subject"] == "Vi savner jer, Vestkyst Bageri"
    assert preview["to"] == ["redaktoer@vestkyst.example", "per@vestkyst.example"]
    assert f"/partner/{other_org.slug}/" in preview["body"]
    assert smtp_server.messages == []  # a preview sends nothing
    response = client.post(url, {**data, "send": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/jobber/")
    assert run_queued() == 1
    [message] = smtp_server.messages
    assert str(message["Subject"]).strip() == "Vi savner jer, Vestkyst Bageri"
    assert message.envelope_to == ["redaktoer@vestkyst.example", "per@vestkyst.example"]
    assert ReminderSent.objects.get().organisation == other_org
    # Within the pause the partner is no longer offered, and even a forged request sends nothing.
    assert list(client.get(url).context["form"].fields["organisations"].queryset) == []
    from klimapartner.expectations.reminders import send_one

    assert send_one(organisation=other_org, year=YEAR, subject="x", body="y") == []
    assert len(smtp_server.messages) == 1
    ReminderSent.objects.update(sent_at=timezone.now() - timedelta(days=31))
    assert list(client.get(url).context["form"].fields["organisations"].queryset) == [other_org]


def test_the_overview_takes_the_same_number_of_queries_for_one_partner_or_many(client, coordinator,
                                                                              django_assert_num_queries):
    first = make_organisation("P0")
    make_agreement(first, starts_on=date(YEAR - 1, 1, 1), ends_on=None)
    client.force_login(coordinator)
    url = reverse("expectations:overview", args=[YEAR])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(1, 15):
        organisation = make_organisation(f"P{n}")
        make_agreement(organisation, starts_on=date(YEAR - 1, 1, 1), ends_on=None)
        make_signup(make_activity(f"A{n}", day=date(YEAR, 1, 2)), f"Person {n}", organisation=organisation,
                    checked_in_at=timezone.now())
    with django_assert_num_queries(len(one)):
        client.get(url)


def test_the_coordinator_sets_the_years_expectations_and_an_agreements_own(client, coordinator, owner_org):
    from klimapartner.expectations.models import AgreementExpectations, ProgrammeExpectations

    agreement = make_agreement(owner_org)
    client.force_login(coordinator)
    response = client.post(reverse("expectations:settings", args=[2027]), {
        "activities": "5", "citizen_activities": "2", "stories": "1", "account_due": "2027-04-01"})
    assert response.status_code == 302
    assert ProgrammeExpectations.objects.values_list("year", "activities", "citizen_activities", "stories",
                                                     "account_due").get() == (2027, 5, 2, 1, date(2027, 4, 1))
    response = client.post(reverse("expectations:settings", args=[2027]), {
        "activities": "-1", "citizen_activities": "2", "stories": "1", "account_due": "2027-04-01"})
    assert response.context["form"].errors["activities"] == ["Denne værdi skal være større end eller lig 0."]
    client.post(reverse("expectations:agreement", args=[agreement.pk]),
                {"activities": "", "citizen_activities": "3", "stories": ""})
    assert AgreementExpectations.objects.values_list("activities", "citizen_activities", "stories").get() == (
        None, 3, None)
