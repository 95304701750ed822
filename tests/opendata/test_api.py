"""The JSON API: exact rows, filters, pages, constant queries, and only what the public may see."""

from datetime import date
from decimal import Decimal

import pytest

from tests.activities.factories import make_activity
from tests.collaborations.factories import make_collaboration
from tests.factories import make_action, make_agreement, make_organisation
from tests.opendata.conftest import HIDDEN
from tests.stories.factories import make_story


def get(client, path, **params):
    response = client.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_partners_are_the_published_ones(client, programme):
    data = get(client, "partners/")
    assert (data["count"], data["pages"], data["next"], data["licence"]) == (2, 1, None, "CC BY 4.0")
    assert [p["slug"] for p in data["results"]] == [programme["sun"].slug, programme["baker"].slug]
    assert data["results"][0] == {
        "slug": programme["sun"].slug, "name": "Nordlys Energi ApS", "url": f"/partnere/{programme['sun'].slug}/",
        "cvr": "12345674", "type": "company", "sector": "energy", "size": None, "town": "Hjørring",
        "postcode": None, "latitude": 57.46, "longitude": 9.98, "website": None,
    }
    assert get(client, "partners/", town="løkken")["results"][0]["name"] == "Vestkyst Bageri"
    assert client.get("/api/v1/partners/skjult-hemmelighed/").status_code == 404


def test_agreements_have_their_targets_and_no_drafts(client, programme):
    data = get(client, "agreements/")
    assert [(a["partner_name"], a["status"]) for a in data["results"]] == [
        ("Nordlys Energi ApS", "active"), ("Vestkyst Bageri", "active")]
    assert data["results"][0]["targets"] == [{"year": 2030, "percent": 70.0}, {"year": 2050, "percent": 100.0}]
    assert data["results"][0]["focus_areas"] == ["energy", "transport"]


def test_actions_are_the_public_ones_with_their_effect(client, programme):
    data = get(client, "actions/", partner=programme["sun"].slug)
    assert [(a["title"], a["status"], a["expected_t_co2e_per_year"], a["realised_t_co2e_per_year"])
            for a in data["results"]] == [("Elbiler i flåden", "done", 4.0, 3.5), ("Solceller på taget", "in_progress", 12.5, None)]
    assert get(client, "actions/", status="done")["count"] == 2


def test_co2_results_are_those_published_and_approved(client, programme):
    data = get(client, "co2-results/")
    assert [(r["partner"], r["year"], r["total_location_t_co2e"], r["total_market_t_co2e"]) for r in data["results"]] == [
        (programme["sun"].slug, 2023, 4.811, 8.381), (programme["baker"].slug, 2023, 4.811, 8.381)]


def test_collaborations_are_confirmed_and_between_published_partners(client, programme):
    data = get(client, "collaborations/")
    assert [(c["title"], c["partner_names"], c["kind"], c["cross_sector"], c["started_on"]) for c in data["results"]] == [
        ("Overskudsvarme", ["Nordlys Energi ApS", "Vestkyst Bageri"], "companies", True, "2024-03-01")]
    assert get(client, "collaborations/", year=2023)["count"] == 0


def test_activities_are_the_calendars_public_ones(client, programme):
    data = get(client, "activities/")
    assert [(a["title"], a["kind"], a["citizen_facing"], a["organiser_name"]) for a in data["results"]] == [
        ("Netværksmøde om varme", "network_meeting", False, None),
        ("Åbent hus på bageriet", "open_house", True, "Vestkyst Bageri")]
    bakery = data["results"][1]
    assert {k: bakery[k] for k in ("date", "starts", "ends", "status", "participants", "focus_areas", "organiser")} == {
        "date": "2024-06-01", "starts": None, "ends": None, "status": "approved", "participants": 40,
        "focus_areas": ["food"], "organiser": programme["baker"].slug}
    assert data["results"][0]["starts"] == "15:00"
    assert get(client, "activities/", organiser=programme["baker"].slug)["count"] == 1
    assert get(client, "activities/", year=2023)["count"] == 0


def test_stories_are_the_published_ones_of_published_partners(client, programme):
    data = get(client, "stories/")
    assert data["count"] == 1
    story = data["results"][0]
    assert {k: story[k] for k in ("title", "partner_name", "published_on", "text", "collaborations")} == {
        "title": "Varmen fra ovnene", "partner_name": "Nordlys Energi ApS", "published_on": "2024-09-01",
        "text": "Varmen går til fjernvarmen. Og videre.", "collaborations": [str(programme["heat"].pk)]}
    assert story["url"] == f"/historier/{story['id']}/"
    assert get(client, "stories/", year=2023)["count"] == 0


def test_lists_are_paginated(client, programme):
    first = get(client, "actions/", page_size=3)
    assert (first["count"], first["pages"], len(first["results"]), first["previous"]) == (4, 2, 3, None)
    assert first["next"] == "http://testserver/api/v1/actions/?page_size=3&page=2"
    second = get(client, "actions/", page_size=3, page=2)
    assert (len(second["results"]), second["next"]) == (1, None)
    assert get(client, "actions/", page=9)["results"] == []


@pytest.mark.parametrize(("params", "field"), [({"page_size": 5000}, "page_size"), ({"year": 99999}, "year"),
                                               ({"q": "x" * 101}, "q"), ({"type": "rocket"}, "type")])
def test_bad_parameters_are_refused_with_a_clear_answer(client, programme, params, field):
    response = client.get("/api/v1/partners/" if field in ("q", "type", "page_size") else "/api/v1/collaborations/", params)
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [field]


def test_the_schema_is_openapi_3_with_every_list(client):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1.0.0"
    assert sorted(schema["paths"]) == ["/api/v1/actions/", "/api/v1/activities/", "/api/v1/agreements/",
                                       "/api/v1/co2-results/", "/api/v1/collaborations/", "/api/v1/partners/",
                                       "/api/v1/partners/{slug}/", "/api/v1/stories/"]


def _grow(programme, n):
    sun = programme["sun"]
    for i in range(n):
        org = make_organisation(f"Partner {i}", town="Vrå")
        agreement = make_agreement(org, focus=("energy",))
        make_action(agreement, f"Indsats {i}")
        collaboration = make_collaboration([sun, org], title=f"Samarbejde {i}", started_on=date(2024, 1, 1 + i))
        make_activity(f"Aktivitet {i}", day=date(2024, 2, 1 + i), organiser=org, focus=("energy", "food"))
        make_story(org, f"Historie {i}").collaborations.set([collaboration, programme["heat"]])


@pytest.mark.parametrize("path", ["partners/", "agreements/", "actions/", "co2-results/", "collaborations/",
                                  "activities/", "stories/"])
def test_list_endpoints_cost_the_same_queries_for_one_row_and_many(client, programme, django_assert_num_queries, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        get(client, path)
    _grow(programme, 6)
    with django_assert_num_queries(len(few.captured_queries)):
        data = get(client, path)
    assert path == "co2-results/" or data["count"] > 2


def test_a_nul_character_is_refused_before_the_api(client, programme):
    assert client.get("/api/v1/partners/", {"q": "a\x00b"}).status_code == 400
