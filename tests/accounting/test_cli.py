import io

from klimapartner.accounting.cli import main
from tests.accounting.klimakompasset_sample import make_report


def run(*argv):
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_it_lists_the_shipped_set():
    code, text = run("factors")
    assert code == 0
    assert text.splitlines()[0] == "Klimapartner standard (DK) 2026 (AR5): 47 factors, 44 provisional, CHP method 125 %"
    code, text = run("factors", "--year", "2021")
    assert [line.split()[:3] for line in text.splitlines() if line.split()[0] == "natural_gas"] == [
        ["natural_gas", "2.1966", "kg"]]


def test_it_reports_a_bad_factor_file_row_by_row(tmp_path):
    path = tmp_path / "factors.csv"
    path.write_text("key,value\n", encoding="utf-8")
    code, text = run("factors", str(path))
    assert code == 1
    assert text.splitlines()[-1] == "7 error(s); the set was not loaded"


def test_it_summarises_a_klimakompasset_report(tmp_path):
    path = tmp_path / "kk.xlsx"
    path.write_bytes(make_report())
    code, text = run("klimakompasset", str(path))
    assert code == 0
    assert text.splitlines()[:5] == [
        "Vrå Tømrer & Snedker ApS (CVR 12345674), 2024-01-01 – 2024-12-31",
        "  scope 1: 18.1 t CO2e",
        "  scope 2: 13 t CO2e",
        "  scope 3: 2.71 t CO2e",
        "  scope 2 market-based: 30 t CO2e",
    ]


def test_the_benchmark_reports_its_figures():
    code, text = run("bench", "--repeat", "1")
    lines = text.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[0].startswith("Klimakompasset CSV, 56,610 rows") and lines[0].endswith("56,610 activity lines (median of 1)")
    assert lines[1].startswith("Reconciliation entry by entry, 56,610 entries: ")
    assert lines[1].endswith("(56,610 with other factors; median of 1)")  # 0.143 kg/kWh against 100 kg per 1,000.5 kWh
    assert "refused (too_large_uncompressed)" in lines[2]
    assert lines[3].endswith("(150 emission lines)")  # electricity: location, market, upstream; diesel: 1, upstream
