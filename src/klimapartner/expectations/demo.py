"""The demo programme's expectations: the defaults for this year and last, and one agreement of its own."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from klimapartner.expectations.models import AgreementExpectations, ProgrammeExpectations
from klimapartner.partners.demo import SCHOOL_SLUG
from klimapartner.partners.models import Agreement, AgreementStatus


@transaction.atomic
def load_demo_expectations() -> int:
    year = timezone.localdate().year
    created = 0
    for y in (year - 1, year):
        _, new = ProgrammeExpectations.objects.get_or_create(
            year=y, defaults={"activities": 4, "citizen_activities": 1, "stories": 1, "account_due": date(y, 5, 1)})
        created += new
    # A school is expected to hold two activities for citizens (its pupils' climate week and an open day).
    agreement = Agreement.objects.filter(organisation__slug=SCHOOL_SLUG, status=AgreementStatus.ACTIVE).first()
    if agreement:
        AgreementExpectations.objects.get_or_create(agreement=agreement, defaults={"citizen_activities": 2})
    return created
