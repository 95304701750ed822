"""Matchmaking for partnership days: who meets whom, round after round.

Pure Python, no Django: dataclasses in, dataclasses out.

    from klimapartner.matching import Problem, Participant, PairsFormat, solve, check
    schedule = solve(Problem(participants, PairsFormat(rounds=8, tables=40)), seed=1)

See docs/matching.md.
"""

from .changes import Effect, Move, Swap, effect
from .constraints import Finding, check, explain_infeasible
from .model import (
    Format,
    Label,
    Labels,
    Meeting,
    PairsFormat,
    Participant,
    Pin,
    Problem,
    Progress,
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
from .planning import Infeasible, history, present, replan, solve
from .quality import Quality, summary
from .scores import PairScores, score_from_pairs, score_pairs

__all__ = [
    "Effect", "Finding", "Format", "Infeasible", "Label", "Labels", "Meeting", "Move", "PairScores", "PairsFormat",
    "Participant", "Pin", "Problem", "Progress", "Quality", "Reason", "Relation", "Replan", "Schedule", "Statement",
    "Swap", "Table", "TablesFormat", "Weights", "Wish", "WishKind",
    "check", "effect", "explain_infeasible", "history", "present", "replan", "score_from_pairs", "score_pairs", "solve",
    "summary",
]
