"""A story's text keeps simple formatting and loses everything that could run or restyle the page."""

import pytest

from klimapartner.stories.text import clean_html, plain_text
from tests.factories import make_organisation
from tests.stories.factories import make_story


def test_plain_paragraphs_become_paragraphs_and_line_breaks_stay():
    assert clean_html("Første afsnit\nmed linjeskift.\n\nAndet afsnit.") == (
        "<p>Første afsnit<br>med linjeskift.</p><p>Andet afsnit.</p>")


def test_simple_formatting_survives():
    text = '<h2>Næste skridt</h2><p>Vi <strong>sparer</strong> <em>meget</em>.</p><ul><li>Sol</li></ul>'
    assert clean_html(text) == text


def test_scripts_styles_and_event_handlers_are_removed_with_their_content():
    dirty = ('<p onclick="steal()" style="color:red">Hej<script>alert(1)</script></p>'
             '<style>body{display:none}</style><img src=x onerror=alert(2)><iframe src="https://x"></iframe>')
    assert clean_html(dirty) == "<p>Hej</p>"


def test_links_keep_only_safe_addresses_and_get_a_safe_rel():
    assert clean_html('<p><a href="javascript:alert(1)">klik</a> <a href="https://kommune.dk" target="_blank">'
                      'kommunen</a></p>') == (
        '<p><a rel="noopener noreferrer nofollow">klik</a> '
        '<a href="https://kommune.dk" rel="noopener noreferrer nofollow">kommunen</a></p>')


def test_plain_text_for_descriptions_has_no_tags():
    assert plain_text("<p>Vi <strong>sparer</strong></p><p>meget</p>") == "Vi sparer meget"


@pytest.mark.django_db
def test_every_save_stores_the_text_sanitised():
    story = make_story(make_organisation(), body='<p>Hej</p><script>alert("x")</script>')
    story.refresh_from_db()
    assert story.body == "<p>Hej</p>"


def test_plain_text_is_not_escaped_twice():
    assert plain_text("<p>Sol &amp; vind</p>") == "Sol & vind"
