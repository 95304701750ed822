"""Chart geometry: round gridlines, bars where there is data, the path through every year."""

from decimal import Decimal

from django.utils import translation

from klimapartner.climate.charts import year_chart

D = Decimal


def ticks(top_kg):
    with translation.override("en"):
        chart = year_chart(title="t", description="d", years=[2020], actual={2020: D(top_kg)})
    return [t.label for t in chart.y_ticks]


def test_gridlines_fall_on_round_numbers():
    assert ticks("3900") == ["0", "1", "2", "3", "4"]
    assert ticks("4100") == ["0", "2", "4", "6"]
    assert ticks("123456") == ["0", "50", "100", "150"]
    assert ticks("800") == ["0.0", "0.2", "0.4", "0.6", "0.8"]
    assert ticks("1100") == ["0.0", "0.5", "1.0", "1.5"]


def test_bars_and_the_path():
    chart = year_chart(title="t", description="d", years=range(2020, 2023), actual={2020: D(2000), 2022: D(1000)},
                       planned={2020: D(2000), 2021: D(1500), 2022: D(1000)}, status={2022: "on_track"})
    assert [(b.year, b.tonnes, b.status, b.height) for b in chart.bars] == [
        (2020, D("2.0"), "", 284.0), (2022, D("1.0"), "on_track", 142.0)]
    assert chart.path == "177.3,16.0 388.0,87.0 598.7,158.0"
    assert [(r.year, r.actual, r.planned) for r in chart.rows] == [
        (2020, D("2.0"), D("2.0")), (2021, None, D("1.5")), (2022, D("1.0"), D("1.0"))]
