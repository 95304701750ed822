"""Pair scores: how much two participants gain from meeting, and why.

The score is symmetric and additive, so each part can be named in a reason.
Everything is computed on whole matrices (numpy) so 5,000 participants take
seconds, not minutes.
"""

from __future__ import annotations

import inspect

import re
from dataclasses import dataclass, field

import numpy as np

from .constraints import refusals
from .model import Labels, PairsFormat, Participant, Problem, Reason, Relation, Weights, WishKind

_WORD = re.compile(r"[a-zæøåéü0-9]+")

# Above this many need x offer cells, text similarity is computed in blocks of
# needs so memory stays bounded (a block's IDF is then taken over that block).
_TEXT_BLOCK_CELLS = 4_000_000


def _token_jaccard(needs: list[str], offers: list[str]) -> np.ndarray:
    """Fallback text similarity: Jaccard overlap of lower-cased words."""
    need_sets = [set(_WORD.findall(t.lower())) for t in needs]
    offer_sets = [set(_WORD.findall(t.lower())) for t in offers]
    out = np.zeros((len(needs), len(offers)))
    for i, a in enumerate(need_sets):
        for j, b in enumerate(offer_sets):
            if a and b:
                out[i, j] = len(a & b) / len(a | b)
    return out


def _text_similarity_function():
    """The Danish text similarity if its module is there, else word overlap."""
    try:
        from .text import text_similarity  # written in parallel; may be missing

        return text_similarity
    except ImportError:
        return _token_jaccard


@dataclass(frozen=True, eq=False)
class PairScores:
    """Scores of all pairs, by participant id, plus what is needed to explain them."""

    ids: tuple[str, ...]
    matrix: np.ndarray  # n x n, symmetric, float64
    allowed: np.ndarray  # n x n bool: False for the diagonal and colleagues
    problem: Problem | None = None
    weights: Weights = field(default_factory=Weights)
    text: np.ndarray | None = None  # n x n directional need(row) -> offer(col) text similarity

    def __post_init__(self):
        object.__setattr__(self, "_index", {pid: i for i, pid in enumerate(self.ids)})

    def index(self, participant: str) -> int:
        return self._index[participant]

    def score(self, a: str, b: str) -> float:
        return float(self.matrix[self._index[a], self._index[b]])

    def may_meet(self, a: str, b: str) -> bool:
        return bool(self.allowed[self._index[a], self._index[b]])

    def reasons(self, a: str, b: str) -> tuple[Reason, Reason]:
        """One short reason for each of the two, addressed to them."""
        return (self._reason(a, b), self._reason(b, a))

    def _reason(self, viewer: str, other: str) -> Reason:
        if self.problem is None:
            s = self.score(viewer, other)
            return Reason(viewer, f"Parret har score {s:g} i scorefilen", f"The pair scores {s:g} in the scores file")
        people = self.__dict__.get("_people")
        if people is None:
            people = _people(self.problem)
            object.__setattr__(self, "_people", people)
        return _explain(people[viewer], people[other], self)


def _people(problem: Problem) -> dict[str, Participant]:
    return {p.id: p for p in problem.participants}


def score_from_pairs(ids: list[str] | tuple[str, ...], pairs: dict[tuple[str, str], float]) -> PairScores:
    """Scores given directly (the `--scores` file); missing pairs score 0."""
    ids = tuple(ids)
    index = {pid: i for i, pid in enumerate(ids)}
    matrix = np.zeros((len(ids), len(ids)))
    for (a, b), s in pairs.items():
        matrix[index[a], index[b]] = matrix[index[b], index[a]] = s
    allowed = ~np.eye(len(ids), dtype=bool)
    return PairScores(ids, matrix, allowed)


def _one_hot(rows: list[list[str]], vocabulary: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(rows), max(len(vocabulary), 1)))
    for i, words in enumerate(rows):
        for w in words:
            out[i, vocabulary[w]] = 1.0
    return out


def _accepts_contexts(similarity) -> bool:
    try:
        return "offer_contexts" in inspect.signature(similarity).parameters
    except (TypeError, ValueError):
        return False


