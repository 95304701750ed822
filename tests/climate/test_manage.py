"""A partner editor enters a year, gets it checked and sees the result; Klimakompasset; the publish choice."""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from klimapartner.climate.models import ActivityEntry, ClimateProfile, RecalculationNote, StoredFactorSet, \
    YearAccount
from tests.climate.helpers import make_account
from tests.factories import make_action, make_agreement

D = Decimal


def line_data(*rows, extra=0):
    """POST data for the lines formset: rows of (source, amount, unit, variant[, guarantees, supplier])."""
    data = {"lines-TOTAL_FORMS": str(len(rows) + extra), "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "60"}
    for n, row in enumerate(rows):
        source, amount, unit, variant, *rest = row + ("",) * (6 - len(row))
        data.update({f"lines-{n}-source": source, f"lines-{n}-amount": amount, f"lines-{n}-unit": unit,
                     f"lines-{n}-variant": variant, f"lines-{n}-guarantees_kwh": rest[0],
                     f"lines-{n}-supplier_factor": rest[1], f"lines-{n}-label": ""})
    return data


def edit_url(org, year):
    with translation.override("en"):
        return reverse("climate:edit_account", kwargs={"slug": org.slug, "year": year})


def test_an_editor_enters_a_year_with_decimal_commas_and_the_results_are_stored(client, owner_org, owner):
    client.force_login(owner)
    data = line_data(("electricity", "12.500,5", "kWh", "dk1", "2.500"), ("diesel", "1.000", "l", ""))
    data.update({"employees": "4,5", "status": "submitted", "notes": ""})
    response = client.post(reverse("climate:edit_account", kwargs={"slug": owner_org.slug, "year": 2024}), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("climate:account", kwargs={"slug": owner_org.slug, "year": 2024})
    account = YearAccount.objects.get(organisation=owner_org, year=2024)
    # 12,500.5 kWh × 0.143 = 1,787.5715 kg; market: 10,000.5 kWh × 0.5 residual = 5,000.25 kg; diesel 1,000 × 2.47;
    # scope 3.3 upstream: 1,000 l × 0.61101 + 12,500.5 kWh × 0.030 = 611.01 + 375.015.
    assert (account.scope1, account.scope2_location, account.scope2_market, account.scope3) == (
        D("2470.000"), D("1787.572"), D("5000.250"), D("986.025"))
    assert (account.employees, account.status, account.biogenic) == (D("4.5"), "submitted", D("170.000"))
    assert account.factor_set_label == "Klimapartner standard (DK) 2026 (AR5)"
    assert list(account.entries.values_list("source", "amount", "guarantees_kwh")) == [
        ("electricity", D("12500.500"), D("2500.000")), ("diesel", D("1000.000"), D("0"))]
    assert account.by_category_location == {"1.mobile_combustion": "2470.000", "2.electricity": "1787.572",
                                            "3.3_fuel_and_energy": "986.025"}


def test_the_result_page_shows_scopes_per_employee_and_the_factor_set(client, owner_org, owner):
    make_account(owner_org, 2024)
    client.force_login(owner)
    response = client.get("/en" + reverse("climate:account", kwargs={"slug": owner_org.slug, "year": 2024}))
    html = response.content.decode()
    assert response.context["scopes"] == {
        "scope1": D("2.5"), "scope2_location": D("1.4"), "scope2_market": D("5.0"), "scope3": D("0.9"),
        "total_location": D("4.8"), "total_market": D("8.4")}
    assert response.context["per_employee"] == D("0.96")  # 4,811 kg / 5 employees
    assert "Emission factors: Klimapartner standard (DK) 2026 (AR5)." in html
    assert '<svg viewBox="0 0 720 340"' in html


def test_impossible_input_is_flagged_on_the_field_and_nothing_is_saved(client, owner_org, owner):
    client.force_login(owner)
    data = line_data(("electricity", "100", "l", "dk1"), ("waste", "3", "tonne", ""), ("diesel", "-5", "l", ""))
    data.update({"employees": "", "status": "draft"})
    response = client.post(edit_url(owner_org, 2024), data)
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert forms[0].errors == {"unit": ["Electricity cannot be measured in litres; use kWh or MWh."]}
    assert forms[1].errors == {"variant": ["Say which fraction or kind it is."]}
    assert forms[2].errors == {"amount": ["The amount cannot be negative."]}
    assert YearAccount.objects.count() == 0


def test_a_hundredfold_jump_needs_an_explicit_confirmation(client, owner_org, owner):
    make_account(owner_org, 2023, electricity_kwh="1000")
    client.force_login(owner)
    data = line_data(("electricity", "100000", "kWh", "dk1"), ("diesel", "1000", "l", ""))
    data.update({"employees": "5", "status": "draft"})
    response = client.post(edit_url(owner_org, 2024), data)
    assert response.status_code == 200
    assert response.context["warnings"] == [
        "Electricity, DK1 (West: Jutland, Funen): 100,000 kWh is 100 times last year's 1,000 kWh. Check the unit and "
        "the figure."]
    assert "confirm_warnings" in response.context["form"].fields
    assert not YearAccount.objects.filter(year=2024).exists()
    data["confirm_warnings"] = "on"
    assert client.post(edit_url(owner_org, 2024), data).status_code == 302
    assert YearAccount.objects.get(year=2024).scope2_location == D("14300.000")


def test_a_new_year_starts_from_last_years_sources(client, owner_org, owner):
    make_account(owner_org, 2023)
    client.force_login(owner)
    response = client.get(edit_url(owner_org, 2024))
    assert [f.initial for f in response.context["formset"].forms[:2]] == [
        {"source": "electricity", "unit": "kWh", "variant": "dk1", "label": ""},
        {"source": "diesel", "unit": "l", "variant": "", "label": ""}]


def test_changing_the_base_year_is_noted(client, owner_org, owner):
    make_agreement(owner_org, baseline_year=2022)
    make_account(owner_org, 2022)
    client.force_login(owner)
    data = line_data(("electricity", "20000", "kWh", "dk1"), ("diesel", "1000", "l", ""))
    data.update({"employees": "5", "status": "submitted", "change_reason": "structure",
                 "change_description": "Hall 2 bought"})
    assert client.post(edit_url(owner_org, 2022), data).status_code == 302
    note = RecalculationNote.objects.get()
    # 10,000 kWh more: 1,430 kg in scope 2 and 300 kg upstream, 4,811.01 -> 6,541.01 kg (36 %): the base moves.
    assert (note.year, note.reason, note.description, note.previous_total, note.new_total, note.significant,
            note.applied) == (2022, "structure", "Hall 2 bought", D("4811.010"), D("6541.010"), True, True)
    assert YearAccount.objects.get(year=2022).target_base_kg == D("6541.010")


def test_the_coordinator_can_switch_the_factor_set_and_the_account_is_recomputed(client, owner_org, coordinator):
    from tests.accounting.factories import TEST_FACTORS_CSV

    stored = StoredFactorSet.objects.create(name="Test", year=2024, gwp="AR5", csv=TEST_FACTORS_CSV)
    make_account(owner_org, 2024)
    client.force_login(coordinator)
    data = line_data(("electricity", "10000", "kWh", "dk1"), ("diesel", "1000", "l", ""))
    data.update({"employees": "5", "status": "submitted", "factor_set_choice": str(stored.pk)})
    assert client.post(edit_url(owner_org, 2024), data).status_code == 302
    account = YearAccount.objects.get()
    assert (account.factor_set, account.scope1, account.scope2_location) == (stored, D("2500.000"), D("1000.000"))
    assert account.factor_set_label == "Test 2024 (AR5)"


def test_the_editor_chooses_to_publish_the_progress_chart(client, owner_org, owner):
    client.force_login(owner)
    url = reverse("climate:years", kwargs={"slug": owner_org.slug})
    assert client.post(url, {"publish_progress": "on"}).status_code == 302
    assert ClimateProfile.objects.get(organisation=owner_org).publish_progress is True


def test_progress_against_the_agreement_and_the_actions(client, owner_org, owner):
    agreement = make_agreement(owner_org, baseline_year=2022, targets=((2030, "50"),))
    make_action(agreement, expected_effect=D("2.00"), realised_effect=D("1.50"))
    make_action(agreement, title="LED", expected_effect=D("0.50"))
    make_account(owner_org, 2022, electricity_kwh="10000", diesel_l="1000")  # 4,811.01 kg
    make_account(owner_org, 2024, electricity_kwh="10000", diesel_l="600")  # 1,430 + 1,482 + 300 + 366.606 kg
    client.force_login(owner)
    response = client.get(reverse("climate:years", kwargs={"slug": owner_org.slug}))
    progress = response.context["progress"]
    # The path allows 4,811.01 × (1 − 0.5 × 2/8) = 4,209.63375 kg in 2024.
    assert (progress.latest.year, progress.latest.actual, progress.latest.planned, progress.latest.status) == (
        2024, D("3578.606"), D("4209.633750"), "on_track")
    assert (progress.actions.expected_kg, progress.actions.realised_kg, progress.actions.unmeasured) == (
        D("2500.00"), D("1500.00"), ("LED",))
    assert [(r.year, r.actual, r.planned, r.status) for r in response.context["chart"].rows[:3]] == [
        (2022, D("4.8"), D("4.8"), ""), (2023, None, D("4.5"), ""), (2024, D("3.6"), D("4.2"), "on_track")]


def test_a_line_ticked_for_removal_is_removed(client, owner_org, owner):
    make_account(owner_org, 2024)
    client.force_login(owner)
    response = client.get(edit_url(owner_org, 2024))
    assert [f.initial["amount"] for f in response.context["formset"].forms[:2]] == [D("10000"), D("1000")]
    data = line_data(("electricity", "10000", "kWh", "dk1"), ("diesel", "1000", "l", ""))
    data.update({"lines-1-DELETE": "on", "employees": "5", "status": "submitted"})
    assert client.post(edit_url(owner_org, 2024), data).status_code == 302
    account = YearAccount.objects.get()
    assert (list(account.entries.values_list("source", flat=True)), account.scope1) == (["electricity"], D("0"))
