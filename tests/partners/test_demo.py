"""The demo programme and the synthetic generator: exact counts, valid data, deterministic."""

import re
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from klimapartner.partners.cvr import is_valid_cvr
from klimapartner.partners.demo import DEMO_LOGINS, has_data, load_demo
from klimapartner.partners.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    ContactPerson,
    Membership,
    Organisation,
    ReductionTarget,
)
from klimapartner.partners.synthetic import generate_programme

pytestmark = pytest.mark.django_db

# Hjørring Municipality, generously: from Løkken in the south-west to Tversted in the north-east.
LATITUDES = (Decimal("57.25"), Decimal("57.65"))
LONGITUDES = (Decimal("9.55"), Decimal("10.35"))


def counts():
    return {
        "organisations": Organisation.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "agreements": Agreement.objects.count(),
        "targets": ReductionTarget.objects.count(),
        "focus_areas": Agreement.focus_areas.through.objects.count(),
        "actions": Action.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
    }


DEMO_COUNTS = {
    "organisations": 60,
    "contacts": 87,
    "agreements": 66,
    "targets": 104,
    "focus_areas": 182,
    "actions": 240,
    "users": 3,
    "memberships": 2,
}


def test_load_demo_creates_the_designed_programme():
    assert has_data() is False

    assert load_demo() == 60

    assert has_data() is True
    assert counts() == DEMO_COUNTS
    assert Counter(Organisation.objects.values_list("org_type", flat=True)) == {
        "company": 34, "education": 10, "association": 8, "public": 5, "other": 3,
    }
    assert Counter(Organisation.objects.values_list("town", flat=True)) == {
        "Hjørring": 19, "Hirtshals": 10, "Sindal": 7, "Vrå": 7, "Løkken": 6, "Tårs": 5, "Lønstrup": 3, "Tversted": 3,
    }
    assert Counter(Organisation.objects.values_list("town", "postcode")) == {
        ("Hjørring", "9800"): 19, ("Hirtshals", "9850"): 10, ("Sindal", "9870"): 7, ("Vrå", "9760"): 7,
        ("Løkken", "9480"): 6, ("Tårs", "9830"): 5, ("Lønstrup", "9800"): 3, ("Tversted", "9881"): 3,
    }
    assert Organisation.objects.filter(is_published=False).count() == 5
    assert Counter(Agreement.objects.values_list("status", flat=True)) == {"active": 55, "draft": 5, "ended": 6}
    assert Counter(Action.objects.values_list("status", flat=True)) == {
        "planned": 77, "done": 75, "in_progress": 66, "dropped": 22,
    }
    assert ContactPerson.objects.filter(is_public=True).count() == 51


