import io
from decimal import Decimal

import openpyxl

from klimapartner.accounting.factors import (
    CSV_COLUMNS, RowError, default_factor_set, read_factor_csv, read_factor_xlsx, write_factor_csv,
)
from tests.accounting.factories import TEST_FACTORS_CSV, make_factors

HEADER = ",".join(CSV_COLUMNS)


def test_the_default_set_has_every_factor_the_activities_need():
    from klimapartner.accounting.activity import VARIANTS, Source, default_factor_key

    factors = default_factor_set()
    assert factors.label == "Klimapartner standard (DK) 2026 (AR5)"
    needed = {default_factor_key(source, variant) for source in Source if source is not Source.REFRIGERANT
              for variant in VARIANTS.get(source, ("",))}
    needed |= {"electricity.market.residual_mix", "electricity.market.guarantee_of_origin", "waste.residual",
               "waste.paper_cardboard", "waste.plastic", "waste.food", "spend.goods", "spend.services"}
    needed -= {"flight.", "waste.", "spend."}
    assert sorted(k for k in needed if k not in factors) == []


def test_every_default_factor_names_publisher_document_and_year_and_every_stand_in_says_so():
    factors = default_factor_set()
    assert [f.key for f in factors.factors if not (f.reference.publisher and f.reference.document and f.year)] == []
    assert [f.key for f in factors.factors if f.provisional and not f.provisional_note] == []
    # Read from the publishers' own pages: Evida's natural-gas factor for each year; and two definitions.
    assert sorted({(f.key, f.year) for f in factors.factors if not f.provisional}) == [
        ("car_km.electric", 2024), ("electricity.market.guarantee_of_origin", 2026), ("natural_gas", 2020),
        ("natural_gas", 2021), ("natural_gas", 2022), ("natural_gas", 2023)]


def test_natural_gas_is_evidas_factor_per_cubic_metre_with_gasnets_calorific_value():
    gas = default_factor_set(2023).get("natural_gas")
    assert (gas.value, gas.unit, gas.conversion, gas.year, gas.reference.publisher) == (
        Decimal("2.2627"), "kg CO2e/m3", "39.6 MJ/m**3", 2023, "Evida")
    assert [f.value for f in default_factor_set().factors if f.key == "natural_gas"] == [
        Decimal("2.1986"), Decimal("2.1966"), Decimal("2.2326"), Decimal("2.2627")]


def test_the_shipped_set_uses_one_chp_method():
    factors = default_factor_set()
    assert factors.chp_method == "125"
    assert {f.key for f in factors.factors if f.chp_method} == {
        "electricity.location.dk1", "electricity.location.dk2", "electricity.location.dk", "district_heating.national"}


def test_a_set_that_mixes_chp_methods_is_refused_unless_marked_deliberate():
    rows = [HEADER, "S,2024,AR5,electricity.location.dk1,0.1,kg CO2e/kWh,2,2.electricity,Energinet,,,,no,,,,,125%,",
            "S,2024,AR5,district_heating.national,0.05,kg CO2e/kWh,2,2.heat,ENS,,,,no,,,,,200 %,"]
    refused = read_factor_csv("\n".join(rows))
    assert [(e.row, e.column, e.code, e.params) for e in refused.errors] == [
        (3, "chp_method", "chp_methods_mixed", {"methods": "125%, 200%"})]
    rows[2] += "the utility only publishes the 200 % figure"
    accepted = read_factor_csv("\n".join(rows))
    assert (accepted.factor_set.chp_method, accepted.factor_set.chp_mixed_reason) == (
        "mixed", "the utility only publishes the 200 % figure")
    assert read_factor_csv(write_factor_csv(accepted.factor_set)).factor_set == accepted.factor_set


def test_csv_round_trip_gives_the_same_set():
    factors = default_factor_set()
    again = read_factor_csv(write_factor_csv(factors))
    assert again.errors == ()
    assert again.factor_set == factors


def test_xlsx_round_trip_gives_the_same_set():
    factors = make_factors()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in read_rows(write_factor_csv(factors)):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert read_factor_xlsx(buffer).factor_set == factors


def read_rows(text):
    import csv

    return list(csv.reader(io.StringIO(text)))


def test_danish_excel_csv_with_semicolons_and_decimal_commas_is_read():
    text = TEST_FACTORS_CSV.splitlines()
    header = text[0].replace(",", ";")
    rows = ["Test;2024;AR5;diesel;2,51;kg CO2e/l;1;1.mobile_combustion;Energistyrelsen;Miljø;;;nej;;",
            "Test;2024;AR5;refrigerant.x;1.234,5;kg CO2e/kg;1;1.fugitive;IPCC;;;;nej;;",
            "Test;2024;AR5;coal;2.400;kg CO2e/t;1;1.stationary_combustion;ENS;;;;nej;;"]
    result = read_factor_csv((header + "\r\n" + "\r\n".join(rows) + "\r\n").encode("cp1252"))
    assert result.errors == ()
    assert result.factor_set.get("diesel").reference.document == "Miljø"  # Windows-1252, as older Excel saves CSV
    assert [(f.key, f.value) for f in result.factor_set.factors] == [
        ("diesel", Decimal("2.51")), ("refrigerant.x", Decimal("1234.5")), ("coal", Decimal("2400"))]


