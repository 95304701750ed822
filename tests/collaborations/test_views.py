"""A partner editor keeps their organisation's ideas and collaborations; the coordinator all of them."""

import re
from datetime import date, time
from decimal import Decimal

from django.urls import reverse

from klimapartner.collaborations.models import Collaboration, Idea
from klimapartner.tours.models import Tour
from tests.activities.factories import make_activity
from tests.collaborations.factories import make_collaboration, make_idea
from tests.factories import make_agreement, make_editor, make_organisation


def test_an_editor_registers_an_idea_and_logs_what_happened(client, owner, owner_org, other_org):
    client.force_login(owner)
    response = client.post(reverse("collaborations:new_idea"), {
        "title": "Fælles ladestandere", "description": "På havnen", "partners": [other_org.pk],
        "owner": "Karen Holm", "owner_email": "karen@nordlys.example", "owner_organisation": owner_org.pk,
    })
    idea = Idea.objects.get()
    assert response["Location"] == reverse("collaborations:idea", args=[idea.pk])
    assert (idea.source, idea.owner_organisation, set(idea.partners.all())) == ("partner", owner_org, {owner_org, other_org})
    client.post(reverse("collaborations:idea", args=[idea.pk]), {
        "title": "Fælles ladestandere", "partners": [owner_org.pk, other_org.pk], "owner": "Karen Holm",
        "owner_email": "karen@nordlys.example", "owner_organisation": owner_org.pk, "status": "in_progress",
        "note": "Møde med havnen 3. marts",
    })
    idea.refresh_from_db()
    assert idea.status == "in_progress"
    assert [(e.kind, e.status, e.text) for e in idea.log.order_by("pk")] == [
        ("created", "new", ""), ("status", "in_progress", "Møde med havnen 3. marts")]


def test_an_editor_cannot_name_an_unpublished_partner(client, owner, owner_org):
    hidden = make_organisation("Skjult Partner", is_published=False)
    client.force_login(owner)
    page = client.get(reverse("collaborations:new_idea"))
    assert "Skjult Partner" not in page.content.decode()
    response = client.post(reverse("collaborations:new_idea"), {
        "title": "Hemmelig", "partners": [hidden.pk], "owner_organisation": owner_org.pk})
    assert response.status_code == 200 and "partners" in response.context["form"].errors
    assert Idea.objects.count() == 0


def test_an_idea_becomes_a_collaboration_public_when_the_other_partner_confirms(client, owner, owner_org, other_org):
    idea = make_idea(partners=[owner_org, other_org], owner_organisation=owner_org)
    client.force_login(owner)
    form = client.get(reverse("collaborations:idea_to_collaboration", args=[idea.pk])).context["form"]
    assert (form.initial["title"], set(form.initial["partners"])) == ("Bustur rundt i kommunen", {owner_org, other_org})
    client.post(reverse("collaborations:idea_to_collaboration", args=[idea.pk]), {
        "title": "Bustur 2025", "description": "Partnerne besøger hinanden", "kind": "companies",
        "partners": [owner_org.pk, other_org.pk], "started_on": "2025-04-01", "expected_effect": "1,5",
    })
    collaboration = Collaboration.objects.get()
    assert (collaboration.idea, str(collaboration.expected_effect), collaboration.confirmed_at) == (idea, "1.50", None)
    public_page = reverse("public:partner", kwargs={"slug": other_org.slug})
    assert "Bustur 2025" not in client.get(public_page).content.decode()

    baker = make_editor(other_org, "bager@vestkyst.example")
    client.force_login(baker)
    mine = client.get(reverse("collaborations:organisation", args=[other_org.slug]))
    assert [c.title for c in mine.context["collaborations"]] == ["Bustur 2025"]
    client.post(reverse("collaborations:confirm", args=[collaboration.pk]))
    client.logout()
    assert "Bustur 2025" in client.get(public_page).content.decode()


def test_the_coordinator_sees_what_waits_for_confirmation(client, coordinator, owner_org, other_org):
    make_collaboration([owner_org, other_org], title="Venter", confirmed=False)
    make_collaboration([owner_org, other_org], title="Bekræftet")
    client.force_login(coordinator)
    response = client.get(reverse("collaborations:ideas"))
    assert [c.title for c in response.context["unconfirmed"]] == ["Venter"]


