"""A participant's itinerary, through the personal link of their sign-up: the page, the PDF and the calendar file."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from klimapartner.tours import documents, planning
from klimapartner.tours.access import get_tour_for_signup
from klimapartner.tours.documents import itinerary
from klimapartner.tours.present import map_data, timetable_rows
from klimapartner.tours.views.staff import _download


@require_GET
def itinerary_page(request, token):
    signup, tour = get_tour_for_signup(token)
    route, draft = planning.saved_route(tour), planning.saved_draft(tour)
    return render(request, "tours/itinerary.html", {
        "section": "activities", "signup": signup, "tour": tour, "activity": signup.activity, "route": route,
        "rows": timetable_rows(draft, route), "map": map_data(draft, route), "back": tour.planned_back,
        "stops": [row for row in itinerary(tour) if row["kind"] == "stop"],
    })


@require_GET
def itinerary_pdf(request, token):
    signup, tour = get_tour_for_signup(token)
    return _download(documents.itinerary_pdf(tour, name=signup.name), "application/pdf", f"rundtur-{tour.pk}.pdf")


@require_GET
def itinerary_ics(request, token):
    signup, tour = get_tour_for_signup(token)
    return _download(documents.itinerary_ics(tour, who=f"-{signup.pk}"), "text/calendar; charset=utf-8",
                     f"rundtur-{tour.pk}.ics")
