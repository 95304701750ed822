"""Seeded synthetic partnership days for tests and the benchmark.

Fictional organisations in the towns of a North Jutland coastal
municipality, with themes, offers and needs drawn so that some pairs
complement each other and most do not.
"""

from __future__ import annotations

import numpy as np

from .model import PairsFormat, Participant, Problem, Relation, Statement, Table, TablesFormat, Wish, WishKind

TOWNS = ("Hjørring", "Hirtshals", "Sindal", "Løkken", "Vrå", "Tårs", "Lønstrup", "Tversted")
SECTORS = ("energi", "byggeri", "landbrug", "fødevarer", "transport", "turisme", "uddannelse", "detail", "industri", "kommune")
TYPES = ("company", "school", "association", "municipal")
THEMES = {
    "overskudsvarme": ("en aftager af overskudsvarme", "driver fjernvarme i {town}"),
    "solceller": ("rådgivning om solceller på taget", "installerer solceller i {town}"),
    "elbiler": ("ladestandere til vores firmabiler", "driver et ladenetværk i {town}"),
    "madspild": ("en aftager af overskudsmad", "henter overskudsmad i {town}"),
    "genbrug": ("afsætning af brugte byggematerialer", "sælger genbrugte byggematerialer i {town}"),
    "undervisning": ("en virksomhed, eleverne kan besøge", "underviser 8. klasser i {town} i klima"),
    "cykling": ("flere medarbejdere på cykel", "arrangerer cykelkampagner i {town}"),
    "biogas": ("en aftager af gylle og restprodukter", "driver et biogasanlæg ved {town}"),
    "isolering": ("energirenovering af vores bygninger", "energirenoverer ældre huse i {town}"),
    "lokale_råvarer": ("lokale råvarer til køkkenet", "dyrker grøntsager ved {town}"),
    "vand": ("mindre vandforbrug i produktionen", "måler og styrer vandforbrug i {town}"),
    "regnskab": ("hjælp til vores CO2-regnskab", "laver CO2-regnskaber for små virksomheder i {town}"),
}


def synthetic_problem(n: int, *, seed: int = 0, rounds: int = 8, mode: str = "pairs", tables: int | None = None,
                      seats: tuple[int, int] = (5, 6), wishes: bool = True) -> Problem:
    """n participants from about n/2 organisations; `tables` is the 1:1 table limit in pairs mode."""
    rng = np.random.default_rng(seed)
    themes = list(THEMES)
    n_orgs = max(1, n // 2)
    orgs = [(f"Org {k + 1} {TOWNS[k % len(TOWNS)]}", TYPES[rng.integers(len(TYPES))], SECTORS[rng.integers(len(SECTORS))],
             TOWNS[k % len(TOWNS)]) for k in range(n_orgs)]
    people = []
    for i in range(n):
        name, kind, sector, town = orgs[rng.integers(n_orgs)] if i >= n_orgs else orgs[i]
        picks = rng.choice(len(themes), size=4, replace=False)
        need_t, offer_t = themes[picks[0]], themes[picks[1]]
        people.append(dict(id=f"p{i + 1}", name=f"Deltager {i + 1}", organisation=name, organisation_type=kind, sector=sector,
                           themes=tuple(sorted({themes[picks[2]], themes[picks[3]]})),
                           needs=(Statement(need_t, f"Vi søger {THEMES[need_t][0]}"),),
                           offers=(Statement(offer_t, f"Vi {THEMES[offer_t][1].format(town=town)}"),)))
    for i, person in enumerate(people):
        wish_list = []
        if wishes and rng.random() < 0.05:
            wish_list.append(Wish(WishKind.MUST_MEET, participant=f"p{rng.integers(n) + 1}"))
        if wishes and rng.random() < 0.02:
            wish_list.append(Wish(WishKind.RATHER_NOT, participant=f"p{rng.integers(n) + 1}"))
        relations = tuple((f"p{rng.integers(n) + 1}", Relation.COLLABORATE) for _ in range(int(rng.random() < 0.1)))
        person["wishes"] = tuple(w for w in wish_list if w.participant != person["id"])
        person["relations"] = tuple(r for r in relations if r[0] != person["id"])
    participants = tuple(Participant(**p) for p in people)
    if mode == "pairs":
        return Problem(participants, PairsFormat(rounds, tables))
    lo, hi = seats
    count = -(-n // hi)  # as few tables as hold everyone, then make sure minimums fit
    while count * lo > n:
        count -= 1
    table_list = tuple(Table(str(t + 1), lo, hi) for t in range(count))
    return Problem(participants, TablesFormat(rounds, table_list))
