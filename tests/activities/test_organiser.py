"""The organiser's side: attendance at the door or afterwards, walk-ins, and a partner's own activity approved."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from klimapartner.activities.models import Activity, ActivityStatus, SignUp
from tests.activities.factories import make_activity, make_signup

pytestmark = pytest.mark.django_db


def test_people_are_checked_in_and_can_be_un_ticked(client, coordinator):
    activity = make_activity(day=date.today() - timedelta(days=2))
    ole = make_signup(activity, "Ole Sand")
    client.force_login(coordinator)
    url = reverse("activities:mark", args=[activity.pk, ole.pk])
    response = client.post(url, {"present": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "✓ Mødt op" in response.content.decode()
    ole.refresh_from_db()
    assert ole.checked_in_at is not None and not ole.no_show
    client.post(url, {"present": "0"})
    ole.refresh_from_db()
    assert ole.checked_in_at is None and ole.no_show  # ticked off as absent after the activity
    page = client.get(reverse("activities:attendance", args=[activity.pk]))
    assert "1 tilmeldt, 0 på venteliste, 0 mødt op." in page.content.decode()


def test_a_walk_in_is_added_present(client, coordinator, owner_org):
    activity = make_activity()
    client.force_login(coordinator)
    client.post(reverse("activities:walk_in", args=[activity.pk]), {"name": "Bo Kragh", "organisation": owner_org.pk})
    walk_in = SignUp.objects.get()
    assert (walk_in.name, walk_in.walk_in, walk_in.organisation, walk_in.attended) == ("Bo Kragh", True, owner_org,
                                                                                        True)


def test_a_partner_reports_an_activity_and_the_coordinator_approves_it(client, owner, owner_org, coordinator,
                                                                      smtp_server):
    client.force_login(owner)
    response = client.post(reverse("activities:manage_new", args=[owner_org.slug]), {
        "title": "Åbent hus på solcelleparken", "kind": "open_house", "date": "2026-04-25", "starts": "10:00",
        "ends": "14:00", "venue": "Elmevej 78", "town": "Hjørring", "description": "Kom og se.",
        "is_public": "on", "signup_open": "on", "participants": "140", "focus_areas": []})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.organiser, activity.status, activity.participants) == (owner_org, ActivityStatus.SUBMITTED, 140)
    client.logout()
    assert client.get(reverse("activities:activity", args=[activity.pk])).status_code == 404  # not yet public
    client.force_login(coordinator)
    response = client.post(reverse("activities:review", args=[activity.pk]), {"reject": "1", "comment": ""})
    assert response.context["form"].errors["comment"] == ["Skriv, hvad der mangler, så partneren kan rette det."]
    client.post(reverse("activities:review", args=[activity.pk]), {"approve": "1", "comment": ""})
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.APPROVED
    [message] = smtp_server.messages
    assert message.envelope_to == [owner.email]
    assert str(message["Subject"]).strip() == "Godkendt: Åbent hus på solcelleparken"
    client.logout()
    assert client.get(reverse("activities:activity", args=[activity.pk])).status_code == 200


def test_a_photo_needs_its_alt_text(client, owner, owner_org):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, "PNG")
    client.force_login(owner)
    response = client.post(reverse("activities:manage_new", args=[owner_org.slug]), {
        "title": "Strandrensning", "kind": "citizen", "date": "2026-04-25", "venue": "Stranden", "town": "Løkken",
        "photo": SimpleUploadedFile("strand.png", buffer.getvalue(), "image/png")})
    assert response.context["form"].errors == {"photo_alt": ["Beskriv billedet for dem, der ikke kan se det."]}
    assert Activity.objects.count() == 0


def test_a_rejected_activity_goes_back_to_the_coordinator_when_the_partner_changes_it(client, owner, owner_org):
    activity = make_activity("Informationsmøde", organiser=owner_org, status=ActivityStatus.REJECTED)
    client.force_login(owner)
    client.post(reverse("activities:manage_edit", args=[owner_org.slug, activity.pk]), {
        "title": "Informationsmøde om fjernvarme", "kind": "citizen", "date": activity.date.isoformat(),
        "venue": "Vrå Medborgerhus", "town": "Vrå"})
    activity.refresh_from_db()
    assert (activity.title, activity.status) == ("Informationsmøde om fjernvarme", ActivityStatus.SUBMITTED)
