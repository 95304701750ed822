"""Charts as numbers for an inline SVG (templates/climate/includes/chart.html) and for the PDF reports.

A chart is bars for the years' emissions and a line for the path the targets
allow. Everything is computed here in chart units, so the template only places
shapes; no JavaScript and no chart library.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 16, 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    year: int
    tonnes: Decimal
    status: str  # on_track, behind or "" (the base year, or no path)


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Row:
    year: int
    actual: Decimal | None  # t CO2e
    planned: Decimal | None
    status: str


@dataclass
class Chart:
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    path: str = ""  # "x,y x,y …" for a polyline
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # the same numbers, for the table beside the chart
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT


def nice_ceiling(value: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten, at least `value`: an axis top people can read."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def tonnes(kg) -> Decimal:
    """kg as tonnes to one decimal, rounded half up as people round."""
    return (Decimal(kg) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def tonnes_text(kg) -> str:
    """Tonnes for a sentence, in the language's number format: "5.9" or "5,9", "1,234.5" or "1.234,5"."""
    return number_format(tonnes(kg), decimal_pos=1, force_grouping=True)


def year_chart(*, title: str, description: str, years, actual: dict, planned: dict | None = None,
               status: dict | None = None) -> Chart:
    """Bars for `actual` (kg per year) and a line through `planned` (kg per year) over `years`."""
    years = list(years)
    planned = planned or {}
    status = status or {}
    chart = Chart(title, description)
    if not years:
        return chart
    highest = float(max([*map(tonnes, actual.values()), *map(tonnes, planned.values()), Decimal(0)]))
    # Four to five gridlines at round steps (1, 2, 2.5 or 5 times a power of ten).
    step = nice_ceiling(highest / 4) if highest > 0 else 1.0
    steps = max(1, math.ceil(highest / step))
    top = step * steps
    plot_w = chart.right - chart.left
    plot_h = chart.bottom - TOP
    slot = plot_w / len(years)
    bar_w = max(2.0, slot * 0.6)

    def y_of(t):
        return chart.bottom - float(t) / top * plot_h

    decimals = 0 if step == int(step) else (1 if step * 10 == int(step * 10) else 2)
    for n in range(steps + 1):
        value = step * n
        chart.y_ticks.append(Tick(round(y_of(value), 1),
                                  number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)))
    label_every = max(1, math.ceil(len(years) / 12))
    for i, year in enumerate(years):
        centre = chart.left + slot * (i + 0.5)
        if i % label_every == 0 or i == len(years) - 1:
            chart.x_ticks.append(Tick(round(centre, 1), str(year)))
        if year in actual:
            t = tonnes(actual[year])
            y = y_of(t)
            chart.bars.append(Bar(round(centre - bar_w / 2, 1), round(y, 1), round(bar_w, 1),
                                  round(chart.bottom - y, 1), year, t, str(status.get(year) or "")))
    points = [f"{chart.left + slot * (i + 0.5):.1f},{y_of(tonnes(planned[y])):.1f}"
              for i, y in enumerate(years) if y in planned]
    chart.path = " ".join(points)
    chart.rows = [Row(y, tonnes(actual[y]) if y in actual else None, tonnes(planned[y]) if y in planned else None,
                      str(status.get(y) or "")) for y in years if y in actual or y in planned]
    return chart
