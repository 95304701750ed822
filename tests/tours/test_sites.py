from datetime import date, time, timedelta
from decimal import Decimal

from django.urls import reverse

from klimapartner.partners.models import FocusArea
from klimapartner.tours.models import Site

from .factories import make_site

VALID = {"name": "Biogasanlægget", "address": "Gasvej 3", "town": "Sindal", "latitude": "57,47000",
         "longitude": "10,20000", "description": "Rundvisning i anlægget", "opens": "08:30", "closes": "14:00",
         "open_days": ["0", "2", "4"], "visit_minutes": "40", "max_group": "25", "step_free": "on",
         "host_email": "vaert@nordlys.example", "is_active": "on"}


def test_an_editor_adds_a_site_to_their_own_partner(client, owner, owner_org):
    client.force_login(owner)
    response = client.post(reverse("tours:new_site", kwargs={"slug": owner_org.slug}),
                           {**VALID, "focus_areas": [FocusArea.objects.get(slug="energy").pk]})
    assert response.status_code == 302
    site = Site.objects.get()
    assert (site.organisation, site.name, site.latitude, site.longitude, site.opens, site.closes, site.open_days,
            site.visit_minutes, site.max_group, site.step_free) == (
        owner_org, "Biogasanlægget", Decimal("57.47000"), Decimal("10.20000"), time(8, 30), time(14, 0), "024",
        40, 25, True)
    assert [f.slug for f in site.focus_areas.all()] == ["energy"]


def test_a_new_site_starts_at_the_partners_address(client, owner, owner_org):
    client.force_login(owner)
    form = client.get(reverse("tours:new_site", kwargs={"slug": owner_org.slug})).context["form"]
    assert (form.initial["latitude"], form.initial["longitude"], form.initial["town"], form.initial["open_days"]) == (
        Decimal("57.46000"), Decimal("9.98000"), "Hjørring", ["0", "1", "2", "3", "4"])


def test_a_site_that_closes_before_it_opens_is_refused_and_nothing_is_saved(client, owner, owner_org):
    client.force_login(owner)
    response = client.post(reverse("tours:new_site", kwargs={"slug": owner_org.slug}), {**VALID, "closes": "08:00"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"closes": ["Stedet skal lukke, efter det åbner."]}
    assert Site.objects.count() == 0


def test_the_partners_page_lists_its_sites(client, owner, owner_org):
    make_site(owner_org, name="Vindmøllen")
    client.force_login(owner)
    page = client.get(reverse("manage:organisation", kwargs={"slug": owner_org.slug})).content.decode()
    assert "Vindmøllen" in page and reverse("tours:sites", kwargs={"slug": owner_org.slug}) in page


def test_the_demo_has_sites_in_the_demo_towns_and_one_published_optimal_tour(db):
    from klimapartner.partners.demo import load_demo
    from klimapartner.tours.demo import load_demo_tours
    from klimapartner.tours.models import Tour

    load_demo()
    assert load_demo_tours() == 1
    assert sorted(Site.objects.values_list("town", flat=True)) == [
        "Hirtshals", "Hjørring", "Løkken", "Lønstrup", "Sindal", "Tårs", "Vrå"]
    tour = Tour.objects.get()
    assert (tour.is_published, tour.planned_optimal, tour.stops.count(), tour.breaks.count()) == (True, True, 5, 1)
    activity = tour.activity
    assert (activity.kind, activity.status, activity.capacity, activity.ends) == (
        "site_visit", "approved", tour.capacity, tour.planned_back)
    assert activity.signups.filter(status="registered").count() == 12
    lunch = tour.breaks.get()
    assert lunch.site.town == "Løkken" and time(11, 30) <= lunch.start and lunch.leave <= time(13, 30)


def test_a_site_on_a_coming_tour_cannot_be_deleted_by_its_editor(client, owner, owner_org):
    from klimapartner.tours.models import Tour, TourStop

    site = make_site(owner_org)
    tour = Tour.objects.create(title="Klimabussen", date=date.today() + timedelta(days=3), starts=time(9), ends=time(15),
                               venue="Rådhuset", latitude=Decimal("57.45830"), longitude=Decimal("9.98260"))
    TourStop.objects.create(tour=tour, site=site, visit_minutes=45)
    client.force_login(owner)
    client.post(reverse("tours:delete_site", kwargs={"slug": owner_org.slug, "pk": site.pk}))
    assert Site.objects.filter(pk=site.pk).exists()
