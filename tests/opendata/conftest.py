from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from klimapartner.climate.models import ClimateProfile
from klimapartner.partners.models import ActionStatus, AgreementStatus
from tests.climate.helpers import make_account
from tests.activities.factories import make_activity
from tests.collaborations.factories import make_collaboration
from tests.events.factories import make_event, make_registration
from tests.factories import make_action, make_agreement, make_organisation
from tests.stories.factories import make_story

HIDDEN = "Skjult Hemmelighed ApS"


@pytest.fixture
def programme(db):
    """Two published partners with agreements, actions, a published CO2 result and a collaboration; and an
    unpublished partner with all of the same, which must never be seen in public."""
    sun = make_organisation("Nordlys Energi ApS", cvr="12345674")
    baker = make_organisation("Vestkyst Bageri", town="Løkken", sector="food")
    hidden = make_organisation(HIDDEN, is_published=False, slug="skjult-hemmelighed")
    for org in (sun, baker, hidden):
        agreement = make_agreement(org, focus=("energy", "transport"), targets=((2030, "70"), (2050, "100")))
        make_action(agreement, "Solceller på taget", expected_effect=Decimal("12.50"))
        make_action(agreement, "Elbiler i flåden", status=ActionStatus.DONE, start_year=2023,
                    expected_effect=Decimal("4"), realised_effect=Decimal("3.5"))
        make_action(agreement, "Intern plan", is_public=False)
        ClimateProfile.objects.create(organisation=org, publish_progress=True)
        make_account(org, 2023)
    make_agreement(baker, status=AgreementStatus.DRAFT, signed_on=None)
    heat = make_collaboration([sun, baker], title="Overskudsvarme", started_on=date(2024, 3, 1))
    secret = make_collaboration([sun, hidden], title="Hemmeligt samarbejde", started_on=date(2024, 4, 1))
    make_collaboration([sun, baker], title="Ikke bekræftet endnu", confirmed=False)

    make_activity("Netværksmøde om varme", day=date(2024, 5, 2))
    make_activity("Åbent hus på bageriet", day=date(2024, 6, 1), kind="open_house", organiser=baker, participants=40,
                  focus=("food",), starts=None, ends=None)
    make_activity("Hemmeligt åbent hus", day=date(2024, 6, 2), kind="open_house", organiser=hidden)
    make_activity("Kun for partnere", day=date(2024, 6, 3), is_public=False)
    make_activity("Venter på godkendelse", day=date(2024, 6, 4), organiser=baker, status="submitted")
    # a partnership day by invitation: counted as held, never shown
    day = make_event(day=date(2024, 3, 5), title="Partnerskabsdag for inviterede", is_public=False)
    for name in ("Anna Holm", "Bo Berg"):
        make_registration(day, name, organisation=sun, checked_in_at=datetime(2024, 3, 5, 12, tzinfo=timezone.utc))
    make_registration(day, "Carl Dahl", organisation=baker)  # did not come
    story = make_story(sun, "Varmen fra ovnene", body="<p>Varmen går til <b>fjernvarmen</b>.</p><p>Og videre.</p>",
                       published_at=datetime(2024, 9, 1, 10, tzinfo=timezone.utc))
    story.collaborations.set([heat, secret])
    make_story(hidden, "Hemmelig historie")
    make_story(baker, "Kladde til en historie", status="draft")
    return {"sun": sun, "baker": baker, "hidden": hidden, "heat": heat}
