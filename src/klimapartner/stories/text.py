"""A story's text: simple formatting kept, everything else removed (nh3, the Ammonia sanitiser).

Editors write paragraphs separated by blank lines and may use a few tags (bold, italics, links,
lists, subheadings, quotes). No script, style, event handler or foreign attribute survives; links
get rel="noopener noreferrer nofollow".
"""

import html
import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "h2", "h3", "blockquote"}
ATTRIBUTES = {"a": {"href", "title"}}
BLOCK = re.compile(r"<\s*(p|ul|ol|h2|h3|blockquote)\b", re.IGNORECASE)


def clean_html(text: str) -> str:
    """The text as safe HTML: tags outside the short list are dropped, their text kept (but not a
    script's or a style's)."""
    safe = nh3.clean(text or "", tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow", clean_content_tags={"script", "style"})
    safe = safe.strip()
    if safe and not BLOCK.search(safe):
        # Plain paragraphs: a blank line starts a new one, a single line break stays a line break.
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", safe) if p.strip()]
        safe = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return safe


def plain_text(text: str) -> str:
    """The text without tags, for descriptions (Open Graph, the feed's summary); the template escapes it."""
    spaced = re.sub(r"</(p|li|h2|h3|blockquote)>|<br\s*/?>", " ", text or "", flags=re.IGNORECASE)
    return " ".join(html.unescape(nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style"})).split())
