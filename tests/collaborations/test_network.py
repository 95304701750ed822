"""The public network: built only from what the public may see, with growth, cross-sector share and bridges."""

from datetime import date

import pytest
from django.urls import reverse

from klimapartner.collaborations import network
from klimapartner.collaborations.models import NetworkSnapshot
from klimapartner.jobs.runner import run_queued
from tests.collaborations.factories import make_collaboration
from tests.factories import make_organisation


@pytest.fixture
def partners(db):
    names = {
        "sol": ("Nordlys Energi ApS", "company", "energy"),
        "bager": ("Vestkyst Bageri", "company", "food"),
        "skole": ("Vrå Skole", "education", "education"),
        "havn": ("Hirtshals Havn", "company", "transport"),
    }
    return {key: make_organisation(name, org_type=t, sector=s) for key, (name, t, s) in names.items()}


@pytest.fixture
def web(partners):
    p = partners
    hidden = make_organisation("Skjult Partner", is_published=False)
    make_collaboration([p["sol"], p["bager"]], title="Varme", started_on=date(2023, 3, 1), kind="companies")
    make_collaboration([p["bager"], p["skole"]], title="Skolebesøg", started_on=date(2024, 5, 1), kind="education")
    make_collaboration([p["skole"], p["havn"]], title="Havnedag", started_on=date(2024, 9, 1), kind="education",
                       ended_on=date(2024, 12, 1))
    make_collaboration([p["sol"], p["skole"]], title="Ubekræftet", confirmed=False)
    make_collaboration([p["havn"], hidden], title="Med skjult partner")
    return p


def names(net):
    return sorted(n.name for n in net.nodes.values())


def test_the_network_has_confirmed_collaborations_between_published_partners_only(web):
    net = network.build()
    assert names(net) == ["Hirtshals Havn", "Nordlys Energi ApS", "Vestkyst Bageri", "Vrå Skole"]
    assert sorted((net.nodes[l.a].name, net.nodes[l.b].name) for l in net.links) == [
        ("Nordlys Energi ApS", "Vestkyst Bageri"), ("Vestkyst Bageri", "Vrå Skole"), ("Vrå Skole", "Hirtshals Havn")]
    assert (net.collaborations, net.cross_sector, net.with_two_or_more, net.published_partners) == (3, 3, 3, 4)


def test_filters_show_the_network_of_a_year_or_a_kind(web):
    assert names(network.build(network.Filters(year=2023))) == ["Nordlys Energi ApS", "Vestkyst Bageri"]
    assert network.build(network.Filters(year=2025)).collaborations == 2  # the harbour day ended in 2024
    assert names(network.build(network.Filters(kind="education"))) == ["Hirtshals Havn", "Vestkyst Bageri", "Vrå Skole"]


def test_the_growth_table_counts_year_by_year(web):
    rows = network.growth(until=2025)
    assert [(r.year, r.new, r.total, r.partners, r.cross_sector_share) for r in rows] == [
        (2023, 1, 1, 2, 1.0), (2024, 2, 3, 4, 1.0), (2025, 0, 3, 4, None)]


def test_the_partner_in_the_middle_bridges_the_network(web):
    bridges = network.bridges(network.build())
    # a path: sol – bager – skole – havn; each inner partner is on 2 of the 3 paths between the others
    assert [(n.name, round(n.bridge, 3)) for n in bridges] == [("Vestkyst Bageri", 0.667), ("Vrå Skole", 0.667)]


