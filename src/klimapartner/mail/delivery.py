"""Sending email: plain-text templates rendered without HTML escaping, and sending that never fails a request.

A message the mail server refuses, or cannot take because it is down, is logged and kept in the
outbox (`PendingEmail`); `klimapartner retry_mail`, run every few minutes, tries again with a growing
pause. Callers send after their transaction has committed, so an email never describes a change that
was rolled back, and a failing mail server never undoes or breaks one.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template import engines
from django.utils import timezone

from klimapartner.mail.models import PendingEmail

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
FIRST_PAUSE = timedelta(minutes=5)


def render_text(template_name: str, context: dict) -> str:
    """A plain-text email template: "Havgus Is & Kiosk" stays as written, never "&amp;"."""
    return engines["text"].get_template(template_name).render(context)


def message(*, to, subject_template: str, body_template: str, context: dict) -> EmailMessage:
    subject = " ".join(render_text(subject_template, context).split())
    return EmailMessage(subject, render_text(body_template, context), settings.DEFAULT_FROM_EMAIL,
                        [to] if isinstance(to, str) else list(to))


def send(messages, progress=None) -> int:
    """Send over one connection (publishing to 500 people should not open 500). Returns the number sent;
    the others are logged and kept for a later attempt. Never raises for the mail server's sake.
    `progress(done, total)`, if given, is called after each message (a background job's progress bar)."""
    messages = list(messages)
    if not messages:
        return 0
    sent = 0
    try:
        connection = get_connection()
        connection.open()
    except Exception as error:  # the server is down or refuses us: keep everything
        for m in messages:
            _keep(m, error)
        return 0
    try:
        for n, m in enumerate(messages, start=1):
            try:
                sent += connection.send_messages([m]) or 0
            except Exception as error:
                _keep(m, error)
            if progress is not None:
                progress(n, len(messages))
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Closing the connection to the mail server failed", exc_info=True)
    return sent


def _keep(m: EmailMessage, error: Exception):
    logger.error("Email to %s could not be sent (%s); it is kept and will be sent again", ", ".join(m.to), error)
    PendingEmail.objects.create(to=list(m.to), from_email=m.from_email, subject=m.subject, body=m.body,
                                last_error=repr(error)[:2000], next_attempt_at=timezone.now() + FIRST_PAUSE)


def retry(*, now=None) -> tuple[int, int]:
    """Try the outbox's due emails again. Returns (sent, still pending)."""
    now = now or timezone.now()
    due = list(PendingEmail.objects.filter(next_attempt_at__lte=now))
    if not due:
        return 0, 0
    sent = 0
    try:
        connection = get_connection()
        connection.open()
    except Exception as error:
        for pending in due:
            _failed_again(pending, error, now)
        return 0, len(due)
    try:
        for pending in due:
            m = EmailMessage(pending.subject, pending.body, pending.from_email, pending.to)
            try:
                connection.send_messages([m])
            except Exception as error:
                _failed_again(pending, error, now)
            else:
                pending.delete()
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Closing the connection to the mail server failed", exc_info=True)
    return sent, len(due) - sent


def _failed_again(pending: PendingEmail, error: Exception, now):
    pending.attempts += 1
    pending.last_error = repr(error)[:2000]
    if pending.attempts >= MAX_ATTEMPTS:
        pending.next_attempt_at = None
        logger.error("Email to %s could not be sent after %d attempts; giving up", ", ".join(pending.to),
                     pending.attempts)
    else:
        pending.next_attempt_at = now + FIRST_PAUSE * 2 ** (pending.attempts - 1)
        logger.warning("Email to %s could not be sent again (%s)", ", ".join(pending.to), error)
    pending.save(update_fields=["attempts", "last_error", "next_attempt_at"])
