"""Free-text matching of needs ("Vi søger ...") to offers ("Vi tilbyder ...").

Pure Python, no Django. `text_similarity(needs, offers)` returns a matrix of
scores in [0, 1]; `main(argv)` is `klimapartner textmatch FILE.json --out X`.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

METHODS = ("keyword",)
DEFAULT_METHOD = "keyword"

# Words that say nothing about what is offered or sought.
STOPWORDS = frozenset(
    """
    af alle allerede alt andre at bare begge blev bliver blive da de dem den denne
    der deres det dette dig din disse dog du efter eller en end er et for fra får
    gerne gør gøre ham han hans har have hele hende her hos hun hvad hvem hver
    hvilke hvilken hvis hvor hvordan i ikke ind jeg jer kan kom komme kun kunne man
    mange med meget men mere mest mig min mod må ned noget nogen nogle nu når og
    også om op os over på samt selv sig sin sine skal skulle som stadig så sådan
    til under ud uden unge vi vil ville vores være været år
    søger tilbyder søge tilbyde hjælp ønsker gerne vil kan via nye ny
    """.split()
)

_WORD = re.compile(r"[a-zæøåéü0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-cased words of `text` without stopwords."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def _tfidf_cosine(need_docs: list[list[str]], offer_docs: list[list[str]]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors; IDF is taken over needs and offers together."""
    docs = need_docs + offer_docs
    df = Counter(term for doc in docs for term in set(doc))
    vocab = {term: i for i, term in enumerate(sorted(df))}
    n_docs = len(docs)
    idf = np.array([math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in sorted(df)])
    matrix = np.zeros((n_docs, len(vocab)))
    for row, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            matrix[row, vocab[term]] = (1 + math.log(count)) * idf[vocab[term]]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    sims = matrix[: len(need_docs)] @ matrix[len(need_docs) :].T
    return np.clip(sims, 0.0, 1.0)


def text_similarity(needs: list[str], offers: list[str], *, method: str = DEFAULT_METHOD) -> np.ndarray:
    """Score every (need, offer) pair in [0, 1]; higher is a better match."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if not needs or not offers:
        return np.zeros((len(needs), len(offers)))
    return _tfidf_cosine([tokens(t) for t in needs], [tokens(t) for t in offers])


# --- the command line -------------------------------------------------------


class TextMatchFileError(Exception):
    """The input file is missing or not in the expected shape."""


@dataclass(frozen=True)
class Entry:
    id: str
    text: str


@dataclass(frozen=True)
class TextMatchFile:
    needs: list[Entry]
    offers: list[Entry]
    gold: dict[str, list[str]] | None


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
        entries.append(Entry(entry_id, text))
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
    return TextMatchFile(needs, offers, gold)


def rank_offers(needs: list[Entry], offers: list[Entry], *, method: str = DEFAULT_METHOD) -> dict[str, list[str]]:
    """Every need's offer ids, best match first (ties keep the file's order)."""
    sims = text_similarity([n.text for n in needs], [o.text for o in offers], method=method)
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


def main(argv: list[str]) -> int:
    """`klimapartner textmatch FILE.json --out ranking.json [--method M]`."""
    parser = argparse.ArgumentParser(
        prog="klimapartner textmatch",
        description="Rank offers for every need by their free text; with gold pairs, print top-1 and MRR.",
    )
    parser.add_argument("file", type=Path, help="JSON with 'needs', 'offers' and optionally 'gold'")
    parser.add_argument("--out", type=Path, help="write {need_id: [offer ids, best first]} here")
    parser.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD)
    args = parser.parse_args(argv)
    try:
        data = load_file(args.file)
    except TextMatchFileError as exc:
        print(f"klimapartner textmatch: error: {exc}", file=sys.stderr)
        return 2
    ranking = rank_offers(data.needs, data.offers, method=args.method)
    if args.out:
        args.out.write_text(json.dumps(ranking, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if data.gold:
        top1, mrr = evaluate(ranking, data.gold)
        print(f"method {args.method}: {len(data.gold)} needs, top-1 {top1:.3f}, MRR {mrr:.3f}")
    return 0
