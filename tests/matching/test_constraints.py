from klimapartner.matching import (
    Meeting, PairsFormat, Participant, Pin, Problem, Relation, Schedule, Table, TablesFormat, Wish, WishKind, check,
    explain_infeasible,
)


def texts(findings, language="en"):
    return [f.text(language) for f in findings]


def pair_problem(tables=None, **rounds):
    people = (
        Participant("a", organisation="A", rounds=rounds.get("a")),
        Participant("b", organisation="B", rounds=rounds.get("b")),
        Participant("c", organisation="A"),
        Participant("d", organisation="D"),
    )
    return Problem(people, PairsFormat(2, tables))


def meetings(*rows):
    return Schedule(tuple(Meeting(r, t, tuple(p), 1.0) for r, t, p in rows), objective=float(len(rows)))


def test_a_valid_schedule_breaks_no_rule():
    schedule = meetings((1, "1", ("a", "b")), (1, "2", ("c", "d")), (2, "1", ("a", "d")), (2, "2", ("b", "c")))
    assert check(pair_problem(), schedule) == []


def test_it_names_each_broken_pair_rule():
    schedule = meetings(
        (1, "1", ("a", "b")),
        (1, "2", ("a", "d")),  # a twice in round 1
        (2, "1", ("b", "a")),  # the pair again
        (2, "2", ("a", "c")),  # colleagues
        (3, "1", ("b", "d")),  # no round 3
    )
    assert texts(check(pair_problem(), schedule)) == [
        "Round 1: a already has a meeting in this round",
        "Round 2: b and a already meet in round 1",
        "Round 2: a and c are colleagues from the same organisation and never meet 1:1",
        "Round 3: the round does not exist",
    ]
    assert [f.code for f in check(pair_problem(), schedule)] == ["busy", "met_twice", "colleagues", "round_missing"]


def test_it_names_availability_and_the_table_limit():
    problem = pair_problem(tables=1, a=frozenset({2}))
    schedule = meetings((1, "1", ("a", "b")), (2, "1", ("a", "b")), (2, "2", ("c", "d")))
    assert texts(check(problem, schedule)) == [
        "Round 1: a is not there in this round",
        "Round 2: there are only 1 tables",
    ]


def test_it_speaks_danish_too():
    schedule = meetings((1, "1", ("a", "c")))
    assert texts(check(pair_problem(), schedule), "da") == ["Runde 1: a og c er kolleger fra samme organisation og mødes ikke 1:1"]


def test_a_mutual_must_meet_left_out_is_a_violation():
    people = (Participant("a", wishes=(Wish(WishKind.MUST_MEET, participant="b"),)),
              Participant("b", wishes=(Wish(WishKind.MUST_MEET, participant="a"),)), Participant("c"))
    problem = Problem(people, PairsFormat(1))
    # a meets c although b is free: the wish lost to an ordinary meeting
    assert [f.code for f in check(problem, meetings((1, "1", ("a", "c"))))] == ["wish_left_out"]
    two_rounds = Problem(people, PairsFormat(2))
    assert texts(check(two_rounds, meetings((1, "1", ("a", "c"))))) == [
        "a asked to meet b; in round 1 they could meet instead of an ordinary meeting"
    ]
    assert check(problem, meetings((1, "1", ("a", "b")))) == []


def test_an_impossible_must_meet_is_explained():
    people = (Participant("a", rounds=frozenset({1, 2}), wishes=(Wish(WishKind.MUST_MEET, participant="b"),)),
              Participant("b", rounds=frozenset({3}), wishes=(Wish(WishKind.MUST_MEET, participant="a"),)))
    assert texts(explain_infeasible(Problem(people, PairsFormat(3)))) == [
        "a and b asked to meet, but are never available in the same round (a: rounds 1, 2; b: rounds 3)"
    ]


def tables_problem(tables, n=7, orgs=None, separate=True):
    people = tuple(Participant(f"p{i}", organisation=(orgs[i] if orgs else f"O{i}")) for i in range(n))
    return Problem(people, TablesFormat(1, tuple(tables), separate))


def test_too_few_or_too_many_seats_are_explained():
    assert texts(explain_infeasible(tables_problem([Table("A", 2, 3), Table("B", 2, 3)], n=7))) == [
        "Round 1: 7 participants are available but the tables seat only 6"
    ]
    assert texts(explain_infeasible(tables_problem([Table("A", 4, 5), Table("B", 4, 5)], n=7))) == [
        "Round 1: only 7 participants are available but the tables need at least 8"
    ]
    assert texts(explain_infeasible(tables_problem([Table("A", 3, 2)], n=2))) == [
        "Table A: at least 3 and at most 2 seats makes no sense",
        "Round 1: only 2 participants are available but the tables need at least 3",
    ]


