import re
from decimal import Decimal

import pytest
from django.urls import reverse

from klimapartner.partners.models import ActionStatus, AgreementStatus
from tests.collaborations.factories import make_collaboration
from tests.factories import cvr_number, make_action, make_agreement, make_contact, make_organisation


@pytest.fixture
def programme(owner_org, other_org):
    agreement = make_agreement(owner_org, focus=("energy", "transport"), targets=((2030, "70"), (2050, "100")))
    make_action(agreement, "Solceller på taget", expected_effect=Decimal("12.50"))
    make_action(agreement, "Elbiler i flåden", status=ActionStatus.DONE, expected_effect=Decimal("4"), realised_effect=Decimal("3.25"))
    make_action(agreement, "Intern energigennemgang", is_public=False, expected_effect=Decimal("100"))
    make_contact(owner_org, "Karen Holm")
    make_contact(owner_org, "Hemmelig Person", is_public=False)
    make_agreement(other_org, focus=("food",), targets=())
    return agreement


def test_front_page_shows_the_headline_figures(client, programme):
    response = client.get(reverse("public:front"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["partners"] == 2
    assert figures["actions"] == 2  # the internal action is not counted
    assert figures["expected_effect"] == Decimal("16.50")
    assert figures["realised_effect"] == Decimal("3.25")
    assert [n for _label, n in figures["by_status"]] == [0, 1, 1, 0]  # planned, in progress, done, dropped


def test_front_page_is_danish_by_default_and_english_under_en(client, programme):
    da = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert '<html lang="da">' in da
    assert '<html lang="en">' in en
    assert "Programme in numbers".lower() not in da.lower()
    assert "The programme in numbers" in en


def test_directory_lists_published_partners_only(client, programme, db):
    make_organisation("Skjult Partner", is_published=False, cvr=cvr_number(1))
    response = client.get(reverse("public:directory"))
    names = [o.name for o in response.context["page"]]
    assert names == ["Nordlys Energi ApS", "Vestkyst Bageri"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=nordlys", ["Nordlys Energi ApS"]),
        ("town=Løkken", ["Vestkyst Bageri"]),
        ("sector=food", ["Vestkyst Bageri"]),
        ("type=company", ["Nordlys Energi ApS", "Vestkyst Bageri"]),
        ("focus=transport", ["Nordlys Energi ApS"]),
        ("focus=food&town=Hjørring", []),
    ],
)
def test_directory_filters(client, programme, query, expected):
    response = client.get(reverse("public:directory") + "?" + query)
    assert [o.name for o in response.context["page"]] == expected


def test_directory_ignores_draft_agreements_for_focus_areas(client, programme, owner_org):
    make_agreement(owner_org, status=AgreementStatus.DRAFT, focus=("nature",), signed_on=None)
    response = client.get(reverse("public:directory") + "?focus=nature")
    assert list(response.context["page"]) == []


def test_map_data_is_geojson_of_the_filtered_partners(client, programme):
    response = client.get(reverse("public:map_data") + "?town=Løkken")
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["features"] == [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [9.98, 57.46]},
            "properties": {"name": "Vestkyst Bageri", "town": "Løkken", "url": "/partnere/vestkyst-bageri/"},
        }
    ]


def test_partner_page_shows_public_actions_and_contacts_only(client, programme, owner_org):
    response = client.get(reverse("public:partner", kwargs={"slug": owner_org.slug}))
    assert response.status_code == 200
    assert [a.title for a in response.context["agreement"].public_actions] == ["Elbiler i flåden", "Solceller på taget"]
    assert [c.name for c in response.context["contacts"]] == ["Karen Holm"]
    html = response.content.decode()
    assert "Intern energigennemgang" not in html
    assert "Hemmelig Person" not in html
    assert "70 % mindre CO2e i 2030" in html


def test_unpublished_partner_is_hidden_from_anonymous_and_other_partners(client, owner_org, outsider, owner, coordinator):
    owner_org.is_published = False
    owner_org.save()
    url = reverse("public:partner", kwargs={"slug": owner_org.slug})
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_directory_uses_a_constant_number_of_queries(client, django_assert_num_queries, db):
    def count_queries():
        with django_assert_num_queries(7) as captured:
            client.get(reverse("public:directory") + "?focus=energy")
        return len(captured.captured_queries)

    org = make_organisation("Første", cvr="12345674")
    make_agreement(org)
    one = count_queries()
    for n in range(30):
        make_agreement(make_organisation(f"Partner {n}", cvr=cvr_number(n), town=f"By {n % 5}"))
    assert count_queries() == one


