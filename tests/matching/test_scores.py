import numpy as np
import pytest

from klimapartner.matching import (
    Label, Labels, PairsFormat, Participant, Problem, Relation, Statement, Table, TablesFormat, Weights, Wish, WishKind, score_from_pairs,
    score_pairs,
)
from klimapartner.matching.scores import _token_jaccard

from .conftest import no_text

HEAT_NEED = Statement("overskudsvarme", "Vi søger en aftager af overskudsvarme")
HEAT_OFFER = Statement("overskudsvarme", "Vi driver fjernvarme i Vrå")


def people(*extra):
    fish = Participant("fish", "Jens", "Hirtshals Fisk", "company", "fødevarer", themes=("vand",), needs=(HEAT_NEED,))
    heat = Participant("heat", "Anne", "Vrå Fjernvarme", "company", "energi", themes=("vand", "biogas"), offers=(HEAT_OFFER,))
    school = Participant("school", "Mette", "Sindal Skole", "school", "uddannelse")
    return (fish, heat, school, *extra)


def test_it_adds_up_need_offer_shared_theme_novelty_and_sector():
    scores = score_pairs(Problem(people(), PairsFormat(2)), text_similarity=no_text)
    w = Weights()
    # one need answered by an offer of the same theme, one shared theme, new to each other, different sectors
    assert scores.score("fish", "heat") == w.need_offer_theme + w.shared_theme + w.novelty + w.cross_sector
    assert scores.score("heat", "fish") == scores.score("fish", "heat")
    # the school differs in sector and organisation type, nothing else
    assert scores.score("fish", "school") == w.novelty + w.cross_sector + w.cross_organisation_type


def test_text_similarity_counts_in_both_directions():
    text = lambda needs, offers: np.full((len(needs), len(offers)), 0.5)  # noqa: E731
    with_text = score_pairs(Problem(people(), PairsFormat(2)), text_similarity=text)
    without = score_pairs(Problem(people(), PairsFormat(2)), text_similarity=no_text)
    assert with_text.score("fish", "heat") - without.score("fish", "heat") == Weights().need_offer_text * 0.5


def test_a_similarity_that_reads_contexts_is_told_each_offerers_sector():
    seen = []

    def text(needs, offers, *, offer_contexts=None):
        seen.append((list(needs), list(offers), offer_contexts))
        return np.full((len(needs), len(offers)), 0.5)

    labels = Labels(sectors={"energi": Label("Energi og forsyning", "Energy and utilities")})
    score_pairs(Problem(people(), PairsFormat(2), labels=labels), text_similarity=text)
    assert seen == [([HEAT_NEED.text], [HEAT_OFFER.text], ["Energi og forsyning"])]


def test_a_mutual_wish_scores_above_two_one_sided_wishes():
    base = people()
    one = Problem((base[0], base[1], Participant("x", organisation="X", wishes=(Wish(WishKind.MUST_MEET, participant="y"),)),
                   Participant("y", organisation="Y")), PairsFormat(2))
    both = Problem((base[0], base[1], Participant("x", organisation="X", wishes=(Wish(WishKind.MUST_MEET, participant="y"),)),
                    Participant("y", organisation="Y", wishes=(Wish(WishKind.MUST_MEET, participant="x"),))), PairsFormat(2))
    one_sided = score_pairs(one, text_similarity=no_text).score("x", "y")
    mutual = score_pairs(both, text_similarity=no_text).score("x", "y")
    novelty = Weights().novelty
    assert one_sided == novelty + Weights().wish
    assert mutual == novelty + Weights().mutual_wish
    assert mutual - novelty > 2 * (one_sided - novelty)


