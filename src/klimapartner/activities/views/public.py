"""The public calendar: the list with filters, each activity's page with sign-up, calendar files, and a
person's own sign-up through its personal link."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from klimapartner.activities import calendar, changes
from klimapartner.activities.access import get_signup_by_token
from klimapartner.activities.filters import CalendarFilter, filtered
from klimapartner.activities.forms import SignUpForm
from klimapartner.activities.models import ActivityKind, ActivityStatus, SignUpStatus
from klimapartner.partners.access import get_visible_activity, visible_activities

PAGE_SIZE = 20


def _listed(request):
    return visible_activities(request.user).select_related("organiser").prefetch_related("focus_areas")


@require_GET
def activity_list(request):
    towns = sorted({t for t in visible_activities(request.user).values_list("town", flat=True) if t})
    form = CalendarFilter(request.GET or None, towns=towns)
    activities = filtered(_listed(request), form)
    today = timezone.localdate()
    upcoming = activities.filter(date__gte=today).order_by("date", "starts", "pk")
    past = Paginator(activities.filter(date__lt=today).order_by("-date", "-starts", "-pk"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "activities/list.html", {
        "section": "activities", "form": form, "upcoming": upcoming, "past": past.get_page(request.GET.get("side")),
        "query": query.urlencode(), "feed_url": request.build_absolute_uri(reverse("activities:feed")),
    })


def _file(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def feed(request):
    """The subscribable calendar: what the public sees (signed-in or not: a calendar program sends no cookies)."""
    from django.contrib.auth.models import AnonymousUser

    activities = visible_activities(AnonymousUser()).filter(date__gte=timezone.localdate() - timedelta(days=365))
    content = calendar.feed_ics(activities, name=f"{settings.PROGRAMME_NAME}: {_('Activities')}")
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kalender.ics"'
    return response


def activity_page(request, pk):
    activity = get_visible_activity(request, pk)
    can_sign_up = (activity.signup_open and activity.registration_open
                   and activity.kind != ActivityKind.PARTNERSHIP_DAY)
    form = None
    if can_sign_up:
        form = SignUpForm(request.POST or None, activity=activity, user=request.user)
        if request.method == "POST" and form.is_valid():
            signup = form.save(commit=False)
            signup.activity = activity
            signup.consent = True
            signup.language = get_language() or "da"
            try:
                changes.sign_up(signup=signup)
            except changes.AlreadySignedUp:
                form.add_error("email", _("This email address is already signed up. The link in the email you got "
                                          "lets you see or cancel the sign-up."))
            else:
                if signup.status == SignUpStatus.WAITING:
                    messages.warning(request, _("The activity is full: you are on the waiting list, and we will "
                                                "email you if a place becomes free."))
                else:
                    messages.success(request, _("You are signed up. We have emailed you a confirmation with a "
                                                "link to cancel."))
                return redirect("activities:signup", token=signup.token)
    elif request.method == "POST":
        return redirect("activities:activity", pk=activity.pk)
    taken = changes.taken_places(activity) if activity.capacity else None
    return render(request, "activities/activity.html", {
        "section": "activities", "activity": activity, "form": form, "can_sign_up": can_sign_up,
        "places_left": max(activity.capacity - taken, 0) if taken is not None else None,
        "focus_areas": activity.focus_areas.all(),
        "waiting_for_approval": activity.status in (ActivityStatus.SUBMITTED, ActivityStatus.REJECTED),
    })


@require_GET
def activity_ics(request, pk):
    activity = get_visible_activity(request, pk)
    return _file(calendar.activity_ics(activity), "text/calendar; charset=utf-8", f"aktivitet-{activity.pk}.ics")


def signup_page(request, token):
    signup = get_signup_by_token(token)
    return render(request, "activities/signup.html", {"section": "activities", "signup": signup,
                                                      "activity": signup.activity})


@require_POST
def cancel(request, token):
    signup = get_signup_by_token(token)
    if signup.status != SignUpStatus.CANCELLED:
        changes.cancel(signup=signup)
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect("activities:signup", token=signup.token)
