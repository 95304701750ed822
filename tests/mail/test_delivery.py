"""Email through a real SMTP server: a server that is down never breaks a request, what it did not take is
kept and sent by `klimapartner retry_mail`, and plain-text email is never HTML-escaped."""

import logging
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from klimapartner.events.models import Registration
from klimapartner.mail import delivery
from klimapartner.mail.models import PendingEmail
from tests.events.factories import make_event
from tests.factories import make_organisation, make_user


def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there


def test_a_registration_with_the_mail_server_down_is_saved_once_and_its_email_sent_later(
        client, settings, caplog, smtp_server, db):
    port = settings.EMAIL_PORT
    mail_server_down(settings)
    event = make_event()
    invitation = event.invitations.create(email="anna@gaest.example")
    url = reverse("events:register", args=[invitation.token])
    form = {"name": "Anna Holm", "guest_organisation": "Tversted Camping", "rounds": ["1", "2", "3"], "consent": "on"}
    with caplog.at_level(logging.ERROR, logger="klimapartner.mail.delivery"):
        response = client.post(url, form)
    anna = Registration.objects.get()
    assert response["Location"] == reverse("events:personal", args=[anna.token])
    assert caplog.messages == ["Email to anna@gaest.example could not be sent ([Errno 111] Connection refused); "
                               "it is kept and will be sent again"]
    assert client.post(url, form)["Location"] == response["Location"]  # trying again makes no duplicate
    assert Registration.objects.count() == 1
    pending = PendingEmail.objects.get()
    assert (pending.to, pending.subject, pending.attempts) == (["anna@gaest.example"],
                                                               "Din tilmelding til Partnerskabsdag i Hjørring", 1)
    # Not due yet: nothing is tried.
    call_command("retry_mail")
    assert PendingEmail.objects.count() == 1
    # Later, with the server back up.
    settings.EMAIL_PORT = port
    PendingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("retry_mail")
    assert PendingEmail.objects.count() == 0
    assert [m["To"] for m in smtp_server.messages] == ["anna@gaest.example"]
    assert f"/partnerskabsdage/t/{anna.token}/" in smtp_server.messages[0].get_content()


def test_a_failing_retry_waits_longer_each_time_and_gives_up_after_eight(settings, db):
    mail_server_down(settings)
    delivery.send([delivery.message(to="x@y.example", subject_template="accounts/email_sign_in_subject.txt",
                                    body_template="accounts/email_sign_in.txt",
                                    context={"user": make_user("x@y.example"), "url": "u", "hours": 72})])
    pending = PendingEmail.objects.get()
    now = pending.next_attempt_at
    pauses = []
    for _n in range(7):
        delivery.retry(now=now)
        pending.refresh_from_db()
        if pending.next_attempt_at is None:
            break
        pauses.append(pending.next_attempt_at - now)
        now = pending.next_attempt_at
    assert pauses == [timedelta(minutes=5 * 2 ** n) for n in range(1, 7)]
    assert (pending.attempts, pending.next_attempt_at) == (8, None)


def test_plain_text_email_keeps_names_as_written(smtp_server, db):
    from klimapartner.accounts.emails import send_sign_in_link
    from klimapartner.events import changes

    organisation = make_organisation("Havgus Is & Kiosk")
    user = make_user("ejer@havgus.example")
    send_sign_in_link(user, organisation=organisation)
    event = make_event(title="Kyst & Klima <dag>")
    changes.invite(event=event, guests=["gaest@havgus.example"])
    texts = [m["Subject"] + "\n" + m.get_content() for m in smtp_server.messages]
    assert "Havgus Is & Kiosk" in texts[0]
    assert "Invitation: Kyst & Klima <dag>" in texts[1]
    assert not any("&amp;" in t or "&lt;" in t for t in texts)
