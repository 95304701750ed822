"""Pages are tried at two widths: a desktop (1366×900) and a phone (390×844).

    from tests.browser.widths import both_widths, open_menu, menu_link, assert_fits_width

    @both_widths
    def test_it_reaches_check_in(page, ...):
        menu_link(page, "Partnerskabsdage").click()   # the desktop menu, or the phone's drawer
        assert_fits_width(page)                       # nothing wider than the screen

`page` (tests/browser/conftest.py) takes its size from the `viewport` fixture, which `both_widths`
parametrises; without it a test runs at desktop width. Set SCREENSHOTS=folder to keep a full-page PNG of
every `screenshot(page, name)` call, named by test and width, to look at.
"""

import os
import re
from pathlib import Path

import pytest

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

both_widths = pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)


def is_phone(page) -> bool:
    return page.viewport_size["width"] < 992  # DKFDS's breakpoint for the menu button


def open_menu(page):
    """On a phone, open the drawer behind the menu button; on a desktop the menu is always there."""
    if is_phone(page):
        page.locator(".js-menu-open").click()
        page.locator("#mobile-menu").wait_for(state="visible")


def menu(page):
    """The main menu the person sees: the desktop's, or the phone's drawer (opened)."""
    open_menu(page)
    return page.locator("#mobile-menu" if is_phone(page) else ".navigation-menu")


def menu_link(page, name):
    """A link of the main menu; on a desktop, links that don't fit are behind DKFDS's "Mere" button."""
    link = menu(page).get_by_role("link", name=name, exact=True)
    if not is_phone(page) and link.count() == 0:
        page.locator(".navigation-menu .more-button").click()
        link = page.locator("#fds-more-menu").get_by_role("link", name=name, exact=True)
    return link


def user_area(page):
    """Where sign-in and sign-out are: the header's user links, or the phone's drawer."""
    open_menu(page)
    return page.locator("#mobile-menu .portal-info-mobile" if is_phone(page) else ".portal-user")


def assert_fits_width(page):
    """Nothing on the page is wider than the window (a phone must not scroll sideways)."""
    overflow = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed'
                && !e.closest('.table--responsive-scroll, .leaflet-container, .mobile-drawer, [data-scrolls]');
        });
        return {scroll: document.documentElement.scrollWidth, width,
                wide: wide.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                      + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''))};
    }""")
    assert overflow["scroll"] <= overflow["width"], f"page is {overflow['scroll']} px wide in {overflow['width']} px: {overflow['wide']}"


def screenshot(page, name):
    """A full-page PNG in $SCREENSHOTS (if set), named by the test, the name and the width."""
    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return None
    test = re.sub(r"[^\w-]+", "_", os.environ.get("PYTEST_CURRENT_TEST", "page").split(" ")[0].split("::")[-1].split("[")[0])
    width = "phone" if is_phone(page) else "desktop"
    path = Path(folder) / f"{test}-{name}-{width}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
