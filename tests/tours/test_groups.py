"""A tour of several groups: each group's bus visits every site, no host receives two groups at once; the plan is
made by a background job, shown and measured on the tour page; people are spread over the groups and each gets
their own group's itinerary; a host hears every group's slot."""

from datetime import time

import pytest
from django.urls import reverse
from icalendar import Calendar

from klimapartner.activities import changes
from klimapartner.activities.models import SignUp
from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import run_queued
from klimapartner.routing.groups import overlaps
from klimapartner.tours import planning
from klimapartner.tours.adapt import minutes_of, stop_id
from klimapartner.tours.seats import assign_groups

@pytest.fixture
def planned(tour, sites):
    tour.groups, tour.capacity = 2, 2
    tour.save()
    draft = planning.Draft(tour, [(s, s.visit_minutes) for s in sites], [])
    result = planning.plan_draft(draft)
    planning.save_route(draft, result.route, optimal=result.optimal)
    tour.refresh_from_db()
    return tour


@pytest.fixture
def grouped(client, coordinator, planned):
    client.force_login(coordinator)
    response = client.post(reverse("tours:plan_groups", kwargs={"pk": planned.pk}))
    job = Job.objects.get()
    assert response.url == reverse("jobs:progress", kwargs={"job_id": job.pk})
    run_queued()
    client.logout()
    planned.refresh_from_db()
    return planned


def slots(route):
    return [(leg.id, leg.start, leg.leave) for leg in route.stop_legs]


def test_each_group_visits_every_site_and_no_host_gets_two_at_once(grouped, sites):
    routes = planning.saved_group_routes(grouped)
    assert len(routes) == 2
    for route in routes:
        assert sorted(leg.id for leg in route.stop_legs) == sorted(stop_id(s) for s in sites)
        assert all(leg.start >= leg.arrive for leg in route.stop_legs)
    assert overlaps(routes, planning.CHANGEOVER) == []
    # every visit inside its site's opening hours
    hours = {stop_id(s): (minutes_of(s.opens), minutes_of(s.closes)) for s in sites}
    for route in routes:
        for leg in route.stop_legs:
            assert hours[leg.id][0] <= leg.start and leg.leave <= hours[leg.id][1]
    back = max(r.back for r in routes)
    assert grouped.group_plan["back"] == f"{back // 60:02d}:{back % 60:02d}"
    bound = minutes_of(time.fromisoformat(grouped.group_plan["bound"]))
    assert minutes_of(grouped.planned_back) <= bound <= back <= minutes_of(grouped.ends)


def test_the_tour_page_shows_each_group_and_the_measure(client, coordinator, grouped):
    client.force_login(coordinator)
    response = client.get(reverse("tours:tour", kwargs={"pk": grouped.pk}))
    groups = response.context["groups"]
    assert [g["number"] for g in groups["routes"]] == [1, 2]
    assert groups["clashes"] == []
    content = response.content.decode()
    assert 'id="timetable-group-1"' in content and 'id="timetable-group-2"' in content
    assert "Ingen vært får to grupper på samme tid." in content
    back, bound = (time.fromisoformat(grouped.group_plan[k]) for k in ("back", "bound"))
    assert (f"Den sidste gruppe er tilbage kl. {back:%H.%M}; ingen plan kan få den tilbage før kl. {bound:%H.%M}."
            in content)


def test_without_the_groups_planned_the_tour_cannot_be_published(client, coordinator, planned):
    client.force_login(coordinator)
    page = client.get(reverse("tours:tour", kwargs={"pk": planned.pk})).content.decode()
    assert "Grupperne er ikke planlagt endnu." in page
    client.post(reverse("tours:publish", kwargs={"pk": planned.pk}))
    planned.refresh_from_db()
    assert (planned.published_at, planned.activity) == (None, None)


def test_saving_a_new_route_drops_the_groups_plan_and_plans_them_again(client, coordinator, grouped, sites):
    from .test_planning import post_plan

    client.force_login(coordinator)
    order = post_plan(client, grouped, sites[:4]).context["form"].data["order"]
    response = post_plan(client, grouped, sites[:4], order=order, action="save")
    assert response.url == reverse("jobs:progress", kwargs={"job_id": Job.objects.order_by("-created").first().pk})
    grouped.refresh_from_db()
    assert grouped.group_plan is None
    run_queued()
    grouped.refresh_from_db()
    assert [len(r.stop_legs) for r in planning.saved_group_routes(grouped)] == [4, 4]


