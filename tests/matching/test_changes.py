"""Moving, swapping and pinning by hand: the new objective, and the refused changes as the engine's findings."""

import dataclasses

from klimapartner import matching
from klimapartner.matching import Meeting, Move, PairsFormat, Participant, Pin, Problem, Schedule, Swap, Table, TablesFormat

NAMES = {"a": "Anna", "b": "Bo", "c": "Carla", "d": "Dan", "e": "Eva"}
SCORES = {("a", "b"): 5, ("c", "d"): 3, ("a", "c"): 4, ("b", "e"): 2, ("a", "e"): 6, ("b", "d"): 1,
          ("b", "c"): 1, ("c", "e"): 1, ("d", "e"): 1}


def people(**overrides):
    return tuple(Participant(pid, NAMES[pid], overrides.get(pid, f"org-{pid}"), rounds=overrides.get(f"{pid}_rounds"))
                 for pid in "abcde")


def pairs_problem(**overrides):
    return Problem(people(**overrides), PairsFormat(rounds=2, tables=2))


def day():
    """Round 1: Anna–Bo, Carla–Dan, Eva sits out. Round 2: Anna–Carla, Bo–Eva, Dan sits out. Objective 14."""
    return Schedule((
        Meeting(1, "1", ("a", "b"), 5.0), Meeting(1, "2", ("c", "d"), 3.0),
        Meeting(2, "1", ("a", "c"), 4.0), Meeting(2, "2", ("b", "e"), 2.0),
    ), 14.0, 20.0)


def scores():
    return matching.score_from_pairs("abcde", SCORES)


def effect(change, problem=None, held_rounds=0, pins=()):
    problem = dataclasses.replace(problem or pairs_problem(), pins=tuple(pins))
    if held_rounds:
        problem = matching.history(problem, day(), held_rounds)
    return matching.effect(problem, scores(), day(), change)


def texts(result, language="en"):
    return tuple(f.text(language, names=NAMES.get) for f in result.refused)


def test_swapping_in_someone_who_sits_out_gives_the_new_pair_and_its_reason():
    result = effect(Swap("b", "e", 1))
    assert result.refused == ()
    assert (result.before.objective, result.after.objective, result.delta) == (14.0, 15.0, 1.0)
    assert result.after.bound == 20.0
    assert [(m.round, m.table, m.participants, m.score) for m in result.removed] == [(1, "1", ("a", "b"), 5.0)]
    assert [(m.round, m.table, m.participants, m.score) for m in result.added] == [(1, "1", ("a", "e"), 6.0)]
    assert result.added[0].reason_for("e").en == "The pair scores 6 in the scores file"


def test_sitting_out_in_one_to_one_mode_cancels_the_meeting_for_both():
    result = effect(Move("a", 2, None))
    assert result.refused == ()
    assert result.delta == -4.0
    assert [m.participants for m in result.after.meetings_in(2)] == [("b", "e")]


def test_a_pair_meeting_twice_is_refused_with_the_engines_sentence():
    result = effect(Swap("b", "c", 1))
    assert texts(result) == ("Round 2: Anna and Carla already meet in round 1",)
    # Anna–Carla 4 and Bo–Dan 1 instead of Anna–Bo 5 and Carla–Dan 3 (and Anna–Carla counted twice).
    assert (result.after.objective, result.delta) == (11.0, -3.0)


def test_colleagues_are_refused():
    result = effect(Swap("b", "d", 1), problem=pairs_problem(d="org-a"))
    assert texts(result) == ("Round 1: Anna and Dan are colleagues from the same organisation and never meet 1:1",)


def test_someone_not_available_is_refused():
    result = effect(Swap("b", "d", 2), problem=pairs_problem(d_rounds=frozenset({1})))
    assert texts(result) == ("Round 2: Dan is not there in this round",)


def test_three_at_a_one_to_one_table_is_refused_in_danish_too():
    result = effect(Move("e", 1, "1"))
    assert texts(result, "da") == ("Runde 1, bord 1: et 1:1-møde skal have to kendte deltagere",)


def test_held_and_pinned_rounds_are_refused_before_any_rule():
    assert [f.code for f in effect(Swap("b", "e", 1), held_rounds=1).refused] == ["held"]
    pinned = (Pin("a", 1, "1"), Pin("b", 1, "1"))
    assert texts(effect(Swap("b", "e", 1), pins=pinned), "da") == ("Bo er fastlåst i runde 1; lås mødet op, før du ændrer det",)
    assert effect(Swap("c", "e", 1), pins=pinned).refused == ()


def tables_problem():
    return Problem(people(), TablesFormat(rounds=1, tables=(Table("A", 2, 3), Table("B", 2, 3))))


def tables_day():
    return Schedule((Meeting(1, "A", ("a", "b", "c"), 0.0), Meeting(1, "B", ("d", "e"), 0.0)), 0.0, 30.0)


def test_a_move_at_tables_is_scored_by_the_engine():
    result = matching.effect(tables_problem(), scores(), tables_day(), Swap("c", "e", 1))
    assert result.refused == ()
    # Before: a-b 5, a-c 4, b-c 1 and c-d... d-e 1: 11. After: a-b 5, a-e 6, b-e 2 and c-d 3: 16.
    assert (result.before.objective, result.after.objective, result.delta) == (11.0, 16.0, 5.0)
    assert [m.participants for m in result.added] == [("a", "b", "e"), ("c", "d")]


def test_a_full_table_and_one_below_its_minimum_are_refused():
    result = matching.effect(tables_problem(), scores(), tables_day(), Move("e", 1, "A"))
    tables = {"A": "Fyrtårnet", "B": "Klitten"}.get
    assert tuple(f.text(names=NAMES.get, tables=tables) for f in result.refused) == (
        "Round 1: table Fyrtårnet is full (3 seats)",
        "Round 1: Eva is there but has no seat",
        "Round 1: table Klitten seats 1, at least 2 required")


def test_pinned_pairs_survive_a_new_run_and_take_their_table():
    problem = Problem(people()[:4], PairsFormat(rounds=3, tables=1))
    four = matching.score_from_pairs("abcd", {k: v for k, v in SCORES.items() if "e" not in k} | {("a", "d"): 1})
    free = matching.solve(problem, scores=four, steps=20)
    assert free.objective == 12.0
    with_pins = dataclasses.replace(problem, pins=(Pin("a", 2, "1"), Pin("d", 2, "1")))
    pinned = matching.solve(with_pins, scores=four, steps=20)
    assert [(m.round, m.table, set(m.participants)) for m in pinned.meetings_in(2)] == [(2, "1", {"a", "d"})]
    assert sorted("".join(sorted(m.participants)) for m in pinned.meetings) == ["ab", "ac", "ad"]
    assert pinned.objective == 10.0
    assert matching.check(with_pins, pinned) == []


def test_pinned_seats_at_tables_are_kept():
    problem = Problem(people(), TablesFormat(rounds=1, tables=(Table("A", 2, 3), Table("B", 2, 3))))
    free = matching.solve(problem, scores=scores(), steps=200)
    a_table = next(m.table for m in free.meetings if "a" in m.participants)
    other = "B" if a_table == "A" else "A"
    with_pin = dataclasses.replace(problem, pins=(Pin("a", 1, other),))
    pinned = matching.solve(with_pin, scores=scores(), steps=200)
    assert next(m.table for m in pinned.meetings if "a" in m.participants) == other
    assert matching.check(with_pin, pinned) == []