def test_a_wish_for_an_organisation_covers_its_people():
    wisher = Participant("x", organisation="X", wishes=(Wish(WishKind.MUST_MEET, organisation="Vrå Fjernvarme"),))
    scores = score_pairs(Problem(people(wisher), PairsFormat(2)), text_similarity=no_text)
    plain = score_pairs(Problem(people(Participant("x", organisation="X")), PairsFormat(2)), text_similarity=no_text)
    assert scores.score("x", "heat") - plain.score("x", "heat") == Weights().wish
    assert scores.score("x", "fish") == plain.score("x", "fish")


def test_known_relations_lower_the_score():
    fish = Participant("fish", organisation="A", relations=(("heat", Relation.COLLABORATE),))
    heat = Participant("heat", organisation="B")
    other = Participant("other", organisation="C", relations=(("heat", Relation.MET_BEFORE),))
    scores = score_pairs(Problem((fish, heat, other), PairsFormat(2)), text_similarity=no_text)
    assert scores.score("fish", "heat") == Weights().collaborate
    assert scores.score("fish", "other") == Weights().novelty
    # Met at an earlier day and nobody asked to meet again: not paired 1:1 again.
    assert (scores.score("other", "heat"), scores.may_meet("other", "heat")) == (0.0, False)
    at_tables = score_pairs(Problem((fish, heat, other), TablesFormat(1, (Table("1", 1, 3),))), text_similarity=no_text)
    assert at_tables.score("other", "heat") == Weights().rather_not
    # When one asks, they may meet again, and having met before costs a little.
    asked = Participant("heat", organisation="B", wishes=(Wish(WishKind.MUST_MEET, participant="other"),))
    again = score_pairs(Problem((fish, asked, other), PairsFormat(2)), text_similarity=no_text)
    assert again.may_meet("other", "heat") and again.score("other", "heat") == Weights().met_before + Weights().wish


def test_colleagues_never_may_meet():
    a = Participant("a", organisation="Same")
    b = Participant("b", organisation="Same")
    c = Participant("c", organisation="Other")
    scores = score_pairs(Problem((a, b, c), PairsFormat(2)), text_similarity=no_text)
    assert not scores.may_meet("a", "b")
    assert scores.may_meet("a", "c")
    assert scores.score("a", "b") == 0.0


def test_weights_can_be_set():
    scores = score_pairs(Problem(people(), PairsFormat(2)), Weights(novelty=0, cross_sector=0, cross_organisation_type=0),
                         text_similarity=no_text)
    assert scores.score("fish", "school") == 0.0


def test_the_reason_speaks_to_each_side_in_danish_and_english():
    scores = score_pairs(Problem(people(), PairsFormat(2)), text_similarity=no_text)
    for_fish, for_heat = scores.reasons("fish", "heat")
    assert for_fish.participant == "fish"
    assert for_fish.da == "I søger en aftager af overskudsvarme; de driver fjernvarme i Vrå; I arbejder begge med vand"
    assert for_fish.en == "You seek: en aftager af overskudsvarme; they offer: driver fjernvarme i Vrå; You both work on vand"
    assert for_heat.da == "De søger en aftager af overskudsvarme; I driver fjernvarme i Vrå; I arbejder begge med vand"


def test_a_pair_with_nothing_in_common_still_gets_a_reason():
    scores = score_pairs(Problem((Participant("a"), Participant("b")), PairsFormat(1)), text_similarity=no_text)
    assert scores.reasons("a", "b")[0].en == "A new acquaintance across the partnership"


def test_scores_from_a_file_are_symmetric_and_missing_pairs_score_zero():
    scores = score_from_pairs(["a", "b", "c"], {("a", "b"): 2.5})
    assert scores.score("b", "a") == 2.5
    assert scores.score("a", "c") == 0.0
    assert scores.reasons("a", "b")[0].en == "The pair scores 2.5 in the scores file"


def test_the_fallback_text_similarity_is_word_overlap():
    sims = _token_jaccard(["Vi søger varme"], ["vi sælger varme", "intet"])
    assert sims.tolist() == [[pytest.approx(2 / 4), 0.0]]
