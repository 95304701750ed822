from datetime import date, datetime

import pytest

from klimapartner.accounting.activity import Source
from klimapartner.accounting.inventory import compute_inventory
from klimapartner.accounting.klimakompasset import KlimakompassetFormatError, read_klimakompasset
from tests.accounting.factories import D, make_factors
from tests.accounting.klimakompasset_sample import RESULT_ROWS, make_report


@pytest.fixture(scope="module")
def report():
    return read_klimakompasset(make_report())


def test_it_reads_the_master_data(report):
    assert (report.company, report.cvr, report.postcode, report.employees) == (
        "Vrå Tømrer & Snedker ApS", "12345674", "9760", D(10))
    assert (report.period_start, report.period_end, report.year) == (date(2024, 1, 1), date(2024, 12, 31), 2024)
    assert report.warnings == ()


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


def test_entries_become_activity_in_the_right_grid_area(report):
    assert [(l.source, l.amount, l.unit, l.variant) for l in report.activity_lines] == [
        (Source.ELECTRICITY, D(80000), "kWh", "dk1"),  # postcode 9760 Vrå is in West Denmark
        (Source.DISTRICT_HEATING, D(100), "MWh", ""),
        (Source.NATURAL_GAS, D(2500), "m3", ""),
        (Source.DIESEL, D(5000), "liter", ""),
    ]
    assert report.unmapped == (
        "row 8 (Affald: Restaffald): no matching activity; kept only in Klimakompasset's result",
        "row 9 (Forretningsrejser: Fly København–Bruxelles): no matching activity; kept only in Klimakompasset's result",
    )


def test_the_imported_activity_can_be_recomputed_with_our_factors(report):
    inv = compute_inventory(report.activity("vraa-tomrer"), make_factors())
    # 80,000 × 0.1 + 100,000 × 0.05 + 2,500 m³ × 40 MJ × 56 kg/GJ + 5,000 l × 2.5
    assert inv.total() == D(8000) + D(5000) + D(5600) + D(12500)


def test_a_file_without_the_results_sheet_names_it():
    with pytest.raises(KlimakompassetFormatError) as caught:
        read_klimakompasset(make_report(omit_sheets=("Delresultater (GHG)",)))
    assert str(caught.value) == (
        "This is not a Klimakompasset report: the sheet 'Delresultater (GHG)' is missing "
        "(sheets in the file: Stamdata, Resultater, E-nøgletal (ESG), Data (alle poster))")
    assert caught.value.missing == ("Delresultater (GHG)",)


def test_a_file_without_either_sheet_names_both():
    with pytest.raises(KlimakompassetFormatError) as caught:
        read_klimakompasset(make_report(omit_sheets=("Stamdata", "Delresultater (GHG)")))
    assert caught.value.missing == ("Stamdata", "Delresultater (GHG)")
    assert "the sheets 'Stamdata' and 'Delresultater (GHG)' are missing" in str(caught.value)


def test_a_results_table_without_the_tonnes_column_names_it():
    with pytest.raises(KlimakompassetFormatError) as caught:
        read_klimakompasset(make_report(result_header=["Scope", "Kategori", "Metode", None, None, None, "Andel"]))
    assert str(caught.value) == "Delresultater (GHG): no header row with the column 'Ton CO2e'"
    assert caught.value.missing == ("Ton CO2e",)


def test_master_data_without_dates_names_them():
    with pytest.raises(KlimakompassetFormatError) as caught:
        read_klimakompasset(make_report(start=None, end="sidste år"))
    assert str(caught.value) == (
        "Stamdata: no readable Startdato or Slutdato (a label in column A with the date in column B)")


def test_a_text_number_that_is_not_a_number_names_the_row():
    rows = RESULT_ROWS[:1] + [("Scope 1", "Vognpark", "", "mange")]
    with pytest.raises(KlimakompassetFormatError,
                       match=r"Delresultater \(GHG\), row 7: the value 'mange' in column 'Ton CO2e' is not a number"):
        read_klimakompasset(make_report(result_rows=rows))


def test_a_file_that_is_not_excel_is_refused():
    with pytest.raises(KlimakompassetFormatError, match=r"could not be opened as an Excel workbook \(.xlsx\)"):
        read_klimakompasset(b"Virksomhedsnavn;CVR\n")


def test_a_fiscal_year_a_wrong_total_and_no_entries_are_warnings():
    report = read_klimakompasset(make_report(start=datetime(2023, 7, 1), end=datetime(2024, 6, 30),
                                             stated_total=40, with_entries=False))
    assert report.year == 2024
    assert report.warnings == (
        "the period 2023-07-01 – 2024-06-30 is not a calendar year; it is counted as 2024",
        "Delresultater (GHG): the rows add up to 33.81 t CO2e but the file's total says 40",
        "no sheet 'Data (alle poster)': only the results were imported, no activity data",
    )
    assert report.activity_lines == ()


def test_merged_scope_cells_carry_down_and_a_head_count_range_is_a_warning():
    report = read_klimakompasset(make_report(merge_scopes=True, employees="10-49"))
    assert [r.scope for r in report.reported] == [1, 1, 2, 2, 2, 3, 3]
    assert report.employees is None
    assert report.warnings == ("Stamdata: the number of employees '10-49' is not a number; "
                               "no intensity per employee",)
