"""The coordinator plans a tour: pick sites, plan, move a stop, see the broken rules, save, publish, a host cancels."""

from datetime import time

from django.urls import reverse

from klimapartner.jobs.runner import run_queued
from klimapartner.routing.model import Problem
from klimapartner.tours.models import TourStop
from klimapartner.tours.words import MESSAGES, describe
from klimapartner.routing.words import CODES


def post_plan(client, tour, sites, **extra):
    data = {"sites": [s.pk for s in sites], "breaks-TOTAL_FORMS": "1", "breaks-INITIAL_FORMS": "0",
            "breaks-MIN_NUM_FORMS": "0", "breaks-MAX_NUM_FORMS": "3", "order": "", "action": "plan"}
    data.update(extra)
    return client.post(reverse("tours:plan", kwargs={"pk": tour.pk}), data)


def names(response):
    return [row["name"] for row in response.context["rows"]]


def test_the_planner_orders_five_sites_into_the_best_route(client, coordinator, tour, sites):
    client.force_login(coordinator)
    response = post_plan(client, tour, sites)
    assert response.context["problems"] == []
    assert response.context["result"].optimal
    # round the municipality clockwise: Hirtshals opens at 09:00, Vrå must be done by 13:00, Lønstrup opens at 11:00
    assert names(response) == ["Besøg i Hirtshals", "Besøg i Sindal", "Besøg i Vrå", "Besøg i Løkken", "Besøg i Lønstrup"]
    route = response.context["route"]
    assert (route.back, route.driving, route.waiting) == (14 * 60 + 14, 147, 7)


def test_moving_a_stop_shows_the_rules_it_breaks_and_saving_it_is_refused(client, coordinator, tour, sites):
    client.force_login(coordinator)
    order = post_plan(client, tour, sites).context["form"].data["order"]
    vraa = f"site-{sites[3].pk}"
    # Vrå one place later, after Løkken: its 30-minute visit would run past 13:00
    moved = post_plan(client, tour, sites, order=order, move=f"down:{vraa}")
    assert names(moved) == ["Besøg i Hirtshals", "Besøg i Sindal", "Besøg i Løkken", "Besøg i Vrå", "Besøg i Lønstrup"]
    assert moved.context["problems"] == [
        "Besøg i Vrå lukker kl. 13.00, så besøget på 30 minutter skal begynde senest kl. 12.30, men bussen kan"
        " tidligst være der kl. 12.37 – start tidligere, gør et besøg kortere, eller tag et stop ud."]
    refused = post_plan(client, tour, sites, order=moved.context["form"].data["order"], action="save")
    assert refused.status_code == 200 and TourStop.objects.count() == 0


def test_saving_keeps_the_order_and_times_and_publishing_tells_each_host(client, coordinator, tour, sites, smtp_server):
    client.force_login(coordinator)
    order = post_plan(client, tour, sites).context["form"].data["order"]
    response = post_plan(client, tour, sites, order=order, action="save")
    assert response.status_code == 302
    stops = list(tour.stops.select_related("site"))
    assert [(s.site.town, s.start, s.leave) for s in stops] == [
        ("Hirtshals", time(9, 0), time(9, 45)), ("Sindal", time(10, 16), time(10, 56)), ("Vrå", time(11, 28), time(11, 58)),
        ("Løkken", time(12, 20), time(12, 50)), ("Lønstrup", time(13, 11), time(13, 56))]
    tour.refresh_from_db()
    assert (tour.planned_back, tour.planned_driving, tour.planned_optimal) == (time(14, 14), 147, True)
    client.post(reverse("tours:publish", kwargs={"pk": tour.pk}))
    run_queued()
    assert sorted(m["To"] for m in smtp_server.messages) == [f"vaert{i}@example.dk" for i in range(5)]
    vraa = next(m for m in smtp_server.messages if m["To"] == "vaert3@example.dk")
    assert vraa["Subject"] == 'Rundturen "Klimabussen" besøger jer'
    body = vraa.get_content()
    assert "Jeres tidspunkt: 11.28–11.58 (30 minutter)" in body and "Gruppens størrelse: op til 30 personer" in body


def test_a_host_cancelling_keeps_every_other_hosts_slot(client, coordinator, tour, sites, smtp_server):
    client.force_login(coordinator)
    order = post_plan(client, tour, sites).context["form"].data["order"]
    post_plan(client, tour, sites, order=order, action="save")
    client.post(reverse("tours:publish", kwargs={"pk": tour.pk}))
    run_queued()
    before = {s.site.town: (s.start, s.leave) for s in tour.stops.select_related("site")}
    lokken = tour.stops.get(site__town="Løkken")
    client.post(reverse("tours:cancel_stop", kwargs={"pk": tour.pk, "stop_pk": lokken.pk}))
    after = {s.site.town: (s.start, s.leave) for s in tour.stops.select_related("site")}
    del before["Løkken"]
    assert after == before
    run_queued()
    assert len(smtp_server.messages) == 5  # nobody else was told anything new


def test_every_code_the_core_produces_is_worded_by_the_app():
    core = {c for c in CODES if not c.startswith(("file_", "matrix_")) and c != "bad_option"}
    assert core - set(MESSAGES) == set()
    problem = Problem("no_order_fits", "order", {"count": 3, "drop": ["A", "B", "C"]})
    assert describe(problem) == "Ingen rækkefølge af de 3 stop passer ind i dagen. Uden A, B eller C går det."


def test_the_planner_suggests_the_sites_that_share_the_tours_focus_areas_first(client, coordinator, tour, sites):
    from datetime import time as clock

    from klimapartner.partners.models import FocusArea

    nature = FocusArea.objects.get(slug="nature")
    tour.focus_areas.set([nature])
    tour.ends = clock(12, 30)  # a short morning: not every site fits
    tour.save()
    client.force_login(coordinator)
    plain = post_plan(client, tour, [sites[0]], action="suggest")
    assert sorted(s.town for s in plain.context["form"].cleaned_data["sites"]) == ["Hirtshals", "Lønstrup", "Vrå"]
    sites[1].focus_areas.set([nature])  # Sindal is about nature
    weighed = post_plan(client, tour, [sites[0]], action="suggest")
    assert sorted(s.town for s in weighed.context["form"].cleaned_data["sites"]) == ["Hirtshals", "Sindal", "Vrå"]
    assert weighed.context["route"].ok
