"""Rounds of 1:1 meetings.

The whole R-round problem is a maximum-weight b-matching (each person meets
at most as many people as they have rounds, each pair at most once, at most
R*T meetings in all) that must then be split into rounds. We

1. solve the LP relaxation of that b-matching (`bounds.lp_bound`) for an
   upper bound valid for all pairs and for the meetings it prefers;
2. place the pinned meetings, then meetings in the order the LP prefers,
   through the rules ledger, freeing a round with a Kempe-chain swap when two
   people have no free round in common;
3. improve one round at a time with an exact maximum-weight matching of that
   round, keeping the others fixed, until nothing improves; the same from a
   second start, the round-by-round greedy, keeping the better;
4. for small events, solve the integer program exactly (HiGHS MILP);
5. repair what the day-wide rules still find (`constraints.short_of_meetings`,
   `constraints.left_out_wishes`), so the result passes `check`.

What counts is lexicographic: first everyone's minimum number of meetings,
then must-meet wishes, then the score. The matchings see this as bonuses
larger than anything they could trade for them; the schedule's objective and
bound are the plain scores.
"""

from __future__ import annotations

import numpy as np
import rustworkx as rx
from scipy.sparse import csr_matrix

from .bounds import Candidates, lp_bound
from .budget import Budget
from .constraints import (
    DayState, PairsLedger, availability_matrix, eligible_matrix, left_out_wishes, meeting_targets, pins_of, refusals,
    short_of_meetings, wish_matrix,
)
from .model import Meeting, PairsFormat, Problem, Schedule
from .scores import PairScores

# Small events are solved exactly: at most this many (pair, round) choices.
EXACT_LIMIT = 6000


class _Day:
    """What the search needs besides the ledger: weights with their priorities, pins, open rounds."""

    def __init__(self, problem: Problem, scores: PairScores, graph: Candidates, available: np.ndarray):
        fmt: PairsFormat = problem.format
        self.problem, self.scores, self.graph = problem, scores, graph
        self.n, self.rounds = len(scores.ids), fmt.rounds
        self.weights = scores.matrix
        self.available = available
        refused = refusals(problem)
        self.refused = np.where(scores.allowed, refused, np.maximum(refused, 1)).astype(np.int8)
        wants = wish_matrix(problem)
        self.wants = (wants | wants.T) & (self.refused == 0)
        self.targets = meeting_targets(problem, available)
        self.pins = pins_of(problem)
        self.held = min(problem.held_rounds, fmt.rounds)
        self.open = np.arange(fmt.rounds) >= self.held
        top = float(np.abs(graph.w).max()) if len(graph.w) else 1.0
        top = max(top, 1e-9)
        # A wish outweighs the two ordinary meetings it may displace; a meeting that lifts someone
        # to their minimum outweighs two wishes and more.
        self.wish_bonus = 2 * top + 1
        self.minimum_bonus = 2 * (self.wish_bonus + top) + 1
        self.graph_wish = self.wants[graph.u, graph.v]
        self.scale = 1e6 / (top + self.wish_bonus + 2 * self.minimum_bonus)

    def state(self, ledger: PairsLedger) -> DayState:
        return DayState(self.wants, self.targets, ledger.fixed, self.held)

    def ledger(self, rng: np.random.Generator) -> PairsLedger:
        """A ledger with the pinned meetings placed: the coordinator's pins and the rounds already held."""
        fmt = self.problem.format
        L = PairsLedger(self.n, fmt.rounds, fmt.tables, self.available, self.refused)
        L.open = self.open
        L.fixed = set()
        L.tables = {}  # (round index, person) -> pinned table id
        for r, table, a, b in self.pins.pairs:
            if r < L.rounds and L.fits(a, b, r):
                L.place(a, b, r)
                L.fixed |= {(r, a), (r, b)}
                L.tables[(r, a)] = L.tables[(r, b)] = table
        # A lone pin keeps its person at the table; the engine chooses who they meet there, once.
        for r, table, a in self.pins.lone:
            if r >= L.rounds or L.partner[r, a] >= 0 or not L.available[a, r]:
                continue
            options = [b for b in np.flatnonzero(L.available[:, r] & (L.partner[r] < 0)).tolist()
                       if b != a and (r, b) not in L.tables and L.fits(a, b, r)]
            if options:
                b = max(options, key=lambda b: (self.weights[a, b] + self.wish_bonus * self.wants[a, b], -b))
                L.place(a, b, r)
                L.fixed |= {(r, a), (r, b)}
                L.tables[(r, a)] = table
        # Nothing else happens in a round already held.
        L.fixed |= {(r, i) for r in range(self.held) for i in range(self.n)}
        return L

    def value(self, ledger: PairsLedger) -> float:
        """The lexicographic objective as one number: minimums met, then wishes, then the score."""
        total = 0.0
        for r, a, b in ledger.meetings():
            total += self.weights[a, b] + self.wish_bonus * self.wants[a, b]
        counts = ledger.meeting_counts()
        return total + self.minimum_bonus * float(np.minimum(counts, self.targets).sum())

    def score(self, ledger: PairsLedger) -> float:
        return float(sum(self.weights[a, b] for _r, a, b in ledger.meetings()))


