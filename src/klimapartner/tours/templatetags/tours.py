"""The tours app's hook on the partner's own page: its sites, with a link to keep them."""

from django import template

register = template.Library()


@register.inclusion_tag("tours/includes/organisation_sites.html")
def organisation_sites(organisation):
    return {"organisation": organisation, "sites": list(organisation.sites.all())}


def _tour_of(activity):
    from klimapartner.tours.models import Tour

    return Tour.objects.filter(activity_id=activity.pk, planned_back__isnull=False).first()


@register.inclusion_tag("tours/includes/activity_route.html")
def tour_route(activity):
    """On an activity's page: the route (map and timetable) when the activity is a tour."""
    from klimapartner.tours import planning
    from klimapartner.tours.present import map_data, timetable_rows

    tour = _tour_of(activity)
    route = planning.saved_route(tour) if tour else None
    if route is None:
        return {}
    draft = planning.saved_draft(tour)
    rows = timetable_rows(draft, route)
    return {"tour": tour, "route": route, "rows": rows, "map": map_data(draft, route), "back": tour.planned_back,
            "visits": sum(row["kind"] == "stop" for row in rows)}


@register.inclusion_tag("tours/includes/signup_itinerary.html")
def tour_itinerary_links(signup):
    """On a person's own sign-up page: their itinerary, when the activity is a tour and they have a seat."""
    if signup.status != "registered":
        return {}
    return {"tour": _tour_of(signup.activity), "signup": signup}
