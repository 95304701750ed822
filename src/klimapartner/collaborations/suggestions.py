"""Partners without a collaboration, and whom they could meet: the matchmaking engine's pair scores
(klimapartner.matching) over the partners, as the engine scores people at a partnership day."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language

from klimapartner import matching
from klimapartner.collaborations.models import CollaborationPartner
from klimapartner.collaborations.network import collaborating_pairs, meeting_pairs
from klimapartner.matching.text import text_similarity
from klimapartner.partners.models import Agreement, AgreementStatus, Organisation

# The engine scores every pair: beyond this many partners the page would need seconds and a lot of
# memory, so the candidates are the partners with an active agreement, newest first, up to this many.
MAX_PARTNERS = 600


@dataclass(frozen=True)
class Suggestion:
    partner: Organisation
    score: float
    reason: str


@dataclass(frozen=True)
class Lonely:
    partner: Organisation
    suggestions: list[Suggestion]


def _statements(organisations):
    """Each organisation's latest offers and needs from a partnership-day registration, by theme."""
    from klimapartner.events.models import Registration

    offers, needs = {}, {}
    for org_id, offer, need in (
        Registration.objects.filter(organisation__in=organisations).order_by("organisation_id", "-created")
        .values_list("organisation_id", "offers", "needs")
    ):
        offers.setdefault(org_id, offer or {})
        needs.setdefault(org_id, need or {})
    return offers, needs


def partners_without_collaboration():
    """Organisations with an active agreement and no confirmed collaboration."""
    confirmed = CollaborationPartner.objects.filter(organisation=OuterRef("pk"), collaboration__confirmed_at__isnull=False)
    active = Agreement.objects.filter(organisation=OuterRef("pk"), status=AgreementStatus.ACTIVE)
    return Organisation.objects.filter(Exists(active)).exclude(Exists(confirmed)).order_by("name")


def suggestions(*, per_partner=3) -> list[Lonely]:
    """For each partner without a collaboration, the partners the engine scores highest for them."""
    lonely = list(partners_without_collaboration())
    if not lonely:
        return []
    active = Agreement.objects.filter(status=AgreementStatus.ACTIVE)
    candidates = list(
        Organisation.objects.filter(pk__in=active.values("organisation_id")).order_by("-created")[:MAX_PARTNERS]
    )
    known = {o.pk for o in candidates}
    candidates += [o for o in lonely if o.pk not in known]
    focus = defaultdict(set)
    for org_id, slug in active.filter(organisation__in=candidates).values_list("organisation_id", "focus_areas__slug"):
        if slug:
            focus[org_id].add(slug)
    offers, needs = _statements(candidates)
    together = collaborating_pairs()
    met = meeting_pairs()
    relations = defaultdict(list)
    for pairs, relation in ((together, matching.Relation.COLLABORATE), (met, matching.Relation.MET_BEFORE)):
        for a, b in pairs:
            relations[a].append((f"org:{b}", relation))
            relations[b].append((f"org:{a}", relation))
    ids = {f"org:{o.pk}" for o in candidates}
    people = tuple(
        matching.Participant(
            id=f"org:{o.pk}", name=o.name, organisation=f"org:{o.pk}", organisation_type=o.org_type, sector=o.sector,
            themes=tuple(sorted(focus[o.pk])),
            offers=tuple(matching.Statement(t, s) for t, s in sorted(offers.get(o.pk, {}).items()) if s.strip()),
            needs=tuple(matching.Statement(t, s) for t, s in sorted(needs.get(o.pk, {}).items()) if s.strip()),
            relations=tuple(r for r in relations[o.pk] if r[0] in ids),
        )
        for o in candidates
    )
    problem = matching.Problem(people, matching.PairsFormat(rounds=1))
    method = getattr(settings, "EVENTS_TEXT_METHOD", "combined")
    scores = matching.score_pairs(problem, text_similarity=functools.partial(text_similarity, method=method))
    by_id = {f"org:{o.pk}": o for o in candidates}
    english = (get_language() or "da").startswith("en")
    result = []
    for partner in lonely:
        me = f"org:{partner.pk}"
        ranked = sorted(
            (pid for pid in by_id if pid != me and scores.may_meet(me, pid)
             and tuple(sorted((partner.pk, by_id[pid].pk))) not in together),
            key=lambda pid: (-scores.score(me, pid), by_id[pid].name),
        )[:per_partner]
        items = []
        for pid in ranked:
            reason = scores.reasons(me, pid)[0]
            items.append(Suggestion(by_id[pid], round(scores.score(me, pid), 2), reason.en if english else reason.da))
        result.append(Lonely(partner, items))
    return result
