"""No English from our own catalogue on a Danish page.

Every audience's pages are visited in Danish, following the links from where each audience starts (the
front page, a partner editor's organisation, the coordinator's register, a participant's personal link),
and the text people read — text, button values, labels for screen readers — is checked against every
message in the catalogue whose Danish differs from the English: a message shown as its English msgid, in
whole or as a sentence of it, means a string that is not marked for translation, not translated, or fuzzy.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

import klimapartner
from klimapartner.events.models import Event, Invitation
from klimapartner.partners.demo import COORDINATOR_EMAIL, NORDSTRAND_EDITOR_EMAIL, SCHOOL_EDITOR_EMAIL

PO = Path(klimapartner.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[a-z_]+\}")
# Pages not worth a visit here: files, and actions that change something on a GET by design (none should).
SKIP = re.compile(r"\.(pdf|csv|xlsx|ics|json|png|svg)$|/admin/|/log-ud/|/api/|/static/|/media/")
PAGES_PER_VIEW = 2  # the same view with other ids says nothing new
MAX_PAGES = 150


def catalogue():
    """[(english, danish or None)] for every message and plural form in the Danish catalogue."""
    out, entry, key, fuzzy = [], {}, None, False

    def flush():
        nonlocal entry, fuzzy
        msgid = entry.get("msgid")
        if msgid:
            forms = [v for k, v in sorted(entry.items()) if k.startswith("msgstr")]
            danish = None if fuzzy or not all(forms) else forms
            out.append((msgid, danish[0] if danish else None))
            if "msgid_plural" in entry:
                out.append((entry["msgid_plural"], danish[-1] if danish else None))
        entry, fuzzy = {}, False

    for line in PO.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    flush()
    return out


def english_phrases():
    """(whole messages, sentences): what an untranslated message would put on the page.

    A whole message is looked for as a text of its own ("Save", "Event"); from longer ones, every piece of
    three words or more between placeholders is looked for inside the page's text.
    """
    whole, pieces = set(), set()
    for english, danish in catalogue():
        if danish is not None and danish.strip() == english.strip():
            continue
        if not PLACEHOLDER.search(english) and len(english) > 1:
            whole.add(" ".join(english.split()))
        for piece in PLACEHOLDER.split(english.replace("%%", "%")):
            piece = " ".join(piece.split()).strip(" .,:;()–-")
            if len(piece.split()) >= 3:
                pieces.add(piece)
    return whole, pieces


class Page(HTMLParser):
    """The texts a person reads (or hears) on a page, and its links."""

    SILENT = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__()
        self.texts, self.links, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        english = attrs.get("lang", "").startswith("en") or bool(self.stack and self.stack[-1][1])
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append((tag, english))
        if english:
            return
        for name in ("aria-label", "title", "alt", "placeholder"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and (self.stack[-1][0] in self.SILENT or self.stack[-1][1]):
            return
        if data.strip():
            self.texts.append(data)


def read(html):
    page = Page()
    page.feed(html)
    return [" ".join(t.split()) for t in page.texts], page.links


def crawl(client, starts):
    """Visit the pages reachable from `starts` (same site, GET, Danish): {url: html}."""
    seen, per_view, queue, pages = set(), {}, list(starts), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or SKIP.search(path) or path.startswith("/en/"):
            continue
        seen.add(url)
        try:
            view = resolve(path).view_name
        except Resolver404:
            continue
        if per_view.get(view, 0) >= PAGES_PER_VIEW:
            continue
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        per_view[view] = per_view.get(view, 0) + 1
        html = response.content.decode()
        pages[url] = html
        for link in read(html)[1]:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if not parts.netloc or parts.netloc == "testserver":
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def english_on(pages):
    whole, pieces = english_phrases()
    found = set()
    for url, html in pages.items():
        texts = read(html)[0]
        joined = " | ".join(texts)
        for text in texts:
            if text in whole:
                found.add((url, text))
        for piece in pieces:
            if piece in joined:
                found.add((url, piece))
    return sorted(found)


EXPECTED = {
    "public": {"public:front", "public:directory", "public:partner", "opendata:data", "accounts:login"},
    "partner editor": {"manage:organisation", "manage:agreement", "manage:action", "climate:years", "climate:account"},
    "school editor": {"manage:organisation", "climate:years"},
    "coordinator": {"staff:dashboard", "events:list", "events:event", "events:edit", "events:invite", "events:checkin",
                    "events:publish", "events:replan", "events:adjust", "events:report", "climate:programme"},
    "participant": {"events:personal", "events:register", "events:edit_registration", "events:cancel"},
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo programme, once for the module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def signed_in(email):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client


def test_the_catalogue_phrases_are_found_when_they_are_english():
    whole, pieces = english_phrases()
    assert "Save" in whole and "Partnership days" in whole
    texts, _links = read('<p>Gem <button>Save</button></p><p lang="en"><a href="/">English</a></p>')
    assert [t for t in texts if t in whole] == ["Save"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["public", "partner editor", "school editor", "coordinator", "participant"])
def test_no_english_on_the_danish_pages(demo, who):
    event = Event.objects.order_by("-date").first()
    starts = {"public": (None, ["/", "/partnere/", "/data/", "/konto/log-ind/"]),
              "partner editor": (NORDSTRAND_EDITOR_EMAIL, ["/konto/", "/"]),
              "school editor": (SCHOOL_EDITOR_EMAIL, ["/konto/"]),
              "coordinator": (COORDINATOR_EMAIL, ["/koordinator/", "/partnerskabsdage/", f"/partnerskabsdage/{event.pk}/"]),
              "participant": (None, [])}[who]
    email, urls = starts
    client = signed_in(email) if email else Client()
    if who == "participant":
        registration = event.registrations.filter(status="registered").first()
        invitation = Invitation.objects.create(event=event, email="ny@gaest.example")
        urls = [f"/partnerskabsdage/t/{registration.token}/", f"/partnerskabsdage/tilmeld/{invitation.token}/"]
    pages = crawl(client, urls)
    views = {resolve(urlsplit(url).path).view_name for url in pages}
    assert views >= EXPECTED[who]  # the crawl reached each audience's main pages
    assert english_on(pages) == []
