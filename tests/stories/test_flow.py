"""A story from the editor's draft to the public site: submit, ask for changes, publish; emails on the way."""

import pytest
from django.urls import reverse

from klimapartner.stories.models import Story, StoryStatus
from tests.factories import make_organisation
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db


def subjects(inbox):
    return [str(m["Subject"]).strip() for m in inbox.messages]


def test_an_editor_writes_and_submits_and_the_coordinator_is_told(client, owner, owner_org, coordinator,
                                                                     smtp_server):
    client.force_login(owner)
    response = client.post(reverse("stories:manage_new", args=[owner_org.slug]), {
        "title": "Elbiler i hele flåden", "lead": "Tre af fire varebiler kører nu på strøm.",
        "body": "Vi var bekymrede for rækkevidden.\n\nDet gik fint.<script>x()</script>", "submit": "1"})
    assert response.status_code == 302
    story = Story.objects.get()
    assert (story.status, story.author, story.organisation) == (StoryStatus.SUBMITTED, owner, owner_org)
    assert story.body == "<p>Vi var bekymrede for rækkevidden.</p><p>Det gik fint.</p>"
    assert subjects(smtp_server) == ["En klimahistorie til godkendelse: Elbiler i hele flåden"]
    assert smtp_server.messages[0].envelope_to == [coordinator.email]
    assert client.get(reverse("stories:story", args=[story.pk])).status_code == 200  # the editor's preview
    client.logout()
    assert client.get(reverse("stories:story", args=[story.pk])).status_code == 404


def test_asking_for_changes_needs_a_comment_and_emails_the_author_with_it(client, owner, owner_org, coordinator,
                                                                          smtp_server):
    story = make_story(owner_org, status=StoryStatus.SUBMITTED, author=owner)
    client.force_login(coordinator)
    response = client.post(reverse("stories:review", args=[story.pk]), {"changes": "1", "comment": " "})
    assert response.context["form"].errors["comment"] == [
        "Skriv, hvad der skal ændres, så forfatteren ved, hvad der skal gøres."]
    client.post(reverse("stories:review", args=[story.pk]), {"changes": "1", "comment": "Tilføj et billede."})
    story.refresh_from_db()
    assert (story.status, story.review_comment) == (StoryStatus.CHANGES_REQUESTED, "Tilføj et billede.")
    [message] = smtp_server.messages
    assert message.envelope_to == [owner.email]
    assert str(message["Subject"]).strip() == "Ændringer til jeres klimahistorie: Solceller på taget"
    assert "Tilføj et billede." in message.get_content()


def test_publishing_puts_it_on_the_site_and_in_the_feed_and_tells_the_author(client, owner, owner_org,
                                                                             coordinator, smtp_server):
    story = make_story(owner_org, status=StoryStatus.SUBMITTED, author=owner)
    client.force_login(coordinator)
    client.post(reverse("stories:review", args=[story.pk]), {"publish": "1", "comment": ""})
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED and story.published_at is not None
    assert subjects(smtp_server) == ["Jeres klimahistorie er offentliggjort: Solceller på taget"]
    client.logout()
    page = client.get(reverse("stories:story", args=[story.pk])).content.decode()
    assert '<meta property="og:title" content="Solceller på taget">' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:url" content="http://testserver/historier/{story.pk}/">' in page
    assert '<meta property="og:description" content="Et år efter halverede vi elregningen.">' in page
    assert "Solceller på taget" in client.get(reverse("stories:list")).content.decode()
    assert "Solceller på taget" in client.get(reverse("public:partner", args=[owner_org.slug])).content.decode()
    assert "Solceller på taget" in client.get(reverse("public:front")).content.decode()


def story_data(story, **changes):
    return {"title": story.title, "lead": story.lead, "body": story.body, "image_alt": "", "image_credit": "",
            "focus_areas": [str(pk) for pk in story.focus_areas.values_list("pk", flat=True)], "save": "1", **changes}


def test_an_editors_change_to_a_published_story_goes_back_to_review(client, owner, owner_org, coordinator,
                                                                     smtp_server):
    story = make_story(owner_org, author=owner)
    published_at = story.published_at
    client.force_login(owner)
    url = reverse("stories:manage_edit", args=[owner_org.slug, story.pk])
    client.post(url, story_data(story))  # saved without a change: it stays published
    story.refresh_from_db()
    assert (story.status, subjects(smtp_server)) == (StoryStatus.PUBLISHED, [])
    client.post(url, story_data(story, lead="Et år efter var elregningen halveret."))
    story.refresh_from_db()
    assert (story.status, story.lead) == (StoryStatus.SUBMITTED, "Et år efter var elregningen halveret.")
    assert subjects(smtp_server) == ["En klimahistorie til godkendelse: Solceller på taget"]
    client.logout()
    assert client.get(reverse("stories:story", args=[story.pk])).status_code == 404
    assert "Solceller på taget" not in client.get(reverse("stories:list")).content.decode()
    client.force_login(coordinator)
    client.post(reverse("stories:review", args=[story.pk]), {"publish": "1", "comment": ""})
    story.refresh_from_db()
    assert (story.status, story.published_at) == (StoryStatus.PUBLISHED, published_at)


def test_the_coordinators_change_to_a_published_story_stays_published(client, owner_org, coordinator, smtp_server):
    story = make_story(owner_org)
    client.force_login(coordinator)
    client.post(reverse("stories:manage_edit", args=[owner_org.slug, story.pk]),
                story_data(story, title="Solceller på hele taget"))
    story.refresh_from_db()
    assert (story.status, story.title, subjects(smtp_server)) == (StoryStatus.PUBLISHED, "Solceller på hele taget", [])


def test_the_atom_feed_has_the_public_stories_newest_first(client, owner_org):
    import xml.etree.ElementTree as ET

    make_story(owner_org, "Ældre historie")
    make_story(owner_org, "Nyeste historie")
    make_story(owner_org, "Kladde", status=StoryStatus.DRAFT)
    make_story(make_organisation("Skjult ApS", is_published=False), "Fra en skjult partner")
    response = client.get("/historier/feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(response.content)
    assert [e.find("a:title", ns).text for e in root.findall("a:entry", ns)] == ["Nyeste historie", "Ældre historie"]
    entry = root.find("a:entry", ns)
    assert entry.find("a:author/a:name", ns).text == owner_org.name
    assert entry.find("a:category", ns).get("term") == "Energi"


def test_the_list_filters_by_focus_area_and_partner(client, owner_org, other_org):
    make_story(owner_org, "Sol", focus=("energy",))
    make_story(other_org, "Brød", focus=("food",))
    def titles(query):
        return [s.title for s in client.get(reverse("stories:list") + query).context["page"]]
    assert titles("") == ["Brød", "Sol"]
    assert titles("?focus=food") == ["Brød"]
    assert titles(f"?partner={owner_org.slug}") == ["Sol"]


def test_an_image_needs_alt_text_and_credit(client, owner, owner_org):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    client.force_login(owner)
    response = client.post(reverse("stories:manage_new", args=[owner_org.slug]), {
        "title": "Med billede", "lead": "Kort.", "body": "Tekst.",
        "image": SimpleUploadedFile("sol.png", buffer.getvalue(), "image/png"), "save": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"image_alt": ["Beskriv billedet for dem, der ikke kan se det."]}
    assert Story.objects.count() == 0
