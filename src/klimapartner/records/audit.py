"""Writing the audit log: a few models are watched, and every save or delete of them names who did it.

Watched through Django's model signals, so every path that changes them (the site, the admin, an import)
is logged without each view remembering to. Who did it comes from the request (`AuditMiddleware`); the
command line and background jobs log no one. Changes made with `QuerySet.update()` or `bulk_create()`
send no signals and are not logged: the watched models are saved one by one where it matters.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from klimapartner.records.models import AuditAction, AuditArea, AuditEntry

_actor = contextvars.ContextVar("audit_actor", default=None)


@dataclass(frozen=True)
class Watched:
    area: str
    # Only these fields are recorded, and a save that changes none of them is not logged; None: every field.
    fields: tuple[str, ...] | None = None
    # Fields never recorded (computed ones, timestamps).
    skip: tuple[str, ...] = ()


NOISE = ("created", "updated")
WATCHED = {
    "partners.agreement": Watched(AuditArea.AGREEMENTS, skip=NOISE),
    "partners.reductiontarget": Watched(AuditArea.AGREEMENTS),
    "partners.action": Watched(AuditArea.AGREEMENTS),
    "climate.yearaccount": Watched(AuditArea.ACCOUNTS, fields=(
        "year", "employees", "factor_set", "notes", "status", "scope1", "scope2_location", "scope2_market",
        "scope3", "target_base_kg", "reviewed_by")),
    "partners.organisation": Watched(AuditArea.PARTNERS, skip=NOISE),
    "partners.contactperson": Watched(AuditArea.PARTNERS),
    "stories.story": Watched(AuditArea.PUBLISHING, fields=("status", "published_at")),
    "events.event": Watched(AuditArea.PUBLISHING, fields=("published_at",)),
    "tours.tour": Watched(AuditArea.PUBLISHING, fields=("published_at",)),
    "partners.membership": Watched(AuditArea.PERMISSIONS, fields=("user", "organisation")),
    "auth.user": Watched(AuditArea.PERMISSIONS, fields=("is_staff", "is_superuser", "is_active")),
}


class AuditMiddleware:
    """Remembers who is signed in for the rest of the request, for the entries it causes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _actor.set(request)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


def current_actor():
    request = _actor.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


# A long text (a partner's description) is kept this long: enough to see what changed.
LONGEST = 500


def _value(instance, field) -> str | None:
    value = getattr(instance, field.attname)
    if value is None:
        return None
    if field.is_relation:
        return _describe(getattr(instance, field.name))
    elif isinstance(field, models.DecimalField):  # 57.46 from a form is 57.46000 from the database: no change
        value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
    # A choice is kept as its code ("active"), the same whichever language the change was made in.
    text = str(value)
    return text if len(text) <= LONGEST else text[:LONGEST - 1] + "…"


def _fields(instance, watched: Watched):
    return [f for f in instance._meta.concrete_fields
            if not (f.one_to_one and f.remote_field.parent_link) and f.name != "id" and f.name not in watched.skip
            and f.name != "password" and (watched.fields is None or f.name in watched.fields)]


def snapshot(instance, watched) -> dict:
    return {f.name: _value(instance, f) for f in _fields(instance, watched)}


def _describe(instance) -> str:
    """The object's name; a model saved with raw values (a date given as text) may not be able to say it."""
    try:
        return str(instance)[:200]
    except (TypeError, ValueError, AttributeError):
        return f"{instance._meta.verbose_name} {instance.pk}"


def _write(instance, watched, action, changes):
    actor = current_actor()
    AuditEntry.objects.create(
        actor=actor, actor_name=actor.email if actor else "", area=watched.area, action=action,
        model=instance._meta.label_lower, object_id=str(instance.pk), object_repr=_describe(instance),
        changes=changes,
    )


def _watched(sender):
    return WATCHED.get(sender._meta.label_lower)


def _before_save(sender, instance, raw=False, **kwargs):
    watched = _watched(sender)
    if watched is None or raw or instance.pk is None:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(stored, watched) if stored is not None else None


def _after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    watched = _watched(sender)
    if watched is None or raw:
        return
    after = snapshot(instance, watched)
    before = None if created else getattr(instance, "_audit_before", None)
    instance._audit_before = after
    if before is None:
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
        _write(instance, watched, AuditAction.CREATED, changes)
        return
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        _write(instance, watched, AuditAction.CHANGED, changes)


def _after_delete(sender, instance, **kwargs):
    watched = _watched(sender)
    if watched is None:
        return
    before = snapshot(instance, watched)
    _write(instance, watched, AuditAction.DELETED, {k: [v, None] for k, v in before.items() if v not in (None, "")})


def connect():
    for label in WATCHED:
        model = apps.get_model(label)
        for signal, receiver in ((pre_save, _before_save), (post_save, _after_save), (post_delete, _after_delete)):
            signal.connect(receiver, sender=model, dispatch_uid=f"audit-{signal}-{label}")
