"""The directory's map after a search or filter: drawn again inside its box, never over the page."""

from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.widths import assert_fits_width, both_widths, screenshot
from tests.factories import make_organisation

TOWNS = [("Hjørring", "57.46", "9.98"), ("Hirtshals", "57.59", "9.96"), ("Løkken", "57.37", "9.71"),
         ("Sindal", "57.47", "10.20")]


def markers_outside_the_map(page):
    return page.evaluate("""() => {
        const box = document.getElementById('partner-map').getBoundingClientRect();
        return [...document.querySelectorAll('.leaflet-interactive, .leaflet-control-zoom')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.top < box.top || r.bottom > box.bottom || r.left < box.left || r.right > box.right;
        }).length;
    }""")


@both_widths
def test_the_map_stays_in_its_box_after_each_filter(page, transactional_db):
    for n, (town, lat, lon) in enumerate(TOWNS * 2):
        make_organisation(f"Partner {n} i {town}", town=town, latitude=Decimal(lat), longitude=Decimal(lon))
    page.goto("/partnere/")
    expect(page.locator(".leaflet-interactive")).to_have_count(8)
    assert markers_outside_the_map(page) == 0
    for town, shown in (("Løkken", 2), ("", 8), ("Sindal", 2)):
        page.select_option("#id_town", town)
        expect(page.locator("#partner-map")).to_have_attribute("data-count", str(shown))
        expect(page.locator("#partner-map.leaflet-container")).to_have_count(1)
        expect(page.locator(".leaflet-interactive")).to_have_count(shown)
        assert markers_outside_the_map(page) == 0
    page.fill("#id_q", "Partner 3")
    page.press("#id_q", "Enter")
    expect(page.locator("#partner-map")).to_have_attribute("data-count", "1")
    expect(page.locator(".leaflet-interactive")).to_have_count(1)
    assert markers_outside_the_map(page) == 0
    screenshot(page, "filtered")
    assert_fits_width(page)
    assert axe_violations(page) == []
