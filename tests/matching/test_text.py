"""Tests for free-text matching of needs to offers."""

import json

import numpy as np

from klimapartner.matching.text import main, text_similarity


def test_it_scores_every_pair_in_the_unit_interval():
    sims = text_similarity(["Vi søger solceller", "Vi søger en kok"], ["solceller på taget", "kantine", "kok"])
    assert sims.shape == (2, 3)
    assert float(sims.min()) >= 0.0 and float(sims.max()) <= 1.0


def test_the_cli_writes_a_ranking(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            {
                "needs": [{"id": "n1", "text": "Vi søger solceller til taget"}],
                "offers": [{"id": "o1", "text": "Vi sælger cykler"}, {"id": "o2", "text": "Vi monterer solceller"}],
                "gold": {"n1": ["o2"]},
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert main([str(path), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == {"n1": ["o2", "o1"]}