def test_every_bad_row_is_reported_with_row_column_and_reason_and_nothing_is_returned():
    text = "\n".join([
        HEADER,
        "S,2024,AR5,diesel,2.5,kg CO2e/l,1,1.mobile_combustion,ENS,,,,no,,",
        "S,2024,AR5,petrol,abc,kg CO2e/l,1,1.mobile_combustion,ENS,,,,no,,",
        "S,2024,AR5,electricity.location.dk1,0.1,kg CO2e/l/x,2,2.electricity,Energinet,,,,no,,",
        "S,2024,AR5,lpg,-3,kg CO2e/kg,4,1.stationary_combustion,ENS,,,,maybe,,",
        "S,2024,AR5,diesel,2.6,kg CO2e/l,2,1.mobile_combustion,,,,,yes,,",
        "S,2023,AR5,hvo,0.03,kg/l,1,1.mobile_combustion,ENS,,,,no,,",
        "S,2024,AR5,natural_gas,56,kg CO2e/GJ,1,1.stationary_combustion,ENS,,,,no,,40 MJ per m3",
    ])
    result = read_factor_csv(text)
    assert result.factor_set is None
    assert [str(e) for e in result.errors] == [
        "row 3, column value: 'abc' is not a number",
        "row 4, column unit: the unit 'kg CO2e/l/x' is not known",
        "row 5, column value: -3 is negative; an emission factor is zero or more",
        "row 5, column scope: '4' is not 1, 2 or 3",
        "row 5, column provisional: 'maybe' is not yes or no",
        "row 6, column publisher: is empty",
        "row 6, column category: 1.mobile_combustion belongs to scope 1, not scope 2",
        "row 6, column provisional_note: a provisional factor needs a note saying what it stands in for",
        "row 7, column unit: 'kg/l' must start with a CO2e mass (g, kg or t CO2e)",
        "row 7, column set_name: set S 2023 AR5 differs from S 2024 AR5 in the first row; a file holds one set",
        "row 8, column conversion: '40 MJ per m3' is not a quantity (a number, a space and a unit, like 39.6 MJ/m**3)",
    ]


def test_a_key_defined_twice_is_an_error():
    text = "\n".join([HEADER, "S,2024,AR5,diesel,2.5,kg CO2e/l,1,1.mobile_combustion,ENS,,,,no,,",
                      "S,2024,AR5,diesel,2.6,kg CO2e/l,1,1.mobile_combustion,ENS,,,,no,,"])
    assert read_factor_csv(text).errors == (
        RowError(3, "key", "duplicate_key", {"key": "diesel", "year": 2024, "first_row": 2}),)
    assert str(read_factor_csv(text).errors[0]) == "row 3, column key: diesel for 2024 is already defined in row 2"
    by_year = "\n".join([HEADER, "S,2024,AR5,diesel,2.5,kg CO2e/l,1,1.mobile_combustion,ENS,,,,no,,,2023",
                         "S,2024,AR5,diesel,2.6,kg CO2e/l,1,1.mobile_combustion,ENS,,,,no,,,2024"])
    assert read_factor_csv(by_year).factor_set.for_year(2023).get("diesel").value == Decimal("2.5")


def test_missing_columns_are_named():
    result = read_factor_csv("key,value,unit\ndiesel,2.5,kg CO2e/l\n")
    assert [str(e) for e in result.errors] == [
        "row 1, column set_name: column is missing from the header",
        "row 1, column set_year: column is missing from the header",
        "row 1, column gwp: column is missing from the header",
        "row 1, column scope: column is missing from the header",
        "row 1, column category: column is missing from the header",
        "row 1, column publisher: column is missing from the header",
    ]


def test_an_unknown_gwp_set_and_a_header_only_file_are_errors():
    assert [str(e) for e in read_factor_csv(HEADER + "\n").errors] == ["row 2, column -: the file has a header but no factors"]
    bad = read_factor_csv(HEADER + "\nS,2024,SAR,diesel,2.5,kg CO2e/l,1,1.mobile_combustion,ENS,,,,no,,\n")
    assert [str(e) for e in bad.errors] == ["row 2, column gwp: 'SAR' is not a known GWP set (AR4, AR5, AR6)"]


def test_a_file_that_is_not_xlsx_is_reported():
    result = read_factor_xlsx(io.BytesIO(b"not a zip"))
    assert result.factor_set is None
    assert [(e.code, str(e)) for e in result.errors] == [("not_xlsx", "the file is not an Excel workbook (.xlsx)")]
