from datetime import date, datetime

import pytest

from klimapartner.accounting.activity import Source
from klimapartner.accounting.inventory import compute_inventory
from klimapartner.accounting.klimakompasset import Unmapped, read_klimakompasset
from tests.accounting.factories import D, make_factors
from tests.accounting.klimakompasset_sample import RESULT_ROWS, make_report


@pytest.fixture(scope="module")
def report():
    return read_klimakompasset(make_report())


def test_it_reads_the_master_data(report):
    assert (report.company, report.cvr, report.postcode, report.employees) == (
        "Vrå Tømrer & Snedker ApS", "12345674", "9760", D(10))
    assert (report.period_start, report.period_end, report.year) == (date(2024, 1, 1), date(2024, 12, 31), 2024)
    assert (report.ok, report.problems) == (True, ())


def test_it_reads_the_results_by_scope_category_and_method(report):
    assert [(r.scope, r.category, r.method, r.kg_co2e) for r in report.reported] == [
        (1, "1.stationary_combustion", "", D(5600)),
        (1, "1.mobile_combustion", "", D(12500)),
        (2, "2.electricity", "location", D(8000)),
        (2, "2.electricity", "market", D(25000)),
        (2, "2.heat", "", D(5000)),
        (3, "3.5_waste", "", D(1210)),
        (3, "3.6_business_travel", "", D(1500)),  # "1,5" written with a decimal comma
    ]  # the purchases row said "(ikke angivet)" and is left out


def test_its_result_becomes_an_inventory_with_both_scope_2_methods(report):
    inv = report.inventory("vraa-tomrer")
    assert inv.factor_set == "Klimakompasset (as reported)"
    assert (inv.scope1, inv.scope2_location, inv.scope2_market, inv.scope3) == (D(18100), D(13000), D(30000), D(2710))
    assert inv.total() == D(33810)
    assert inv.per_employee() == D("3381")


def test_entries_become_activity_in_the_right_grid_area_waste_and_flights_included(report):
    assert [(l.source, l.amount, l.unit, l.variant) for l in report.activity_lines] == [
        (Source.ELECTRICITY, D(80000), "kWh", "dk1"),  # postcode 9760 Vrå is in West Denmark
        (Source.DISTRICT_HEATING, D(100), "MWh", ""),
        (Source.NATURAL_GAS, D(2500), "m3", ""),
        (Source.DIESEL, D(5000), "liter", ""),
        (Source.WASTE, D(3), "ton", "residual"),
        (Source.FLIGHT, D(4), "rejser", "medium"),  # Copenhagen–Brussels is a European flight
    ]
    assert report.unmapped == ()


def test_every_entry_not_imported_is_listed_with_its_reason():
    from tests.accounting.klimakompasset_sample import ENTRY_ROWS

    rows = ENTRY_ROWS + [
        (datetime(2024, 12, 31), "Indkøb", "Kontorartikler", 12000, "kr", 600),
        (datetime(2024, 12, 31), "Affald", "Blandet", 2, "ton", 100),
        (datetime(2024, 12, 31), "Vognpark", "Benzin", "mange", "liter", 10),
        (datetime(2024, 12, 31), "Forretningsrejser", "Fly", 3, "rejser", 600),
        (datetime(2024, 12, 31), "Elforbrug", "Lager", 100, "hestekræfter", 10),
    ]
    report = read_klimakompasset(make_report(entry_rows=rows))
    assert [(u.row, u.code, u.category_code) for u in report.unmapped] == [
        (10, "no_matching_activity", "3.1_purchased_goods"), (11, "no_variant", "3.5_waste"),
        (12, "not_a_number", "1.mobile_combustion"), (13, "no_variant", "3.6_business_travel"),
        (14, "unknown_unit", "2.electricity")]
    assert str(report.unmapped[0]) == (
        "row 10 (Indkøb: Kontorartikler): no matching activity; kept only in Klimakompasset's result")


def test_the_imported_activity_can_be_recomputed_with_our_factors(report):
    inv = compute_inventory(report.activity("vraa-tomrer"), make_factors())
    # 80,000 × 0.1 + 100,000 × 0.05 + 2,500 m³ × 40 MJ × 56 kg/GJ + 5,000 l × 2.5, 3 t × 400, 4 × 2,000 pkm × 0.15
    assert inv.total() == D(8000) + D(5000) + D(5600) + D(12500) + D(1200) + D(1200)


def codes(report):
    return [(p.code, p.severity, p.params) for p in report.problems]


