"""Throttling, counted in the database so it holds across every server process.

Each scope has a limit of attempts per period (settings.THROTTLES, in seconds); a key is an account's
email address or a client's IP address. Only what an attacker repeats is counted: wrong passwords,
sign-in emails, colleague invitations.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from klimapartner.accounts.models import Attempt


def client_address(request) -> str:
    """The client's IP address; behind the municipality's proxy (TRUSTED_PROXIES) the one it forwarded."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    # Walk back from our own proxy: the first address it did not add itself is the client's.
    while forwarded and address in proxies:
        address = forwarded.pop()
    return address


def _limit(scope):
    count, seconds = settings.THROTTLES[scope]
    return count, timedelta(seconds=seconds)


def is_throttled(scope: str, key: str, *, now=None) -> bool:
    count, period = _limit(scope)
    now = now or timezone.now()
    return Attempt.objects.filter(scope=scope, key=key.lower(), at__gt=now - period).count() >= count


def record(scope: str, key: str, *, now=None):
    count, period = _limit(scope)
    now = now or timezone.now()
    Attempt.objects.filter(scope=scope, key=key.lower(), at__lte=now - period).delete()
    Attempt.objects.create(scope=scope, key=key.lower(), at=now)


def minutes(scope: str) -> int:
    """The period of a scope, in whole minutes, for messages."""
    return max(1, settings.THROTTLES[scope][1] // 60)
