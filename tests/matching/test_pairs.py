import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from klimapartner.matching import (
    PairsFormat, Participant, Problem, Wish, WishKind, check, score_from_pairs, score_pairs, solve,
)
from klimapartner.matching.baselines import greedy_pairs, random_pairs
from klimapartner.matching.constraints import availability_matrix

from .conftest import no_text, random_scores_problem


def ilp_optimum(problem, scores):
    """The exact best schedule value: one binary per (pair, round), solved by HiGHS' MILP."""
    fmt = problem.format
    n = len(problem.participants)
    available = availability_matrix(problem)
    columns = [(i, j, r) for i in range(n) for j in range(i + 1, n) for r in range(fmt.rounds)
               if scores.allowed[i, j] and scores.matrix[i, j] > 0 and available[i, r] and available[j, r]]
    if not columns:
        return 0.0
    rows = []
    for v in range(n):
        for r in range(fmt.rounds):
            rows.append([1.0 if r == c[2] and v in c[:2] else 0.0 for c in columns])
    for i in range(n):
        for j in range(i + 1, n):
            rows.append([1.0 if c[:2] == (i, j) else 0.0 for c in columns])
    upper = [1.0] * len(rows)
    if fmt.tables is not None:
        for r in range(fmt.rounds):
            rows.append([1.0 if c[2] == r else 0.0 for c in columns])
            upper.append(float(fmt.tables))
    weights = np.array([scores.matrix[i, j] for i, j, _ in columns])
    result = milp(-weights, constraints=LinearConstraint(np.array(rows), -np.inf, upper),
                  integrality=np.ones(len(columns)), bounds=Bounds(0, 1))
    return -result.fun


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("tables", [None, 2])
def test_it_finds_the_exact_optimum_of_small_events(seed, tables):
    problem, scores = random_scores_problem(8, rounds=3, tables=tables, seed=seed, density=0.6)
    schedule = solve(problem, scores=scores, seed=seed)
    best = ilp_optimum(problem, scores)
    assert schedule.objective == pytest.approx(best)
    assert schedule.bound >= best - 1e-6


def test_the_bound_is_never_below_the_optimum_with_availability():
    problem, scores = random_scores_problem(9, rounds=3, tables=3, seed=11)
    people = tuple(Participant(p.id, rounds=frozenset({1, 2}) if k % 3 == 0 else None) for k, p in enumerate(problem.participants))
    problem = Problem(people, problem.format)
    schedule = solve(problem, scores=scores)
    best = ilp_optimum(problem, scores)
    assert schedule.objective <= best + 1e-6
    assert schedule.bound >= best - 1e-6
    assert schedule.objective >= 0.97 * best


@pytest.mark.parametrize("seed", range(3))
def test_a_two_sided_event_is_solved_to_proven_optimality(seed):
    # companies meet only schools: the b-matching LP is integral and rounds split exactly (Konig)
    rng = np.random.default_rng(seed)
    companies = [f"c{i}" for i in range(14)]
    schools = [f"s{i}" for i in range(9)]
    pairs = {(c, s): float(rng.integers(1, 100)) for c in companies for s in schools if rng.random() < 0.7}
    ids = companies + schools
    problem = Problem(tuple(Participant(pid) for pid in ids), PairsFormat(4))
    schedule = solve(problem, scores=score_from_pairs(ids, pairs), seed=seed)
    assert schedule.objective == pytest.approx(schedule.bound, rel=1e-9)


def test_it_is_never_below_the_round_by_round_greedy_or_random():
    problem, scores = random_scores_problem(30, rounds=4, tables=8, seed=3)
    engine = solve(problem, scores=scores).objective
    assert engine >= greedy_pairs(problem, scores, engine="networkx").objective
    assert engine >= greedy_pairs(problem, scores, engine="rustworkx").objective
    assert engine > random_pairs(problem, scores).objective


def test_the_same_seed_gives_the_same_schedule():
    problem, scores = random_scores_problem(40, rounds=4, tables=10, seed=5)
    first = solve(problem, scores=scores, seed=7, with_reasons=False)
    second = solve(problem, scores=scores, seed=7, with_reasons=False)
    assert first == second


