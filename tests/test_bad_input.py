"""The issue's bad-input probes, each answered with a clear message instead of a 500 (on PostgreSQL
too) and nothing half-saved: NUL characters, absurd lengths and seat counts, a time limit that is not
a number, duplicate CVR numbers, a logo of tens of megapixels."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from klimapartner.events.models import Event
from klimapartner.partners.models import Organisation
from klimapartner.partners.transfer import export_csv, import_file
from tests.events.factories import make_event, make_registration
from tests.factories import make_organisation


@pytest.mark.parametrize("url", [
    "/koordinator/?q=%00", "/partnere/?q=a%00b", "/partnerskabsdage/t/%00/", "/partnerskabsdage/tilmeld/%00/",
    "/partnerskabsdage/t/abc%00def/rediger/", "/en/partnere/?town=%00",
])
def test_a_nul_character_in_the_address_is_a_bad_request(client, coordinator, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 400
    assert ("Bad request" if url.startswith("/en/") else "Ugyldig forespørgsel") in response.content.decode()


def test_a_nul_character_in_a_posted_form_is_refused_and_saves_nothing(client, db):
    event = make_event()
    invitation = event.invitations.create(email="x@gaest.example")
    url = reverse("events:register", args=[invitation.token])
    data = {"name": "Anna\x00Holm", "guest_organisation": "A", "consent": "on"}
    response = client.post(url, data)  # multipart: the form's own check names the field
    assert response.context["form"].errors["name"] == ["Null-tegn er ikke tilladte."]
    response = client.post(url, "name=Anna%00Holm&guest_organisation=A&consent=on",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert event.registrations.count() == 0


NEW_DAY = {"title": "Partnerskabsdag", "date": "2031-05-06", "venue": "Vrå Hallen", "capacity": "80",
           "registration_deadline": "2031-04-29T12:00", "format": "pairs", "invite_all": "on", "talk_at": "13:00",
           "talk_minutes": "30", "first_round_at": "13:40", "rounds": "3", "minutes": "10", "pause": "5",
           "tables": "12", "min_seats": "2", "max_seats": "2"}


@pytest.mark.parametrize(("field", "value", "error"), [
    ("minutes", "100000000", "Denne værdi skal være mindre end eller lig 240."),
    ("max_seats", "99999", "Denne værdi skal være mindre end eller lig 50."),
    ("capacity", "99999999999", "Denne værdi skal være mindre end eller lig 100000."),
    ("talk_minutes", "700", "Denne værdi skal være mindre end eller lig 480."),
])
def test_absurd_lengths_and_seat_counts_are_refused(client, coordinator, field, value, error):
    client.force_login(coordinator)
    response = client.post(reverse("events:new"), {**NEW_DAY, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert Event.objects.count() == 0


def test_a_programme_that_would_wrap_past_midnight_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("events:new"), {**NEW_DAY, "first_round_at": "22:00", "rounds": "10",
                                                   "minutes": "15", "pause": "5"})
    assert response.context["form"].errors["rounds"] == [
        "Runderne ville vare til efter midnat. Dagens program skal slutte inden da."]
    assert Event.objects.count() == 0
    event = make_event()
    response = client.post(reverse("events:programme", args=[event.pk]),
                           {"kind": "talk", "title": "Sen tale", "starts": "23:30", "minutes": "45"})
    assert response.context["form"].errors["minutes"] == ["Punktet ville vare til efter midnat."]


@pytest.mark.parametrize("seconds", ["abc", "nan", "-1", ""])
def test_planning_with_a_time_limit_that_is_not_a_number_uses_the_default(client, coordinator, seconds, settings):
    settings.EVENTS_TEXT_METHOD = "lexical"
    event = make_event(rounds=1)
    for name in ("Anna", "Bo"):
        make_registration(event, f"{name} Holm", guest=f"Gæst {name}")
    client.force_login(coordinator)
    response = client.post(reverse("events:schedule", args=[event.pk]), {"seconds": seconds})
    assert response.status_code in (200, 302)
    assert response.status_code != 500


PROFILE = {"name": "Nordlys Energi ApS", "org_type": "company", "sector": "energy", "town": "Hjørring"}


def test_a_cvr_number_another_partner_has_is_refused_without_naming_that_partner(client, owner, owner_org):
    make_organisation("Hemmelig Havbrug ApS", cvr="11111114", is_published=False)
    client.force_login(owner)
    response = client.post(reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug}),
                           {**PROFILE, "cvr": "11111114"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"cvr": ["En anden partner har allerede CVR-nummeret 11111114."]}
    assert "Hemmelig" not in response.content.decode()
    owner_org.refresh_from_db()
    assert owner_org.cvr == "12345674"


def test_an_import_with_a_cvr_number_twice_names_both_rows_and_imports_nothing(db):
    columns = export_csv(Organisation.objects.none()).decode("utf-8-sig").splitlines()[0].split(";")

    def row(slug, name):
        values = dict.fromkeys(columns, "")
        values.update({"post": "partner", "partner": slug, "navn": name, "cvr": "12345674", "type": "company",
                       "sektor": "energy", "by": "Vrå"})
        return ";".join(values.values())

    data = "\n".join([";".join(columns), row("en", "En ApS"), row("to", "To ApS")]).encode()
    result = import_file("p.csv", data)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "cvr", "CVR-nummeret 12345674 står allerede i række 2.")]
    assert Organisation.objects.count() == 0
    make_organisation("Tre ApS", cvr="12345674")
    result = import_file("p.csv", "\n".join([";".join(columns), row("en", "En ApS")]).encode())
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "cvr", "En anden partner har allerede CVR-nummeret 12345674.")]


def png(width, height) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_logo_of_81_megapixels_is_refused_before_it_is_decoded(client, owner, owner_org):
    client.force_login(owner)
    url = reverse("manage:edit_organisation", kwargs={"slug": owner_org.slug})
    response = client.post(url, {**PROFILE, "cvr": "12345674",
                                 "logo": SimpleUploadedFile("logo.png", png(9000, 9000), "image/png")})
    assert response.status_code == 200
    assert response.context["form"].errors == {"logo": [
        "Logoet er 9000 × 9000 pixels. Det må højst have 16 millioner pixels (fx 4096 × 4096)."]}
    owner_org.refresh_from_db()
    assert not owner_org.logo
    response = client.post(url, {**PROFILE, "cvr": "12345674",
                                 "logo": SimpleUploadedFile("logo.png", png(800, 400), "image/png")})
    assert response.status_code == 302