def test_changing_the_number_of_groups_plans_them_again(client, coordinator, grouped):
    client.force_login(coordinator)
    data = {"title": grouped.title, "date": grouped.date.isoformat(), "starts": "08:30", "ends": "16:30",
            "venue": grouped.venue, "latitude": "57,45830", "longitude": "9,98260", "capacity": "2", "groups": "3",
            "is_public": "on", "objective": "return", "description": ""}
    response = client.post(reverse("tours:edit", kwargs={"pk": grouped.pk}), data)
    assert response.url.startswith("/jobber/")
    run_queued()
    grouped.refresh_from_db()
    routes = planning.saved_group_routes(grouped)
    assert len(routes) == 3 and overlaps(routes, planning.CHANGEOVER) == []


def test_a_day_too_short_for_the_groups_says_so_and_keeps_nothing(client, coordinator, planned):
    planned.groups = 4
    planned.ends = time(15, 0)
    planned.save()
    client.force_login(coordinator)
    client.post(reverse("tours:plan_groups", kwargs={"pk": planned.pk}))
    run_queued()
    job = Job.objects.get()
    planned.refresh_from_db()
    assert planned.group_plan is None
    assert job.status == "failed" and "af de 4 grupper" in job.error


@pytest.fixture
def published(client, coordinator, grouped, smtp_server):
    client.force_login(coordinator)
    client.post(reverse("tours:publish", kwargs={"pk": grouped.pk}))
    run_queued()
    client.logout()
    grouped.refresh_from_db()
    return grouped


def test_the_bus_seats_of_every_group_are_the_activitys_places(published):
    assert published.activity.capacity == 4  # two buses of two seats
    assert published.activity.ends == time.fromisoformat(published.group_plan["back"])


def test_a_host_hears_the_slot_of_every_group(published, smtp_server):
    # published's own emails were sent on publishing; the first host's one lists both groups
    routes = planning.saved_group_routes(published)
    site = published.stops.select_related("site").get(site__town="Hirtshals").site
    starts = [next(leg.start for leg in r.stop_legs if leg.id == stop_id(site)) for r in routes]
    body = next(m for m in smtp_server.messages if "Hirtshals" in m.get_payload(decode=True).decode())
    text = body.get_payload(decode=True).decode()
    for number, start in enumerate(starts, start=1):
        assert f"Gruppe {number}: " in text and f"{start // 60:02d}.{start % 60:02d}" in text


def test_people_are_spread_over_the_groups_and_keep_their_group(client, published):
    activity = published.activity
    people = [SignUp.objects.create(activity=activity, name=n, email=f"{n.lower()}@example.dk")
              for n in ("Anne", "Bo", "Carl")]
    assert assign_groups(published) == {people[0].pk: 1, people[1].pk: 2, people[2].pk: 1}
    changes.cancel(signup=people[0])
    dorte = SignUp.objects.create(activity=activity, name="Dorte", email="dorte@example.dk")
    assert assign_groups(published) == {people[1].pk: 2, people[2].pk: 1, dorte.pk: 1}


def test_a_participant_gets_their_own_groups_itinerary(client, published):
    anne = SignUp.objects.create(activity=published.activity, name="Anne", email="anne@example.dk")
    bo = SignUp.objects.create(activity=published.activity, name="Bo", email="bo@example.dk")
    routes = planning.saved_group_routes(published)
    for signup, route, number in ((anne, routes[0], 1), (bo, routes[1], 2)):
        page = client.get(reverse("tours:itinerary", kwargs={"token": signup.token}))
        assert page.context["group"] == number
        assert f"Du kører med gruppe {number} af 2." in page.content.decode()
        assert [(r["time"], r["until"]) for r in page.context["stops"]] == [
            (time(leg.start // 60, leg.start % 60), time(leg.leave // 60, leg.leave % 60)) for leg in route.stop_legs]
        ics = client.get(reverse("tours:participant_ics", kwargs={"token": signup.token}))
        events = list(Calendar.from_ical(ics.content).walk("VEVENT"))
        assert [e.decoded("dtstart").time() for e in events[1:]] == [r["time"] for r in page.context["stops"]]
        assert events[0].decoded("dtend").time() == time(route.back // 60, route.back % 60)
