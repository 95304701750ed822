"""Status reports: real PDFs with the expected text, XLSX with exact cells."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from klimapartner.climate import reports
from tests.climate.helpers import make_account
from tests.factories import make_action, make_agreement

D = Decimal


def pdf_text(pdf: bytes) -> str:
    """The text of an uncompressed fpdf2 PDF: its text-showing operators' strings, one line apart."""
    strings = re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", pdf)
    return "\n".join(re.sub(rb"\\(.)", rb"\1", s).decode("cp1252") for s in strings)


@pytest.fixture
def accounts(owner_org):
    agreement = make_agreement(owner_org, baseline_year=2022, targets=((2030, "50"),))
    make_action(agreement, title="Varmepumpe på værkstedet", expected_effect=D("2.00"), realised_effect=D("1.50"))
    make_account(owner_org, 2022)  # 4,811.01 kg
    make_account(owner_org, 2024, diesel_l="600")  # 3,578.606 kg
    return owner_org


def test_the_partner_pdf_is_a_pdf_with_the_partners_figures(accounts):
    with translation.override("en"):
        pdf = reports.partner_pdf(accounts, compress=False)
    assert pdf.startswith(b"%PDF-1.")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"(Varmepumpe p\xe5 v\xe6rkstedet)" in pdf  # æøå in the core fonts' encoding
    lines = pdf_text(pdf).splitlines()
    assert lines[:2] == ["Hjørring Kommune · Klimapartnerskaber", "CO2 status report: Nordlys Energi ApS"]
    assert lines[lines.index("2022"):lines.index("2022") + 7] == ["2022", "Approved", "2.5", "1.4", "5.0", "0.9", "4.8"]
    text = " ".join(lines)
    assert ("Emissions in 2024: 3.6 t CO2e. Base year 2022: 4.8 t CO2e. In 2024 the path allows 4.2 t CO2e, "
            "so the partner is on track. Target: 50% less by 2030.") in text
    assert "- - - Target path" in text


def test_the_programme_pdf_names_the_totals(accounts, other_org):
    make_account(other_org, 2024)
    with translation.override("en"):
        pdf = reports.programme_pdf(2024, compress=False)
    assert pdf.startswith(b"%PDF-1.")
    lines = pdf_text(pdf).splitlines()
    assert lines[1] == "Climate partnerships: CO2 status 2024"
    total = lines.index("Total (scope 1, 2 and 3)")
    assert lines[total - 3:total + 3] == ["Scope 1 and 2", "6.8", "14.0", "Total (scope 1, 2 and 3)", "8.4", "15.5"]
    text = " ".join(lines)
    assert "The sum counts some emissions twice" in text
    assert lines[lines.index("By sector") + 3:lines.index("By sector") + 7] == [
        "Agriculture and food", "4.8", "Energy and utilities", "3.6"]


def test_the_partner_xlsx_cells(accounts):
    with translation.override("en"):
        workbook = openpyxl.load_workbook(io.BytesIO(reports.partner_xlsx(accounts)))
    assert workbook.sheetnames == ["Years", "Path", "Actions"]
    rows = list(workbook["Years"].iter_rows(values_only=True))
    assert rows == [
        ("Year", "Status", "Scope 1 (t CO2e)", "Scope 2 location (t CO2e)", "Scope 2 market (t CO2e)",
         "Scope 3 (t CO2e)", "Total location (t CO2e)", "Total market (t CO2e)", "Employees", "Factor set"),
        (2022, "Approved", 2.47, 1.43, 5, 0.911, 4.811, 8.381, 5, "Klimapartner standard (DK) 2026 (AR5)"),
        (2024, "Approved", 1.482, 1.43, 5, 0.667, 3.579, 7.149, 5, "Klimapartner standard (DK) 2026 (AR5)"),
    ]
    path = list(workbook["Path"].iter_rows(values_only=True))
    assert path[:4] == [("Year", "Emissions (t CO2e)", "Path allows (t CO2e)", "Status"),
                        (2022, 4.811, 4.811, None), (2023, None, 4.51, None), (2024, 3.579, 4.21, "On track")]
    assert list(workbook["Actions"].iter_rows(values_only=True)) == [
        ("Action", "Expected (t CO2e/year)", "Realised (t CO2e/year)"), ("Varmepumpe på værkstedet", 2.0, 1.5)]


def test_the_programme_xlsx_cells(accounts, other_org):
    make_account(other_org, 2024)
    with translation.override("en"):
        workbook = openpyxl.load_workbook(io.BytesIO(reports.programme_xlsx(2024)))
    assert list(workbook["Scopes"].iter_rows(values_only=True)) == [
        ("Scope", "Location-based (t CO2e)", "Market-based (t CO2e)"), (1, 3.952, 3.952), (2, 2.86, 10),
        (3, 1.578, 1.578), ("Scope 1 and 2", 6.812, 13.952), ("Total", 8.39, 15.53)]
    assert list(workbook["Sectors"].iter_rows(values_only=True)) == [
        ("Sector", "t CO2e"), ("Agriculture and food", 4.811), ("Energy and utilities", 3.579)]


def test_the_report_downloads(client, accounts, owner, coordinator):
    client.force_login(owner)
    response = client.get(reverse("climate:partner_report_pdf", kwargs={"slug": accounts.slug}))
    assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="klimaregnskab-nordlys-energi-aps.pdf"'
    client.force_login(coordinator)
    response = client.get(reverse("climate:programme_report_xlsx"), {"year": 2024})
    assert response.content[:2] == b"PK"
