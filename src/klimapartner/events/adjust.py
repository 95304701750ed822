"""The coordinator's own hand on a schedule, as the event pages see it: an adapter, not a rule book.

Moves, swaps, their effect and every rule they are checked against live in the engine
(`klimapartner.matching.changes`); pins and rounds already held reach it through the problem
(`planning.adjustment`). This module only names the engine's changes for the views and gives
people with the same name a number, so a refusal says which Anders it means.
"""

from __future__ import annotations

from collections import defaultdict

from klimapartner.matching.changes import Change, Effect, Move, Swap, seating

__all__ = ["Change", "Effect", "Move", "Swap", "seating", "unique_names"]


def unique_names(labels: dict[str, str]) -> dict[str, str]:
    """Names for sentences: the second "Anders Kjeldsen" becomes "Anders Kjeldsen (2)"."""
    seen: dict[str, int] = defaultdict(int)
    out = {}
    for key, label in labels.items():
        seen[label] += 1
        out[key] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return out
