"""Registrations and the audit log in Django's admin: the coordinator reads them; a partner editor cannot."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from klimapartner.records.models import AuditEntry
from tests.events.factories import make_event, make_registration


def test_the_coordinator_finds_a_registration_in_the_admin_without_its_personal_link(client, coordinator, owner):
    anna = make_registration(make_event(), "Anna Holm", guest="Tversted Camping")
    url = reverse("admin:events_registration_changelist")
    client.force_login(owner)
    assert client.get(url).status_code == 302  # not staff: Django's admin sends them to its sign-in
    client.force_login(coordinator)
    assert client.get(url).status_code == 403  # staff, but not given the admin's permission for registrations
    coordinator.user_permissions.add(Permission.objects.get(codename="view_registration"))
    found = client.get(url, {"q": "Tversted"})
    assert found.status_code == 200 and list(found.context["cl"].result_list) == [anna]
    page = client.get(reverse("admin:events_registration_change", args=[anna.pk])).content.decode()
    assert "anna@deltager.example" in page and anna.token not in page


def test_the_audit_log_cannot_be_edited_in_the_admin(client, coordinator, owner_org):
    coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)
    assert client.get(reverse("admin:records_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:records_auditentry_add")).status_code == 403
    entry = AuditEntry.objects.get(model="partners.organisation", object_id=str(owner_org.pk))
    assert client.post(reverse("admin:records_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
