"""A realistic stand-in for the Excel report Klimakompasset produces, built with openpyxl.

The sheet names ("Stamdata", "Delresultater (GHG)", "E-nøgletal (ESG)", "Data
(alle poster)") and the positions used here (start and end date in B14 and B17,
tonnes CO2e in column G of the results) follow public parsers of real reports;
the title rows and the remaining columns are our reconstruction.
"""

import io
from datetime import datetime

import openpyxl

RESULT_ROWS = [
    # scope, category, method, tonnes CO2e
    ("Scope 1", "Brændsler (naturgas, fyringsolie)", "", 5.6),
    ("Scope 1", "Vognpark", "", 12.5),
    ("Scope 2", "El", "Lokationsbaseret", 8.0),
    ("Scope 2", "El", "Markedsbaseret", 25.0),
    ("Scope 2", "Fjernvarme", "", 5.0),
    ("Scope 3", "Affald", "", 1.21),
    ("Scope 3", "Forretningsrejser", "", "1,5"),
    ("Scope 3", "Indkøb af varer og tjenesteydelser", "", "(ikke angivet)"),
]

ENTRY_ROWS = [
    # date, category, description, amount, unit, kg CO2e
    (datetime(2024, 12, 31), "Elforbrug", "Elforbrug værksted", 80000, "kWh", 8000),
    (datetime(2024, 12, 31), "Fjernvarme", "Fjernvarme kontor", 100, "MWh", 5000),
    (datetime(2024, 12, 31), "Naturgas", "Gasfyr hal 2", 2500, "m3", 5600),
    (datetime(2024, 12, 31), "Vognpark", "Diesel varebiler", 5000, "liter", 12500),
    (datetime(2024, 12, 31), "Affald", "Restaffald", 3, "ton", 1200),
    (datetime(2024, 12, 31), "Forretningsrejser", "Fly København–Bruxelles", 4, "rejser", 1500),
]


def make_report(*, start=datetime(2024, 1, 1), end=datetime(2024, 12, 31), omit_sheets=(), result_header=None,
                result_rows=RESULT_ROWS, stated_total=33.81, with_entries=True, employees=10,
                merge_scopes=False, entry_rows=ENTRY_ROWS) -> bytes:
    """The bytes of an XLSX file shaped like a Klimakompasset report."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)

    if "Stamdata" not in omit_sheets:
        ws = wb.create_sheet("Stamdata")
        ws["A1"] = "Stamdata"
        rows = {3: ("Virksomhedsnavn", "Vrå Tømrer & Snedker ApS"), 4: ("CVR-nummer", "12345674"),
                5: ("Adresse", "Bredgade 12"), 6: ("Postnummer", 9760), 7: ("By", "Vrå"),
                8: ("Branche", "Tømrer- og bygningssnedkervirksomhed"), 10: ("Antal ansatte", employees),
                14: ("Startdato", start), 17: ("Slutdato", end)}
        for row, (label, value) in rows.items():
            ws.cell(row, 1, label)
            if value is not None:
                ws.cell(row, 2, value)

    ws = wb.create_sheet("Resultater")
    ws["A1"] = "Samlet resultat"

    if "Delresultater (GHG)" not in omit_sheets:
        ws = wb.create_sheet("Delresultater (GHG)")
        ws["A1"] = "Delresultater fordelt på scopes efter GHG-protokollen"
        ws["A3"] = "Alle tal er i ton CO2e"
        header = result_header or ["Scope", "Kategori", "Metode", None, None, None, "Ton CO2e"]
        for col, label in enumerate(header, start=1):
            ws.cell(5, col, label)
        row = 6
        for scope, category, method, tonnes in result_rows:
            ws.cell(row, 1, scope)
            ws.cell(row, 2, category)
            ws.cell(row, 3, method or None)
            ws.cell(row, 7, tonnes)
            row += 1
        if merge_scopes:
            # as in the real report's layout: one scope cell spanning its rows
            first = 6
            for r in range(7, row + 1):
                if r == row or ws.cell(r, 1).value != ws.cell(first, 1).value:
                    if r - 1 > first:
                        ws.merge_cells(start_row=first, start_column=1, end_row=r - 1, end_column=1)
                    first = r
        if stated_total is not None:
            ws.cell(row + 1, 1, "I alt (lokationsbaseret)")
            ws.cell(row + 1, 7, stated_total)

    ws = wb.create_sheet("E-nøgletal (ESG)")
    ws["A1"] = "E-nøgletal"

    if with_entries:
        ws = wb.create_sheet("Data (alle poster)")
        ws["A1"] = "Alle poster"
        for col, label in enumerate(["Dato", "Kategori", "Beskrivelse", "Mængde", "Enhed", "CO2e (kg)"], start=1):
            ws.cell(3, col, label)
        for r, values in enumerate(entry_rows, start=4):
            for c, value in enumerate(values, start=1):
                ws.cell(r, c, value)

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
