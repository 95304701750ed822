"""The follow-up pages: the overview and reminders are the coordinator's, a partner's annual status its own."""

import pytest
from django.urls import reverse

from tests.activities.test_permissions import status_as
from tests.factories import make_agreement
from tests.permissions import assert_only_owner_and_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(owner, outsider, coordinator):
    return {"anonymous": None, "owner": owner, "outsider": outsider, "coordinator": coordinator}


def test_the_coordinators_pages(client, owner_org, users):
    agreement = make_agreement(owner_org)
    for url in (reverse("expectations:this_year"), reverse("expectations:overview", args=[2026]),
                reverse("expectations:settings", args=[2026]), reverse("expectations:remind", args=[2026]),
                reverse("expectations:agreement", args=[agreement.pk]),
                reverse("expectations:programme_pdf", args=[2026]),
                reverse("expectations:programme_xlsx", args=[2026])):
        expected = {"anonymous": 302, "owner": 403, "outsider": 403, "coordinator": 200}
        if url == reverse("expectations:this_year"):
            expected["coordinator"] = 302
        assert status_as(client, url, users) == expected, url


def test_a_partners_annual_status_is_for_the_owner_and_the_coordinator(client, owner_org, owner, outsider,
                                                                       coordinator):
    make_agreement(owner_org)
    for url in (reverse("expectations:partner", args=[owner_org.slug, 2026]),
                reverse("expectations:partner_pdf", args=[owner_org.slug, 2026])):
        assert_only_owner_and_coordinator(client, url, owner=owner, outsider=outsider, coordinator=coordinator)
