"""The coordinator swaps two people in a round by hand: sees the effect (htmx), saves it; the page is axe clean."""

import pytest

from klimapartner.events import planning
from klimapartner.events.adjust import Swap
from klimapartner.events.models import Seat
from tests.browser.conftest import axe_violations, sign_in
from tests.events.factories import make_event, make_registration
from tests.factories import make_organisation, make_user


@pytest.fixture(autouse=True)
def fast_text_similarity(settings):
    settings.EVENTS_TEXT_METHOD = "lexical"


def partner(person, round_):
    seat = Seat.objects.filter(registration=person, meeting__round=round_).first()
    return seat and seat.meeting.seats.exclude(registration=person).get().registration


def test_the_coordinator_swaps_two_people_and_sees_the_effect(page, transactional_db):
    make_user("koordinator@kommune.example", staff=True)
    event = make_event(rounds=2)
    people = [make_registration(event, f"Person{n} Holm", organisation=make_organisation(f"Partner {n}"),
                                themes=(("energy", "transport")[n % 2],)) for n in range(5)]
    planning.schedule_event(event=event, steps=300)
    out = next(p for p in people if partner(p, 1) is None)
    other = next(p for p in people if p != out and partner(p, 1) and partner(partner(p, 1), 2) != out)
    old_partner = partner(other, 1)

    sign_in(page, "koordinator@kommune.example")
    page.goto(f"/en/partnerskabsdage/{event.pk}/")
    page.click("text=Change by hand")
    assert axe_violations(page) == []
    page.select_option("#id_swap-round", "1")
    page.select_option("#id_swap-first", str(out.pk))
    page.select_option("#id_swap-second", str(other.pk))
    page.click("text=Show the effect of the swap")
    page.wait_for_selector("#effect [data-value=delta]")
    assert page.url.endswith(f"/en/partnerskabsdage/{event.pk}/juster/")  # htmx: the page stayed
    assert set(page.locator("#effect-added li strong").all_inner_texts()) == {out.name, old_partner.name}
    delta = planning.preview_change(event=event, change=Swap(f"r{out.pk}", f"r{other.pk}", 1)).delta
    assert page.inner_text("[data-value=delta]") == f"{'+' if delta > 0 else ''}{delta:.1f}"
    assert axe_violations(page) == []
    page.click("text=Save the change")
    assert "The change is saved." in page.inner_text(".page-container")
    assert partner(out, 1) == old_partner
    assert partner(other, 1) is None
    assert other.name in page.inner_text("#sitting-out")
