"""Every page each audience reaches, at a phone's width in Chromium, on the demo programme.

The pages are found by following links from where each audience starts (as tests/i18n/test_untranslated.py does
for untranslated English), one page per view. On each: nothing is wider than the screen (a wide table scrolls in
its own box), and every checkbox and radio button can be seen — a defect a test of the happy path never notices
(a target's "Remove" box drawn 0×0, a table that pushed a coordinator's page past the screen's edge).
"""

from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import Client
from django.urls import resolve

from klimapartner.events.models import Event, Invitation
from klimapartner.partners.demo import COORDINATOR_EMAIL, NORDSTRAND_EDITOR_EMAIL
from tests.browser.conftest import sign_in
from tests.browser.widths import PHONE, assert_fits_width
from tests.i18n.test_untranslated import crawl

HIDDEN_CONTROLS = """() => [...document.querySelectorAll('main input[type=checkbox], main input[type=radio]')]
    .filter(input => {
        const label = input.id && document.querySelector(`label[for="${input.id}"]`);
        const box = label || input;
        if (!box.getClientRects().length) return false;  // not shown at all (a closed part of the form)
        const r = box.getBoundingClientRect();
        return r.width < 12 || r.height < 12;
    }).map(input => input.name)"""


def one_per_view(pages):
    urls = {}
    for url in pages:
        urls.setdefault(resolve(urlsplit(url).path).view_name, url)
    return urls


def test_every_audiences_pages_fit_a_phone_and_show_their_controls(browser, live_server, settings):
    settings.MAP_TILE_URL = ""  # no tile server on a closed network
    call_command("demo", verbosity=0)
    event = Event.objects.order_by("-date").first()
    registration = event.registrations.filter(status="registered").first()
    invitation = Invitation.objects.create(event=event, email="ny@gaest.example")
    audiences = {
        "public": (None, ["/", "/partnere/", "/aktiviteter/", "/historier/", "/data/", "/konto/log-ind/"]),
        "participant": (None, [f"/partnerskabsdage/t/{registration.token}/",
                               f"/partnerskabsdage/tilmeld/{invitation.token}/"]),
        "partner editor": (NORDSTRAND_EDITOR_EMAIL, ["/konto/", "/"]),
        "coordinator": (COORDINATOR_EMAIL, ["/koordinator/", "/partnerskabsdage/", f"/partnerskabsdage/{event.pk}/"]),
    }
    from django.contrib.auth import get_user_model

    problems, seen = [], 0
    for who, (email, starts) in audiences.items():
        client = Client()
        if email:
            client.force_login(get_user_model().objects.get(email=email))
        urls = one_per_view(crawl(client, starts))
        context = browser.new_context(base_url=live_server.url, locale="da-DK", viewport=PHONE)
        phone = context.new_page()
        if email:
            sign_in(phone, email, "klimapartner")
        for view, url in sorted(urls.items()):
            phone.goto(url)
            phone.wait_for_load_state()
            seen += 1
            try:
                assert_fits_width(phone)
            except AssertionError as error:
                problems.append(f"{who} {url}: {error}")
            if hidden := phone.evaluate(HIDDEN_CONTROLS):
                problems.append(f"{who} {url}: controls drawn too small to see or tap: {hidden}")
        context.close()
    assert seen >= 60  # the crawl reached the pages (about 90 views on the demo programme)
    assert problems == []
