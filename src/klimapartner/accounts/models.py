from django.db import models
from django.utils import timezone


class Attempt(models.Model):
    """One counted attempt (a wrong password, a sign-in email asked for, …) for throttling; see throttle.py."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=254)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="attempt_scope_key_at")]
