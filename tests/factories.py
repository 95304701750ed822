"""Test data, free of surprising behaviour: every value the tests rely on is given here or in the call."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from klimapartner.partners.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    ContactPerson,
    FocusArea,
    Membership,
    Organisation,
    OrgType,
    ReductionTarget,
    Sector,
)


def cvr_number(n: int) -> str:
    """A valid CVR number (modulus 11), a different one for each n: partners never share one."""
    while True:
        digits = [int(d) for d in f"{3000000 + n:07d}"]
        check = -sum(w * d for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)
        n += 100000


def make_user(email, *, staff=False, password="pw-for-tests"):
    user = get_user_model().objects.create_user(username=email, email=email, password=password, is_staff=staff)
    return user


def make_organisation(name="Nordlys Energi ApS", **fields):
    values = {
        "org_type": OrgType.COMPANY,
        "sector": Sector.ENERGY,
        "town": "Hjørring",
        "cvr": "",
        "latitude": Decimal("57.46000"),
        "longitude": Decimal("9.98000"),
    }
    values.update(fields)
    return Organisation.objects.create(name=name, **values)


def make_agreement(organisation, *, status=AgreementStatus.ACTIVE, focus=("energy",), targets=((2030, "50"),), **fields):
    values = {"signed_on": date(2024, 3, 1), "starts_on": date(2024, 3, 1), "ends_on": date(2027, 2, 28), "baseline_year": 2022}
    values.update(fields)
    agreement = Agreement.objects.create(organisation=organisation, status=status, **values)
    agreement.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
    for year, percent in targets:
        ReductionTarget.objects.create(agreement=agreement, target_year=year, percent=Decimal(percent))
    return agreement


def make_action(agreement, title="Solceller på taget", **fields):
    values = {
        "status": ActionStatus.IN_PROGRESS,
        "focus_area": FocusArea.objects.get(slug="energy"),
        "start_year": 2024,
        "end_year": 2025,
        "expected_effect": Decimal("12.50"),
        "is_public": True,
        "effect_approved": True,  # reviewed by the coordinator, so it counts in public
    }
    values.update(fields)
    return Action.objects.create(agreement=agreement, title=title, **values)


def make_contact(organisation, name="Karen Holm", **fields):
    values = {"role": "Miljøkoordinator", "email": "karen@nordlys.example", "is_public": True, "consent": True}
    values.update(fields)
    return ContactPerson.objects.create(organisation=organisation, name=name, **values)


def make_editor(organisation, email):
    user = make_user(email)
    Membership.objects.create(user=user, organisation=organisation)
    return user
