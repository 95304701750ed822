"""The permission-checked fetchers for ideas and collaborations.

The coordinator sees and changes everything; a partner editor the ideas and collaborations their
organisation is part of (as owner or partner involved); the public only what
partners/access.py's public_collaborations lets through.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from klimapartner.accounts.roles import edited_organisation_ids, is_coordinator
from klimapartner.collaborations.models import Collaboration, Idea
from klimapartner.partners.access import public_collaborations


def ideas_for(user):
    """The ideas the user may see and change."""
    if is_coordinator(user):
        return Idea.objects.all()
    orgs = edited_organisation_ids(user)
    if not orgs:
        return Idea.objects.none()
    return Idea.objects.filter(Q(owner_organisation__in=orgs) | Q(partners__in=orgs)).distinct()


def collaborations_for(user):
    """The collaborations the user may see and change."""
    if is_coordinator(user):
        return Collaboration.objects.all()
    orgs = edited_organisation_ids(user)
    if not orgs:
        return Collaboration.objects.none()
    return Collaboration.objects.filter(pk__in=Collaboration.objects.filter(memberships__organisation__in=orgs).values("pk"))


def get_idea_for_edit(request, pk) -> Idea:
    """The idea, if the signed-in user's organisation is part of it (or they are the coordinator)."""
    idea = get_object_or_404(Idea, pk=pk)
    if not ideas_for(request.user).filter(pk=idea.pk).exists():
        raise PermissionDenied
    return idea


def get_collaboration_for_edit(request, pk) -> Collaboration:
    collaboration = get_object_or_404(Collaboration, pk=pk)
    if not collaborations_for(request.user).filter(pk=collaboration.pk).exists():
        raise PermissionDenied
    return collaboration


def public_collaboration_list():
    """Every collaboration the public may see."""
    return public_collaborations(Collaboration.objects.all())
