"""Perfect days at tables: nobody sits with the same person twice, found and proven where one exists."""

import numpy as np
import pytest

from klimapartner.matching import Participant, Problem, Table, TablesFormat, check, solve, summary
from klimapartner.matching.designs import field, perfect_rounds
from klimapartner.matching.scores import PairScores


def equal_scores(groups, size, rounds):
    n = groups * size
    ids = tuple(f"p{i}" for i in range(n))
    tables = tuple(Table(str(t + 1), size, size) for t in range(groups))
    problem = Problem(tuple(Participant(pid) for pid in ids), TablesFormat(rounds, tables, separate_organisations=False))
    values = np.ones((n, n))
    np.fill_diagonal(values, 0.0)
    return problem, PairScores(ids, values, ~np.eye(n, dtype=bool))


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9, 16])
def test_the_finite_fields_have_inverses_and_distribute(q):
    add, mul = field(q)
    units = mul[1:, 1:]
    assert all(sorted(row) == list(range(1, q)) for row in units.tolist())  # every non-zero element invertible
    a, b, c = np.meshgrid(np.arange(q), np.arange(q), np.arange(q), indexing="ij")
    assert (mul[a, add[b, c]] == add[mul[a, b], mul[a, c]]).all()


def test_six_tables_have_no_field():
    assert field(6) is None and perfect_rounds(36, 3, np.full(6, 6), np.full(6, 6)) is None


@pytest.mark.parametrize("groups,size,rounds", [(3, 3, 4), (4, 4, 5), (5, 5, 6), (8, 4, 8)])
def test_resolvable_designs_are_found_at_once_and_proven_optimal(groups, size, rounds):
    problem, scores = equal_scores(groups, size, rounds)
    schedule = solve(problem, scores=scores, steps=1)  # one step: the design needs no search
    assert check(problem, schedule) == []
    quality = summary(problem, schedule)
    assert schedule.objective == schedule.bound == rounds * groups * size * (size - 1) // 2
    assert quality.everyone_meets_new_people and quality.proven_optimal


def test_uneven_tables_still_never_repeat_a_pair():
    seats = perfect_rounds(30, 7, np.full(8, 3), np.full(8, 4))  # 8 tables, 30 people: tables of 3 or 4
    together = sum((r[:, None] == r[None, :]).astype(int) for r in seats) - len(seats) * np.eye(30, dtype=int)
    assert together.max() == 1
    assert all(set(np.bincount(r, minlength=8)) <= {3, 4} for r in seats)


def test_without_a_design_the_search_over_all_rounds_finds_a_round_robin():
    # 12 people at 6 tables of 2 for 11 rounds: everyone meets everyone once (6 is no prime power).
    problem, scores = equal_scores(6, 2, 11)
    schedule = solve(problem, scores=scores, steps=4000, seed=1)
    assert schedule.objective == schedule.bound == 66
    assert summary(problem, schedule).everyone_meets_new_people