def _directional_text(problem: Problem, similarity) -> np.ndarray:
    """text[a, b]: best similarity between one of a's needs and one of b's offers.

    A similarity that takes `offer_contexts` is also told each offerer's sector
    (its Danish name), which the sentence embedding reads beside the offer.
    """
    people = problem.participants
    n = len(people)
    out = np.zeros((n, n))
    with_contexts = _accepts_contexts(similarity)

    def offer_key(person, statement):
        return (statement.text, problem.labels.sector(person.sector, "da") if with_contexts and person.sector else "")

    # Similarity is computed once per distinct text: models are slow, texts repeat.
    need_texts = sorted({s.text for p in people for s in p.needs if s.text})
    offer_keys = sorted({offer_key(p, s) for p in people for s in p.offers if s.text})
    if not need_texts or not offer_keys:
        return out
    need_of = {t: k for k, t in enumerate(need_texts)}
    offer_of = {key: k for k, key in enumerate(offer_keys)}
    offer_texts = [text for text, _ in offer_keys]
    extra = {"offer_contexts": [context for _, context in offer_keys]} if with_contexts else {}
    sims = np.zeros((len(need_texts), len(offer_keys)))
    block = max(1, _TEXT_BLOCK_CELLS // len(offer_keys))
    for lo in range(0, len(need_texts), block):
        sims[lo : lo + block] = np.asarray(similarity(need_texts[lo : lo + block], offer_texts, **extra), dtype=float)
    # person x distinct offer text: 1 where the person makes that offer
    owner_rows, owner_cols = [], []
    for j, p in enumerate(people):
        for s in p.offers:
            if s.text:
                owner_rows.append(j)
                owner_cols.append(offer_of[offer_key(p, s)])
    for i, p in enumerate(people):
        for s in p.needs:
            if s.text:
                # best offer of each person for this need
                row = np.zeros(n)
                np.maximum.at(row, owner_rows, sims[need_of[s.text], owner_cols])
                np.maximum(out[i], row, out=out[i])
    return out


def score_pairs(problem: Problem, weights: Weights | None = None, *, text_similarity=None) -> PairScores:
    """Score every pair of participants in `problem`.

    `text_similarity(needs, offers) -> matrix in [0, 1]` defaults to the Danish
    text similarity of `klimapartner.matching.text`.
    """
    w = weights or Weights()
    people = problem.participants
    n = len(people)
    index = {p.id: i for i, p in enumerate(people)}

    themes = sorted({t for p in people for t in (*p.themes, *(s.theme for s in p.needs + p.offers))})
    vocab = {t: i for i, t in enumerate(themes)}
    interests = _one_hot([list(p.themes) for p in people], vocab)
    needs = _one_hot([[s.theme for s in p.needs] for p in people], vocab)
    offers = _one_hot([[s.theme for s in p.offers] for p in people], vocab)

    # A need of one answered by an offer of the other, counted in both directions.
    need_offer = np.minimum(needs @ offers.T, 2.0)
    score = w.need_offer_theme * (need_offer + need_offer.T)
    text = _directional_text(problem, text_similarity or _text_similarity_function())
    score += w.need_offer_text * (text + text.T)
    score += w.shared_theme * (interests @ interests.T)

    wants = np.zeros((n, n), dtype=bool)
    avoids = np.zeros((n, n), dtype=bool)
    members: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        members.setdefault(p.organisation, []).append(i)
    for i, p in enumerate(people):
        for wish in p.wishes:
            targets = [index[wish.participant]] if wish.participant in index else members.get(wish.organisation or "", [])
            target = wants if wish.kind == WishKind.MUST_MEET else avoids
            target[i, targets] = True
    mutual = wants & wants.T
    score += np.where(mutual, w.mutual_wish, w.wish * (wants | wants.T))
    score += w.rather_not * (avoids | avoids.T)

    collaborate = np.zeros((n, n), dtype=bool)
    met = np.zeros((n, n), dtype=bool)
    for i, p in enumerate(people):
        for other, relation in p.relations:
            if other in index:
                (collaborate if relation == Relation.COLLABORATE else met)[i, index[other]] = True
    collaborate |= collaborate.T
    met |= met.T
    score += w.collaborate * collaborate + w.met_before * (met & ~collaborate)
    score += w.novelty * ~(collaborate | met)

    for attribute, weight in (("sector", w.cross_sector), ("organisation_type", w.cross_organisation_type)):
        values = np.array([getattr(p, attribute) or f"\0{i}" for i, p in enumerate(people)])
        known = np.array([bool(getattr(p, attribute)) for p in people])
        score += weight * ((values[:, None] != values[None, :]) & known[:, None] & known[None, :])

    # Colleagues score nothing; people who met at an earlier day (and did not ask to meet again)
    # may not meet 1:1, and at tables sitting together costs as much as a "rather not".
    refused = refusals(problem)
    colleagues = refused == 1
    score = np.where(colleagues, 0.0, score)
    earlier = refused == 2
    if isinstance(problem.format, PairsFormat):
        score = np.where(earlier, 0.0, score)
    else:
        score = np.where(earlier, np.minimum(score, w.rather_not), score)
    np.fill_diagonal(score, 0.0)
    return PairScores(tuple(index), score, refused == 0, problem, w, text)


# -- reasons ----------------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _best_statement_pair(needs, offers, text_score):
    """The need/offer pair to mention: same theme first, then most words in common."""
    best, best_key = None, (-1, -1.0)
    for need in needs:
        for offer in offers:
            key = (int(need.theme == offer.theme and bool(need.theme)), len(_words(need.text) & _words(offer.text)))
            if key > best_key:
                best, best_key = (need, offer), key
    if best is None or (best_key[0] == 0 and best_key[1] == 0 and text_score < 0.15):
        return None
    return best


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split()).rstrip(".")
    for opening in ("Vi søger ", "Vi tilbyder ", "Vi "):  # the frame is given by "You seek:" / "I søger"
        if text.startswith(opening) and limit < 90:
            text = text[len(opening):]
            break
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _in_sentence(label: str) -> str:
    """A label inside a sentence: "Adfærd og kommunikation" becomes "adfærd og kommunikation"; "CO2" stays."""
    if not label or label.split()[0].isupper():
        return label
    return label[0].lower() + label[1:]


