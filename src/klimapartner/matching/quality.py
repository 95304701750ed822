"""How good a schedule is, in terms a coordinator uses: meetings per person, wishes met, new contacts.

`summary(problem, schedule)` counts; the app words the counts in the
reader's language (`Quality.sentences` does it in English or Danish for the
command line).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import numpy as np

from .constraints import availability_matrix
from .model import PairsFormat, Problem, Relation, Schedule, WishKind


@dataclass(frozen=True)
class Quality:
    people: int  # participants who attend at least one round
    meetings: int  # 1:1 meetings, or people seated at tables, over all rounds
    meetings_min: int  # per person: 1:1 meetings, or rounds at a table
    meetings_median: float
    meetings_max: int
    fewest: tuple[str, ...]  # who has meetings_min (at most five ids)
    contacts: int  # distinct pairs who sit together at least once
    contacts_min: int  # per person: distinct people met
    contacts_median: float
    new_contacts: int  # contacts between people who had neither met before nor work together
    cross_sector: int  # contacts between people of different sectors (both known)
    repeats: int  # tables: pairs who sit together more than once
    wishes: int  # must-meet wishes that name someone present
    wishes_met: int
    unmet_wishes: tuple[tuple[str, str], ...]  # (who asked, whom: a participant id or "org:" + organisation)
    minimum_meetings: int  # the format's minimum (1:1), 0 when none
    below_minimum: tuple[str, ...]  # who has fewer than the minimum their rounds allow
    objective: float
    bound: float | None
    pairs: bool  # 1:1 meetings (else tables)

    @property
    def proven_optimal(self) -> bool:
        return self.bound is not None and self.objective >= self.bound - 1e-9 * max(1.0, abs(self.bound))

    @property
    def everyone_meets_new_people(self) -> bool:
        """Tables: nobody sits with someone they already sat with that day, round after round."""
        return not self.pairs and self.repeats == 0 and self.meetings > 0

    def sentences(self, language: str = "en") -> list[str]:
        """The summary in words, for the command line."""
        da = language == "da"
        out = []
        if self.pairs:
            out.append(f"Møder pr. person: mindst {self.meetings_min}, typisk {self.meetings_median:g}, højst {self.meetings_max}"
                       if da else f"Meetings per person: at least {self.meetings_min}, median {self.meetings_median:g}, "
                                  f"at most {self.meetings_max}")
        else:
            out.append(f"Nye mennesker mødt pr. person: mindst {self.contacts_min}, typisk {self.contacts_median:g}"
                       if da else f"New people met per person: at least {self.contacts_min}, median {self.contacts_median:g}")
            if self.everyone_meets_new_people:
                out.append("Alle møder nye mennesker i hver runde" if da else "Everyone meets new people in every round")
            elif self.repeats:
                out.append(f"{self.repeats} par sidder sammen mere end én gang" if da
                           else f"{self.repeats} pairs sit together more than once")
        if self.wishes:
            out.append(f"Ønsker om at mødes opfyldt: {self.wishes_met} af {self.wishes}" if da
                       else f"Must-meet wishes met: {self.wishes_met} of {self.wishes}")
        out.append(f"Nye kontakter: {self.new_contacts} af {self.contacts}; på tværs af sektorer: {self.cross_sector}" if da
                   else f"New contacts: {self.new_contacts} of {self.contacts}; across sectors: {self.cross_sector}")
        if self.below_minimum:
            out.append(f"{len(self.below_minimum)} har færre end {self.minimum_meetings} møder" if da
                       else f"{len(self.below_minimum)} have fewer than {self.minimum_meetings} meetings")
        if self.proven_optimal:
            out.append("Planen er bevist optimal" if da else "The plan is proven optimal")
        return out


def _median(values) -> float:
    return float(statistics.median(values)) if values else 0.0


def summary(problem: Problem, schedule: Schedule, scores=None) -> Quality:
    """Count what a coordinator wants to know about `schedule` (scores are not needed; kept for symmetry)."""
    people = problem.participants
    ids = problem.ids
    index = {pid: i for i, pid in enumerate(ids)}
    n = len(ids)
    available = availability_matrix(problem)
    here = available.any(axis=1) if n else np.zeros(0, dtype=bool)
    pairs = isinstance(problem.format, PairsFormat)
    meetings = np.zeros(n, dtype=np.int64)
    together = np.zeros((n, n), dtype=np.int64)
    for m in schedule.meetings:
        members = [index[p] for p in m.participants if p in index]
        meetings[members] += 1
        for a in members:
            for b in members:
                if a != b:
                    together[a, b] += 1
    contacts_matrix = together > 0
    per_person_contacts = contacts_matrix.sum(axis=1)
    relation = np.zeros((n, n), dtype=bool)
    for i, p in enumerate(people):
        for other, kind in p.relations:
            if other in index and kind in (Relation.MET_BEFORE, Relation.COLLABORATE):
                relation[i, index[other]] = relation[index[other], i] = True
    upper = np.triu(contacts_matrix, 1)
    sectors = np.array([p.sector or f"\0{i}" for i, p in enumerate(people)])
    known = np.array([bool(p.sector) for p in people], dtype=bool)
    cross = upper & (sectors[:, None] != sectors[None, :]) & known[:, None] & known[None, :]
    repeats = int(np.triu(together > 1, 1).sum())
    # Wishes, each (who asked, whom) once.
    members: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        if p.organisation:
            members.setdefault(p.organisation, []).append(i)
    asked, met, unmet = 0, 0, []
    for i, p in enumerate(people):
        if not here[i]:
            continue
        for wish in p.wishes:
            if wish.kind != WishKind.MUST_MEET:
                continue
            if wish.participant in index:
                targets, label = [index[wish.participant]], wish.participant
            elif wish.organisation and members.get(wish.organisation):
                targets, label = members[wish.organisation], "org:" + wish.organisation
            else:
                continue
            targets = [t for t in targets if t != i and here[t]]
            if not targets:
                continue
            asked += 1
            if contacts_matrix[i, targets].any():
                met += 1
            else:
                unmet.append((p.id, label))
    present = np.flatnonzero(here)
    counts = meetings[present].tolist()
    low = min(counts) if counts else 0
    minimum = problem.format.minimum_meetings if pairs else 0
    targets = np.minimum(available.sum(axis=1), minimum)
    below = tuple(ids[i] for i in present if meetings[i] < targets[i])
    return Quality(
        people=len(present), meetings=int(meetings.sum() // 2) if pairs else int(meetings.sum()),
        meetings_min=low, meetings_median=_median(counts), meetings_max=max(counts) if counts else 0,
        fewest=tuple(ids[i] for i in present if meetings[i] == low)[:5],
        contacts=int(upper.sum()), contacts_min=int(per_person_contacts[present].min()) if len(present) else 0,
        contacts_median=_median(per_person_contacts[present].tolist()),
        new_contacts=int((upper & ~relation).sum()), cross_sector=int(cross.sum()), repeats=repeats,
        wishes=asked, wishes_met=met, unmet_wishes=tuple(unmet), minimum_meetings=minimum, below_minimum=below,
        objective=schedule.objective, bound=schedule.bound, pairs=pairs,
    )