def test_the_page_tells_the_figures_and_never_names_an_unpublished_partner(client, web):
    response = client.get(reverse("network:network"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skjult Partner" not in page and "Ubekræftet" not in page and "Med skjult partner" not in page
    assert [n.name for n in response.context["page"]] == [
        "Vestkyst Bageri", "Vrå Skole", "Hirtshals Havn", "Nordlys Energi ApS"]
    assert 'data-value="collaborations">3<' in page and 'data-value="cross-sector">100 %<' in page


def test_only_the_coordinator_sees_who_met_at_partnership_days(client, web, coordinator):
    response = client.get(reverse("network:network"), {"meetings": "on"})
    assert response.context["filters"].meetings is False
    assert "meetings" not in response.context["form"].fields
    client.force_login(coordinator)
    response = client.get(reverse("network:network"), {"meetings": "on"})
    assert response.context["filters"].meetings is True


def test_the_page_costs_the_same_queries_for_one_collaboration_and_many(client, partners, django_assert_num_queries):
    p = partners
    make_collaboration([p["sol"], p["bager"]])
    client.get(reverse("network:network"))  # warm the focus areas and translations
    with django_assert_num_queries(6) as one:  # growth (2), network (3), focus areas for the filters
        client.get(reverse("network:network"))
    for n in range(8):
        make_collaboration([make_organisation(f"Partner {n}"), p["skole"]], started_on=date(2020 + n % 5, 1, 1))
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("network:network"))


def test_a_large_network_takes_its_bridges_from_the_background_job(client, web, monkeypatch):
    monkeypatch.setattr(network, "INLINE_BETWEENNESS", 2)
    response = client.get(reverse("network:network"))
    assert (response.context["bridging"], response.context["computing"]) == ([], True)
    assert run_queued() == 1
    snapshot = NetworkSnapshot.objects.get()
    assert snapshot.fingerprint == network.build().fingerprint()
    response = client.get(reverse("network:network"))
    assert [n.name for n in response.context["bridging"]] == ["Vestkyst Bageri", "Vrå Skole"]
    assert response.context["computing"] is False


def test_partners_without_a_collaboration_get_suggestions_from_the_matchmaking(client, coordinator, partners):
    from tests.factories import make_agreement

    p = partners
    for key in ("sol", "bager", "skole"):
        make_agreement(p[key], focus=("energy",) if key != "bager" else ("food",))
    make_collaboration([p["sol"], p["havn"]])
    client.force_login(coordinator)
    rows = client.get(reverse("collaborations:without")).context["rows"]
    assert [r.partner.name for r in rows] == ["Vestkyst Bageri", "Vrå Skole"]
    school = rows[1]
    # the school shares the energy focus with the solar company, which it has not met: it comes first
    assert [s.partner.name for s in school.suggestions] == ["Nordlys Energi ApS", "Vestkyst Bageri"]


def _node(pk, name, x, y):
    return network.Node(pk, name, f"p{pk}", "company", "energy", "Hjørring", x=x, y=y, r=6)


def test_a_name_goes_above_below_or_beside_its_circle():
    # b sits right of a: its name above would cross a's, so it goes below; c, under b, finds b's name above it
    # and d's circle below it, so its name goes to the right; d's goes below d
    a, b = _node(1, "Nordlys Energi ApS", 300, 100), _node(2, "Vestkyst Bageri", 340, 100)
    c, d = _node(3, "Tredje Partner", 320, 140), _node(5, "Fjerde", 320, 160)
    far = _node(4, "Et meget langt navn på en partner i Vrå", 800, 300)
    network.place_labels([a, b, c, d, far])
    assert [(n.label, n.label_x, n.label_y, n.label_anchor) for n in (a, b, c, d)] == [
        ("Nordlys Energi ApS", 300, 90, "middle"), ("Vestkyst Bageri", 340, 120, "middle"),
        ("Tredje Partner", 330, 144, "start"), ("Fjerde", 320, 180, "middle")]
    assert (far.label, len(far.label)) == ("Et meget langt navn på en p…", 28)
    network.place_labels([a, b], limit=1)
    assert (a.label, b.label) == ("Nordlys Energi ApS", "")


def test_names_in_a_crowded_drawing_never_overlap():
    import random

    rng = random.Random(3)
    nodes = [_node(i, f"Partner nummer {i}", rng.uniform(20, 420), rng.uniform(20, 320)) for i in range(60)]
    network.place_labels(nodes)
    boxes = [(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in nodes]
    for n in nodes:
        if n.label:
            length = len(n.label) * network.CHAR_WIDTH
            left = {"middle": n.label_x - length / 2, "start": n.label_x, "end": n.label_x - length}[n.label_anchor]
            boxes.append((left, n.label_y - network.LABEL_HEIGHT + 3, left + length, n.label_y + 3))
    overlapping = [(p, q) for i, p in enumerate(boxes) for q in boxes[i + 1:]
                   if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]]
    # circles may touch circles (the layout places them); a name never touches anything
    assert [pair for pair in overlapping if boxes.index(pair[0]) >= 60 or boxes.index(pair[1]) >= 60] == []
    assert 10 < sum(bool(n.label) for n in nodes) < 60
