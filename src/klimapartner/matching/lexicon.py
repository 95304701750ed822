"""General Danish (and some English) climate and business vocabulary, by topic.

Written from general knowledge of climate partnerships and Danish trade
words, without reading any evaluation file: a topic is what any municipality's
climate programme talks about (energy, transport, waste, food, nature, ...),
and its words are the ones a Danish company, school or association would use.
Keep it that way: never add a word because an evaluation sentence has it.

Each topic is a tuple of word parts. A part matches a word that contains it
(so compounds are caught: "affaldssortering" has "affald" and "sortering");
a part ending in "=" matches only the whole word ("lys=" is not "analyse").
Matching is on lower-cased words with "-" and "/" kept inside words removed,
so "CO2-regnskab" is "co2regnskab".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# fmt: off
TOPICS: dict[str, tuple[str, ...]] = {
    # energy supply and use
    "solar": ("solcelle", "solpanel", "solenergi", "solstrøm", "solvarme", "solanlæg", "solpark",
              "solar", "photovolt", "pv="),
    "wind": ("vindmølle", "vindenergi", "vindkraft", "havvind", "vindpark", "vindturbine", "windturbine", "wind="),
    "heat_pump": ("varmepumpe", "jordvarme", "luftvand", "heatpump", "heat="),
    "district_heating": ("fjernvarme", "overskudsvarme", "spildvarme", "restvarme", "procesvarme", "varmeværk",
                         "varmenet", "kraftvarme", "varmegenvind", "districtheat"),
    "heating": ("opvarmning", "oliefyr", "gasfyr", "naturgas", "fyr=", "radiator", "varmeanlæg", "heating"),
    "energy_saving": ("energibesparelse", "energieffektiv", "energiforbrug", "energitjek", "energigennemgang",
                      "energisyn", "energiledelse", "energioptim", "elforbrug", "standby", "spare energi",
                      "energispar", "energy efficien", "energy saving"),
    "lighting": ("belysning", "lys=", "lyset", "lamper", "armatur", "led=", "ledlys", "ledbelysning", "gadelys",
                 "lighting"),
    "storage_grid": ("batteri", "energilager", "elnet", "smartgrid", "fleksibelt forbrug", "lagring af strøm",
                     "battery", "storage"),
    "electricity": ("strøm", "elektricitet", "grøn el", "elpris", "elaftale", "electricity", "power="),
    "fuels": ("biogas", "biobrændsel", "biobrændstof", "hvo=", "brint", "powertox", "ptx=", "metanol", "diesel",
              "benzin", "fossil", "biomasse", "træpiller", "fuel", "hydrogen"),
    "insulation": ("isolering", "efterisol", "energirenover", "klimaskærm", "vinduer", "vinduespart", "tætning",
                   "insulat", "retrofit"),
    "cooling": ("køling", "køleanlæg", "kølerum", "kølemiddel", "frys", "kølehus", "køledisk", "cooling",
                "refrigerat"),
    # transport
    "electric_vehicles": ("elbil", "ladestander", "ladeinfrastruktur", "opladning", "ladeboks", "ladeplads",
                          "elvarebil", "ellastbil", "elbus", "elektrisk bil", "charging", "electric vehicle", "ev="),
    "cycling": ("cykel", "cykl", "ladcykel", "elcykel", "bike", "bicycl", "cycling"),
    "commuting": ("pendl", "samkørsel", "kollektiv trafik", "bus=", "busser", "tog=", "togrejse", "delebil",
                  "transportvane", "arbejdsrejse", "tjenesterejse", "kørsel", "commut", "carpool"),
    "logistics": ("logistik", "fragt", "levering", "distribution", "lastbil", "varekørsel", "ruteplan",
                  "godstransport", "vognpark", "flåde", "kørselsplan", "transport", "logistic", "freight",
                  "delivery", "fleet"),
    "maritime": ("havn", "skib", "færge", "landstrøm", "maritim", "søfart", "rederi", "harbour", "harbor", "ship"),
    # resources and circular economy
    "waste": ("affald", "sortering", "fraktion", "container", "genbrugsplads", "genbrugsstation", "skrald",
              "dagrenovation", "waste", "sorting"),
    "recycling": ("genbrug", "genanvend", "cirkulær", "upcycl", "recycl", "reuse", "circular", "restmateriale",
                  "returordning", "tilbagetag", "pant=", "brugte", "second hand", "secondhand", "refurb"),
    "repair": ("reparation", "reparer", "repair", "vedligehold", "levetid", "istandsæt"),
    "packaging": ("emballage", "indpakning", "engangs", "plast", "pap=", "papkasse", "flamingo", "palle",
                  "packag", "plastic"),
    "textiles": ("tekstil", "tøj", "arbejdstøj", "uniform", "beklædning", "textile", "clothing"),
    "chemicals": ("kemikalie", "miljøfarlig", "forurening", "sprøjtemid", "pesticid", "chemical", "pollut"),
    "sharing": ("deling", "udlån", "låne", "dele ", "deleordning", "fællesbrug", "lejer ud", "udleje", "sharing"),
    # food and land
    "food_waste": ("madspild", "madrest", "overskudsmad", "holdbarhed", "fødevarespild", "foodwaste",
                   "food waste"),
    "food": ("økologi", "økologisk", "plantebaseret", "vegetar", "vegansk", "kød", "råvare", "menu", "kantine",
             "storkøkken", "måltid", "frokost", "fødevare", "restaurant", "café", "køkken", "catering", "food",
             "meal", "canteen"),
    "agriculture": ("landbrug", "landmand", "gylle", "husdyr", "afgrøde", "gødning", "kvæg", "malkekvæg", "grise",
                    "jordbrug", "mark=", "marker", "gartneri", "drivhus", "farm", "agricult", "crop"),
    "nature": ("biodiversitet", "natur", "vilde blomster", "vildblomst", "insekt", "bier", "bistade",
               "træplant", "plante træer", "skov", "vådområde", "eng=", "enge", "rewild", "grønne områder",
               "grønne arealer", "beplantning", "hegn", "biodivers", "nature", "tree", "forest"),
    "soil_carbon": ("kulstof", "lavbund", "udtagning", "jordens", "carbon capture", "ccs=", "biokul", "pyrolyse",
                    "co2fangst", "fangst af co2"),
    "water": ("regnvand", "skybrud", "oversvømmelse", "klimatilpasning", "lar=", "nedsivning", "kloak",
              "stormflod", "grundvand", "vandforbrug", "vandbesparelse", "spildevand", "drikkevand", "water",
              "flood", "rainwater"),
    # buildings
    "buildings": ("byggeri", "byggemateriale", "træbyggeri", "beton", "lavemission", "dgnb", "nedrivning",
                  "renovering", "ombygning", "nybyggeri", "bygning", "ejendom", "building", "construction",
                  "materials"),
    "housing": ("bolig", "lejer", "beboer", "boligforening", "boligselskab", "andelsbolig", "lejlighed", "husstand",
                "grundejer", "parcelhus", "housing", "tenant", "resident"),
    "space": ("tagflade", "tagareal", "areal", "grund=", "lokaler", "lokale=", "plads", "lager", "hal=",
              "parkeringsplads", "roof", "space"),
    # measuring and reporting
    "accounting": ("co2regnskab", "klimaregnskab", "scope", "udledning", "drivhusgas", "ghg=", "livscyklus",
                   "lca=", "epd=", "klimaaftryk", "co2aftryk", "co2e", "emission", "footprint", "baseline",
                   "klimabelastning", "co2=", "co2udled"),
    "reporting": ("esg=", "csrd", "bæredygtighedsrapport", "rapportering", "taksonomi", "årsrapport",
                  "dokumentation", "reporting", "disclosure"),
    "certification": ("certificer", "iso 14001", "iso14001", "miljøcertif", "svanemærk", "miljømærk",
                      "green key", "greenkey", "ecolabel", "label", "mærkning", "certif"),
    "strategy": ("rådgivning", "strategi", "handlingsplan", "klimaplan", "målsætning", "sparring", "konsulent",
                 "klimamål", "reduktionsmål", "omstilling", "vejledning", "advice", "consult", "strategy"),
    "data": ("data", "måling", "sensor", "måler", "målere", "overvågning", "monitorering", "dashboard",
             "software", "app=", "apps", "platform", "digital", "it=", "itløsning", "system", "beregner",
             "beregning", "værktøj", "tool", "monitor"),
    "it_equipment": ("itudstyr", "computer", "bærbar", "server", "datacenter", "skærme", "telefoner",
                     "hardware", "laptop"),
    # people
    "education": ("undervisning", "elev", "studerende", "praktik", "uddannelse", "skole", "kursus", "kurser",
                  "workshop", "efteruddannelse", "opkvalificer", "studieprojekt", "projektarbejde", "speciale",
                  "bachelor", "lærling", "lærer", "gymnasi", "universitet", "forsker", "forskning", "student",
                  "teaching", "course", "training", "school", "intern", "research"),
    "communication": ("kommunikation", "kampagne", "formidling", "markedsføring", "video", "film", "sociale medier",
                      "fortælle", "fortælling", "synlig", "presse", "nyhedsbrev", "plakat", "hjemmeside",
                      "branding", "communicat", "campaign", "marketing", "story"),
    "behaviour": ("adfærd", "engager", "engagement", "ambassadør", "medarbejder", "involver", "nudg", "motivation",
                  "vaner", "kultur", "employee", "behaviour", "behavior"),
    "community": ("frivillig", "forening", "lokalsamfund", "borger", "fællesskab", "landsby", "klub", "medlem",
                  "naboer", "ildsjæl", "volunteer", "community", "citizen"),
    "events": ("arrangement", "event", "festival", "messe", "konference", "møde", "netværk", "temadag",
               "networking", "conference"),
    "tourism": ("turist", "turisme", "gæst", "overnatning", "hotel", "camping", "feriehus", "sommerhus",
                "oplevelse", "besøgende", "destination", "tourism", "tourist", "visitor"),
    "sport": ("idræt", "sport", "stadion", "idrætshal", "baner", "fodbold", "svømmehal", "motion", "fritid",
              "athlet"),
    "care": ("plejehjem", "ældre", "børnehave", "vuggestue", "dagtilbud", "institution", "sundhed", "hospital",
             "care home", "kindergarten"),
    # money and trade
    "funding": ("finansiering", "fond", "tilskud", "støtte", "lån=", "lån", "investering", "pulje", "ansøgning",
                "leasing", "kapital", "investor", "funding", "grant", "finance", "invest"),
    "procurement": ("indkøb", "leverandør", "udbud", "indkøbspolitik", "grønne indkøb", "krav til", "sortiment",
                    "procure", "supplier", "purchas"),
    "retail": ("butik", "detailhandel", "kunder", "forbruger", "salg", "sælge", "webshop", "retail", "shop",
               "customer"),
    "industry": ("produktion", "fabrik", "industri", "maskine", "proces", "værksted", "spåner", "metal", "stål",
                 "træ=", "manufactur", "factory", "production"),
}
# fmt: on

# Inside a word, "-" and "/" join parts ("CO2-regnskab", "luft/vand"): drop them before matching.
_JOINERS = re.compile(r"(?<=\w)[-/](?=\w)")
_WORD = re.compile(r"[a-zæøåéü0-9]+")


def _compile(parts: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    whole = frozenset(p[:-1] for p in parts if p.endswith("="))
    phrases = tuple(p for p in parts if " " in p)
    inner = tuple(p for p in parts if not p.endswith("=") and " " not in p)
    return whole, phrases, inner


_COMPILED = {name: _compile(parts) for name, parts in TOPICS.items()}


def normalise(text: str) -> str:
    lowered = unicodedata.normalize("NFC", text).lower()
    return _JOINERS.sub("", lowered)


@lru_cache(maxsize=100_000)  # matchmaking scores the same texts block by block
def topics(text: str) -> tuple[str, ...]:
    """The topics `text` touches, in the lexicon's order."""
    lowered = normalise(text)
    words = _WORD.findall(lowered)
    joined = " " + " ".join(words) + " "
    word_set = set(words)
    found = []
    for name, (whole, phrases, inner) in _COMPILED.items():
        if (
            word_set & whole
            or any(p in joined for p in phrases)
            or any(part in word for part in inner for word in words)
        ):
            found.append(name)
    return tuple(found)
