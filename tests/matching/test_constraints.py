from klimapartner.matching import (
    Meeting, PairsFormat, Participant, Problem, Schedule, Table, TablesFormat, Wish, WishKind, check, explain_infeasible,
)


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
    assert check(pair_problem(), schedule) == [
        "Round 1: a and d — nobody has two meetings in a round",
        "Round 2: b and a — no pair meets twice",
        "Round 2: a and c — colleagues from the same organisation never meet 1:1",
        "Round 3: b and d — the round does not exist",
    ]


def test_it_names_availability_and_the_table_limit():
    problem = pair_problem(tables=1, a=frozenset({2}))
    schedule = meetings((1, "1", ("a", "b")), (2, "1", ("a", "b")), (2, "2", ("c", "d")))
    assert check(problem, schedule) == [
        "Round 1: a and b — both must be available in the round",
        "Round 2: c and d — at most T tables per round",
    ]


def test_it_speaks_danish_too():
    schedule = meetings((1, "1", ("a", "c")))
    assert check(pair_problem(), schedule, language="da") == ["Runde 1: a og c — kolleger fra samme organisation mødes ikke 1:1"]


def test_a_mutual_must_meet_left_out_is_a_violation():
    people = (Participant("a", wishes=(Wish(WishKind.MUST_MEET, participant="b"),)),
              Participant("b", wishes=(Wish(WishKind.MUST_MEET, participant="a"),)), Participant("c"))
    problem = Problem(people, PairsFormat(1))
    assert check(problem, meetings((1, "1", ("a", "c")))) == []  # a was busy: nothing forgotten
    two_rounds = Problem(people, PairsFormat(2))
    assert check(two_rounds, meetings((1, "1", ("a", "c")))) == [
        "a and b both asked to meet and are both free in round 2, but do not meet"
    ]
    assert check(problem, meetings((1, "1", ("a", "b")))) == []


def test_an_impossible_must_meet_is_explained():
    people = (Participant("a", rounds=frozenset({1, 2}), wishes=(Wish(WishKind.MUST_MEET, participant="b"),)),
              Participant("b", rounds=frozenset({3}), wishes=(Wish(WishKind.MUST_MEET, participant="a"),)))
    assert explain_infeasible(Problem(people, PairsFormat(3))) == [
        "a and b asked to meet, but are never available in the same round (a: rounds 1, 2; b: rounds 3)"
    ]


def tables_problem(tables, n=7, orgs=None, separate=True):
    people = tuple(Participant(f"p{i}", organisation=(orgs[i] if orgs else f"O{i}")) for i in range(n))
    return Problem(people, TablesFormat(1, tuple(tables), separate))


def test_too_few_or_too_many_seats_are_explained():
    assert explain_infeasible(tables_problem([Table("A", 2, 3), Table("B", 2, 3)], n=7)) == [
        "Round 1: 7 participants are available but the tables seat only 6"
    ]
    assert explain_infeasible(tables_problem([Table("A", 4, 5), Table("B", 4, 5)], n=7)) == [
        "Round 1: only 7 participants are available but the tables need at least 8"
    ]
    assert explain_infeasible(tables_problem([Table("A", 3, 2)], n=2)) == [
        "Table A: at least 3 and at most 2 seats makes no sense",
        "Round 1: only 2 participants are available but the tables need at least 3",
    ]


def test_an_organisation_larger_than_the_number_of_tables_is_explained():
    problem = tables_problem([Table("A", 1, 5), Table("B", 1, 5)], n=4, orgs=["X", "X", "X", "Y"])
    assert explain_infeasible(problem) == [
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
    assert check(problem, schedule) == [
        "Round 1, table A: p1 — a colleague already sits at the table",
        "Round 1, table A: p4 — the table is full",
        "Round 1, table B: p0 — the participant already sits at another table in the round",
        "Round 1, table C: p1 — the table does not exist",
        "Round 1: p1 is available but has no seat",
        "Round 1: p4 is available but has no seat",
        "Round 1: table B seats 0, at least 2 required",
    ]
