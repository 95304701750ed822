"""Moving, swapping and pinning by hand: the new objective, the refused changes in the engine's words."""

import pytest

from klimapartner import matching
from klimapartner.events import adjust
from klimapartner.events.adjust import Move, Swap
from klimapartner.matching import Meeting, PairsFormat, Participant, Problem, Schedule, Table, TablesFormat

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


def effect(change, problem=None, **kwargs):
    return adjust.effect(problem or pairs_problem(), scores(), day(), change, names=NAMES, tables={}, **kwargs)


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
    assert result.refused == ("Round 2: Anna and Carla — no pair meets twice",)
    # Anna–Carla 4 and Bo–Dan 1 instead of Anna–Bo 5 and Carla–Dan 3 (and Anna–Carla counted twice).
    assert (result.after.objective, result.delta) == (11.0, -3.0)


def test_colleagues_are_refused():
    result = effect(Swap("b", "d", 1), problem=pairs_problem(d="org-a"))
    assert result.refused == ("Round 1: Anna and Dan — colleagues from the same organisation never meet 1:1",)


def test_someone_not_available_is_refused():
    result = effect(Swap("b", "d", 2), problem=pairs_problem(d_rounds=frozenset({1})))
    assert result.refused == ("Round 2: Dan and Eva — both must be available in the round",)


def test_three_at_a_one_to_one_table_is_refused_in_danish_too():
    result = effect(Move("e", 1, "1"), language="da")
    assert result.refused == ("Runde 1, bord 1: et 1:1-møde skal have to kendte deltagere, ikke ['Anna', 'Bo', 'Eva']",)


def test_held_and_pinned_rounds_are_refused_before_any_rule():
    assert effect(Swap("b", "e", 1), held_rounds=1).refused == ("Runde 1 er allerede begyndt og kan ikke længere ændres.",)
    pinned = {(1, "a"): "1", (1, "b"): "1"}
    assert effect(Swap("b", "e", 1), pinned=pinned).refused == (
        "Bo er fastlåst i runde 1. Lås mødet op, før du ændrer det.",)
    assert effect(Swap("c", "e", 1), pinned=pinned).refused == ()


def tables_problem():
    return Problem(people(), TablesFormat(rounds=1, tables=(Table("A", 2, 3), Table("B", 2, 3))))


def tables_day():
    return Schedule((Meeting(1, "A", ("a", "b", "c"), 0.0), Meeting(1, "B", ("d", "e"), 0.0)), 0.0, 30.0)


def test_a_move_at_tables_is_scored_by_the_engine():
    result = adjust.effect(tables_problem(), scores(), tables_day(), Swap("c", "e", 1), names=NAMES, tables={})
    assert result.refused == ()
    # Before: a-b 5, a-c 4, b-c 1 and c-d... d-e 1: 11. After: a-b 5, a-e 6, b-e 2 and c-d 3: 16.
    assert (result.before.objective, result.after.objective, result.delta) == (11.0, 16.0, 5.0)
    assert [m.participants for m in result.added] == [("a", "b", "e"), ("c", "d")]


def test_a_full_table_and_one_below_its_minimum_are_refused():
    result = adjust.effect(tables_problem(), scores(), tables_day(), Move("e", 1, "A"), names=NAMES,
                           tables={"A": "Fyrtårnet", "B": "Klitten"})
    assert result.refused == ("Round 1, table Fyrtårnet: Eva — the table is full",
                              "Round 1: Eva is available but has no seat",
                              "Round 1: table Klitten seats 1, at least 2 required")


def test_pinned_pairs_survive_a_new_run_and_take_their_table():
    problem = Problem(people()[:4], PairsFormat(rounds=3, tables=1))
    four = matching.score_from_pairs("abcd", {k: v for k, v in SCORES.items() if "e" not in k} | {("a", "d"): 1})
    free = adjust.solve_with_pins(problem, four, {}, time_limit=1)
    assert free.objective == 12.0
    pinned = adjust.solve_with_pins(problem, four, {(2, "a"): "1", (2, "d"): "1"}, time_limit=1)
    assert [(m.round, m.table, set(m.participants)) for m in pinned.meetings_in(2)] == [(2, "1", {"a", "d"})]
    assert sorted("".join(sorted(m.participants)) for m in pinned.meetings) == ["ab", "ac", "ad"]
    assert pinned.objective == 10.0
    assert matching.check(problem, pinned) == []


def test_pinned_seats_at_tables_are_kept():
    problem = Problem(people(), TablesFormat(rounds=1, tables=(Table("A", 2, 3), Table("B", 2, 3))))
    free = adjust.solve_with_pins(problem, scores(), {}, time_limit=1)
    a_table = next(m.table for m in free.meetings if "a" in m.participants)
    other = "B" if a_table == "A" else "A"
    pinned = adjust.solve_with_pins(problem, scores(), {(1, "a"): other}, time_limit=1)
    assert next(m.table for m in pinned.meetings if "a" in m.participants) == other
    assert matching.check(problem, pinned) == []
