"""Sign-in abuse: wrong passwords throttled per account and per client address on both sign-in forms,
sign-in emails limited, and the same work for unknown addresses as for known ones."""

import pytest
from django.core import mail
from django.urls import reverse

from klimapartner.accounts.models import Attempt
from tests.factories import make_user
from tests.hashers import CountingHasher

LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.THROTTLES = {**settings.THROTTLES, "sign-in-account": (3, 900), "sign-in-address": (5, 900),
                          "sign-in-link-account": (2, 3600), "sign-in-link-address": (3, 3600)}


def password(client, email, pw, address="10.0.0.1"):
    return client.post(LOGIN, {"pw-email": email, "pw-password": pw}, REMOTE_ADDR=address)


def test_wrong_passwords_for_one_account_are_throttled_even_from_many_addresses(client, coordinator):
    for n in range(3):
        assert password(client, coordinator.email, "forkert", address=f"10.0.1.{n}").status_code == 200
    refused = password(client, coordinator.email, "pw-for-tests", address="10.0.2.1")
    assert refused.status_code == 429
    assert refused.context["password_form"].non_field_errors() == [
        "For mange forkerte forsøg. Prøv igen om 15 minutter, eller bed om et login-link på e-mail."]
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_from_one_address_are_throttled_across_accounts(client, coordinator):
    for n in range(5):
        password(client, f"gaet{n}@kommune.example", "forkert")
    assert password(client, coordinator.email, "pw-for-tests").status_code == 429
    # Another address is not held back by this one.
    assert password(client, coordinator.email, "pw-for-tests", address="10.9.9.9").status_code == 302


def test_the_admin_sign_in_is_throttled_by_the_same_counts(client, coordinator):
    url = reverse("admin:login")
    for _n in range(3):
        client.post(url, {"username": coordinator.email, "password": "forkert"}, REMOTE_ADDR="10.0.0.7")
    response = client.post(url, {"username": coordinator.email, "password": "pw-for-tests"}, REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "For mange forkerte forsøg. Prøv igen om 15 minutter, eller bed om et login-link på e-mail."]
    assert "_auth_user_id" not in client.session


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, coordinator, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(5):
        client.post(LOGIN, {"pw-email": f"gaet{n}@kommune.example", "pw-password": "x"}, REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sorted(set(Attempt.objects.filter(scope="sign-in-address").values_list("key", flat=True))) == [
        "198.51.100.7"]
    # A client cannot pretend to be behind the proxy: from elsewhere, its header is ignored.
    client.post(LOGIN, {"pw-email": "x@y.example", "pw-password": "x"}, REMOTE_ADDR="203.0.113.5",
                HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert Attempt.objects.filter(scope="sign-in-address", key="203.0.113.5").count() == 1


def test_an_unknown_address_costs_the_same_password_hashing_as_a_known_one(client, coordinator, settings):
    settings.PASSWORD_HASHERS = ["tests.hashers.CountingHasher"]
    CountingHasher.calls = 0
    password(client, "ukendt@kommune.example", "forkert")
    unknown = CountingHasher.calls
    CountingHasher.calls = 0
    password(client, coordinator.email, "forkert")
    assert unknown == CountingHasher.calls == 1


def test_sign_in_emails_are_limited_per_address_asked_for_known_or_not(client, db):
    make_user("kendt@nordlys.example")
    for _n in range(2):
        assert client.post(LOGIN, {"link-email": "kendt@nordlys.example"}).status_code == 200
    third = client.post(LOGIN, {"link-email": "kendt@nordlys.example"})
    assert third.status_code == 429
    assert third.context["link_form"].non_field_errors() == [
        "Der er bedt om for mange login-links. Prøv igen om 60 minutter."]
    assert len(mail.outbox) == 2
    # An unknown address is counted the same way, so the limit does not tell who has an account.
    for _n in range(2):
        client.post(LOGIN, {"link-email": "ukendt@nordlys.example"}, REMOTE_ADDR="10.0.0.50")
    assert client.post(LOGIN, {"link-email": "ukendt@nordlys.example"}, REMOTE_ADDR="10.0.0.51").status_code == 429


def test_sign_in_emails_are_limited_per_client(client, db):
    for n in range(3):
        assert client.post(LOGIN, {"link-email": f"person{n}@nordlys.example"}).status_code == 200
    assert client.post(LOGIN, {"link-email": "person9@nordlys.example"}).status_code == 429
