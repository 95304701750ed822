"""The audit log: who changed partner data, agreements, accounts, publishing and permissions, and when."""

import pytest
from django.urls import reverse

from klimapartner.partners.models import Membership, Organisation
from klimapartner.records.models import AuditEntry
from tests.factories import make_agreement
from tests.partners.test_manage import PROFILE


def entries():
    return list(AuditEntry.objects.order_by("pk").values_list("actor_name", "area", "action", "object_repr"))


def test_an_editors_profile_change_names_the_editor_and_every_changed_field(client, owner, owner_org):
    AuditEntry.objects.all().delete()
    client.force_login(owner)
    client.post(reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug}),
                {**PROFILE, "description": "Solceller, varmepumper & vindmøller."})
    [entry] = AuditEntry.objects.all()
    assert (entry.actor, entry.actor_name, entry.area, entry.action, entry.object_repr, entry.object_id) == (
        owner, "ejer@nordlys.example", "partners", "changed", "Nordlys Energi ApS", str(owner_org.pk))
    assert entry.changes == {
        "size": ["", "10-49"], "address": ["", "Havnegade 3"], "postcode": ["", "9800"],
        "website": ["", "https://nordlys.example"], "description": ["", "Solceller, varmepumper & vindmøller."],
    }
    # Saving the same values again is no change.
    client.post(reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug}),
                {**PROFILE, "description": "Solceller, varmepumper & vindmøller."})
    assert AuditEntry.objects.count() == 1


def test_the_coordinator_removing_an_editor_is_a_permission_change(client, coordinator, owner, owner_org):
    AuditEntry.objects.all().delete()
    client.force_login(coordinator)
    membership = Membership.objects.get(user=owner)
    client.post(reverse("staff:remove_editor", kwargs={"slug": owner_org.slug, "pk": membership.pk}))
    assert entries() == [("koordinator@kommune.example", "permissions", "deleted", str(membership))]
    assert AuditEntry.objects.get().changes == {"user": [str(owner), None], "organisation": ["Nordlys Energi ApS", None]}


def test_publishing_a_partner_and_changing_an_agreement_are_logged_with_their_areas(client, coordinator, owner_org):
    agreement = make_agreement(owner_org)
    AuditEntry.objects.all().delete()
    client.force_login(coordinator)
    client.post(reverse("staff:new_organisation"), {**PROFILE, "cvr": "", "name": "Grundejerforeningen Klitten",
                                                     "org_type": "association", "is_published": "on"})
    assert entries() == [("koordinator@kommune.example", "partners", "created", "Grundejerforeningen Klitten")]
    assert AuditEntry.objects.get().changes["is_published"] == [None, "True"]
    agreement.status = "ended"
    agreement.save()  # from the command line: nobody signed in
    assert entries()[-1] == ("", "agreements", "changed", str(agreement))
    assert AuditEntry.objects.order_by("pk").last().changes == {"status": ["active", "ended"]}
    # The log shows the choice's label and the field's name in the reader's language.
    html = client.get(reverse("records:audit_log"), {"omraade": "agreements"}).content.decode()
    assert "<strong>Status</strong>: Aktiv → Afsluttet" in html and "ingen logget ind" in html


def test_signing_in_is_not_a_change(client, owner):
    AuditEntry.objects.all().delete()
    assert client.login(username="ejer@nordlys.example", password="pw-for-tests")
    client.get(reverse("accounts:home"))
    assert AuditEntry.objects.count() == 0


def test_the_coordinator_reads_the_log_newest_first_and_by_area(client, coordinator, owner, owner_org):
    client.force_login(owner)
    client.post(reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug}), PROFILE)
    client.force_login(coordinator)
    client.post(reverse("staff:remove_editor", kwargs={"slug": owner_org.slug,
                                                        "pk": Membership.objects.get(user=owner).pk}))
    page = client.get(reverse("records:audit_log"))
    assert page.status_code == 200
    shown = [(e.actor_name, e.area) for e in page.context["page"].object_list]
    assert shown[:2] == [("koordinator@kommune.example", "permissions"), ("ejer@nordlys.example", "partners")]
    html = page.content.decode()
    assert "Havnegade 3" in html and "Ændret: Nordlys Energi ApS" in html
    only = client.get(reverse("records:audit_log"), {"omraade": "permissions"})
    assert {e.area for e in only.context["page"].object_list} == {"permissions"}
    nonsense = client.get(reverse("records:audit_log"), {"omraade": "x' OR 1=1", "side": "abc"})
    assert nonsense.status_code == 200 and nonsense.context["area"] == ""


@pytest.mark.parametrize("name", ["records:audit_log", "records:person"])
def test_only_the_coordinator_sees_the_audit_log_and_personal_data(client, name, coordinator, owner, outsider):
    url = reverse(name)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('accounts:login')}?next={url}")
    for editor in (owner, outsider):
        client.force_login(editor)
        assert client.get(url).status_code == 403
        assert client.post(url, {"email": "ejer@nordlys.example", "format": "json"}).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_only_the_coordinator_may_forget_a_person(client, coordinator, owner, outsider):
    url = reverse("records:erase")
    data = {"email": "ejer@nordlys.example", "confirm": "on"}
    assert client.post(url, data)["Location"] == f"{reverse('accounts:login')}?next={url}"
    for editor in (outsider, owner):
        client.force_login(editor)
        assert client.post(url, data).status_code == 403
    assert Membership.objects.filter(user=owner).exists()
    client.force_login(coordinator)
    assert client.get(url).status_code == 405
    assert client.post(url, data).status_code == 302
    assert not Membership.objects.filter(user=owner).exists()


def test_a_change_outside_a_request_is_logged_without_a_name(db, owner_org):
    AuditEntry.objects.all().delete()
    owner_org.is_published = False
    owner_org.save()
    assert entries() == [("", "partners", "changed", "Nordlys Energi ApS")]
    assert AuditEntry.objects.get().changes == {"is_published": ["True", "False"]}


def test_a_model_saved_with_a_date_as_text_is_still_logged(db, owner_org):
    agreement = make_agreement(owner_org, status="ended", starts_on="2020-01-01", signed_on="2020-01-01",
                               ends_on="2023-12-31")
    entry = AuditEntry.objects.get(model="partners.agreement")
    assert (entry.action, entry.object_repr, entry.changes["ends_on"]) == ("created", f"partnerskabsaftale {agreement.pk}",
                                                                           [None, "2023-12-31"])
