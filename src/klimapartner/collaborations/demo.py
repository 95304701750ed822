"""Demo ideas and collaborations: a network that has grown over four years, built on the demo partners
(partners/demo.py) and the past partnership day (events/demo.py). Deterministic; dates relative to today.

What `load_demo_collaborations()` adds (tests/collaborations/test_demo.py asserts these numbers):
- 30 confirmed collaborations from four years ago to this year, of every kind, most between partners in
  the same town and a few that bridge towns and sectors;
- the past partnership day's proposals from mutual follow-up ticks: the first two confirmed by the
  coordinator, the rest waiting for the partners (one of them for the Nordstrand editor);
- 6 ideas from elsewhere (the coordinator, partners, an activity, a tour) at different ages, so the
  follow-up list has something to show; the past day's "Skoleelever laver CO2-regnskab" idea gets its
  collaboration.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from klimapartner.collaborations.changes import kind_for, log
from klimapartner.collaborations.models import (
    Collaboration,
    CollaborationKind,
    CollaborationPartner,
    Idea,
    IdeaSource,
    IdeaStatus,
    LogKind,
)
from klimapartner.events.models import Event
from klimapartner.partners.demo import NORDSTRAND_SLUG
from klimapartner.partners.models import FocusArea, Organisation, OrgType

# (title, what it does, focus area, expected t CO2e/year or None) per kind; {a} and {b} are partner names.
TEMPLATES = {
    CollaborationKind.COMPANIES: [
        ("Fælles indkøb af grøn strøm", "{a} og {b} køber strøm fra nye solcelleparker sammen og får en bedre pris.", "energy", "18"),
        ("Overskudsvarme til naboen", "Overskudsvarmen fra {a} varmer lokalerne hos {b}.", "energy", "42"),
        ("Deling af varebiler", "{a} og {b} deler to elvarebiler og en ladestander.", "transport", "6.5"),
        ("Samkørsel i fragten", "Fælles ruter i Vendsyssel: færre halvtomme lastbiler.", "transport", "24"),
        ("Genbrug af paller og emballage", "Paller og kasser går i ring mellem {a} og {b} i stedet for at blive smidt ud.", "resources-waste", "3"),
        ("Fælles klimaregnskab", "{a} hjælper {b} med at lave det første CO2-regnskab.", None, None),
    ],
    CollaborationKind.EDUCATION: [
        ("Elever regner CO2", "Ældste klasse fra {b} laver CO2-regnskab for {a}.", None, None),
        ("Praktik i grøn omstilling", "Elever fra {b} i praktik hos {a} med energi og ressourcer.", "energy", None),
        ("Skolebesøg i virksomheden", "Klasser fra {b} besøger {a} og ser klimatiltagene i praksis.", None, None),
        ("Solceller på skolens tag", "{a} og eleverne på {b} planlægger og måler et solcelleanlæg.", "energy", "9"),
    ],
    CollaborationKind.MUNICIPALITY: [
        ("Energirenovering med kommunen", "Kommunens energirådgivning gennemgår bygningerne hos {a}.", "energy", "12"),
        ("Grønne transportplaner", "{a} laver en transportplan for medarbejderne sammen med kommunen.", "transport", "7"),
    ],
    CollaborationKind.CITIZENS: [
        ("Åbent hus om solceller", "{a} inviterer borgerne indenfor og viser, hvordan anlægget virker.", "energy", None),
        ("Klimadag for borgere", "{a} og {b} holder en klimadag med værksted og byttemarked.", "resources-waste", None),
    ],
}


def _pick_kind(a, b):
    kind = kind_for([a.org_type, b.org_type])
    return kind if kind != CollaborationKind.OTHER else CollaborationKind.CITIZENS


def _confirm_all(collaboration, when):
    CollaborationPartner.objects.filter(collaboration=collaboration).update(confirmed_at=when)
    collaboration.confirmed_at = when
    collaboration.save(update_fields=["confirmed_at"])


def _collaboration(a, b, *, started_on, rng, focus_areas, idea=None, events=()):
    kind = _pick_kind(a, b)
    if OrgType.COMPANY not in (a.org_type, b.org_type) and kind == CollaborationKind.EDUCATION:
        kind = CollaborationKind.CITIZENS
    if kind == CollaborationKind.EDUCATION and a.org_type == OrgType.EDUCATION:
        a, b = b, a  # the templates name the company first
    title, text, focus, effect = rng.choice(TEMPLATES[kind])
    collaboration = Collaboration.objects.create(
        title=title, description=text.format(a=a.name, b=b.name), kind=kind, started_on=started_on,
        expected_effect=Decimal(effect) if effect else None, idea=idea,
    )
    CollaborationPartner.objects.bulk_create(
        [CollaborationPartner(collaboration=collaboration, organisation=o) for o in (a, b)]
    )
    if focus and focus in focus_areas:  # the coordinator may have renamed the default focus areas
        collaboration.focus_areas.set([focus_areas[focus]])
    collaboration.events.set(events)
    log(kind=LogKind.CREATED, collaboration=collaboration, author_name="Lise Kjærsgaard")
    return collaboration


def load_demo_collaborations() -> int:
    """Add the demo ideas and collaborations (after the demo partners and days); returns how many
    confirmed collaborations were added (0 when they are there already)."""
    if Collaboration.objects.filter(confirmed_at__isnull=False, memberships__isnull=False).exists():
        return 0
    partners = list(Organisation.objects.filter(is_published=True).order_by("name"))
    if len(partners) < 10:
        return 0
    with transaction.atomic():
        return _load(partners)


def _load(partners):
    rng = random.Random("klimapartner-demo-collaborations")
    today = timezone.localdate()
    focus_areas = {f.slug: f for f in FocusArea.objects.all()}
    by_town = {}
    for p in partners:
        by_town.setdefault(p.town, []).append(p)
    towns = sorted(by_town, key=lambda t: -len(by_town[t]))
    made, seen = 0, set()
    # Grows year by year: 4, 6, 8, 12 collaborations; the last year's stop before today.
    for years_ago, count in ((4, 4), (3, 6), (2, 8), (1, 12)):
        year = today.year - years_ago
        for n in range(count):
            if n % 4 == 3:  # a bridge between two towns
                a = rng.choice(by_town[rng.choice(towns[:3])])
                b = rng.choice(by_town[rng.choice(towns[3:])])
            else:
                town = by_town[rng.choice(towns[:5])]
                a, b = rng.sample(town, 2)
            if a.pk == b.pk or frozenset((a.pk, b.pk)) in seen:
                continue
            seen.add(frozenset((a.pk, b.pk)))
            started = date(year, 1 + (n * 5) % 12, 1 + (n * 7) % 27)
            collaboration = _collaboration(a, b, started_on=started, rng=rng, focus_areas=focus_areas)
            _confirm_all(collaboration, timezone.make_aware(datetime.combine(started, time(12))))
            made += 1

    past = Event.objects.filter(title="Partnerskabsdag i Hirtshals").first()
    if past is not None:
        proposals = list(Collaboration.objects.filter(events=past, confirmed_at__isnull=True).order_by("pk"))
        for proposal in proposals[:2]:
            _confirm_all(proposal, timezone.now() - timedelta(days=30))
            made += 1
        idea = Idea.objects.filter(event=past, status=IdeaStatus.COLLABORATION).first()
        if idea is not None and idea.partners.count() >= 2:
            a, b = list(idea.partners.order_by("name"))[:2]
            collaboration = _collaboration(a, b, started_on=past.date + timedelta(days=20), rng=rng,
                                           focus_areas=focus_areas, idea=idea, events=[past])
            collaboration.title = idea.title
            collaboration.save(update_fields=["title"])
            _confirm_all(collaboration, timezone.now() - timedelta(days=25))
            made += 1
    nordstrand = Organisation.objects.filter(slug=NORDSTRAND_SLUG).first()
    if nordstrand is not None:
        other = next(p for p in partners if p.town != nordstrand.town and p.org_type == OrgType.EDUCATION)
        waiting = _collaboration(nordstrand, other, started_on=today - timedelta(days=10), rng=rng,
                                 focus_areas=focus_areas)
        CollaborationPartner.objects.filter(collaboration=waiting, organisation=other).update(
            confirmed_at=timezone.now() - timedelta(days=9))
    _load_ideas(partners, rng, today)
    return made


IDEAS = [
    # (title, description, source, days old, status)
    ("Fælles cykelparkering ved stationen", "Overdækket cykelparkering med ladere til elcykler.", IdeaSource.COORDINATOR, 100, IdeaStatus.NEW),
    ("Bytteordning for arbejdstøj", "Virksomheder bytter og genbruger arbejdstøj i stedet for at købe nyt.", IdeaSource.PARTNER, 45, IdeaStatus.IN_PROGRESS),
    ("Madspild fra kantinen til dyrefoder", "Restprodukter fra kantinerne går til en lokal landmand.", IdeaSource.ACTIVITY, 35, IdeaStatus.NEW),
    ("Besøg på renseanlægget med elever", "Elever ser, hvordan spildevand bliver til biogas.", IdeaSource.TOUR, 12, IdeaStatus.NEW),
    ("Grøn indkøbspolitik for foreninger", "Fælles retningslinjer for indkøb i idrætsforeningerne.", IdeaSource.PARTNER, 200, IdeaStatus.PARKED),
    ("Vindmølle-laug for virksomheder", "Virksomheder køber andele i en lokal vindmølle.", IdeaSource.COORDINATOR, 400, IdeaStatus.DROPPED),
]


def _load_ideas(partners, rng, today):
    now = timezone.now()
    for title, description, source, age, status in IDEAS:
        a, b = rng.sample(partners, 2)
        idea = Idea.objects.create(title=title, description=description, source=source, status=status,
                                   owner="Lise Kjærsgaard" if source == IdeaSource.COORDINATOR else "",
                                   owner_organisation=None if source == IdeaSource.COORDINATOR else a)
        idea.partners.set([a, b])
        created = now - timedelta(days=age)
        Idea.objects.filter(pk=idea.pk).update(created=created)
        entry = log(kind=LogKind.CREATED, idea=idea, status=IdeaStatus.NEW, author_name=idea.owner or a.name)
        type(entry).objects.filter(pk=entry.pk).update(created=created)
        if status != IdeaStatus.NEW:
            entry = log(kind=LogKind.STATUS, idea=idea, status=status, author_name=idea.owner or a.name)
            type(entry).objects.filter(pk=entry.pk).update(created=created + timedelta(days=min(age // 2, 20)))