def test_the_coordinators_list_filters_by_status_and_source(client, coordinator):
    make_idea("Ny fra en partner")
    make_idea("Parkeret fra koordinatoren", status="parked", source="coordinator")
    client.force_login(coordinator)
    rows = client.get(reverse("collaborations:ideas"), {"status": "parked"}).context["ideas"]
    assert [i.title for i in rows] == ["Parkeret fra koordinatoren"]
    rows = client.get(reverse("collaborations:ideas"), {"source": "partner"}).context["ideas"]
    assert [i.title for i in rows] == ["Ny fra en partner"]


def test_the_partner_page_counts_the_collaborations_begun_since_the_agreement(client, owner_org, other_org):
    make_agreement(owner_org, starts_on=date(2024, 1, 1), signed_on=date(2023, 12, 1),
                   collaboration="Et samarbejde med en skole")
    make_collaboration([owner_org, other_org], title="Før aftalen", started_on=date(2023, 6, 1))
    make_collaboration([owner_org, other_org], title="Efter aftalen", started_on=date(2024, 2, 1))
    make_collaboration([owner_org, other_org], title="Også efter", started_on=date(2025, 3, 1))
    make_collaboration([owner_org, other_org], title="Ikke bekræftet", started_on=date(2025, 4, 1), confirmed=False)
    page = client.get(reverse("public:partner", args=[owner_org.slug])).content.decode()
    commitment = re.search(r'data-testid="commitment">([^<]*)<', page).group(1)
    assert commitment == ("2 bekræftede samarbejder er begyndt i aftaleperioden (fra 1. januar 2024) "
                          "og tæller med i aftalens samarbejdsforpligtelse.")
    assert "Ikke bekræftet" not in page and "Før aftalen" in page


def test_the_coordinator_registers_ideas_born_at_an_activity_or_a_tour(client, coordinator, owner_org, other_org):
    workshop = make_activity("Workshop om varmepumper", day=date(2025, 4, 3), kind="workshop")
    bus = Tour.objects.create(title="Klimabussen", date=date(2025, 5, 6), starts=time(8, 30), ends=time(16),
                              venue="Hjørring Rådhus", latitude=Decimal("57.45830"), longitude=Decimal("9.98260"))
    client.force_login(coordinator)
    form = client.get(reverse("collaborations:new_idea"), {"activity": workshop.pk}).context["form"]
    assert (form["source"].value(), form["activity"].value()) == ("activity", workshop.pk)

    fields = {"title": "Fælles varmepumpe", "description": "", "partners": [owner_org.pk, other_org.pk],
              "owner": "Karen Holm", "owner_email": "karen@nordlys.example", "owner_organisation": owner_org.pk}
    refused = client.post(reverse("collaborations:new_idea"), {**fields, "source": "coordinator", "tour": bus.pk})
    assert refused.context["form"].errors == {"source": ["Du har valgt en rundtur: vælg “Rundtur” her."]}
    refused = client.post(reverse("collaborations:new_idea"),
                          {**fields, "source": "tour", "tour": bus.pk, "activity": workshop.pk})
    assert refused.context["form"].errors == {
        "tour": ["En idé opstår på én partnerskabsdag, aktivitet eller rundtur; vælg én af dem."]}
    assert Idea.objects.count() == 0

    client.post(reverse("collaborations:new_idea"), {**fields, "source": "tour", "tour": bus.pk})
    idea = Idea.objects.get()
    assert (idea.source, idea.born_at, idea.activity) == ("tour", bus, None)
    page = client.get(reverse("collaborations:idea", args=[idea.pk])).content.decode()
    assert "Rundtur: Klimabussen (6. maj 2025)" in page
    rows = client.get(reverse("collaborations:ideas")).content.decode()
    assert "<td>Klimabussen</td>" in rows

    client.post(reverse("collaborations:idea_to_collaboration", args=[idea.pk]), {
        "title": "Fælles varmepumpe", "kind": "companies", "partners": [owner_org.pk, other_org.pk],
        "started_on": "2025-06-01"})
    collaboration = Collaboration.objects.get()
    page = client.get(reverse("collaborations:collaboration", args=[collaboration.pk])).content.decode()
    assert re.search(r"<dt>Opstod på</dt><dd>Klimabussen \(6\. maj 2025\)</dd>", page)


def test_the_places_an_idea_was_born_are_named_with_their_date(client, coordinator):
    workshop = make_activity("Workshop om varmepumper", day=date(2025, 4, 3), kind="workshop")
    client.force_login(coordinator)
    form = client.get(reverse("collaborations:new_idea")).context["form"]
    assert [label for value, label in form.fields["activity"].choices if value] == [
        "Workshop om varmepumper (3. april 2025)"]
    assert workshop.pk in [int(str(value)) for value, label in form.fields["activity"].choices if value]
