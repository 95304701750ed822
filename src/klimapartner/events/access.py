"""The one place that fetches partnership-day data for a request, with the permission check.

The coordinator sees everything; a participant reaches their own registration through its
personal link (the token is the key) or, signed in, through the registrations with their email.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from klimapartner.accounts.roles import is_coordinator
from klimapartner.events.models import Event, Invitation, Registration


def get_event_for_staff(request, pk) -> Event:
    """The event, for the coordinator only."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    return get_object_or_404(Event, pk=pk)


def get_registration_by_token(token) -> Registration:
    """The registration whose personal link this is; 404 for any other token, and once the link has expired
    (PERSONAL_LINK_DAYS after the day: a link in an old email should not open someone's details for ever)."""
    # The day's programme and tables come along once: the page asks for them many times (rounds, arrival, agenda).
    registration = get_object_or_404(Registration.objects.select_related("event", "organisation")
                                     .prefetch_related("event__programme", "event__tables"), token=token)
    if link_expired(registration.event):
        raise Http404
    return registration


def get_invitation_by_token(token) -> Invitation:
    invitation = get_object_or_404(Invitation.objects.select_related("event", "organisation"), token=token)
    if link_expired(invitation.event):
        raise Http404
    return invitation


def link_expired(event, *, today=None) -> bool:
    return (today or timezone.localdate()) > event.date + timedelta(days=settings.PERSONAL_LINK_DAYS)


def registrations_for_user(user):
    """The signed-in person's own registrations: those with their email address."""
    if not user.is_authenticated or not user.email:
        return Registration.objects.none()
    return Registration.objects.filter(email__iexact=user.email).select_related("event", "organisation")
