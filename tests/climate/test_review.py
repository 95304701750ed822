"""Partner figures count only after the coordinator's review: accounts, action effects, and what the public sees."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from klimapartner.climate.models import AccountStatus, ReminderSent, YearAccount
from klimapartner.climate.programme import missing_accounts
from klimapartner.jobs.runner import run_queued
from klimapartner.partners.directory import headline_figures
from klimapartner.partners.models import Action
from tests.climate.helpers import make_account
from tests.factories import make_action, make_agreement, make_contact

D = Decimal
pytestmark = pytest.mark.django_db


def action_url(org, pk=None, agreement=None):
    if pk:
        return reverse("manage:action", kwargs={"slug": org.slug, "pk": pk})
    return reverse("manage:new_action", kwargs={"slug": org.slug, "agreement_pk": agreement.pk})


def action_data(**fields):
    data = {"title": "Ny ovn", "description": "", "focus_area": "", "status": "planned", "start_year": "2026",
            "end_year": "", "expected_effect": "", "realised_effect": "", "is_public": "on"}
    data.update(fields)
    return data


def test_the_action_form_reads_a_danish_number_with_a_thousands_point(client, owner_org, owner):
    agreement = make_agreement(owner_org)
    make_account(owner_org, 2025, electricity_kwh="10000000", diesel_l="1000000")  # about 4,811 t: 1.234,5 t is plausible
    client.force_login(owner)
    assert client.post(action_url(owner_org, agreement=agreement), action_data(expected_effect="1.234,5")).status_code == 302
    action = Action.objects.get(title="Ny ovn")
    assert (action.expected_effect, action.effect_approved, action.effect_findings) == (D("1234.5"), False, [])


def test_an_implausible_effect_must_be_confirmed_and_is_flagged_to_the_coordinator(client, owner_org, owner,
                                                                                  coordinator):
    owner_org.is_published = True
    owner_org.save()
    agreement = make_agreement(owner_org)
    make_action(agreement)  # 12.5 t, reviewed
    make_account(owner_org, 2025)  # 4,811.01 kg: a small bakery's year
    client.force_login(owner)
    url = action_url(owner_org, agreement=agreement)
    with translation.override("da"):
        response = client.post(url, action_data(expected_effect="1.234,5"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Ny ovn: En effekt på 1.234,5 t CO2e om året er mere end 50 % af partnerens 4,8 t CO2e i 2025. Tjek tallet og "
        "enheden (ton, ikke kg)."]
    assert "confirm_effect" in response.context["form"].fields
    assert not Action.objects.filter(title="Ny ovn").exists()
    assert client.post(url, action_data(expected_effect="1.234,5", confirm_effect="on")).status_code == 302
    action = Action.objects.get(title="Ny ovn")
    assert (action.effect_approved, [f["code"] for f in action.effect_findings]) == (False, ["effect_implausible"])
    assert headline_figures()["expected_effect"] == D("12.50")  # the existing, reviewed action only
    client.force_login(coordinator)
    with translation.override("da"):
        page = client.get(reverse("climate:review"))
    assert list(page.context["actions"]) == [action]
    assert "Tjek:" in page.content.decode() and "1.234,5 t CO2e" in page.content.decode()
    client.post(reverse("climate:review"), {"approve": "action", "pk": action.pk})
    action.refresh_from_db()
    assert action.effect_approved
    assert headline_figures()["expected_effect"] == D("1247.00")  # 12.5 + 1,234.5


def test_without_an_account_the_size_sets_the_ceiling(client, owner_org, owner):
    owner_org.size = "1-9"
    owner_org.save()
    agreement = make_agreement(owner_org)
    client.force_login(owner)
    with translation.override("en"):
        response = client.post(action_url(owner_org, agreement=agreement), action_data(expected_effect="60"))
    assert response.context["form"].non_field_errors() == [
        "Ny ovn: an effect of 60 t CO2e a year is a lot for an organisation of this size (more than 50 t). Check the "
        "figure and the unit (tonnes, not kg)."]


def test_a_public_page_shows_an_effect_only_once_reviewed(client, owner_org):
    owner_org.is_published = True
    owner_org.save()
    agreement = make_agreement(owner_org)
    make_action(agreement, "Solceller", expected_effect=D("7.25"), effect_approved=False)
    html = client.get(reverse("public:partner", kwargs={"slug": owner_org.slug})).content.decode()
    assert "7,25" not in html
    Action.objects.update(effect_approved=True)
    assert "7,25" in client.get(reverse("public:partner", kwargs={"slug": owner_org.slug})).content.decode()


def test_a_submitted_account_counts_once_approved_and_an_edit_needs_a_new_review(client, owner_org, owner,
                                                                                  coordinator):
    account = make_account(owner_org, 2024, status=AccountStatus.SUBMITTED)
    client.force_login(coordinator)
    assert client.get(reverse("climate:programme"), {"year": 2024}).context["location"].total == 0
    assert list(client.get(reverse("climate:review")).context["accounts"]) == [account]
    client.post(reverse("climate:review"), {"approve": "account", "pk": account.pk})
    account.refresh_from_db()
    assert (account.status, account.reviewed_by) == ("approved", coordinator)
    assert client.get(reverse("climate:programme"), {"year": 2024}).context["location"].total == D("4811.010")
    from klimapartner.climate.accounts import entry_to_line, save_account

    save_account(account, [entry_to_line(e) for e in account.entries.all()][:1])  # the partner changes a figure
    account.refresh_from_db()
    assert (account.status, account.reviewed_at) == ("submitted", None)


def test_this_years_account_never_counts_in_the_programme(client, coordinator, owner_org):
    from django.utils import timezone

    make_account(owner_org, timezone.localdate().year)
    client.force_login(coordinator)
    response = client.get(reverse("climate:programme"), {"year": timezone.localdate().year})
    assert response.context["location"].total == 0


def test_a_partner_whose_agreement_starts_next_year_owes_no_account(owner_org, other_org):
    make_agreement(owner_org)  # 2024-03-01 to 2027-02-28
    make_agreement(other_org, starts_on=date(2026, 1, 1), signed_on=date(2025, 12, 1))
    assert [r.organisation for r in missing_accounts(2025)] == [owner_org]
    assert [r.organisation for r in missing_accounts(2026)] == [owner_org, other_org]


def test_reminders_are_sent_now_in_the_background_after_a_confirmation(client, coordinator, owner_org, other_org,
                                                                       owner, smtp_server):
    make_agreement(owner_org)
    make_agreement(other_org)
    make_contact(other_org, email="bager@vestkyst.example")
    client.force_login(coordinator)
    url = reverse("climate:missing")
    with translation.override("da"):
        page = client.get(url, {"year": 2025})
    assert page.context["form"].fields["confirm"].label == (
        "Ja, send e-mail til de 2 partnere, der har en at skrive til")
    assert client.post(url, {"year": "2025"}).context["form"].errors  # not without the tick
    assert run_queued() == 0
    response = client.post(url, {"year": "2025", "confirm": "on"})
    assert response.context["job"].name == "climate.remind_now"
    assert run_queued() == 1
    assert sorted(m.envelope_to[0] for m in smtp_server.messages) == ["bager@vestkyst.example", "ejer@nordlys.example"]
    assert ReminderSent.objects.filter(year=2025).count() == 2


def test_a_confirmed_jump_in_an_account_is_flagged_to_the_coordinator_in_danish(client, owner_org, owner,
                                                                                coordinator):
    from tests.climate.test_manage import line_data

    make_account(owner_org, 2023, electricity_kwh="1000")
    client.force_login(owner)
    data = line_data(("electricity", "100.000", "kWh", "dk1"), ("diesel", "1000", "l", ""))
    data.update({"employees": "5", "status": "submitted", "confirm_warnings": "on"})
    url = reverse("climate:edit_account", kwargs={"slug": owner_org.slug, "year": 2024})
    assert client.post(url, data).status_code == 302
    client.force_login(coordinator)
    response = client.get(reverse("climate:review"))
    assert [a.year for a in response.context["accounts"]] == [2024]
    html = " ".join(response.content.decode().split())
    assert ('<strong>Tjek:</strong> El, DK1 (Vest: Jylland, Fyn): 100.000 kWh er 100 gange sidste års 1.000 kWh. '
            'Tjek enheden og tallet.') in html
