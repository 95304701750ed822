"""A long job seen from the browser: a progress bar that moves, then the result, at desktop and phone width."""

import pytest
from playwright.sync_api import expect

from klimapartner.jobs.runner import start_job
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import make_user
from tests.jobs import functions  # noqa: F401


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_the_page_shows_the_job_moving_and_then_its_result(page, job_worker, width, height):
    page.set_viewport_size({"width": width, "height": height})
    user = make_user("koordinator@kommune.example", staff=True)
    sign_in(page, "koordinator@kommune.example")
    functions.gate.clear()
    job = start_job("tests.gated", user=user, upto=10)
    page.goto(f"/jobber/{job.pk}/")
    bar = page.locator("progress.job-bar")
    expect(bar).to_have_attribute("value", "50", timeout=10_000)
    expect(page.get_by_text("5/10 (50 %)")).to_be_visible()
    page.screenshot(path=f"/tmp/kp-job-running-{width}.png", full_page=True)
    assert axe_violations(page) == []
    # The bar is swapped every second by the poll: measure whichever bar is there, in one step.
    left, right = page.evaluate("() => { const r = document.querySelector('progress.job-bar').getBoundingClientRect();"
                                " return [r.left, r.right]; }")
    assert left >= 0 and right <= width
    functions.gate.set()
    expect(page.locator(".alert-success")).to_contain_text("Færdig.", timeout=15_000)
    expect(page.locator("progress")).to_have_count(0)
    page.screenshot(path=f"/tmp/kp-job-{width}.png", full_page=True)
