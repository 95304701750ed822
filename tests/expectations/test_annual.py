"""The annual status: a partner's page and PDF for the dialogue meeting, the programme's PDF and XLSX."""

import io
from datetime import date, datetime, timezone as tz

import openpyxl
import pytest
from django.urls import reverse

from klimapartner.activities.models import ActivityKind
from klimapartner.expectations import annual
from tests.activities.factories import make_activity, make_signup
from tests.factories import make_action, make_agreement
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of(owner_org, other_org, coordinator):
    agreement = make_agreement(owner_org, starts_on=date(2025, 1, 1), ends_on=None,
                               communication="Én klimahistorie og ét borgerarrangement om året.")
    make_agreement(other_org, starts_on=date(2025, 1, 1), ends_on=None)
    make_action(agreement, "Varmepumpe i hallen", status="done", end_year=2026)
    meeting = make_activity("Netværksmøde om energi", day=date(2026, 3, 4))
    make_signup(meeting, "Karen Holm", organisation=owner_org, checked_in_at=datetime(2026, 3, 4, 14, tzinfo=tz.utc))
    make_signup(meeting, "Bo Holm", organisation=owner_org, checked_in_at=datetime(2026, 3, 4, 14, tzinfo=tz.utc))
    make_activity("Åbent hus på solcelleparken", day=date(2026, 4, 25), kind=ActivityKind.OPEN_HOUSE,
                  organiser=owner_org, participants=140)
    make_story(owner_org, "Solceller på taget", published_at=datetime(2026, 5, 1, tzinfo=tz.utc))
    from klimapartner.collaborations.changes import start_collaboration

    # Started by the coordinator, so confirmed: the council counts confirmed collaborations only.
    start_collaboration(title="Fælles varelevering på el", partners=[owner_org, other_org], started_on=date(2026, 6, 1),
                        author=coordinator)
    start_collaboration(title="Endnu ikke bekræftet", partners=[owner_org, other_org], started_on=date(2026, 7, 1))
    start_collaboration(title="Sidste års samarbejde", partners=[owner_org, other_org], started_on=date(2025, 6, 1))
    return owner_org


def test_the_partners_page_puts_the_commitments_next_to_what_happened(client, owner, year_of):
    client.force_login(owner)
    response = client.get(reverse("expectations:partner", args=[year_of.slug, 2026]))
    page = response.content.decode()
    assert "Én klimahistorie og ét borgerarrangement om året." in page
    assert "Netværksmøde om energi, 4. marts 2026 (2 personer)" in page
    assert "Åbent hus på solcelleparken, 25. april 2026 – 140 deltagere" in page
    assert "Solceller på taget" in page and "Varmepumpe i hallen (gennemført)" in page
    assert [c.title for c in response.context["collaborations"]] == ["Fælles varelevering på el", "Endnu ikke bekræftet"]
    assert [(line.code, line.done) for line in response.context["tracker"].lines] == [
        ("activities", 1), ("citizen_activities", 1), ("stories", 1), ("account", 0)]


def test_the_partners_pdf(year_of):
    pdf = annual.partner_pdf(year_of, 2026, compress=False)
    assert pdf.startswith(b"%PDF")
    assert b"Netv\xe6rksm\xf8de om energi" in pdf  # Latin-1 in the uncompressed content stream


def test_the_council_gets_a_pdf_and_a_workbook_with_charts(client, coordinator, year_of):
    assert annual.programme_pdf(2026).startswith(b"%PDF")
    client.force_login(coordinator)
    response = client.get(reverse("expectations:programme_xlsx", args=[2026]))
    assert response["Content-Disposition"] == 'attachment; filename="aarsstatus-2026.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Forventninger", "Aktive partnere", "Partnere", "Aktiviteter"]
    rows = list(book["Forventninger"].values)
    assert rows[0] == ("Forventning", "Indfriet", "På vej", "Mangler")
    assert rows[1] == ("Deltage i programmets aktiviteter", 0, 1, 1)
    assert rows[2] == ("Holde en aktivitet for borgere", 1, 0, 1)
    assert len(book["Forventninger"]._charts) == 1 and len(book["Aktive partnere"]._charts) == 1
    assert list(book["Aktive partnere"].values)[-1] == (2026, 2, 1, 0)
    assert ("Deltagere i partnernes aktiviteter for borgere", 140) in list(book["Aktiviteter"].values)
    assert ("Nye samarbejder", 1) in list(book["Aktiviteter"].values)


def test_text_that_looks_like_a_formula_is_not_one_in_the_workbook(client, coordinator, other_org):
    from klimapartner.partners.models import Organisation

    make_agreement(other_org, starts_on=date(2025, 1, 1), ends_on=None)
    Organisation.objects.filter(pk=other_org.pk).update(name='=HYPERLINK("http://x","klik")')
    book = openpyxl.load_workbook(io.BytesIO(annual.programme_xlsx(2026)))
    cell = book["Partnere"]["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","klik")', "s")  # stored as text
