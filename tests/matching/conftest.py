"""Small helpers shared by the matching tests (no Django involved)."""

import numpy as np
import pytest

from klimapartner.matching import PairsFormat, Participant, Problem, score_from_pairs


def no_text(needs, offers):
    """Text similarity that ignores text, so scores are exact sums of weights."""
    return np.zeros((len(needs), len(offers)))


def random_scores_problem(n, rounds, tables=None, seed=0, density=1.0):
    """n anonymous participants with random integer scores on a `density` share of pairs."""
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in range(n)]
    pairs = {}
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < density:
                pairs[(ids[i], ids[j])] = float(rng.integers(1, 20))
    problem = Problem(tuple(Participant(pid) for pid in ids), PairsFormat(rounds, tables))
    return problem, score_from_pairs(ids, pairs)


@pytest.fixture
def tmp_csv(tmp_path):
    def write(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
