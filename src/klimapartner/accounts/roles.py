"""Who may do what: the coordinator does everything, a partner editor only their own organisation."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def edited_organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_edited_org_ids"):
        user._edited_org_ids = set(user.memberships.values_list("organisation_id", flat=True))
    return user._edited_org_ids


def can_edit_organisation(user, organisation) -> bool:
    return is_coordinator(user) or organisation.pk in edited_organisation_ids(user)


def coordinator_required(view):
    """Signed-in coordinators only: others are sent to sign in, or refused with 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
