"""The one place that fetches activity data for the organiser's pages, with the permission check.

The public side is decided in partners/access.py (visible_activities, get_visible_activity).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from klimapartner.accounts.roles import can_edit_organisation, is_coordinator
from klimapartner.activities.models import Activity, SignUp
from klimapartner.partners.access import get_organisation_for_edit


def get_activity_for_organiser(request, pk) -> Activity:
    """The activity, for the coordinator or the editors of the partner that holds it; 403 otherwise."""
    activity = get_object_or_404(Activity.objects.select_related("organiser"), pk=pk)
    if is_coordinator(request.user):
        return activity
    if activity.organiser_id and can_edit_organisation(request.user, activity.organiser):
        return activity
    raise PermissionDenied


def get_partner_activity_for_edit(request, slug, pk):
    """(organisation, activity) for a partner's own activity, through the partner's editor check."""
    organisation = get_organisation_for_edit(request, slug)
    return organisation, get_object_or_404(Activity, pk=pk, organiser=organisation)


def get_signup_by_token(token) -> SignUp:
    """The sign-up whose personal link this is; 404 for any other token."""
    return get_object_or_404(SignUp.objects.select_related("activity", "organisation"), token=token)
