"""From an idea at a partnership day to a collaboration in the public network, in Chromium; the network
and progress pages without serious axe violations, at desktop and phone width."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klimapartner.collaborations.models import Collaboration, Idea
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.widths import assert_fits_width, both_widths
from tests.collaborations.factories import make_collaboration
from tests.events.factories import make_event, make_registration
from tests.factories import make_organisation, make_user


def test_an_idea_from_a_partnership_day_becomes_a_collaboration_in_the_network(page, transactional_db):
    sun = make_organisation("Nordlys Energi ApS")
    school = make_organisation("Vrå Skole", org_type="education", sector="education")
    event = make_event(day=date.today() - timedelta(days=2), title="Partnerskabsdag i Hirtshals")
    event.published_at = timezone.now() - timedelta(days=5)
    event.save()
    anna = make_registration(event, "Anna Holm", organisation=sun, email="anna@nordlys.example")

    # At the day: Anna registers the idea on her personal page, naming the school.
    page.goto(f"/partnerskabsdage/t/{anna.token}/")
    page.fill("#id_idea-title", "Eleverne laver vores CO2-regnskab")
    page.locator("label", has_text="Vrå Skole").click()
    page.click("text=Registrér idéen")
    idea = Idea.objects.get()
    assert (idea.source, idea.owner_email, sorted(p.name for p in idea.partners.all())) == (
        "partnership_day", "anna@nordlys.example", ["Nordlys Energi ApS", "Vrå Skole"])

    # The coordinator follows it up: the idea became a collaboration.
    make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")
    page.goto("/samarbejder/")
    page.get_by_role("link", name="Eleverne laver vores CO2-regnskab").click()
    page.get_by_role("link", name="Idéen blev til et samarbejde").click()
    page.select_option("#id_kind", "education")
    page.fill("#id_description", "Ældste klasse laver CO2-regnskab for Nordlys Energi")
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-success").first).to_contain_text("vises i netværket")
    collaboration = Collaboration.objects.get()
    assert (collaboration.idea, collaboration.is_confirmed, list(collaboration.events.all())) == (idea, True, [event])
    idea.refresh_from_db()
    assert idea.status == "collaboration"

    # Anyone sees it in the network: the two partners linked, reachable with the keyboard.
    page.context.clear_cookies()
    page.goto("/netvaerk/")
    nodes = page.locator("svg.network a.node")
    expect(nodes).to_have_count(2)
    page.get_by_role("link", name="Spring tegningen over og gå til tabellen med partnere").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused in ("Nordlys Energi ApS, Hjørring: 1 samarbejde", "Vrå Skole, Hjørring: 1 samarbejde")
    expect(page.locator("#network-focus")).to_have_text(focused)
    expect(page.locator("svg.network line.on")).to_have_count(1)
    expect(page.get_by_test_id("partners").locator("tbody tr")).to_have_count(2)


@pytest.fixture
def network(transactional_db):
    # the first name is longer than a name in the drawing: it is cut short there and still read whole
    names = ["Nordjysk Energi- og Klimarådgivning ApS", *(f"Partner {n}" for n in range(1, 12))]
    partners = [make_organisation(name, org_type=("company", "education", "association")[n % 3],
                                  town=("Hjørring", "Vrå", "Sindal")[n % 3]) for n, name in enumerate(names)]
    for n in range(16):
        make_collaboration([partners[n % 12], partners[(n * 5 + 1) % 12]], started_on=date(2022 + n % 4, 3, 1),
                           title=f"Samarbejde {n}")
    return partners


@both_widths
@pytest.mark.parametrize("path", ["/netvaerk/", "/fremskridt/", "/data/", "/api/v1/", "/en/netvaerk/"])
def test_the_network_progress_and_open_data_pages_are_accessible(page, network, path):
    page.goto(path)
    assert axe_violations(page) == []
    assert_fits_width(page)  # on a phone the drawing scrolls sideways inside its own box (data-scrolls)
