"""The engine's findings in the coordinator's language, with names instead of ids."""

from django.utils import translation

from klimapartner import matching
from klimapartner.events import planning


def test_every_finding_code_of_the_engine_has_words_in_both_languages():
    assert set(planning.FINDINGS) == set(matching.constraints.MESSAGES)
    params = {"round": 2, "a": "r1", "b": "r2", "table": "3", "count": 3, "limit": 2, "minimum": 4, "other": 1,
              "capacity": 10, "needed": 12, "organisation": "guest:tversted camping", "rounds_a": "1", "rounds_b": "2"}
    for code in planning.FINDINGS:
        for language in ("da", "en"):
            with translation.override(language):
                text = planning.describe(matching.Finding(code, params), names={"r1": "Anna", "r2": "Bo"},
                                         tables={"3": "Fyrtårnet"})
            assert "%(" not in text and "r1" not in text


def test_a_finding_reads_as_a_danish_sentence_with_names():
    finding = matching.Finding("met_twice", {"round": 2, "a": "r1", "b": "r2", "other": 1})
    with translation.override("da"):
        assert planning.describe(finding, names={"r1": "Anna Holm", "r2": "Bo Lund"}, tables={}) == (
            "Runde 2: Anna Holm og Bo Lund mødes allerede i runde 1.")
    finding = matching.Finding("table_full", {"round": 1, "table": "7", "limit": 6})
    with translation.override("en"):
        assert planning.describe(finding, names={}, tables={"7": "Fyrtårnet"}) == (
            "Round 1: table Fyrtårnet is full (6 seats).")