def test_mutual_must_meet_wishes_come_first_even_when_worth_little():
    people = (
        Participant("a", wishes=(Wish(WishKind.MUST_MEET, participant="b"),)),
        Participant("b", wishes=(Wish(WishKind.MUST_MEET, participant="a"),)),
        Participant("c"), Participant("d"),
    )
    problem = Problem(people, PairsFormat(1, 1))
    # scores that ignore wishes: the best single meeting would be c-d
    scores = score_from_pairs(["a", "b", "c", "d"], {("a", "b"): 1.0, ("c", "d"): 50.0})
    schedule = solve(problem, scores=scores)
    assert [m.participants for m in schedule.meetings] == [("a", "b")]


def test_meetings_carry_scores_and_reasons_for_both():
    people = (Participant("a", organisation="A", themes=("vand",)), Participant("b", organisation="B", themes=("vand",)))
    problem = Problem(people, PairsFormat(2))
    schedule = solve(problem, scores=score_pairs(problem, text_similarity=no_text))
    (meeting,) = schedule.meetings
    assert (meeting.round, meeting.table, meeting.participants, meeting.score) == (1, "1", ("a", "b"), 2.0)
    assert meeting.reason_for("a").en == "You both work on vand"
    assert meeting.reason_for("b").da == "I arbejder begge med vand"
    assert schedule.ratio == 1.0


@st.composite
def pair_events(draw):
    n = draw(st.integers(2, 14))
    rounds = draw(st.integers(1, 4))
    tables = draw(st.one_of(st.none(), st.integers(1, 5)))
    orgs = draw(st.lists(st.sampled_from("ABCDEFG"), min_size=n, max_size=n))
    people = []
    for i in range(n):
        rounds_of = draw(st.one_of(st.none(), st.frozensets(st.integers(1, rounds))))
        wishes = tuple(Wish(WishKind.MUST_MEET, participant=f"p{j}") for j in draw(st.sets(st.integers(0, n - 1), max_size=2)) if j != i)
        people.append(Participant(f"p{i}", organisation=orgs[i], rounds=rounds_of, wishes=wishes))
    problem = Problem(tuple(people), PairsFormat(rounds, tables))
    values = draw(st.lists(st.integers(-3, 9), min_size=n * n, max_size=n * n))
    pairs = {(f"p{i}", f"p{j}"): float(values[i * n + j]) for i in range(n) for j in range(i + 1, n)}
    return problem, pairs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pair_events(), st.integers(0, 3))
def test_every_schedule_keeps_every_rule(event, seed):
    problem, pairs = event
    scores = score_from_pairs(problem.ids, pairs)
    from klimapartner.matching import explain_infeasible

    if explain_infeasible(problem):
        return
    schedule = solve(problem, scores=scores, seed=seed, steps=40, with_reasons=False)
    assert check(problem, schedule) == []
    assert schedule.objective <= schedule.bound + 1e-6


@pytest.mark.parametrize("seed", range(4))
def test_without_the_integer_program_it_stays_within_two_percent_of_the_optimum(seed):
    from klimapartner.matching.budget import Budget
    from klimapartner.matching.pairs import solve_pairs

    problem, scores = random_scores_problem(10, rounds=3, tables=3, seed=seed, density=0.7)
    heuristic = solve_pairs(problem, scores, Budget(steps=60), seed=seed, exact=False, with_reasons=False)
    best = ilp_optimum(problem, scores)
    assert 0.98 * best <= heuristic.objective <= best + 1e-6
    assert check(problem, heuristic) == []


def test_a_mutual_must_meet_is_planned_even_with_a_zero_score():
    people = (Participant("a", wishes=(Wish(WishKind.MUST_MEET, participant="b"),)),
              Participant("b", wishes=(Wish(WishKind.MUST_MEET, participant="a"),)), Participant("c"))
    problem = Problem(people, PairsFormat(1))
    schedule = solve(problem, scores=score_from_pairs(["a", "b", "c"], {("a", "c"): 5.0}))
    assert [m.participants for m in schedule.meetings] == [("a", "b")]
