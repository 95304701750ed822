import pytest

from klimapartner.matching import (
    Infeasible, Participant, Problem, Table, TablesFormat, check, explain_infeasible, history, replan, solve,
)
from klimapartner.matching.planning import _present
from klimapartner.matching.scores import score_pairs
from klimapartner.matching.synthetic import synthetic_problem

from .conftest import no_text, random_scores_problem
from .test_tables import table_event


def test_an_impossible_request_is_refused_in_words():
    people = tuple(Participant(f"p{i}") for i in range(7))
    problem = Problem(people, TablesFormat(2, (Table("A", 2, 3), Table("B", 2, 3))))
    with pytest.raises(Infeasible) as error:
        solve(problem, steps=10)
    assert error.value.reasons == [
        "Round 1: 7 participants are available but the tables seat only 6",
        "Round 2: 7 participants are available but the tables seat only 6",
    ]


def test_a_no_show_frees_their_partners_and_nobody_else_changes():
    problem, scores = random_scores_problem(12, rounds=4, tables=None, seed=4)
    published = solve(problem, scores=scores, with_reasons=False)
    result = replan(problem, published, held_rounds=1, no_shows=["p0"], scores=scores)
    assert check(result.problem, result.schedule) == []
    assert result.problem == history(_present(problem, ["p0"], {}, 1), published, 1)
    gone = [m for m in published.meetings if m.round > 1 and "p0" in m.participants]
    assert sorted(result.removed, key=lambda m: m.round) == sorted(gone, key=lambda m: m.round)
    untouched = [m for m in published.meetings if m.round > 1 and "p0" not in m.participants]
    new = {(m.round, m.participants) for m in result.schedule.meetings}
    assert all((m.round, m.participants) in new for m in untouched)
    assert result.kept == len(untouched)
    assert result.changed == len(result.removed) + len(result.added)
    # the held round stays as it was
    assert result.schedule.meetings_in(1) == tuple(m for m in published.meetings if m.round == 1)
    for meeting in result.added:
        assert meeting.round > 1 and "p0" not in meeting.participants


def test_a_late_arrival_loses_only_the_rounds_before_they_come():
    problem, scores = random_scores_problem(10, rounds=4, seed=6)
    published = solve(problem, scores=scores, with_reasons=False)
    result = replan(problem, published, held_rounds=1, late_arrivals={"p3": 3}, scores=scores)
    assert check(result.problem, result.schedule) == []
    agenda = [m.round for m in result.schedule.agenda("p3")]
    assert all(r >= 3 or r == 1 for r in agenda)
    assert [m.round for m in result.removed] == [2]


def test_nobody_is_planned_to_meet_someone_they_met_in_a_held_round():
    problem, scores = random_scores_problem(8, rounds=3, seed=2)
    published = solve(problem, scores=scores, with_reasons=False)
    result = replan(problem, published, held_rounds=2, no_shows=["p1"], scores=scores)
    pairs = [frozenset(m.participants) for m in result.schedule.meetings]
    assert len(pairs) == len(set(pairs))


def test_replanning_300_participants_keeps_every_meeting_that_can_still_happen():
    # How fast: `klimapartner bench matching` times it.
    problem = synthetic_problem(300, seed=3, rounds=6, tables=100)
    scores = score_pairs(problem, text_similarity=no_text)
    published = solve(problem, scores=scores, steps=30, with_reasons=False)
    no_shows = [f"p{i}" for i in range(1, 300, 23)]
    result = replan(problem, published, held_rounds=2, no_shows=no_shows, late_arrivals={"p2": 4}, scores=scores)
    assert check(result.problem, result.schedule) == []
    gone = set(no_shows)
    possible = [m for m in published.meetings if m.round > 2 and not gone & set(m.participants)
                and not ("p2" in m.participants and m.round < 4)]
    assert result.kept == len(possible)
    # Everyone touched is someone whose published partner left, or who joins late.
    partners = {p for m in published.meetings if m.round > 2 and (gone | {"p2"}) & set(m.participants)
                for p in m.participants} - gone
    assert result.affected <= partners | {p for m in result.added for p in m.participants}
    assert result.affected == frozenset(p for m in (*result.removed, *result.added) for p in m.participants) - gone


