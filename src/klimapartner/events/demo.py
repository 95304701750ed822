"""Demo partnership days: an upcoming one with registrations, ready to schedule, and a past one with
a held schedule, feedback, ideas and collaborations. Built from the demo partners (partners/demo.py);
the same database gives the same data every time (dates are relative to today)."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from klimapartner import matching
from klimapartner.events import changes, planning
from klimapartner.collaborations.models import Idea, IdeaStatus
from klimapartner.events.models import Event, EventFormat, Registration
from klimapartner.partners.models import ContactPerson, FocusArea, Organisation, Sector

UPCOMING_TITLE = "Partnerskabsdag: Fra passiv til aktiv"
PAST_TITLE = "Partnerskabsdag i Hirtshals"

# What people from each sector say they offer and seek; written for the demo (the theme slug first).
STATEMENTS = {
    Sector.ENERGY: (("energy", "Vi rådgiver om solceller og batterier på erhvervstage"),
                    ("buildings", "Vi søger tagflader og bygninger hvor vi kan afprøve energilagring")),
    Sector.MANUFACTURING: (("resources-waste", "Vi har stålrester og paller som andre kan bruge"),
                           ("energy", "Vi søger hjælp til at udnytte overskudsvarme fra produktionen")),
    Sector.CONSTRUCTION: (("buildings", "Vi energirenoverer ældre huse og kender tilskudsordningerne"),
                          ("resources-waste", "Vi søger aftagere af brugte mursten, vinduer og tømmer")),
    Sector.FOOD: (("food", "Vi har overskudsbrød og grøntsager der ikke kan sælges"),
                  ("transport", "Vi søger en fælles løsning til varelevering med elbil")),
    Sector.TRANSPORT: (("transport", "Vi har erfaring med elektriske lastbiler og ladning på depotet"),
                       ("energy", "Vi søger grøn strøm og ladestandere tæt på vores ruter")),
    Sector.RETAIL: (("resources-waste", "Vi tager imod brugte cykler og sætter dem i stand"),
                    ("behaviour-communication", "Vi søger partnere til en kampagne om at handle lokalt")),
    Sector.SERVICES: (("behaviour-communication", "Vi hjælper små virksomheder med at lave et CO2-regnskab"),
                      ("education", "Vi søger en skole der vil undervise i klima med os")),
    Sector.EDUCATION: (("education", "Vores elever laver gerne projekter for lokale virksomheder"),
                       ("nature", "Vi søger steder hvor eleverne kan arbejde med natur og biodiversitet")),
    Sector.PUBLIC: (("nature", "Vi har arealer der kan plejes som vild natur"),
                    ("behaviour-communication", "Vi søger virksomheder der vil fortælle borgerne om deres klimaarbejde")),
    Sector.TOURISM: (("food", "Vi serverer lokale råvarer for turister hele sommeren"),
                     ("transport", "Vi søger cykeludlejning og busser til gæsterne")),
    Sector.FISHERIES: (("resources-waste", "Vi har udtjente fiskenet og reb der kan genanvendes"),
                       ("energy", "Vi søger landstrøm og grønnere brændstof til kutterne")),
    Sector.HOUSING: (("buildings", "Vi har boligblokke der står foran energirenovering"),
                     ("behaviour-communication", "Vi søger hjælp til at få beboerne til at spare på varmen")),
    Sector.CULTURE: (("behaviour-communication", "Vi har en scene og mange besøgende til klimaformidling"),
                     ("resources-waste", "Vi søger genbrugsmaterialer til kulisser og værksteder")),
}


def _day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


def _people():
    """(organisation, contact) pairs from the demo partners with an email address, in a fixed order."""
    contacts = (
        ContactPerson.objects.exclude(email="").select_related("organisation")
        .filter(organisation__is_published=True).order_by("organisation__name", "name", "pk")
    )
    seen, out = set(), []
    for contact in contacts:
        if contact.organisation_id not in seen:
            seen.add(contact.organisation_id)
            out.append(contact)
    return out


def _register(event, contact, rng, *, rounds=None) -> Registration:
    organisation = contact.organisation
    offer, need = STATEMENTS.get(organisation.sector, STATEMENTS[Sector.SERVICES])
    registration = Registration(
        event=event, name=contact.name, email=contact.email, organisation=organisation, role=contact.role,
        offers={offer[0]: offer[1]}, needs={need[0]: need[1]}, consent=True,
        dietary=rng.choice(["", "", "", "", "Vegetar", "Glutenfri"]), rounds=rounds or [],
    )
    registration.save()
    registration.themes.set(FocusArea.objects.filter(slug__in={offer[0], need[0]}))
    return registration


def _create_event(title, day, *, rounds, capacity, deadline_days_before):
    event = Event.objects.create(
        title=title, date=day, venue="Hirtshals Fyr, Fyrvej 1, 9850 Hirtshals" if day < _day(0)
        else "Vendsyssel Teater, Markedsgade 1, 9800 Hjørring",
        description="Et oplæg om klimapartnerskaber, derefter korte 1:1-møder med nye partnere.",
        capacity=capacity, format=EventFormat.PAIRS, invite_all=True,
        registration_deadline=timezone.make_aware(datetime.combine(day - timedelta(days=deadline_days_before),
                                                                   time(12, 0))),
    )
    changes.add_programme(event=event, talk_at=time(13, 0), talk_minutes=30, first_round_at=time(13, 40),
                          rounds=rounds, minutes=12, pause=3)
    changes.add_tables(event=event, count=20, min_seats=2, max_seats=2)
    return event


@transaction.atomic
def load_demo_events() -> int:
    """Create the two demo partnership days (after the demo partners); returns how many were created."""
    if Event.objects.filter(title__in=[UPCOMING_TITLE, PAST_TITLE]).exists():
        return 0
    people = _people()
    if len(people) < 10:
        return 0
    past = _load_past(people)
    upcoming = _create_event(UPCOMING_TITLE, _day(21), rounds=6, capacity=60, deadline_days_before=7)
    rng = random.Random("klimapartner-demo-upcoming")
    registrations = [_register(upcoming, contact, rng, rounds=[1, 2, 3] if n % 13 == 5 else None)
                     for n, contact in enumerate(people[:40])]
    # A few wishes, some about people they met last time (so the memory across days shows).
    orgs = [r.organisation for r in registrations]
    for n, registration in enumerate(registrations):
        if n % 7 == 0:
            registration.must_meet.set([orgs[(n * 5 + 3) % len(orgs)]])
        if n % 17 == 3:
            registration.rather_not.set([orgs[(n + 1) % len(orgs)]])
    return 1 + (past is not None)


def _load_past(people):
    event = _create_event(PAST_TITLE, _day(-60), rounds=4, capacity=40, deadline_days_before=7)
    rng = random.Random("klimapartner-demo-past")
    registrations = [_register(event, contact, rng) for contact in people[:30]]
    no_shows = {registrations[4].pk, registrations[17].pk}
    # The engine's re-planning from an empty schedule is a deterministic greedy plan: the same every load.
    problem = planning.build_problem(event=event, registrations=planning.scheduled_registrations(event))
    scores = planning.score(problem, text_method="lexical")
    empty = matching.Schedule((), 0.0)
    plan = matching.replan(problem, empty, held_rounds=0, no_shows=[f"r{pk}" for pk in no_shows], scores=scores)
    planning.save_meetings(event=event, schedule=plan.schedule)
    start = timezone.make_aware(datetime.combine(event.date, time(12, 50)))
    Event.objects.filter(pk=event.pk).update(objective=plan.schedule.objective, bound=None,
                                             scheduled_at=start - timedelta(days=3),
                                             published_at=start - timedelta(days=2))
    event.refresh_from_db()
    Registration.objects.filter(event=event).exclude(pk__in=no_shows).update(checked_in_at=start)
    Registration.objects.filter(pk__in=no_shows).update(no_show=True)
    for meeting in event.meetings.prefetch_related("seats__registration").order_by("pk"):
        for seat in meeting.seats.all():
            if rng.random() < 0.8:
                useful = rng.choice([2, 3, 4, 4, 5, 5])
                changes.save_feedback(registration=seat.registration, meeting=meeting, useful=useful,
                                      follow_up=useful >= 4 and rng.random() < 0.6)
    ideas = [
        ("Bustur rundt i kommunen", "Partnerne besøger hinanden på en bustur og ser hinandens klimatiltag.",
         IdeaStatus.IN_PROGRESS),
        ("Fælles delebiler i Hirtshals", "Tre virksomheder deler elbiler og ladestandere på havnen.", IdeaStatus.NEW),
        ("Skoleelever laver CO2-regnskab", "Ældste klasse hjælper en lokal virksomhed med regnskabet.",
         IdeaStatus.COLLABORATION),
        ("Genbrug af fiskenet", "Net fra havnen bliver til nye produkter.", IdeaStatus.DROPPED),
    ]
    for n, (title, description, status) in enumerate(ideas):
        owner = registrations[n * 3]
        idea = Idea.objects.create(event=event, title=title, description=description, status=status,
                                   registration=owner, owner=f"{owner.name}, {owner.organisation_name}")
        idea.partners.set(Organisation.objects.filter(pk__in=[owner.organisation_id,
                                                              registrations[n * 3 + 1].organisation_id]))
    return event
