"""Personal data: everything about one person (export), forgetting a person (erase), retention, deleting a partner."""

import io
import json
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from klimapartner.activities.models import SignUp
from klimapartner.events.models import Feedback, Invitation, Meeting, Registration, Seat
from klimapartner.partners.models import ContactPerson, Membership, Upload
from klimapartner.records import privacy
from klimapartner.records.models import AuditEntry
from tests.activities.factories import make_activity, make_signup
from tests.events.factories import make_event, make_registration
from tests.factories import make_contact, make_editor, make_organisation

METTE = "mette@nordlys.example"


@pytest.fixture
def mette(owner_org):
    """Mette Holm: a partner editor, a contact person, registered for a partnership day and signed up for a talk."""
    user = make_editor(owner_org, METTE)
    user.first_name, user.last_name = "Mette", "Holm"
    user.save()
    make_contact(owner_org, "Mette Holm", email=METTE)
    event = make_event(capacity=10)
    invitation = event.invitations.create(email=METTE, organisation=owner_org)
    registration = make_registration(event, "Mette Holm", organisation=owner_org, email=METTE, invitation=invitation,
                                     offers={"energy": "Mette Holm viser vores solceller"}, dietary="Vegetar")
    bo = make_registration(event, "Bo Lund", guest="Tversted Camping")
    meeting = Meeting.objects.create(event=event, round=1, table="1")
    Seat.objects.create(meeting=meeting, registration=registration, reason_da="Bo Lund søger solceller")
    Seat.objects.create(meeting=meeting, registration=bo, reason_da="Mette Holm viser vores solceller")
    Feedback.objects.create(meeting=meeting, registration=registration, useful=4)
    Feedback.objects.create(meeting=meeting, registration=bo, useful=5, follow_up=True)
    talk = make_activity("Foredrag om varmepumper")
    make_signup(talk, "Mette Holm", email=METTE.upper(), organisation=owner_org)
    make_signup(talk, "Karen Lund")
    return user


def stored_anywhere(word) -> list[str]:
    """Every text column in the database that still holds the word."""
    return [f"{model._meta.label}.{name}" for model, name in privacy.text_columns()
            if model._meta.managed and model.objects.filter(**{f"{name}__icontains": word}).exists()]


def test_the_export_has_everything_about_the_person_and_no_secrets(mette):
    data = privacy.export(METTE)
    counts = {k: len(v) for k, v in data["sections"].items() if v}
    assert counts == {"users": 1, "memberships": 1, "contact_persons": 1, "sign_ups": 2, "registrations": 1,
                      "seats": 1, "feedback": 1, "invitations": 1}
    sections = data["sections"]
    assert sections["registrations"][0]["offers"] == {"energy": "Mette Holm viser vores solceller"}
    assert sections["registrations"][0]["dietary"] == "Vegetar"
    assert sorted(s["activity"]["name"] for s in sections["sign_ups"]) == [
        "Foredrag om varmepumper", "Partnerskabsdag i Hjørring"]
    assert (sections["seats"][0]["round"], sections["seats"][0]["table"]) == (1, "1")
    assert sections["feedback"][0]["useful"] == 4
    # A file the person uploaded is named, its bytes are not copied into the export.
    Upload.objects.create(kind="partners", filename="partnere.xlsx", data=b"PK\x03\x04", size=4, user=mette)
    assert [(u["filename"], u["size"], "data" in u) for u in privacy.export(METTE)["sections"]["uploads"]] == [
        ("partnere.xlsx", 4, False)]
    text = json.dumps(data, default=str)
    assert '"password"' not in text and '"token"' not in text and "Bo Lund søger" not in text


def test_the_coordinator_downloads_it_as_json_and_reads_it_in_danish(client, coordinator, mette):
    client.force_login(coordinator)
    url = reverse("records:person")
    download = client.post(url, {"email": METTE, "format": "json"})
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="persondata.json"'
    data = json.loads(download.content)
    assert (data["email"], data["sections"]["contact_persons"][0]["name"]) == (METTE, "Mette Holm")
    page = client.post(url, {"email": METTE, "format": "page"})
    html = page.content.decode()
    assert page.context["found"] == 9
    assert "Tilmeldinger til partnerskabsdage (1)" in html and "Vegetar" in html
    assert "Glem personen" in html
    unknown = client.post(url, {"email": "ingen@ingen.example"})
    assert unknown.context["found"] == 0 and "Glem personen" not in unknown.content.decode()
    bad = client.post(url, {"email": "ikke en adresse"})
    assert bad.status_code == 200 and bad.context["form"].errors == {"email": ["Indtast en gyldig e-mail-adresse."]}


