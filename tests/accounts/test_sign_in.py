import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_user


def link_from(message):
    return re.search(r"http://127\.0\.0\.1:8000(/konto/log-ind/\S+/)", message.body).group(1)


def test_a_user_signs_in_with_email_in_any_case_and_password(client, coordinator):
    response = client.post(reverse("accounts:login"), {"pw-email": "KOORDINATOR@kommune.example", "pw-password": "pw-for-tests"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home"))["Location"] == reverse("staff:dashboard")


def test_a_wrong_password_is_refused_with_a_message(client, coordinator):
    response = client.post(reverse("accounts:login"), {"pw-email": "koordinator@kommune.example", "pw-password": "nope"})
    assert response.status_code == 200
    assert response.context["password_form"].non_field_errors() == ["E-mail eller adgangskode er forkert."]


def test_a_sign_in_link_works_once(client, owner, owner_org):
    response = client.post(reverse("accounts:login"), {"link-email": "ejer@nordlys.example"})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = link_from(mail.outbox[0])
    assert client.get(link).status_code == 200  # a confirmation button, so mail scanners don't use the link up
    response = client.post(link)
    assert response.status_code == 302
    assert client.get(reverse("accounts:home"))["Location"] == reverse("manage:organisation", kwargs={"slug": owner_org.slug})
    client.logout()
    assert client.post(link).status_code == 400
    assert client.get(reverse("manage:organisation", kwargs={"slug": owner_org.slug})).status_code == 302


def test_asking_for_a_link_does_not_reveal_who_has_an_account(client, db):
    known = make_user("kendt@nordlys.example")
    answer_known = client.post(reverse("accounts:login"), {"link-email": known.email})
    answer_unknown = client.post(reverse("accounts:login"), {"link-email": "ukendt@nordlys.example"})
    shown = [t.name for t in answer_known.templates if t.name.endswith(".html")]
    assert shown == [t.name for t in answer_unknown.templates] == [
        "accounts/link_sent.html", "base.html", "includes/user_links.html", "includes/user_links.html"]
    assert [m.to for m in mail.outbox] == [["kendt@nordlys.example"]]


def test_a_tampered_link_is_refused(client, owner):
    client.post(reverse("accounts:login"), {"link-email": owner.email})
    link = link_from(mail.outbox[0])
    assert client.post(link[:-3] + "xx/").status_code == 400


def test_next_is_followed_only_within_the_site(client, coordinator):
    data = {"pw-email": coordinator.email, "pw-password": "pw-for-tests"}
    assert client.post(reverse("accounts:login"), {**data, "next": "/partnere/"})["Location"] == "/partnere/"
    client.logout()
    assert client.post(reverse("accounts:login"), {**data, "next": "https://evil.example/"})["Location"] == reverse("accounts:home")


def test_sign_out_needs_post(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("staff:dashboard")).status_code == 302
