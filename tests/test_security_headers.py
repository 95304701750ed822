"""Headers every page carries, sessions that end, and personal links that expire and stay on this site."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.events.factories import make_event, make_registration


@pytest.mark.parametrize("url", ["/", "/partnere/", "/konto/log-ind/", "/en/"])
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db, url):
    response = client.get(url)
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    nonce = response.wsgi_request.csp_nonce
    assert policy == {
        "default-src": "'self'", "script-src": f"'self' 'nonce-{nonce}'", "style-src": f"'self' 'nonce-{nonce}'",
        "style-src-attr": "'unsafe-inline'", "img-src": "'self' data: https://tile.openstreetmap.org",
        "font-src": "'self'", "connect-src": "'self'", "object-src": "'none'", "base-uri": "'none'",
        "form-action": "'self'", "frame-ancestors": "'none'",
    }
    body = response.content.decode()
    assert body.count("<script") == body.count("<script src=")  # every script is a static file


def test_pages_switch_off_browser_features_and_keep_referrers_on_the_site(client, db):
    response = client.get("/")
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_a_sign_in_lasts_ten_hours(client, coordinator):
    client.force_login(coordinator)
    assert client.session.get_expiry_age() == 10 * 3600


def test_a_personal_link_expires_ninety_days_after_the_day(client, db):
    event = make_event(day=date.today() - timedelta(days=90))
    anna = make_registration(event, "Anna Holm", guest="Tversted Camping")
    invitation = event.invitations.create(email="bo@gaest.example")
    assert client.get(reverse("events:personal", args=[anna.token])).status_code == 200
    event.date = date.today() - timedelta(days=91)
    event.save()
    assert client.get(reverse("events:personal", args=[anna.token])).status_code == 404
    assert client.get(reverse("events:agenda_ics", args=[anna.token])).status_code == 404
    assert client.get(reverse("events:register", args=[invitation.token])).status_code == 404