def test_replanning_tables_keeps_everyone_seated_within_the_limits():
    problem, scores = table_event(20, 3, [(4, 6)] * 4, seed=1)
    published = solve(problem, scores=scores, steps=3000, with_reasons=False)
    result = replan(problem, published, held_rounds=1, no_shows=["p0", "p1"], late_arrivals={"p5": 3}, scores=scores)
    assert check(result.problem, result.schedule) == []
    assert [m.round for m in result.schedule.agenda("p5")] == [1, 3]
    assert result.changed == len(result.removed) + len(result.added)


def test_a_table_replan_with_too_few_people_closes_a_table_instead_of_breaking_its_minimum():
    # The case from issue 12: 20 people, 4 tables of 4-6, 3 no-shows and 2 late arrivals.
    problem, scores = table_event(20, 3, [(4, 6)] * 4, seed=1)
    published = solve(problem, scores=scores, steps=3000, with_reasons=False)
    gone, late = ["p0", "p1", "p2"], {"p3": 2, "p4": 3}
    with pytest.raises(Infeasible) as error:
        replan(problem, published, held_rounds=0, no_shows=gone, late_arrivals=late, scores=scores)
    assert error.value.reasons[0] == "Round 1: only 15 participants are available but the tables need at least 16"
    closing = Problem(problem.participants, TablesFormat(3, problem.format.tables, empty_tables=True))
    result = replan(closing, published, held_rounds=0, no_shows=gone, late_arrivals=late, scores=scores)
    assert check(result.problem, result.schedule) == []
    # Round 1: 15 people at three tables, one closed; round 3: 17 people, all four tables again.
    assert sum(len(m.participants) for m in result.schedule.meetings_in(1)) == 15
    assert len(result.schedule.meetings_in(1)) == 3
    assert sum(len(m.participants) for m in result.schedule.meetings_in(3)) == 17


def test_unknown_people_in_a_replan_are_named():
    problem, scores = random_scores_problem(4, rounds=2)
    published = solve(problem, scores=scores, with_reasons=False)
    with pytest.raises(ValueError, match="unknown participants: zz"):
        replan(problem, published, held_rounds=0, no_shows=["zz"], scores=scores)


from functools import lru_cache  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@lru_cache
def published_pairs(seed, tables):
    problem, scores = random_scores_problem(12, rounds=4, tables=tables, seed=seed)
    return problem, scores, solve(problem, scores=scores, with_reasons=False, steps=40)


@lru_cache
def published_tables(seed):
    problem, scores = table_event(20, 3, [(4, 6)] * 4, seed=seed)
    return problem, scores, solve(problem, scores=scores, steps=3000, with_reasons=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 3), st.sets(st.integers(0, 11), max_size=4), st.dictionaries(st.integers(0, 11), st.integers(1, 4), max_size=3),
       st.one_of(st.none(), st.integers(1, 5)))
def test_every_replan_keeps_every_rule(held, gone, late, tables):
    problem, scores, published = published_pairs(held, tables)
    no_shows = [f"p{i}" for i in gone]
    late_arrivals = {f"p{i}": r for i, r in late.items() if i not in gone}
    result = replan(problem, published, held_rounds=held, no_shows=no_shows, late_arrivals=late_arrivals, scores=scores)
    assert check(result.problem, result.schedule) == []
    assert result.kept + len(result.removed) == len([m for m in published.meetings if m.round > held])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2), st.sets(st.integers(0, 19), max_size=3), st.dictionaries(st.integers(0, 19), st.integers(1, 3), max_size=2))
def test_every_table_replan_keeps_every_rule(held, gone, late):
    problem, scores, published = published_tables(held)
    no_shows = [f"p{i}" for i in gone]
    late_arrivals = {f"p{i}": r for i, r in late.items() if i not in gone}
    present = _present(problem, no_shows, late_arrivals, held)
    if explain_infeasible(present):
        with pytest.raises(Infeasible):
            replan(problem, published, held_rounds=held, no_shows=no_shows, late_arrivals=late_arrivals, scores=scores)
        return
    result = replan(problem, published, held_rounds=held, no_shows=no_shows, late_arrivals=late_arrivals, scores=scores)
    assert check(result.problem, result.schedule) == []