def test_partner_page_uses_a_constant_number_of_queries(client, django_assert_num_queries, owner_org):
    agreement = make_agreement(owner_org)
    make_action(agreement)
    make_contact(owner_org)
    make_collaboration([owner_org, make_organisation("Første Samarbejdspartner")])
    url = reverse("public:partner", kwargs={"slug": owner_org.slug})
    with django_assert_num_queries(10):
        client.get(url)
    for n in range(10):
        make_action(agreement, f"Indsats {n}")
        make_contact(owner_org, f"Kontakt {n}")
    make_agreement(owner_org, status=AgreementStatus.ENDED, starts_on="2020-01-01", signed_on="2020-01-01", ends_on="2023-12-31")
    for n in range(3):
        make_collaboration([owner_org, make_organisation(f"Samarbejdspartner {n}")])
    with django_assert_num_queries(10):
        client.get(url)


def test_partner_page_lists_confirmed_collaborations_with_published_partners(client, owner_org, other_org):
    hidden = make_organisation("Skjult Partner", is_published=False)
    third = make_organisation("Tredje Partner")
    make_collaboration([other_org, owner_org], title="Fælles elbiler")
    make_collaboration([owner_org, hidden], title="Med en skjult partner")
    make_collaboration([owner_org, third], title="Ikke bekræftet", confirmed=False)
    response = client.get(reverse("public:partner", kwargs={"slug": owner_org.slug}))
    listed = response.context["items"]
    assert [(c.title, [p.name for p in others]) for c, others in listed] == [("Fælles elbiler", ["Vestkyst Bageri"])]
    page = response.content.decode()
    assert "Skjult Partner" not in page and "Ikke bekræftet" not in page


def test_open_data_has_published_partners_with_public_agreements_and_actions(client, programme, django_assert_num_queries):
    make_organisation("Skjult Partner", is_published=False)
    with django_assert_num_queries(5):  # partners, agreements, focus areas, targets, actions
        data = client.get(reverse("public:open_data_json")).json()
    assert [p["name"] for p in data["partners"]] == ["Nordlys Energi ApS", "Vestkyst Bageri"]
    [agreement] = data["partners"][0]["agreements"]
    assert agreement["targets"] == [{"year": 2030, "percent": 70.0}, {"year": 2050, "percent": 100.0}]
    assert agreement["focus_areas"] == ["energy", "transport"]
    assert [(a["title"], a["status"], a["expected_t_co2e_per_year"]) for a in agreement["actions"]] == [
        ("Elbiler i flåden", "done", 4.0),
        ("Solceller på taget", "in_progress", 12.5),
    ]
    assert data["partners"][0]["url"] == "http://testserver/partnere/nordlys-energi-aps/"


def test_the_directory_is_rendered_once_and_again_whenever_a_partner_changes(client, django_assert_num_queries, db):
    url = reverse("public:directory") + "?focus=energy"
    org = make_organisation("Første Energi", cvr="12345674")
    make_agreement(org)
    client.get(url)
    # Cached: the filters' towns and focus areas, the data's version (three aggregates) and the count; no list.
    with django_assert_num_queries(6):
        assert "Første Energi" in client.get(url).content.decode()
    org.name = "Anden Energi"
    org.save()
    page = client.get(url).content.decode()
    assert "Anden Energi" in page and "Første Energi" not in page
    org.is_published = False
    org.save()
    assert "Anden Energi" not in client.get(url).content.decode()


def test_a_column_of_effects_has_two_decimals_on_every_row(client, programme, owner_org):
    """'4' next to '12,50' reads as less precise; a column of tonnes is written alike on every row."""
    html = re.sub(r"\s+", " ", client.get(reverse("public:partner", kwargs={"slug": owner_org.slug})).content.decode())
    assert '<td class="num">12,50</td>' in html
    assert '<td class="num">4,00</td><td class="num">3,25</td>' in html
