"""The engine's plain data: what goes into a schedule and what comes out.

Everything is a frozen dataclass keyed by ids, so the Django app can build a
`Problem` from its models and read a `Schedule` back without list positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class WishKind(str, Enum):
    MUST_MEET = "must_meet"
    RATHER_NOT = "rather_not"


class Relation(str, Enum):
    COLLABORATE = "collaborate"  # already work together
    MET_BEFORE = "met_before"  # met at an earlier partnership day


@dataclass(frozen=True)
class Statement:
    """One offer or need: a theme plus free Danish text."""

    theme: str
    text: str = ""


@dataclass(frozen=True)
class Wish:
    """A wish about a person (`participant`) or a whole organisation (`organisation`)."""

    kind: WishKind
    participant: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Participant:
    id: str
    name: str = ""
    organisation: str = ""
    organisation_type: str = ""
    sector: str = ""
    themes: tuple[str, ...] = ()
    offers: tuple[Statement, ...] = ()
    needs: tuple[Statement, ...] = ()
    wishes: tuple[Wish, ...] = ()
    # Rounds (numbered from 1) this person can attend; None means all of them.
    rounds: frozenset[int] | None = None
    # Known relations: participant id -> Relation.
    relations: tuple[tuple[str, Relation], ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class PairsFormat:
    """1:1 meetings: `rounds` rounds, at most `tables` meetings per round (None: no limit).

    `minimum_meetings`: everyone gets at least this many meetings (or as many
    as the rounds they attend allow); the coordinator's fairness setting.
    """

    rounds: int
    tables: int | None = None
    minimum_meetings: int = 0


@dataclass(frozen=True)
class Table:
    id: str
    min_seats: int
    max_seats: int


@dataclass(frozen=True)
class TablesFormat:
    """Everyone available sits at one table every round."""

    rounds: int
    tables: tuple[Table, ...]
    # Colleagues learn nothing new from each other at a table.
    separate_organisations: bool = True
    # A table may stay empty in a round (its minimum applies only when someone sits there): with
    # fewer people than the minimums need, some tables close instead of the plan failing.
    empty_tables: bool = False


Format = PairsFormat | TablesFormat


@dataclass(frozen=True)
class Pin:
    """`participant` sits at `table` in `round`, whatever else changes.

    In 1:1 mode two pins at the same table and round are a fixed meeting; a
    lone pin there keeps the person at that table with whoever the engine
    chooses. Pins in rounds already held are the history of the day.
    """

    participant: str
    round: int
    table: str


@dataclass(frozen=True)
class Label:
    """A code's name as people read it."""

    da: str
    en: str


@dataclass(frozen=True)
class Labels:
    """Display names of the codes in participants' themes, sectors and organisation types.

    Reasons name them in the reader's words ("energi og forsyning", not
    "energy"); a code without a label is shown as it is.
    """

    themes: dict[str, Label] = field(default_factory=dict)
    sectors: dict[str, Label] = field(default_factory=dict)
    organisation_types: dict[str, Label] = field(default_factory=dict)

    def theme(self, code: str, language: str) -> str:
        return _name(self.themes, code, language)

    def sector(self, code: str, language: str) -> str:
        return _name(self.sectors, code, language)

    def organisation_type(self, code: str, language: str) -> str:
        return _name(self.organisation_types, code, language)


def _name(labels: dict[str, Label], code: str, language: str) -> str:
    label = labels.get(code)
    if label is None:
        return code
    return label.en if language == "en" else label.da


@dataclass(frozen=True)
class Problem:
    """Who comes, in which format, and what is already decided.

    `pins` fix seats (the coordinator's, and every seat of the rounds already
    held); `held_rounds` rounds from the start are over: nothing in them can
    be added or removed.
    """

    participants: tuple[Participant, ...]
    format: Format
    pins: tuple[Pin, ...] = ()
    held_rounds: int = 0
    labels: Labels = field(default_factory=Labels)

    def __post_init__(self):
        ids = [p.id for p in self.participants]
        if len(set(ids)) != len(ids):
            raise ValueError("participant ids must be unique")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.participants)

    def available(self, participant: Participant, round_: int) -> bool:
        return participant.rounds is None or round_ in participant.rounds


@dataclass(frozen=True)
class Reason:
    """Why `participant` should meet the others, in words they understand."""

    participant: str
    da: str
    en: str


@dataclass(frozen=True)
class Meeting:
    round: int  # from 1
    table: str
    participants: tuple[str, ...]  # two in pairs mode, a whole table in tables mode
    score: float  # sum of the new pair scores this meeting earns
    reasons: tuple[Reason, ...] = ()

    def reason_for(self, participant: str) -> Reason | None:
        return next((r for r in self.reasons if r.participant == participant), None)


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Meeting, ...]
    objective: float
    bound: float | None = None  # proven upper bound on the objective, when known
    seed: int = 0
    notes: tuple[str, ...] = ()

    @property
    def ratio(self) -> float | None:
        if self.bound is None:
            return None
        if self.bound <= 1e-12:
            return 1.0
        return self.objective / self.bound

    def rounds(self) -> tuple[int, ...]:
        return tuple(sorted({m.round for m in self.meetings}))

    def meetings_in(self, round_: int) -> tuple[Meeting, ...]:
        return tuple(m for m in self.meetings if m.round == round_)

    def agenda(self, participant: str) -> tuple[Meeting, ...]:
        return tuple(sorted((m for m in self.meetings if participant in m.participants), key=lambda m: m.round))


@dataclass(frozen=True)
class Replan:
    schedule: Schedule
    removed: tuple[Meeting, ...] = ()  # published meetings that no longer happen
    added: tuple[Meeting, ...] = ()  # meetings that were not published
    kept: int = 0
    # Everyone still present whose agenda differs from the published one: the people to notify.
    affected: frozenset[str] = frozenset()
    # The problem as it now stands (absences applied, history pinned): the schedule passes check against it.
    problem: "Problem | None" = None

    @property
    def changed(self) -> int:
        return len(self.removed) + len(self.added)


@dataclass(frozen=True)
class Progress:
    """How far a solve has come, for a progress bar: `done` is the share of the budget used (0..1).

    `stage` is a code ("bound", "start", "improve", "exact", "done") an app can
    translate; `str(progress)` is an English line for the command line.
    """

    done: float
    stage: str
    objective: float | None = None
    bound: float | None = None
    detail: str = ""

    def __str__(self) -> str:
        value = "" if self.objective is None else f" {self.objective:.2f}"
        bound = "" if self.bound is None else f" (bound {self.bound:.2f})"
        detail = f"; {self.detail}" if self.detail else ""
        return f"{self.stage}{value}{bound}{detail}"


@dataclass(frozen=True)
class Weights:
    """How much each kind of reason to meet counts in a pair's score."""

    need_offer_theme: float = 3.0  # a need of one meets an offer of the other, same theme
    need_offer_text: float = 4.0  # same, judged by the free text (similarity in [0, 1])
    shared_theme: float = 1.0  # per shared theme
    wish: float = 4.0  # one-sided must-meet wish
    mutual_wish: float = 10.0  # both want to meet: above two one-sided wishes
    rather_not: float = -20.0  # keeps the pair apart unless nothing else is possible
    novelty: float = 1.0  # neither collaborating nor met before
    met_before: float = -1.0
    collaborate: float = -2.0
    cross_sector: float = 1.0
    cross_organisation_type: float = 1.5
    # Scores below this are never worth a 1:1 meeting.
    minimum_pair_score: float = 0.0