def test_a_file_without_the_results_sheet_names_it():
    report = read_klimakompasset(make_report(omit_sheets=("Delresultater (GHG)",)))
    assert not report.ok
    assert codes(report) == [("missing_sheets", "error", {
        "sheets": ("Delresultater (GHG)",), "found": ("Stamdata", "Resultater", "E-nøgletal (ESG)", "Data (alle poster)")})]


def test_a_file_without_either_sheet_names_both():
    report = read_klimakompasset(make_report(omit_sheets=("Stamdata", "Delresultater (GHG)")))
    assert report.errors[0].params["sheets"] == ("Stamdata", "Delresultater (GHG)")


def test_a_results_table_without_the_tonnes_column_names_it():
    report = read_klimakompasset(make_report(result_header=["Scope", "Kategori", "Metode", None, None, None, "Andel"]))
    assert codes(report) == [("no_header", "error", {"sheet": "Delresultater (GHG)", "columns": ("Ton CO2e",)})]
    assert report.errors[0].message == "Delresultater (GHG): no header row with the column(s) Ton CO2e"


def test_master_data_without_dates_names_them():
    report = read_klimakompasset(make_report(start=None, end="sidste år"))
    assert codes(report) == [("no_dates", "error", {"sheet": "Stamdata", "missing": ("Startdato", "Slutdato")})]


def test_a_text_number_that_is_not_a_number_names_the_row():
    rows = RESULT_ROWS[:1] + [("Scope 1", "Vognpark", "", "mange")]
    report = read_klimakompasset(make_report(result_rows=rows))
    assert codes(report) == [("cell_not_a_number", "error", {
        "sheet": "Delresultater (GHG)", "row": 7, "column": "Ton CO2e", "value": "mange"})]


@pytest.mark.parametrize("data, code", [
    (b"Virksomhedsnavn;CVR\n", "no_header"), (b"PK\x03\x04 broken", "not_xlsx"),
    (b"\xd0\xcf\x11\xe0 old excel", "old_xls"), (b"", "empty"), (b"\x00\x01", "not_text")])
def test_a_file_that_is_not_excel_is_refused_in_words_not_exceptions(data, code):
    report = read_klimakompasset(data)
    assert [p.code for p in report.errors] == [code]


def test_a_fiscal_year_a_wrong_total_and_no_entries_are_warnings():
    report = read_klimakompasset(make_report(start=datetime(2023, 7, 1), end=datetime(2024, 6, 30),
                                             stated_total=40, with_entries=False))
    assert (report.ok, report.year) == (True, 2024)
    assert [(p.code, p.severity) for p in report.problems] == [
        ("not_calendar_year", "warning"), ("rows_do_not_add_up", "warning"), ("no_entries_sheet", "warning")]
    assert report.problems[1].params == {"sheet": "Delresultater (GHG)", "summed": D("33.81"), "stated": D(40)}
    assert report.activity_lines == ()


def test_merged_scope_cells_carry_down_and_a_head_count_range_is_a_warning():
    report = read_klimakompasset(make_report(merge_scopes=True, employees="10-49"))
    assert [r.scope for r in report.reported] == [1, 1, 2, 2, 2, 3, 3]
    assert report.employees is None
    assert codes(report) == [("employees_not_a_number", "warning", {"sheet": "Stamdata", "value": "10-49"})]


def test_our_result_and_the_report_reconcile_line_by_line():
    from klimapartner.accounting.reconcile import reconcile

    report = read_klimakompasset(make_report())
    ours = compute_inventory(report.activity("vraa-tomrer"), make_factors())
    result = reconcile(ours, report.inventory("vraa-tomrer"))
    assert [(r.category, r.ours, r.theirs, r.reasons) for r in result.rows] == [
        ("1.stationary_combustion", D(5600), D(5600), ("matches",)),
        ("1.mobile_combustion", D(12500), D(12500), ("matches",)),
        ("2.electricity", D(8000), D(8000), ("matches",)),
        ("2.heat", D(5000), D(5000), ("matches",)),
        ("3.5_waste", D(1200), D(1210), ("matches",)),  # 10 kg is within 1 %
        ("3.6_business_travel", D(1200), D(1500), ("factors_differ",)),
    ]
    assert (result.ours, result.theirs, result.difference, result.reconciled) == (
        D(33500), D(33810), D(-310), False)
    market = reconcile(ours, report.inventory("vraa-tomrer"), method="market")
    assert [(r.ours, r.theirs) for r in market.rows if r.category == "2.electricity"] == [(D(40000), D(25000))]


