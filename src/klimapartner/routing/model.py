"""The routing core's plain data: a day of site visits in, a timed route out.

Times are whole minutes after midnight (09:40 is 580) so every rule is exact
integer arithmetic; `clock` and `minutes` convert to and from "HH:MM".
Everything is keyed by ids, never by list positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field as _field

DAY_END = 48 * 60  # a horizon beyond any tour: "open all day" means open until then


def minutes(text: str) -> int:
    """'09:40' (or '9.40') -> 580; raises ValueError on anything else."""
    text = text.strip().replace(".", ":")
    hours, sep, mins = text.partition(":")
    if not sep or not hours.isdigit() or not mins.isdigit() or len(mins) != 2:
        raise ValueError(text)
    h, m = int(hours), int(mins)
    if h > 24 or m > 59 or (h == 24 and m):
        raise ValueError(text)
    return h * 60 + m


def clock(value: int, sep: str = ":") -> str:
    """580 -> '09:40'."""
    return f"{value // 60:02d}{sep}{value % 60:02d}"


@dataclass(frozen=True)
class Problem:
    """A finding: `code` says what, `field` which input, `params` the values. The app words it."""

    code: str
    field: str = ""
    params: dict = _field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where the bus starts and ends (the depot)."""

    id: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Stop:
    """A site to visit once, wholly inside its opening hours.

    `hours` are the intervals the host is open (empty: all day). `earliest` and
    `latest` narrow them further (the visit starts no earlier than `earliest` and
    ends no later than `latest`). `busy` are intervals when the host is already
    receiving someone else (another group); a visit may not overlap them.
    """

    id: str
    name: str
    lat: float
    lon: float
    visit_minutes: int
    hours: tuple[tuple[int, int], ...] = ()
    earliest: int | None = None
    latest: int | None = None
    busy: tuple[tuple[int, int], ...] = ()

    @classmethod
    def open_between(cls, id: str, name: str, lat: float, lon: float, visit_minutes: int,
                     opens: int | None = None, closes: int | None = None, **kwargs) -> "Stop":
        """A stop with one opening interval (either end may be left out)."""
        hours = () if opens is None and closes is None else ((opens or 0, DAY_END if closes is None else closes),)
        return cls(id, name, lat, lon, visit_minutes, hours=hours, **kwargs)

    @property
    def opens(self) -> int | None:
        return self.hours[0][0] if self.hours else None

    @property
    def closes(self) -> int | None:
        return self.hours[-1][1] if self.hours else None


@dataclass(frozen=True)
class Break:
    """A fixed pause (lunch) of `minutes`, wholly between `earliest` and `latest`.

    With `at_stop` it is taken at that stop right after the visit (lunch at the
    farm shop); without, at whichever stop the bus has just visited.
    """

    id: str
    name: str
    minutes: int
    earliest: int
    latest: int
    at_stop: str | None = None


OBJECTIVES = ("return", "driving")


@dataclass(frozen=True)
class Day:
    """Everything the planner needs: the depot, the stops, the day's limits and the breaks."""

    depot: Place
    stops: tuple[Stop, ...]
    depart: int
    return_by: int
    breaks: tuple[Break, ...] = ()

    def __post_init__(self):
        ids = [self.depot.id, *(s.id for s in self.stops)]
        if len(set(ids)) != len(ids):
            raise ValueError("stop ids must be unique and differ from the depot's")
        break_ids = [b.id for b in self.breaks]
        if len(set(break_ids)) != len(break_ids) or set(break_ids) & set(ids):
            raise ValueError("break ids must be unique and differ from the stops'")

    @property
    def places(self) -> tuple:
        return (self.depot, *self.stops)

    def stop(self, stop_id: str) -> Stop:
        for s in self.stops:
            if s.id == stop_id:
                return s
        raise KeyError(stop_id)


@dataclass(frozen=True)
class Leg:
    """One row of the timetable: a stop visited, or a break taken where the bus is."""

    id: str
    kind: str  # "stop" or "break"
    arrive: int  # for a stop: when the bus gets there; for a break: when it can begin
    start: int
    leave: int
    drive: int  # minutes driven to get here (0 for a break)
    place: str  # id of the stop where it happens (the stop itself, for a stop)

    @property
    def wait(self) -> int:
        return self.start - self.arrive


@dataclass(frozen=True)
class Route:
    """A timed route: leave the depot, the legs in order, be back."""

    depart: int
    legs: tuple[Leg, ...]
    back: int
    back_drive: int  # minutes driven from the last stop to the depot
    problems: tuple[Problem, ...] = ()  # rules this route breaks (empty for a planner's route)

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(leg.id for leg in self.legs)

    @property
    def stop_legs(self) -> tuple[Leg, ...]:
        return tuple(leg for leg in self.legs if leg.kind == "stop")

    @property
    def driving(self) -> int:
        return sum(leg.drive for leg in self.legs) + self.back_drive

    @property
    def waiting(self) -> int:
        return sum(leg.wait for leg in self.stop_legs)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Plan:
    """The planner's answer: the best route found, or why there is none.

    `optimal` is True when the route is proven best (or, with no route, when no
    route can exist); `bound` is a proven lower bound on the objective (return
    time, or driving minutes), so `value - bound` is the most that could be gained.
    """

    objective: str
    route: Route | None
    optimal: bool
    bound: int | None
    method: str  # "exact", "heuristic" or "none"
    problems: tuple[Problem, ...] = ()
    stats: dict = _field(default_factory=dict)

    @property
    def value(self) -> int | None:
        if self.route is None:
            return None
        return self.route.back if self.objective == "return" else self.route.driving

    @property
    def gap(self) -> int | None:
        """Minutes between the route and the bound (0 when proven optimal)."""
        if self.route is None or self.bound is None:
            return None
        return self.value - self.bound
