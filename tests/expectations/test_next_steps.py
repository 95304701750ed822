"""The partner editor's own tracker says what to do next, with a link."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.activities.factories import make_activity, make_signup
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def test_the_editor_sees_the_tracker_and_what_to_do_next(client, owner, owner_org):
    make_agreement(owner_org, starts_on=date(2024, 1, 1), ends_on=None)
    today = timezone.localdate()
    make_signup(make_activity("Kommende", day=today + timedelta(days=5)), "Karen Holm", organisation=owner_org)
    client.force_login(owner)
    response = client.get(reverse("manage:organisation", args=[owner_org.slug]))
    page = response.content.decode()
    assert f"Partnerskabet i {today.year}" in page
    steps = [s["text"] for s in response.context["next_steps"]]
    assert steps == ["Tilmeld jer en af de kommende aktiviteter (0 af 4 indtil nu)",
                     "Fortæl om en aktivitet for borgere, som I holder",
                     "Skriv en klimahistorie",
                     f"Udfyld og indsend klimaregnskabet for {today.year - 1}"]
    assert f'href="{reverse("stories:manage_new", args=[owner_org.slug])}"' in page