def test_entries_not_imported_explain_a_difference():
    from klimapartner.accounting.reconcile import reconcile
    from tests.accounting.klimakompasset_sample import ENTRY_ROWS

    report = read_klimakompasset(make_report(entry_rows=[r for r in ENTRY_ROWS if r[1] != "Affald"] + [
        (datetime(2024, 12, 31), "Affald", "Blandet", 3, "ton", 1210)]))
    ours = compute_inventory(report.activity("p"), make_factors())
    result = reconcile(ours, report.inventory("p"), not_imported=[(u.category_code, u.description)
                                                                   for u in report.unmapped])
    (waste,) = [r for r in result.rows if r.category == "3.5_waste"]
    assert (waste.ours, waste.theirs, waste.reasons, waste.not_imported) == (
        D(0), D(1210), ("not_imported", "only_in_klimakompasset"), ("Blandet",))


def test_the_entries_sheet_saved_as_csv_is_read_as_activity():
    rows = ["Dato;Kategori;Beskrivelse;Mængde;Enhed;CO2e (kg)"]
    rows += [f"31-12-2024;Elforbrug;Måler {n};1.000,5;kWh;100" for n in range(3000)]
    rows += ["31-12-2024;Indkøb;Kaffe;2.000;kr;50"]
    seen = []
    report = read_klimakompasset("\r\n".join(rows).encode("cp1252"), postcode="4000",
                                 progress=lambda done, total: seen.append((done, total)))
    assert report.ok and report.year is None and report.cvr == ""
    assert len(report.activity_lines) == 3000
    assert (report.activity_lines[0].amount, report.activity_lines[0].variant) == (D("1000.5"), "dk2")
    assert [(u.code, u.category_code) for u in report.unmapped] == [("no_matching_activity", "3.1_purchased_goods")]
    assert [p.code for p in report.warnings] == ["entries_only"]
    assert seen == [(2000, 3002)]


def test_each_entry_is_set_next_to_klimakompassets_own_kg_with_both_factors():
    from klimapartner.accounting.reconcile import reconcile_entries

    report = read_klimakompasset(make_report())
    assert [(e.row, e.line.source, e.reported_kg) for e in report.entries] == [
        (4, Source.ELECTRICITY, D(8000)), (5, Source.DISTRICT_HEATING, D(5000)), (6, Source.NATURAL_GAS, D(5600)),
        (7, Source.DIESEL, D(12500)), (8, Source.WASTE, D(1200)), (9, Source.FLIGHT, D(1500))]
    rows = reconcile_entries(report.entries, make_factors(), 2024)
    assert [(r.row, r.ours, r.theirs, r.reason) for r in rows] == [
        (4, D(8000), D(8000), "matches"), (5, D(5000), D(5000), "matches"), (6, D(5600), D(5600), "matches"),
        (7, D(12500), D(12500), "matches"), (8, D(1200), D(1200), "matches"),
        (9, D(1200), D(1500), "factors_differ")]
    flight = rows[-1]
    # 4 trips to Brussels: 4 × 2,000 pkm = 8,000 pkm; ours 0.15 kg/pkm, Klimakompasset's 1,500 kg ÷ 8,000 pkm
    assert (flight.label, flight.amount, flight.unit, flight.factor_unit) == (
        "Fly København–Bruxelles", D(4), "rejser", "kg CO2e/pkm")
    assert (flight.our_factor, flight.their_factor, flight.difference) == (D("0.15"), D("0.1875"), D(-300))
    # market-based: the electricity entry at the residual mix, 80,000 kWh × 0.5
    market = reconcile_entries(report.entries, make_factors(), 2024, method="market")
    assert (market[0].ours, market[0].reason) == (D(40000), "factors_differ")


def test_an_entry_our_factors_cannot_compute_or_without_klimakompassets_kg_is_said():
    from klimapartner.accounting.reconcile import reconcile_entries

    rows = [("31-12-2024", "Elforbrug", "Måler", "1.000", "kWh", ""),
            ("31-12-2024", "Fjernvarme", "Kontor", "10", "MWh", "0,5"), ("31-12-2024", "HVO", "Gravko", "100", "l", "4")]
    text = "Dato;Kategori;Beskrivelse;Mængde;Enhed;Ton CO2e\n" + "\n".join(";".join(r) for r in rows)
    report = read_klimakompasset(text.encode(), postcode="9760")
    factors = make_factors()
    factors = factors.__class__(factors.name, factors.year, factors.gwp,
                                tuple(f for f in factors.factors if f.key != "hvo"))
    found = reconcile_entries(report.entries, factors, 2024)
    assert [(r.row, r.ours, r.theirs, r.reason) for r in found] == [
        (2, D(100), None, "not_reported"),  # 1,000 kWh × 0.100 (DK1 from the postcode)
        (3, D(500), D(500), "matches"),  # "Ton CO2e": 0,5 t is 500 kg
        (4, None, D(4000), "not_computable")]
    assert found[2].problem.code == "no_factor"