def test_every_partner_has_a_valid_unique_cvr_or_none_and_a_place_in_the_municipality():
    load_demo()

    cvrs = list(Organisation.objects.exclude(cvr="").values_list("cvr", flat=True))
    assert len(cvrs) == 49
    assert [cvr for cvr in cvrs if not is_valid_cvr(cvr)] == []
    assert len(set(cvrs)) == len(cvrs)
    assert set(Organisation.objects.filter(cvr="").values_list("org_type", flat=True)) <= {"association", "public", "other"}
    outside = [
        o.name for o in Organisation.objects.all()
        if not (LATITUDES[0] <= o.latitude <= LATITUDES[1] and LONGITUDES[0] <= o.longitude <= LONGITUDES[1])
    ]
    assert outside == []
    slugs = list(Organisation.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 60
    assert [s for s in slugs if not s.isascii()] == []
    assert [w for w in Organisation.objects.values_list("website", flat=True) if not w.endswith(".example/")] == []


def test_the_demo_data_passes_model_validation_and_tells_a_consistent_story():
    load_demo()

    # Field and model validation; the foreign keys are known to exist, so skip their one query per row.
    for model, foreign_keys in [
        (Organisation, []), (ContactPerson, ["organisation"]), (Agreement, ["organisation"]),
        (ReductionTarget, ["agreement"]), (Action, ["agreement", "focus_area"]),
    ]:
        for obj in model.objects.all():
            obj.full_clean(exclude=foreign_keys, validate_unique=False)
    # Every ended agreement was followed by an active one that starts after it.
    for ended in Agreement.objects.filter(status=AgreementStatus.ENDED):
        renewal = ended.organisation.agreements.get(status=AgreementStatus.ACTIVE)
        assert renewal.starts_on > ended.ends_on
    assert Agreement.objects.filter(status=AgreementStatus.ACTIVE, signed_on__year__lt=2023).count() == 0
    assert Agreement.objects.filter(status=AgreementStatus.DRAFT, signed_on__isnull=False).count() == 0
    assert Agreement.objects.filter(targets__isnull=True).count() == 0
    # Realised effects only for done actions, and every quantified done action has one.
    assert Action.objects.exclude(status=ActionStatus.DONE).filter(realised_effect__isnull=False).count() == 0
    assert Action.objects.filter(
        status=ActionStatus.DONE, expected_effect__isnull=False, realised_effect__isnull=True
    ).count() == 0
    per_agreement = Counter(Action.objects.values_list("agreement_id", flat=True))
    assert min(per_agreement.values()) == 2
    assert max(per_agreement.values()) == 6
    # An action's focus area is one of its agreement's.
    areas = {}
    for agreement_id, area_id in Agreement.focus_areas.through.objects.values_list("agreement_id", "focusarea_id"):
        areas.setdefault(agreement_id, set()).add(area_id)
    stray = [pk for pk, agreement_id, area_id in Action.objects.values_list("pk", "agreement_id", "focus_area_id")
             if area_id not in areas[agreement_id]]
    assert stray == []


def test_the_demo_logins_sign_in_and_the_editors_edit_their_own_organisation():
    load_demo()

    for _role, email, password, slug in DEMO_LOGINS:
        user = authenticate(username=email, password=password)
        assert user is not None, email
        assert user.username == email
        assert list(user.memberships.values_list("organisation__slug", flat=True)) == ([slug] if slug else [])
    coordinator = get_user_model().objects.get(email="koordinator@klimapartner.example")
    assert (coordinator.is_staff, coordinator.is_superuser) == (True, True)
    assert get_user_model().objects.filter(is_staff=True).count() == 1
    assert [slug for _, _, _, slug in DEMO_LOGINS] == [None, "nordstrand-solenergi-aps", "vraa-lyngbakkeskole"]
    assert Organisation.objects.get(slug="nordstrand-solenergi-aps").org_type == "company"
    assert Organisation.objects.get(slug="vraa-lyngbakkeskole").org_type == "education"


def run_demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_if_empty_loads_once_and_prints_the_logins_every_time():
    first = run_demo("--if-empty")
    second = run_demo("--if-empty")

    assert counts() == DEMO_COUNTS
    assert "Demoprogrammet er indlæst: 60 partnere, 2 partnerskabsdage." in first
    assert "Databasen har allerede partnere, så demodata blev ikke indlæst." in second
    for output in (first, second):
        for _role, email, password, _slug in DEMO_LOGINS:
            assert re.search(rf"^  .+  {re.escape(email)} +{password}$", output, re.MULTILINE), email
        assert "http://127.0.0.1:8000/" in output
        assert "findes ikke i denne database" not in output


def test_reset_deletes_everything_and_reloads():
    run_demo()
    Organisation.objects.filter(town="Hjørring").delete()
    generate_programme(5, seed=3)
    get_user_model().objects.filter(email="redaktoer@vraa-skole.example").update(is_active=False)

    run_demo("--reset")

    assert counts() == DEMO_COUNTS
    assert authenticate(username="redaktoer@vraa-skole.example", password="klimapartner") is not None


SYNTHETIC_COUNTS = {
    "organisations": 50,
    "contacts": 66,
    "agreements": 50,
    "targets": 71,
    "focus_areas": 149,
    "actions": 168,
}


def snapshot():
    return {
        "organisations": list(Organisation.objects.order_by("slug").values_list(
            "slug", "name", "cvr", "org_type", "sector", "size", "town", "postcode", "latitude", "longitude"
        )),
        "agreements": list(Agreement.objects.order_by("organisation__slug").values_list(
            "organisation__slug", "status", "signed_on", "starts_on", "baseline_year"
        )),
        "actions": list(Action.objects.order_by("agreement__organisation__slug", "pk").values_list(
            "agreement__organisation__slug", "title", "status", "start_year", "expected_effect", "realised_effect"
        )),
        "focus_areas": sorted(Agreement.focus_areas.through.objects.values_list(
            "agreement__organisation__slug", "focusarea__slug"
        )),
    }


def test_generate_programme_creates_exactly_what_it_reports():
    result = generate_programme(50, seed=1)

    assert result == SYNTHETIC_COUNTS
    assert {k: v for k, v in counts().items() if k in SYNTHETIC_COUNTS} == SYNTHETIC_COUNTS
    assert len(set(Organisation.objects.values_list("org_type", flat=True))) == 5
    assert len(set(Organisation.objects.values_list("town", flat=True))) >= 6
    assert [c for c in Organisation.objects.exclude(cvr="").values_list("cvr", flat=True) if not is_valid_cvr(c)] == []
    for action in Action.objects.all():
        action.full_clean()


def test_generate_programme_is_deterministic_for_a_seed():
    generate_programme(50, seed=1)
    first = snapshot()
    Organisation.objects.all().delete()

    generate_programme(50, seed=1)
    again = snapshot()
    Organisation.objects.all().delete()
    generate_programme(50, seed=2)

    assert again == first
    assert snapshot() != first


def test_generate_programme_twice_keeps_slugs_unique():
    generate_programme(20, seed=1)
    generate_programme(20, seed=1)

    assert len(set(Organisation.objects.values_list("slug", flat=True))) == 40


def test_synthetic_command_reports_the_counts():
    out = StringIO()
    call_command("synthetic", "50", "--seed", "1", stdout=out)

    assert "Created 50 organisations, 66 contacts, 50 agreements, 71 targets, 149 focus areas, 168 actions" in out.getvalue()


def test_loading_twice_without_flags_is_refused_and_changes_nothing():
    run_demo()

    with pytest.raises(CommandError, match="already in the database"):
        run_demo()

    assert counts() == DEMO_COUNTS


def test_logins_missing_from_the_database_are_marked_as_such():
    generate_programme(3, seed=1)  # partners, but none of the demo users
    output = run_demo("--if-empty")
    assert output.count("(findes ikke i denne database)") == len(DEMO_LOGINS)
    assert "Databasen har allerede partnere, så demodata blev ikke indlæst." in output
