"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright, against Django's live server.

A missing browser is a failure, never a skip: these tests are how we know the pages work.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package (see .ci/run).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def viewport(request):
    """The window's size; `tests.browser.widths.both_widths` runs a test at desktop and phone width."""
    from tests.browser.widths import WIDTHS

    return WIDTHS[getattr(request, "param", "desktop")]


@pytest.fixture
def page(browser, live_server, settings, viewport):
    settings.MAP_TILE_URL = ""  # no tile server on a closed network
    context = browser.new_context(base_url=live_server.url, locale="da-DK", viewport=viewport)
    # axe-core is injected the way the browser injects extensions, which the Content-Security-Policy allows.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert refused == [], "the pages broke their Content-Security-Policy"


def axe_violations(page, impacts=("serious", "critical")):
    """WCAG 2.1 A/AA violations that axe-core finds on the page, as readable lines."""
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {json.dumps([n['target'] for n in v['nodes']][:5])}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def sign_in(page, email, password="pw-for-tests"):
    page.goto("/konto/log-ind/")
    page.fill("#id_pw-email", email)
    page.fill("#id_pw-password", password)
    page.click("#pw-heading ~ form button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture(autouse=True)
def focus_areas(transactional_db):
    """Browser tests run on a flushed database, which loses the rows the data migration made."""
    from klimapartner.partners.defaults import add_default_focus_areas
    from klimapartner.partners.models import FocusArea

    add_default_focus_areas(FocusArea)


@pytest.fixture
def job_worker(live_server):
    """A background worker beside the live server: runs queued jobs in a thread, as `klimapartner db_worker` would."""
    import threading
    import time

    from django.db import connection

    from klimapartner.jobs.runner import run_queued

    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                if not run_queued():
                    time.sleep(0.1)
        finally:
            connection.close()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=10)