# -- construction ----------------------------------------------------------------


def _movable(ledger: PairsLedger, r: int, person: int) -> bool:
    return (r, person) not in ledger.fixed


def _kempe_place(ledger: PairsLedger, a: int, b: int, ra: int, rb: int) -> bool:
    """Free round ra for b by swapping rounds ra and rb along b's alternating path, then place (a, b) in ra."""
    path = []
    x, colour = b, ra
    while True:
        y = int(ledger.partner[colour, x])
        if y < 0:
            break
        if y == a:  # only in odd cycles; in a two-sided event the path never returns
            return False
        path.append((x, y, colour))
        x, colour = y, (rb if colour == ra else ra)
    for x, y, colour in path:
        other = rb if colour == ra else ra
        if not (ledger.available[x, other] and ledger.available[y, other]):
            return False
        if not (_movable(ledger, colour, x) and _movable(ledger, colour, y)):
            return False
    for x, y, colour in path:
        ledger.remove(x, y, colour)
    for x, y, colour in path:
        ledger.place(x, y, rb if colour == ra else ra)
    if ledger.fits(a, b, ra) and (ledger.table_limit is None or ledger.count[rb] <= ledger.table_limit):
        ledger.place(a, b, ra)
        return True
    for x, y, colour in path:  # undo: the swap did not help
        ledger.remove(x, y, rb if colour == ra else ra)
    for x, y, colour in path:
        ledger.place(x, y, colour)
    return False


def _place(ledger: PairsLedger, a: int, b: int) -> bool:
    """Put meeting (a, b) in the emptiest open round where the rules allow it, else try a Kempe swap."""
    L = ledger
    free_a = (L.partner[:, a] < 0) & L.available[a] & L.open
    free_b = (L.partner[:, b] < 0) & L.available[b] & L.open
    room = np.ones(L.rounds, dtype=bool) if L.table_limit is None else L.count < L.table_limit
    both = np.flatnonzero(free_a & free_b & room)
    if len(both):
        r = int(both[np.argmin(L.count[both])])  # emptiest round, earliest on ties: nobody waits for nothing
        if L.fits(a, b, r):
            L.place(a, b, r)
            return True
        return False
    if not free_a.any() or not free_b.any() or L.key(a, b) in L.met or not L.allowed[a, b]:
        return False
    for ra in np.flatnonzero(free_a & room & L.available[b] & L.open):
        for rb in np.flatnonzero(free_b & L.available[a] & L.open):
            if ra != rb and _kempe_place(L, a, b, int(ra), int(rb)):
                return True
    for rb in np.flatnonzero(free_b & room & L.available[a] & L.open):
        for ra in np.flatnonzero(free_a & L.available[b] & L.open):
            if ra != rb and _kempe_place(L, b, a, int(rb), int(ra)):
                return True
    return False


