"""Permission-checked fetchers for sites and tours, on top of `partners/access.py`.

A site is its partner's: whoever may edit the partner (its editors, the
coordinator) may edit its sites, and nobody else.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from klimapartner.partners.access import get_organisation_for_edit
from klimapartner.tours.models import Site


def get_site_for_edit(request, slug, pk) -> tuple:
    """(organisation, site) if the user may edit the organisation and the site is its own; 403/404 otherwise."""
    organisation = get_organisation_for_edit(request, slug)
    return organisation, get_object_or_404(Site, pk=pk, organisation=organisation)


def get_tour_for_signup(token) -> tuple:
    """(sign-up, tour) for the personal link of someone with a seat on a tour; 404 for anything else."""
    from klimapartner.activities.access import get_signup_by_token
    from klimapartner.activities.models import SignUpStatus
    from klimapartner.tours.models import Tour

    signup = get_signup_by_token(token)
    if signup.status != SignUpStatus.REGISTERED:
        raise Http404
    return signup, get_object_or_404(Tour, activity_id=signup.activity_id, planned_back__isnull=False)
