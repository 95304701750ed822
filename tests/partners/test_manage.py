"""Keeping a partner up to date: the coordinator's and the partner editor's forms."""

from datetime import date
from decimal import Decimal

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from klimapartner.jobs.runner import run_queued
from klimapartner.partners.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    ContactPerson,
    FocusArea,
    Membership,
    Organisation,
)
from klimapartner.partners.transfer import export_csv
from tests.factories import make_action, make_agreement

PROFILE = {
    "name": "Nordlys Energi ApS", "cvr": "12345674", "org_type": "company", "sector": "energy", "size": "10-49",
    "address": "Havnegade 3", "postcode": "9800", "town": "Hjørring", "latitude": "57,46", "longitude": "9,98",
    "website": "nordlys.example", "description": "Solceller og varmepumper.",
}


def test_owner_edits_the_profile_with_danish_decimal_commas(client, owner, owner_org):
    client.force_login(owner)
    response = client.post(reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug}), PROFILE)
    assert response.status_code == 302
    owner_org.refresh_from_db()
    assert (owner_org.latitude, owner_org.longitude) == (Decimal("57.46000"), Decimal("9.98000"))
    assert owner_org.website == "https://nordlys.example"
    assert owner_org.size == "10-49"


def test_owner_cannot_unpublish_their_own_organisation(client, owner, owner_org):
    client.force_login(owner)
    client.post(reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug}), PROFILE)  # no is_published field
    owner_org.refresh_from_db()
    assert owner_org.is_published is True


