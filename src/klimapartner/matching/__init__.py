"""Matchmaking for partnership days: who meets whom, round after round.

Pure Python, no Django: dataclasses in, dataclasses out.

    from klimapartner.matching import Problem, Participant, PairsFormat, solve, check
    schedule = solve(Problem(participants, PairsFormat(rounds=8, tables=40)), seed=1)

See docs/matching.md.
"""

from .constraints import check, explain_infeasible
from .model import (
    Format,
    Meeting,
    PairsFormat,
    Participant,
    Problem,
    Reason,
    Relation,
    Replan,
    Schedule,
    Statement,
    Table,
    TablesFormat,
    Weights,
    Wish,
    WishKind,
)
from .planning import Infeasible, replan, solve
from .scores import PairScores, score_from_pairs, score_pairs

__all__ = [
    "Format", "Infeasible", "Meeting", "PairScores", "PairsFormat", "Participant", "Problem", "Reason", "Relation",
    "Replan", "Schedule", "Statement", "Table", "TablesFormat", "Weights", "Wish", "WishKind",
    "check", "explain_infeasible", "replan", "score_from_pairs", "score_pairs", "solve",
]
