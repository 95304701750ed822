"""Every finding the core can produce has words in English and Danish."""

import re
from pathlib import Path

from klimapartner.routing.model import Problem
from klimapartner.routing.words import CODES, MESSAGES, say

CORE = Path(__file__).resolve().parents[2] / "src" / "klimapartner" / "routing"


def produced_codes() -> set[str]:
    """Codes written as Problem("code", ...) or Problem("a" if ... else "b", ...) in the core's source."""
    codes = set()
    for path in CORE.glob("*.py"):
        for first, second in re.findall(r'Problem\(\s*"([a-z_]+)"(?:\s+if [^"]+ else "([a-z_]+)")?', path.read_text("utf-8")):
            codes |= {first, second} - {""}
    return codes


def test_every_code_the_core_produces_has_words():
    codes = produced_codes()
    assert {"after_closing", "visit_past_closing", "after_latest", "visit_past_latest", "host_two_groups"} <= codes
    assert codes - CODES == set()


def test_every_message_has_english_and_danish():
    for code, (en, da) in MESSAGES.items():
        assert en and da and en != da, code


def test_a_duration_and_a_list_of_stops_read_naturally():
    problem = Problem("no_order_fits", "order", {"count": 4, "drop": ["Havnen", "Møllen"]})
    assert say(problem, "en") == "No order of the 4 stops fits the day; without Havnen or Møllen it does."
