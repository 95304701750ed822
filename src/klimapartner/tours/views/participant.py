"""A participant's itinerary, through the personal link of their sign-up: the page, the PDF and the calendar file."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from klimapartner.tours import documents, planning
from klimapartner.tours.access import get_tour_for_signup
from klimapartner.tours.documents import itinerary
from klimapartner.tours.adapt import time_of
from klimapartner.tours.present import map_data, timetable_rows
from klimapartner.tours.seats import group_of
from klimapartner.tours.views.staff import _download


def _group(tour, signup) -> int:
    return group_of(tour, signup) if tour.groups > 1 else 1


@require_GET
def itinerary_page(request, token):
    signup, tour = get_tour_for_signup(token)
    group = _group(tour, signup)
    route, draft = planning.group_route(tour, group), planning.saved_draft(tour)
    return render(request, "tours/itinerary.html", {
        "section": "activities", "signup": signup, "tour": tour, "activity": signup.activity, "route": route,
        "group": group, "rows": timetable_rows(draft, route) if route else [],
        "map": map_data(draft, route) if route else None, "back": time_of(route.back) if route else None,
        "stops": [row for row in itinerary(tour, group) if row["kind"] == "stop"] if route else [],
    })


@require_GET
def itinerary_pdf(request, token):
    signup, tour = get_tour_for_signup(token)
    return _download(documents.itinerary_pdf(tour, name=signup.name, group=_group(tour, signup)), "application/pdf",
                     f"rundtur-{tour.pk}.pdf")


@require_GET
def itinerary_ics(request, token):
    signup, tour = get_tour_for_signup(token)
    return _download(documents.itinerary_ics(tour, who=f"-{signup.pk}", group=_group(tour, signup)),
                     "text/calendar; charset=utf-8", f"rundtur-{tour.pk}.ics")
