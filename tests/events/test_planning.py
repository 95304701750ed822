from datetime import timedelta

import pytest

from klimapartner import matching
from klimapartner.events import planning
from klimapartner.events.models import EventFormat, RegistrationStatus
from tests.events.factories import at, make_event, make_registration
from tests.factories import make_organisation


@pytest.fixture
def four(db):
    """Four people from four organisations: three rounds are exactly enough for everyone to meet everyone."""
    event = make_event(rounds=3)
    orgs = [make_organisation(name, sector=sector) for name, sector in (
        ("Hirtshals Havn", "transport"), ("Sindal Skole", "education"), ("Løkken Bryghus", "food"),
        ("Vrå Varme", "energy"))]
    people = [make_registration(event, name, organisation=org) for name, org in zip(
        ("Anna Holm", "Bo Lund", "Carla Møller", "Dan Vestergaard"), orgs)]
    return event, orgs, people


def pairs_of(event):
    return sorted(tuple(sorted(s.registration.name for s in m.seats.all())) for m in event.meetings.all())


def test_it_builds_the_engines_problem_from_registrations(four):
    event, orgs, people = four
    anna = people[0]
    anna.offers = {"energy": "Vi har overskudsvarme fra havnen"}
    anna.needs = {"transport": "Vi søger elbiler til deling"}
    anna.rounds = [1, 3]
    anna.save()
    anna.must_meet.set([orgs[1]])
    anna.rather_not.set([orgs[2]])
    problem = planning.build_problem(event=event, registrations=planning.scheduled_registrations(event))
    first = problem.participants[0]
    assert problem.format == matching.PairsFormat(rounds=3, tables=None)
    assert first == matching.Participant(
        id=f"r{anna.pk}", name="Anna Holm", organisation=f"org:{orgs[0].pk}", organisation_type="company",
        sector="transport", themes=("energy",),
        offers=(matching.Statement("energy", "Vi har overskudsvarme fra havnen"),),
        needs=(matching.Statement("transport", "Vi søger elbiler til deling"),),
        wishes=(matching.Wish(matching.WishKind.MUST_MEET, organisation=f"org:{orgs[1].pk}"),
                matching.Wish(matching.WishKind.RATHER_NOT, organisation=f"org:{orgs[2].pk}")),
        rounds=frozenset({1, 3}),
    )


def test_scheduling_saves_every_meeting_with_reasons_and_quality(four):
    event, _orgs, people = four
    schedule = planning.schedule_event(event=event, steps=300)
    assert len(schedule.meetings) == 6
    assert pairs_of(event) == [
        ("Anna Holm", "Bo Lund"), ("Anna Holm", "Carla Møller"), ("Anna Holm", "Dan Vestergaard"),
        ("Bo Lund", "Carla Møller"), ("Bo Lund", "Dan Vestergaard"), ("Carla Møller", "Dan Vestergaard"),
    ]
    assert sorted(m.round for m in event.meetings.all()) == [1, 1, 2, 2, 3, 3]
    assert all(s.reason_da and s.reason_en for m in event.meetings.all() for s in m.seats.all())
    quality = planning.quality(event=event)
    assert [n for _r, n in quality.meetings_per_person] == [3, 3, 3, 3]
    assert quality.without_meetings == 0
    assert event.objective == pytest.approx(schedule.objective)
    assert event.published_at is None


def test_people_who_met_at_an_earlier_day_are_not_paired_again(four):
    event, orgs, people = four
    earlier = make_event(day=event.date - timedelta(days=90), rounds=1, title="Forårets partnerskabsdag")
    a = make_registration(earlier, "Anna Holm", organisation=orgs[0], email=people[0].email)
    b = make_registration(earlier, "Bo Lund", organisation=orgs[1], email=people[1].email)
    planning.save_meetings(event=earlier, schedule=matching.Schedule(
        (matching.Meeting(1, "1", (f"r{a.pk}", f"r{b.pk}"), 1.0),), 1.0))
    planning.schedule_event(event=event, steps=300)
    assert ("Anna Holm", "Bo Lund") not in pairs_of(event)
    assert len(pairs_of(event)) == 5


def test_people_who_met_before_meet_again_when_one_asks(four):
    event, orgs, people = four
    earlier = make_event(day=event.date - timedelta(days=90), rounds=1, title="Forårets partnerskabsdag")
    a = make_registration(earlier, "Anna Holm", organisation=orgs[0], email=people[0].email)
    b = make_registration(earlier, "Bo Lund", organisation=orgs[1], email=people[1].email)
    planning.save_meetings(event=earlier, schedule=matching.Schedule(
        (matching.Meeting(1, "1", (f"r{a.pk}", f"r{b.pk}"), 1.0),), 1.0))
    people[1].must_meet.set([orgs[0]])
    planning.schedule_event(event=event, steps=300)
    assert ("Anna Holm", "Bo Lund") in pairs_of(event)


def test_colleagues_never_meet_and_waiting_list_is_not_scheduled(four):
    event, orgs, people = four
    make_registration(event, "Eva Holm", organisation=orgs[0])
    make_registration(event, "Finn Vent", guest="Tversted Camping", status=RegistrationStatus.WAITING)
    planning.schedule_event(event=event, steps=300)
    assert all("Finn Vent" not in pair for pair in pairs_of(event))
    assert ("Anna Holm", "Eva Holm") not in pairs_of(event)


def test_tables_format_seats_everyone_at_a_named_table(db):
    event = make_event(rounds=2, tables=2, format=EventFormat.TABLES)
    for n in range(10):
        make_registration(event, f"Deltager {n}", guest=f"Gæst {n}")
    planning.schedule_event(event=event, steps=300)
    seated = {1: 0, 2: 0}
    for m in event.meetings.all():
        assert 4 <= m.seats.count() <= 6
        seated[m.round] += m.seats.count()
    assert seated == {1: 10, 2: 10}
    assert sorted(planning.table_names(event)[m.table] for m in event.meetings.filter(round=1)) == ["Bord 1", "Bord 2"]


def test_rounds_held_follows_the_programme_clock(four):
    event = four[0]
    assert planning.rounds_held(event, now=at(event, 12, 59)) == 0
    assert planning.rounds_held(event, now=at(event, 13, 0)) == 1
    assert planning.rounds_held(event, now=at(event, 13, 31)) == 3
