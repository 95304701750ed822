from datetime import date
from decimal import Decimal

import pytest

from klimapartner.climate.models import ClimateProfile
from klimapartner.partners.models import ActionStatus, AgreementStatus
from tests.climate.helpers import make_account
from tests.collaborations.factories import make_collaboration
from tests.factories import make_action, make_agreement, make_organisation

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
    make_collaboration([sun, baker], title="Overskudsvarme", started_on=date(2024, 3, 1))
    make_collaboration([sun, hidden], title="Hemmeligt samarbejde", started_on=date(2024, 4, 1))
    make_collaboration([sun, baker], title="Ikke bekræftet endnu", confirmed=False)
    return {"sun": sun, "baker": baker, "hidden": hidden}