def _construct(day: _Day, ledger: PairsLedger, x: np.ndarray, rng: np.random.Generator) -> None:
    """Wishes first, then the LP's choices (most certain first), then the rest by score."""
    graph = day.graph
    if not len(graph.u):
        return
    jitter = rng.random(len(graph.u)) * 1e-9
    order = np.lexsort((-(graph.w + jitter), -np.round(x, 3), -day.graph_wish.astype(float)))
    capacity = day.available.sum(axis=1)
    degree = ledger.meeting_counts().copy()
    for e in order.tolist():
        a, b = int(graph.u[e]), int(graph.v[e])
        if degree[a] >= capacity[a] or degree[b] >= capacity[b] or ledger.key(a, b) in ledger.met:
            continue
        if _place(ledger, a, b):
            degree[a] += 1
            degree[b] += 1


# -- improvement -----------------------------------------------------------------


def _matching(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, scale: float) -> list[tuple[int, int]]:
    graph = rx.PyGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(list(zip(u.tolist(), v.tolist(), np.rint(w * scale).astype(np.int64).tolist())))
    return [(min(a, b), max(a, b)) for a, b in rx.max_weight_matching(graph, weight_fn=int)]


def _reoptimise_round(day: _Day, ledger: PairsLedger, r: int) -> float:
    """Replace round r by the best matching of that round given the other rounds; return the gain."""
    L, n, graph = ledger, ledger.n, day.graph
    if not L.open[r]:
        return 0.0
    keys = graph.u * n + graph.v
    met_elsewhere = np.array([L.met.get(key, r) != r for key in keys.tolist()], dtype=bool)
    ok = L.available[graph.u, r] & L.available[graph.v, r] & ~met_elsewhere
    # Fixed meetings stay where they are; their people are busy.
    busy = np.zeros(n, dtype=bool)
    keep = []
    for a in np.flatnonzero(L.partner[r] >= 0):
        b = int(L.partner[r, a])
        if a < b and ((r, int(a)) in L.fixed or (r, b) in L.fixed):
            busy[[a, b]] = True
            keep.append((int(a), b))
    ok &= ~busy[graph.u] & ~busy[graph.v]
    # A meeting in this round lifts towards the minimum whoever has too few elsewhere.
    elsewhere = L.meeting_counts() - (L.partner[r] >= 0)
    short = elsewhere < day.targets
    priority = graph.w + day.wish_bonus * day.graph_wish + day.minimum_bonus * (short[graph.u] + short[graph.v].astype(float))
    u, v, w = graph.u[ok], graph.v[ok], priority[ok]
    chosen = _matching(n, u, v, w, day.scale)
    value_of = {(int(a), int(b)): float(p) for a, b, p in zip(u.tolist(), v.tolist(), w.tolist())}
    limit = None if L.table_limit is None else L.table_limit - len(keep)
    if limit is not None and len(chosen) > limit:
        # Cut to the table limit: heaviest first, then a second try with a
        # Lagrangian price on every meeting, which prefers fewer, better ones.
        values = np.array([value_of[e] for e in chosen])
        price = float(np.sort(values)[::-1][limit - 1]) if limit > 0 else float(values.max())
        options = [sorted(chosen, key=lambda e: -value_of[e])[: max(limit, 0)]]
        priced = w - price * 0.999
        sel = priced > 0
        second = _matching(n, u[sel], v[sel], priced[sel], day.scale)
        if len(second) <= limit:
            rest = sorted(set(chosen) - set(second), key=lambda e: -value_of[e])
            busy2 = {x for e in second for x in e}
            for e in rest:
                if len(second) >= limit:
                    break
                if e[0] not in busy2 and e[1] not in busy2:
                    second.append(e)
                    busy2.update(e)
            options.append(second)
        chosen = max(options, key=lambda es: sum(value_of[e] for e in es))
    current = [(int(a), int(L.partner[r, a])) for a in np.flatnonzero(L.partner[r] >= 0) if a < L.partner[r, a]]
    current = [e for e in current if e not in keep]

    def worth(a, b):
        return day.weights[a, b] + day.wish_bonus * day.wants[a, b] + day.minimum_bonus * (short[a] + float(short[b]))

    old = sum(worth(a, b) for a, b in current)
    new = sum(value_of[e] for e in chosen)
    if new <= old + 1e-9:
        return 0.0
    for a, b in current:
        L.remove(a, b, r)
    for a, b in chosen:
        if L.fits(a, b, r):  # the matching was built to fit; the ledger has the last word
            L.place(a, b, r)
    return new - old