def _clause(statement, subject: str, verb: str, labels: Labels) -> str:
    """Danish clause in the reader's frame: "Vi driver fjernvarme" becomes "de driver fjernvarme"."""
    text = _short(statement.text or labels.theme(statement.theme, "da"))
    if text[:3].lower() == "vi ":
        return f"{subject} {text[3:]}"
    return f"{subject} {verb} {_in_sentence(text)}"


def _statement(statement, labels: Labels) -> str:
    return _short(statement.text or _in_sentence(labels.theme(statement.theme, "en")), 60)


def _explain(viewer: Participant, other: Participant, scores: PairScores) -> Reason:
    """Up to two parts of the score, biggest first, as sentences to `viewer`, with codes in the reader's words."""
    w = scores.weights
    labels = scores.problem.labels
    i, j = scores.index(viewer.id), scores.index(other.id)
    parts: list[tuple[float, str, str]] = []
    text = scores.text
    pair = _best_statement_pair(viewer.needs, other.offers, 0.0 if text is None else text[i, j])
    if pair:
        need, offer = pair
        gain = w.need_offer_theme * (need.theme == offer.theme) + w.need_offer_text * (0.0 if text is None else text[i, j])
        parts.append((gain + 0.02, f"{_clause(need, 'I', 'søger', labels)}; {_clause(offer, 'de', 'tilbyder', labels)}",
                      f"You seek: {_statement(need, labels)}; they offer: {_statement(offer, labels)}"))
    pair = _best_statement_pair(other.needs, viewer.offers, 0.0 if text is None else text[j, i])
    if pair:
        need, offer = pair
        gain = w.need_offer_theme * (need.theme == offer.theme) + w.need_offer_text * (0.0 if text is None else text[j, i])
        parts.append((gain + 0.01, f"{_clause(need, 'De', 'søger', labels)}; {_clause(offer, 'I', 'tilbyder', labels)}",
                      f"They seek: {_statement(need, labels)}; you offer: {_statement(offer, labels)}"))
    wanted = _wishes(viewer, other)
    wanted_back = _wishes(other, viewer)
    if wanted and wanted_back:
        parts.append((w.mutual_wish, "I ønskede begge at mødes", "You both asked to meet"))
    elif wanted:
        parts.append((w.wish, f"I bad om at møde {other.label}", f"You asked to meet {other.label}"))
    elif wanted_back:
        parts.append((w.wish, f"{other.label} bad om at møde jer", f"{other.label} asked to meet you"))
    shared = sorted(set(viewer.themes) & set(other.themes))
    if shared:
        da = " og ".join(_in_sentence(labels.theme(t, "da")) for t in shared[:2])
        en = " and ".join(_in_sentence(labels.theme(t, "en")) for t in shared[:2])
        parts.append((w.shared_theme * len(shared), f"I arbejder begge med {da}", f"You both work on {en}"))
    if viewer.sector and other.sector and viewer.sector != other.sector:
        da, en = (_in_sentence(labels.sector(other.sector, language)) for language in ("da", "en"))
        parts.append((w.cross_sector, f"De kommer fra {da} — et nyt perspektiv for jer", f"They come from {en} — a new angle for you"))
    elif viewer.organisation_type and other.organisation_type and viewer.organisation_type != other.organisation_type:
        da, en = (_in_sentence(labels.organisation_type(other.organisation_type, language)) for language in ("da", "en"))
        parts.append((w.cross_organisation_type, f"De er en anden slags organisation ({da})",
                      f"They are a different kind of organisation ({en})"))
    parts.sort(key=lambda part: -part[0])
    if not parts:
        return Reason(viewer.id, "Et nyt bekendtskab på tværs af partnerskabet", "A new acquaintance across the partnership")
    top = parts[:2]
    return Reason(viewer.id, "; ".join(p[1] for p in top), "; ".join(p[2] for p in top))


def _wishes(viewer: Participant, other: Participant) -> bool:
    return any(
        wish.kind == WishKind.MUST_MEET
        and (wish.participant == other.id or (wish.organisation and wish.organisation == other.organisation))
        for wish in viewer.wishes
    )