def test_an_organisation_larger_than_the_number_of_tables_is_explained():
    problem = tables_problem([Table("A", 1, 5), Table("B", 1, 5)], n=4, orgs=["X", "X", "X", "Y"])
    assert texts(explain_infeasible(problem)) == [
        "Round 1: X has 3 participants but there are only 2 tables, and colleagues sit at different tables"
    ]
    relaxed = tables_problem([Table("A", 1, 5), Table("B", 1, 5)], n=4, orgs=["X", "X", "X", "Y"], separate=False)
    assert explain_infeasible(relaxed) == []


def test_it_names_each_broken_table_rule():
    problem = tables_problem([Table("A", 2, 3), Table("B", 2, 3)], n=5, orgs=["X", "X", "Y", "Z", "W"])
    schedule = Schedule((
        Meeting(1, "A", ("p0", "p1", "p2", "p3", "p4"), 0.0),  # colleagues, and over the maximum
        Meeting(1, "B", ("p0",), 0.0),  # p0 twice, B below its minimum
        Meeting(1, "C", ("p1",), 0.0),
    ), 0.0)
    assert texts(check(problem, schedule)) == [
        "Round 1: p1 and their colleague p0 at the same table A",
        "Round 1: table A is full (3 seats)",
        "Round 1: p0 already sits at another table",
        "Round 1: table C does not exist",
        "Round 1: p1 is there but has no seat",
        "Round 1: p4 is there but has no seat",
        "Round 1: table B seats 0, at least 2 required",
    ]


def test_a_one_sided_wish_is_never_left_out_for_an_ordinary_meeting():
    people = (Participant("a", wishes=(Wish(WishKind.MUST_MEET, participant="b"),)), Participant("b"),
              Participant("c"), Participant("d"))
    problem = Problem(people, PairsFormat(1))
    # a meets c and b meets d, though a and b could meet instead: the wish lost to ordinary meetings.
    assert texts(check(problem, meetings((1, "1", ("a", "c")), (1, "2", ("b", "d"))))) == [
        "a asked to meet b; in round 1 they could meet instead of an ordinary meeting"]
    assert check(problem, meetings((1, "1", ("a", "b")), (1, "2", ("c", "d")))) == []


def test_a_wish_gives_way_to_a_meeting_someone_needs_for_their_minimum():
    people = (Participant("a", wishes=(Wish(WishKind.MUST_MEET, participant="b"),)), Participant("b"), Participant("c"))
    problem = Problem(people, PairsFormat(1, minimum_meetings=1))
    # b meets c, whose only meeting it is: taking it away would leave c below the minimum.
    assert check(problem, meetings((1, "1", ("b", "c")))) == []


def test_someone_below_the_minimum_beside_a_free_partner_is_named():
    people = tuple(Participant(pid) for pid in "abcd")
    problem = Problem(people, PairsFormat(2, minimum_meetings=2))
    schedule = meetings((1, "1", ("a", "b")), (1, "2", ("c", "d")), (2, "1", ("a", "c")))
    assert texts(check(problem, schedule)) == ["b has only 1 meetings (at least 2), but d is free in round 2 too",
                                               "d has only 1 meetings (at least 2), but b is free in round 2 too"]


def test_people_who_met_at_an_earlier_day_do_not_meet_again_unless_one_asks():
    people = (Participant("a", relations=(("b", Relation.MET_BEFORE),)), Participant("b"))
    assert texts(check(Problem(people, PairsFormat(1)), meetings((1, "1", ("a", "b"))))) == [
        "Round 1: a and b met at an earlier partnership day, and neither asked to meet again"]
    asked = (people[0], Participant("b", wishes=(Wish(WishKind.MUST_MEET, participant="a"),)))
    assert check(Problem(asked, PairsFormat(1)), meetings((1, "1", ("a", "b")))) == []


def test_pins_and_held_rounds_are_rules_of_their_own():
    people = tuple(Participant(pid) for pid in "abcd")
    problem = Problem(people, PairsFormat(2), pins=(Pin("a", 1, "1"), Pin("b", 1, "1"), Pin("c", 2, "3")), held_rounds=1)
    kept = meetings((1, "1", ("a", "b")), (2, "3", ("c", "d")))
    assert check(problem, kept) == []
    moved = meetings((1, "1", ("a", "b")), (1, "2", ("c", "d")), (2, "1", ("c", "a")))
    assert texts(check(problem, moved)) == ["Round 1 has already begun and can no longer change",
                                            "Round 2: c is pinned to table 3 but does not sit there"]


def test_with_empty_tables_allowed_a_table_may_close():
    problem = tables_problem([Table("A", 2, 3), Table("B", 2, 3), Table("C", 2, 3)], n=5)
    closed = Problem(problem.participants, TablesFormat(1, problem.format.tables, empty_tables=True))
    schedule = Schedule((Meeting(1, "A", ("p0", "p1", "p2"), 0.0), Meeting(1, "B", ("p3", "p4"), 0.0)), 0.0)
    assert texts(check(problem, schedule)) == ["Round 1: table C seats 0, at least 2 required"]
    assert check(closed, schedule) == []
    assert explain_infeasible(Problem(problem.participants[:1], closed.format)) != []
    assert explain_infeasible(Problem(problem.participants[:2], closed.format)) == []