def test_erasing_forgets_the_person_everywhere_and_keeps_the_counts(client, coordinator, mette, owner_org):
    old_link = SignUp.objects.get(email=METTE.upper()).token
    assert sorted(stored_anywhere(METTE)) == [
        "activities.SignUp.email", "auth.User.email", "auth.User.username", "events.Invitation.email",
        "events.Registration.email", "partners.ContactPerson.email", "records.AuditEntry.changes",
        "records.AuditEntry.object_repr"]
    client.force_login(coordinator)
    response = client.post(reverse("records:erase"), {"email": METTE, "confirm": "on"})
    assert response["Location"] == reverse("records:person")
    assert stored_anywhere(METTE) == []
    assert stored_anywhere("Mette Holm") == []
    assert not get_user_model().objects.filter(email=METTE).exists()
    assert not Membership.objects.filter(organisation=owner_org, user__email=METTE).exists()
    assert ContactPerson.objects.filter(organisation=owner_org).count() == 0
    # What the programme counts stays: two registered, two seats, two ratings, two sign-ups for the talk.
    assert (Registration.objects.count(), Seat.objects.count(), SignUp.objects.count()) == (2, 2, 4)
    assert sorted(Feedback.objects.values_list("useful", flat=True)) == [4, 5]
    assert Invitation.objects.get().email.endswith("@invalid")
    anonymous = Registration.objects.get(organisation=owner_org)
    assert (anonymous.name, anonymous.email, anonymous.offers, anonymous.dietary) == ("–", "", {}, "")
    assert client.get(reverse("activities:signup", args=[old_link])).status_code == 404
    # The others are untouched.
    assert Registration.objects.get(name="Bo Lund").email == "bo@deltager.example"
    assert SignUp.objects.filter(name="Karen Lund", email="karen@borger.example").exists()
    # The audit log keeps that something changed, not who.
    assert AuditEntry.objects.filter(actor_name=METTE).count() == 0


def test_erasing_needs_the_confirmation_and_saves_nothing_without_it(client, coordinator, mette):
    client.force_login(coordinator)
    response = client.post(reverse("records:erase"), {"email": METTE})
    assert response.status_code == 400
    assert response.context["erase_form"].errors == {"confirm": ["Dette felt er påkrævet."]}
    assert get_user_model().objects.filter(email=METTE).exists()


def test_old_activities_are_forgotten_after_the_retention_period(db, owner_org, settings):
    settings.PERSONAL_DATA_YEARS = 3
    today = date.today()
    cutoff = privacy.retention_cutoff(today)
    old = make_event(day=cutoff - timedelta(days=1), title="Partnerskabsdag 2023")
    old.invitations.create(email="anna@nordlys.example", organisation=owner_org)
    make_registration(old, "Anna Holm", organisation=owner_org, email="anna@nordlys.example", dietary="Vegetar")
    make_signup(make_activity("Gammelt foredrag", day=cutoff - timedelta(days=1)), "Karen Holm")
    kept = make_signup(make_activity("Nyt foredrag", day=cutoff), "Lise Holm")
    out = io.StringIO()
    call_command("forget_past", stdout=out)
    assert out.getvalue() == (f"Held before {cutoff.isoformat()} (3 years): invitations: 1, sign_ups: 2\n")
    assert list(SignUp.objects.order_by("pk").values_list("name", "email")) == [
        ("–", ""), ("–", ""), ("Lise Holm", "lise@borger.example")]
    assert Registration.objects.get().dietary == ""
    assert stored_anywhere("anna@nordlys.example") == []
    kept.refresh_from_db()
    assert kept.consent is True
    call_command("forget_past", stdout=out)
    assert out.getvalue().endswith(": nothing\n")


def test_deleting_a_partner_stops_its_editors_and_anonymises_its_people(db, owner_org, other_org, owner):
    both = make_editor(owner_org, "begge@nordlys.example")
    Membership.objects.create(user=both, organisation=other_org)
    make_signup(make_activity(), "Mette Holm", email=METTE, organisation=owner_org)
    owner_org.delete()
    owner.refresh_from_db()
    both.refresh_from_db()
    assert (owner.is_active, both.is_active) == (False, True)
    assert list(SignUp.objects.values_list("name", "email", "organisation")) == [("–", "", None)]