def test_a_wrong_cvr_number_is_named_in_the_error(client, owner, owner_org):
    client.force_login(owner)
    response = client.post(
        reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug}), {**PROFILE, "cvr": "12345678"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["cvr"] == [
        "12345678 er ikke et gyldigt CVR-nummer (8 cifre, der består modulus 11-kontrollen)."
    ]
    owner_org.refresh_from_db()
    assert owner_org.cvr == "12345674"


def test_a_company_needs_a_cvr_number_but_an_association_does_not(client, coordinator):
    client.force_login(coordinator)
    url = reverse("staff:new_organisation")
    response = client.post(url, {**PROFILE, "cvr": "", "name": "Uden CVR ApS"})
    assert response.context["form"].errors["cvr"] == ["Virksomheder og uddannelsesinstitutioner skal have et CVR-nummer."]
    response = client.post(url, {**PROFILE, "cvr": "", "name": "Grundejerforeningen Klitten", "org_type": "association"})
    assert response.status_code == 302
    assert Organisation.objects.get(name="Grundejerforeningen Klitten").slug == "grundejerforeningen-klitten"


def test_a_contact_is_public_only_with_consent(client, owner, owner_org):
    client.force_login(owner)
    url = reverse("manage:new_contact", kwargs={"slug": owner_org.slug})
    response = client.post(url, {"name": "Karen Holm", "email": "karen@nordlys.example", "is_public": "on"})
    assert response.context["form"].errors["is_public"] == [
        "En kontaktperson kan kun vises offentligt med sit samtykke."
    ]
    assert ContactPerson.objects.count() == 0
    client.post(url, {"name": "Karen Holm", "email": "karen@nordlys.example", "is_public": "on", "consent": "on"})
    assert list(ContactPerson.objects.values_list("name", "is_public", "consent")) == [("Karen Holm", True, True)]


def test_owner_adds_an_action_with_decimal_comma(client, owner, owner_org):
    agreement = make_agreement(owner_org)
    client.force_login(owner)
    response = client.post(
        reverse("manage:new_action", kwargs={"slug": owner_org.slug, "agreement_pk": agreement.pk}),
        {"title": "Varmepumpe", "status": "planned", "start_year": "2025", "end_year": "2026",
         "expected_effect": "7,25", "is_public": "on"},
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.title, action.expected_effect, action.agreement_id) == ("Varmepumpe", Decimal("7.25"), agreement.pk)


def area(slug):
    return FocusArea.objects.get(slug=slug).pk


def test_owner_edits_the_agreement_text_but_not_its_status_or_period(client, owner, owner_org):
    agreement = make_agreement(owner_org, targets=((2030, "50"),))
    target = agreement.targets.get()
    client.force_login(owner)
    response = client.post(reverse("manage:agreement", kwargs={"slug": owner_org.slug, "pk": agreement.pk}), {
        "status": "ended", "starts_on": "2000-01-01", "baseline_year": "2021", "focus_areas": [area("energy"), area("food")],
        "communication": "En klimahistorie om året.", "collaboration": "",
        "targets-TOTAL_FORMS": "2", "targets-INITIAL_FORMS": "1", "targets-MIN_NUM_FORMS": "0", "targets-MAX_NUM_FORMS": "6",
        "targets-0-id": str(target.pk), "targets-0-agreement": str(agreement.pk), "targets-0-target_year": "2030", "targets-0-percent": "55,5",
        "targets-1-agreement": str(agreement.pk), "targets-1-target_year": "2050", "targets-1-percent": "100",
    })
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.starts_on == date(2024, 3, 1)
    assert agreement.baseline_year == 2021
    assert sorted(agreement.focus_areas.values_list("slug", flat=True)) == ["energy", "food"]
    assert list(agreement.targets.values_list("target_year", "percent")) == [(2030, Decimal("55.5")), (2050, Decimal("100.0"))]


def test_coordinator_renews_an_agreement_and_unfinished_actions_move_along(client, coordinator, owner_org):
    old = make_agreement(owner_org, targets=((2030, "50"),))
    make_action(old, "Færdig indsats", status=ActionStatus.DONE)
    make_action(old, "Igangværende indsats", status=ActionStatus.IN_PROGRESS)
    client.force_login(coordinator)
    url = reverse("staff:new_agreement", kwargs={"slug": owner_org.slug}) + f"?renews={old.pk}"
    form = client.get(url).context["form"]
    assert form.initial["starts_on"] == date(2027, 3, 1)
    assert form.initial["ends_on"] == date(2030, 2, 28)
    renewal = {
        "status": "active", "signed_on": "2026-11-15", "starts_on": "2027-03-01", "ends_on": "2030-02-28",
        "baseline_year": "2022", "communication": "", "collaboration": "",
        "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0", "targets-MIN_NUM_FORMS": "0", "targets-MAX_NUM_FORMS": "6",
        "targets-0-target_year": "2035", "targets-0-percent": "80",
    }
    if date(2027, 3, 1) > timezone.localdate():  # not active before its period starts
        refused = client.post(url, renewal)
        assert "kan ikke være aktiv endnu" in refused.context["form"].errors["status"][0]
        renewal["starts_on"] = timezone.localdate().isoformat()
    response = client.post(url, renewal)
    assert response.status_code == 302
    new = Agreement.objects.exclude(pk=old.pk).get()
    old.refresh_from_db()
    assert (old.status, new.status) == (AgreementStatus.ENDED, AgreementStatus.ACTIVE)
    assert list(new.actions.values_list("title", flat=True)) == ["Igangværende indsats"]
    assert list(old.actions.values_list("title", flat=True)) == ["Færdig indsats"]
    assert list(new.targets.values_list("target_year", flat=True)) == [2035]


def test_an_active_agreement_needs_a_signing_date(client, coordinator, owner_org):
    client.force_login(coordinator)
    response = client.post(reverse("staff:new_agreement", kwargs={"slug": owner_org.slug}), {
        "status": "active", "starts_on": "2025-01-01",
        "targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0", "targets-MIN_NUM_FORMS": "0", "targets-MAX_NUM_FORMS": "6",
    })
    assert response.context["form"].errors["signed_on"] == ["En aktiv aftale skal have den dato, den blev underskrevet."]
    assert Agreement.objects.count() == 0


def test_coordinator_invites_an_editor_who_gets_a_sign_in_link(client, coordinator, owner_org, smtp_server):
    client.force_login(coordinator)
    response = client.post(
        reverse("staff:editors", kwargs={"slug": owner_org.slug}), {"name": "Ole Sand", "email": "Ole@Nordlys.example"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get()
    assert (membership.user.email, membership.user.first_name, membership.organisation) == ("ole@nordlys.example", "Ole", owner_org)
    assert membership.user.has_usable_password() is False
    [message] = smtp_server.messages
    assert message.envelope_to == ["ole@nordlys.example"]
    assert "Nordlys Energi ApS" in message["Subject"]
    link = re.search(r"http://127\.0\.0\.1:8000(/konto/log-ind/\S+/)", message.get_content()).group(1)
    client.logout()
    client.post(link)
    assert client.get(reverse("manage:organisation", kwargs={"slug": owner_org.slug})).status_code == 200


def test_a_failed_invitation_saves_nothing(client, coordinator, owner_org, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    client.force_login(coordinator)
    response = client.post(reverse("staff:editors", kwargs={"slug": owner_org.slug}), {"name": "Ole Sand", "email": "ole@nordlys.example"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0].startswith("Invitationen kunne ikke sendes, og intet blev gemt:")
    assert Membership.objects.count() == 0


def test_coordinator_imports_a_file_and_sees_every_bad_row(client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    columns = export_csv(Organisation.objects.none()).decode("utf-8-sig").splitlines()[0].split(";")
    row = dict.fromkeys(columns, "")
    row.update({"post": "partner", "partner": "ny-partner", "navn": "Ny Partner ApS", "cvr": "12345678",
                "type": "company", "sektor": "energi", "by": "Vrå"})
    csv = (";".join(columns) + "\n" + ";".join(row.values()) + "\n").encode()
    response = client.post(reverse("staff:import"), {"file": SimpleUploadedFile("p.csv", csv)})
    assert response.status_code == 302  # imported in the background
    assert run_queued() == 1
    response = client.get(response["Location"])
    assert response.context["job"].status == "failed"
    assert [(e["row"], e["column"]) for e in response.context["errors"]] == [(2, "cvr"), (2, "sektor")]
    html = response.content.decode()
    assert "12345678 er ikke et gyldigt CVR-nummer" in html
    assert "Filen har 2 fejl. Intet blev importeret." in html
    assert Organisation.objects.count() == 0


def test_the_import_page_refuses_a_too_large_file_before_reading_it(client, coordinator, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMPORT_MAX_BYTES = 10
    client.force_login(coordinator)
    response = client.post(reverse("staff:import"), {"file": SimpleUploadedFile("p.csv", b"x" * 11)})
    assert response.context["form"].errors["file"] == ["Filen er for stor (11\xa0bytes). Den må højst fylde 10\xa0bytes."]


def test_export_then_import_through_the_pages_gives_the_same_register(client, coordinator, owner_org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement = make_agreement(owner_org)
    make_action(agreement, "Varmepumpe")
    client.force_login(coordinator)
    exported = client.get(reverse("staff:export_xlsx"))
    assert exported["Content-Disposition"].startswith('attachment; filename="klimapartnere-')
    Action.objects.all().delete()
    response = client.post(reverse("staff:import"), {"file": SimpleUploadedFile("p.xlsx", exported.content)})
    assert response.status_code == 302
    assert run_queued() == 1
    assert list(Action.objects.values_list("title", flat=True)) == ["Varmepumpe"]
    assert client.get(response["Location"]).context["job"].result["message"] == (
        "Importen er færdig. Nye partnere: 0. Opdaterede partnere: 1.")


def test_emptying_a_targets_fields_removes_it_instead_of_asking_for_them(client, owner, owner_org):
    agreement = make_agreement(owner_org, targets=((2030, "50"), (2040, "80")))
    first, second = agreement.targets.order_by("target_year")
    client.force_login(owner)
    response = client.post(reverse("manage:agreement", kwargs={"slug": owner_org.slug, "pk": agreement.pk}), {
        "baseline_year": "2022", "focus_areas": [area("energy")], "communication": "", "collaboration": "",
        "targets-TOTAL_FORMS": "2", "targets-INITIAL_FORMS": "2", "targets-MIN_NUM_FORMS": "0", "targets-MAX_NUM_FORMS": "6",
        "targets-0-id": str(first.pk), "targets-0-agreement": str(agreement.pk), "targets-0-target_year": "2030",
        "targets-0-percent": "1.5",
        "targets-1-id": str(second.pk), "targets-1-agreement": str(agreement.pk), "targets-1-target_year": "",
        "targets-1-percent": "",
    })
    assert response.status_code == 302
    assert list(agreement.targets.values_list("target_year", "percent")) == [(2030, Decimal("1.5"))]