def _improve(day: _Day, ledger: PairsLedger, budget: Budget, until: float, steps: int | None) -> float:
    """Re-solve one open round at a time until a whole cycle brings nothing, or the budget share is spent.

    `until` is the share of the budget (0..1) this improvement may use in a timed run; `steps` the
    number of round re-solves in a reproducible one.
    """
    rounds = [r for r in range(ledger.rounds) if ledger.open[r]]
    if not rounds:
        return day.value(ledger)
    stale, k, slowest, done = 0, 0, 0.0, 0
    while stale < len(rounds):
        if steps is not None:
            if done >= steps:
                break
        elif budget.elapsed() + slowest > until * budget.time_limit:
            break
        started = budget.elapsed()
        gain = _reoptimise_round(day, ledger, rounds[k])
        slowest = max(slowest, budget.elapsed() - started)
        done += 1
        budget.spend()
        stale = 0 if gain > 1e-9 else stale + 1
        k = (k + 1) % len(rounds)
    return day.value(ledger)


def _exact(day: _Day, ledger: PairsLedger, budget: Budget) -> bool:
    """Replace the ledger's free meetings by the integer program's optimum; True if proven optimal.

    One binary per (candidate pair, open round); minimums and wishes enter as the same bonuses
    the matchings use, so the program's optimum is the lexicographic one.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    L, n, rounds, graph = ledger, ledger.n, ledger.rounds, day.graph
    busy = {(r, i) for (r, i) in L.fixed}
    fixed_keys = {L.key(a, b) for r, a, b in L.meetings() if (r, a) in busy}
    keys = graph.u * n + graph.v
    cols = [(e, r) for e in range(len(graph.u)) for r in range(rounds)
            if L.open[r] and L.available[graph.u[e], r] and L.available[graph.v[e], r]
            and (r, int(graph.u[e])) not in busy and (r, int(graph.v[e])) not in busy and int(keys[e]) not in fixed_keys]
    if not cols:
        return True
    e_of = np.array([c[0] for c in cols])
    r_of = np.array([c[1] for c in cols])
    m = len(cols)
    fixed_count = np.zeros(n)
    for r, a, b in L.meetings():
        if (r, a) in busy:
            fixed_count[[a, b]] += 1
    need = np.maximum(day.targets - fixed_count, 0)
    short = np.flatnonzero(need > 0)
    cost = -(graph.w[e_of] + day.wish_bonus * day.graph_wish[e_of])
    cost = np.concatenate([cost, np.full(len(short), day.minimum_bonus)])
    width = m + len(short)
    rows_, cols_, vals_, lower, upper = [], [], [], [], []
    count = 0
    # one meeting per person per round
    person_round = graph.u[e_of] * rounds + r_of, graph.v[e_of] * rounds + r_of
    for part in person_round:
        rows_.append(part)
        cols_.append(np.arange(m))
    count = n * rounds
    lower.append(np.full(n * rounds, -np.inf))
    upper.append(np.ones(n * rounds))
    # each pair at most once
    rows_.append(count + e_of)
    cols_.append(np.arange(m))
    lower.append(np.full(len(graph.u), -np.inf))
    upper.append(np.ones(len(graph.u)))
    count += len(graph.u)
    if L.table_limit is not None:
        rows_.append(count + r_of)
        cols_.append(np.arange(m))
        lower.append(np.full(rounds, -np.inf))
        upper.append(np.maximum(L.table_limit - L.count.astype(float), 0.0))
        count += rounds
    if len(short):
        # meetings of v + shortfall_v >= what v still needs
        position = {int(v): k for k, v in enumerate(short)}
        for ends in (graph.u[e_of], graph.v[e_of]):
            mask = np.isin(ends, short)
            rows_.append(count + np.array([position[int(v)] for v in ends[mask]], dtype=np.int64))
            cols_.append(np.flatnonzero(mask))
        rows_.append(count + np.arange(len(short)))
        cols_.append(m + np.arange(len(short)))
        lower.append(need[short].astype(float))
        upper.append(np.full(len(short), np.inf))
        count += len(short)
    rows_all, cols_all = np.concatenate(rows_), np.concatenate(cols_)
    a = csr_matrix((np.ones(len(rows_all)), (rows_all, cols_all)), shape=(count, width))
    options = {"node_limit": 20_000} if budget.reproducible else {"time_limit": max(budget.seconds_left(), 0.1)}
    integrality = np.concatenate([np.ones(m), np.zeros(len(short))])
    upper_bounds = np.concatenate([np.ones(m), np.full(len(short), np.inf)])
    result = milp(cost, constraints=LinearConstraint(a, np.concatenate(lower), np.concatenate(upper)),
                  integrality=integrality, bounds=Bounds(np.zeros(width), upper_bounds), options=options)
    if result.x is None:
        return False
    chosen = [cols[k] for k in np.flatnonzero(result.x[:m] > 0.5)]
    for r, x, y in list(L.meetings()):
        if (r, x) not in busy:
            L.remove(x, y, r)
    for e, r in chosen:
        if L.fits(int(graph.u[e]), int(graph.v[e]), r):
            L.place(int(graph.u[e]), int(graph.v[e]), r)
    return result.status == 0


def _repair(day: _Day, ledger: PairsLedger) -> None:
    """Fix what the day-wide rules find: someone short of meetings beside a free partner, a wish left out."""
    state = day.state(ledger)
    while True:
        found = next(short_of_meetings(ledger, state), None)
        if found is not None:
            a, b, r = found
            ledger.place(a, b, r)
            continue
        found = next(left_out_wishes(ledger, state), None)
        if found is None:
            return
        a, b, r = found
        removed = []
        for person in (a, b):
            partner = int(ledger.partner[r, person])
            if partner >= 0:
                ledger.remove(person, partner, r)
                removed.append((person, partner))
        if not ledger.fits(a, b, r):  # cannot happen by the rule's own terms; never loop on it
            for person, partner in removed:
                ledger.place(person, partner, r)
            return
        ledger.place(a, b, r)


def repair(problem: Problem, scores: PairScores, ledger: PairsLedger) -> None:
    """Make any schedule keep the day-wide rules (minimum meetings, wishes) with the engine's own repair."""
    empty = Candidates(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    day = _Day(problem, scores, empty, ledger.available)
    ledger.open = day.open
    ledger.fixed = set(getattr(ledger, "fixed", set())) | {(r, i) for r in range(day.held) for i in range(day.n)}
    _repair(day, ledger)


# -- the solver ---------------------------------------------------------------------


def solve_pairs(problem: Problem, scores: PairScores, budget: Budget, *, seed: int = 0, with_reasons: bool = True,
                exact: bool | None = None) -> Schedule:
    """A schedule of 1:1 meetings with its upper bound.

    `exact` (default: when the event is small) also solves the integer
    program; without pins, wishes or minimums the schedule is then proven
    optimal and the bound is its value.
    """
    fmt: PairsFormat = problem.format
    n = len(scores.ids)
    rng = np.random.default_rng(seed)
    bound, graph, x, eligible, available, _forced = lp_bound(
        problem, scores, progress=lambda detail: budget.report("bound", detail=detail))
    budget.report("bound", bound=bound, detail=f"on {len(graph.u)} candidate meetings")
    day = _Day(problem, scores, graph, available)
    ledger = day.ledger(rng)
    _construct(day, ledger, x, rng)
    objective = day.score(ledger)
    budget.report("start", objective, bound)
    reproducible = budget.reproducible
    steps = budget.steps_left()
    second_start = n <= 2000
    plain = not (day.wants.any() or day.targets.any() or problem.pins or day.held)
    # Nothing to improve once the schedule meets the bound: it is optimal.
    proven = plain and objective >= bound - 1e-9 * max(1.0, abs(bound))
    if not proven:
        _improve(day, ledger, budget, 0.6 if second_start else 1.0, None if steps is None else (steps + 1) // 2)
    budget.report("improve", day.score(ledger), bound)
    # The second start is the round-by-round greedy, improved the same way. The
    # LP's start is usually better; this one guards the odd case where it is not.
    improved = day.value(ledger)
    if second_start and not proven and (reproducible or budget.done() < 0.8):
        other = day.ledger(rng)
        for r in range(fmt.rounds):
            _reoptimise_round(day, other, r)
        other_value = _improve(day, other, budget, 1.0, None if steps is None else steps // 2)
        budget.report("improve", day.score(other), bound, detail="second start")
        if other_value > improved + 1e-9:
            ledger, improved = other, other_value
    if exact is None:
        exact = len(graph.u) * fmt.rounds <= EXACT_LIMIT and not proven
    if exact:
        heuristic = list(ledger.meetings())
        optimal = _exact(day, ledger, budget)
        if day.value(ledger) + 1e-9 < improved:  # the integer program ran out of time
            for r, a, b in list(ledger.meetings()):
                ledger.remove(a, b, r)
            for r, a, b in heuristic:
                ledger.place(a, b, r)
        elif optimal and plain and len(graph.u) == int(eligible.sum()) // 2:
            bound = day.score(ledger)  # every eligible pair was a candidate: the optimum is the bound
        budget.report("exact", day.score(ledger), bound, detail="proven optimal" if optimal else "")
    _repair(day, ledger)
    schedule = schedule_from_ledger(ledger, scores, bound, seed, with_reasons)
    budget.report("done", schedule.objective, bound)
    return schedule


def schedule_from_ledger(ledger: PairsLedger, scores: PairScores, bound, seed: int, with_reasons: bool) -> Schedule:
    """Meetings from the ledger: pinned ones at their tables, the rest numbered best first from the lowest free table."""
    ids = scores.ids
    pinned = getattr(ledger, "tables", {})
    meetings = []
    per_round: dict[int, list[tuple[float, int, int]]] = {}
    for r, a, b in ledger.meetings():
        per_round.setdefault(r, []).append((float(scores.matrix[a, b]), a, b))
    for r, items in sorted(per_round.items()):
        fixed = {}
        for s, a, b in items:
            table = pinned.get((r, a)) or pinned.get((r, b))
            if table is not None:
                fixed[(a, b)] = table
        taken = set(fixed.values())
        numbers = (str(t) for t in range(1, 10**9) if str(t) not in taken)
        # Best meetings at the lowest table numbers: easy to find near the door.
        for s, a, b in sorted(items, key=lambda t: (-t[0], t[1], t[2])):
            table = fixed.get((a, b)) or next(numbers)
            reasons = scores.reasons(ids[a], ids[b]) if with_reasons else ()
            meetings.append(Meeting(r + 1, table, (ids[a], ids[b]), s, reasons))
    meetings.sort(key=lambda m: (m.round, int(m.table) if m.table.isdigit() else 0, m.table))
    objective = float(sum(m.score for m in meetings))
    return Schedule(tuple(meetings), objective, bound, seed)


def fill_pairs(problem: Problem, scores: PairScores, *, seed: int = 0, with_reasons: bool = True) -> Schedule:
    """Keep every pinned meeting and fill only the gaps: each open round an exact matching among the people free in it.

    For re-planning on the day: no LP, no second start, a fraction of a second for hundreds of people.
    """
    fmt: PairsFormat = problem.format
    n = len(scores.ids)
    available = availability_matrix(problem)
    eligible = eligible_matrix(problem, scores, available)
    empty = Candidates(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    day = _Day(problem, scores, empty, available)
    ledger = day.ledger(np.random.default_rng(seed))
    # Candidates: pairs of people who both have a free open round.
    free = np.zeros(n, dtype=bool)
    for r in range(fmt.rounds):
        if ledger.open[r]:
            free |= available[:, r] & (ledger.partner[r] < 0)
    people = np.flatnonzero(free)
    sub = np.triu(eligible[np.ix_(people, people)], 1)
    rows, cols = np.nonzero(sub)
    u, v = people[rows].astype(np.int64), people[cols].astype(np.int64)
    day = _Day(problem, scores, Candidates(u, v, scores.matrix[u, v].astype(float)), available)
    ledger = day.ledger(np.random.default_rng(seed))
    for _ in range(2):
        for r in range(fmt.rounds):
            _reoptimise_round(day, ledger, r)
    _repair(day, ledger)
    return schedule_from_ledger(ledger, scores, None, seed, with_reasons)
