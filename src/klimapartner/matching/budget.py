"""How long a solve may search: seconds, or a number of steps that gives the same result on any machine."""

from __future__ import annotations

import time
from collections.abc import Callable

from .model import Progress

CLOCKS: dict[str, Callable[[], float]] = {
    "wall": time.perf_counter,
    # Seconds of this process's CPU: for benchmarks on a shared machine, where the wall clock measures the neighbours.
    "cpu": time.process_time,
}


class Budget:
    """A search budget: `time_limit` seconds, or exactly `steps` steps when given (then the clock is never read).

    Solvers ask `exhausted()` between steps, `seconds_left()` to share time
    among parts, and report progress through `report`.
    """

    def __init__(self, time_limit: float = 10.0, steps: int | None = None, progress=None, clock="wall"):
        self.time_limit = float(time_limit)
        self.steps = None if steps is None else int(steps)
        self.clock = CLOCKS[clock] if isinstance(clock, str) else clock  # a name, or any () -> seconds
        self.started = self.clock()
        self.steps_done = 0
        self._progress = progress

    @property
    def reproducible(self) -> bool:
        return self.steps is not None

    def elapsed(self) -> float:
        return self.clock() - self.started

    def seconds_left(self) -> float:
        return max(0.0, self.time_limit - self.elapsed())

    def steps_left(self) -> int | None:
        return None if self.steps is None else max(0, self.steps - self.steps_done)

    def spend(self, steps: int = 1) -> None:
        self.steps_done += steps

    def exhausted(self) -> bool:
        if self.steps is not None:
            return self.steps_done >= self.steps
        return self.elapsed() >= self.time_limit

    def done(self) -> float:
        """Share of the budget used, 0..1."""
        if self.steps is not None:
            return min(1.0, self.steps_done / max(self.steps, 1))
        return min(1.0, self.elapsed() / max(self.time_limit, 1e-9))

    def report(self, stage: str, objective: float | None = None, bound: float | None = None, detail: str = "") -> None:
        if self._progress is not None:
            self._progress(Progress(self.done(), stage, objective, bound, detail))
