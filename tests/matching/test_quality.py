"""The schedule in a coordinator's terms: meetings per person, wishes met, new contacts, sectors."""

from klimapartner.matching import (
    Meeting, PairsFormat, Participant, Problem, Relation, Schedule, Table, TablesFormat, Wish, WishKind, summary,
)


def people():
    return (
        Participant("a", sector="energy", organisation="A", wishes=(Wish(WishKind.MUST_MEET, participant="c"),),
                    relations=(("b", Relation.MET_BEFORE),)),
        Participant("b", sector="energy", organisation="B", wishes=(Wish(WishKind.MUST_MEET, organisation="D"),)),
        Participant("c", sector="food", organisation="C"),
        Participant("d", sector="", organisation="D"),
    )


def test_a_day_of_one_to_one_meetings_in_numbers():
    schedule = Schedule((Meeting(1, "1", ("a", "b"), 1.0), Meeting(1, "2", ("c", "d"), 1.0),
                         Meeting(2, "1", ("a", "c"), 1.0)), 3.0, 3.0)
    q = summary(Problem(people(), PairsFormat(2, minimum_meetings=2)), schedule)
    assert (q.people, q.meetings, q.meetings_min, q.meetings_median, q.meetings_max) == (4, 3, 1, 1.5, 2)
    assert q.fewest == ("b", "d")
    assert (q.contacts, q.new_contacts, q.cross_sector) == (3, 2, 1)  # a-b met before; only a-c crosses known sectors
    assert (q.wishes, q.wishes_met, q.unmet_wishes) == (2, 1, (("b", "org:D"),))
    assert q.below_minimum == ("b", "d")
    assert q.proven_optimal and not q.everyone_meets_new_people
    assert q.sentences("en")[0] == "Meetings per person: at least 1, median 1.5, at most 2"
    assert q.sentences("da")[1] == "Ønsker om at mødes opfyldt: 1 af 2"


def test_tables_say_when_everyone_meets_new_people_in_every_round():
    problem = Problem(people(), TablesFormat(2, (Table("X", 2, 2), Table("Y", 2, 2))))
    fresh = Schedule((Meeting(1, "X", ("a", "b"), 1.0), Meeting(1, "Y", ("c", "d"), 1.0),
                      Meeting(2, "X", ("a", "c"), 1.0), Meeting(2, "Y", ("b", "d"), 1.0)), 4.0, 5.0)
    q = summary(problem, fresh)
    assert (q.repeats, q.everyone_meets_new_people, q.contacts_min, q.meetings_min) == (0, True, 2, 2)
    assert "Everyone meets new people in every round" in q.sentences("en")
    again = Schedule(fresh.meetings[:2] + fresh.meetings[:2], 2.0, 5.0)
    assert summary(problem, again).repeats == 2
