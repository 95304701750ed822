"""Who may do what: the coordinator does everything, a partner editor only their own organisation."""


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
