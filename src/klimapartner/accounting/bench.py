"""`klimapartner account bench`: how long the accounting core and the spreadsheet reader take on big inputs.

Without Django. Figures: reading a Klimakompasset entries sheet saved as CSV with 56,610 rows (the size
that made the upload time out) and reconciling it entry by entry, refusing a zip-bomb workbook of about 300 KB that unpacks to 300 MB (the
kind that tied up the server for 49.6 s and 1.19 GB), and computing a year of 60 lines.
"""

import io
import statistics
import time
import tracemalloc
import zipfile
from decimal import Decimal

from klimapartner import spreadsheets
from klimapartner.accounting.activity import ActivityLine, YearActivity
from klimapartner.accounting.factors import default_factor_set
from klimapartner.accounting.inventory import compute_inventory
from klimapartner.accounting.klimakompasset import read_klimakompasset
from klimapartner.accounting.reconcile import reconcile_entries

CELL = b'<row><c t="inlineStr"><is><t>' + b"A" * 30000 + b"</t></is></c></row>"


def entries_csv(rows: int) -> bytes:
    lines = ["Dato;Kategori;Beskrivelse;Mængde;Enhed;CO2e (kg)"]
    lines += [f"31-12-2025;Elforbrug;Måler {n};1.000,5;kWh;100" for n in range(rows)]
    return "\r\n".join(lines).encode("utf-8-sig")


def zip_bomb(megabytes: int = 300) -> bytes:
    """A workbook whose one sheet unpacks to `megabytes` MB (the archive itself is about 1 KB per MB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = CELL * (1024 * 1024 // len(CELL))
            for _ in range(megabytes):
                sheet.write(chunk)
    return out.getvalue()


def _time(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(out, repeat: int = 3) -> None:
    data = entries_csv(56610)
    seconds, report = _time(lambda: read_klimakompasset(data, postcode="9800"), repeat)
    out.write(f"Klimakompasset CSV, 56,610 rows ({len(data) / 1e6:.1f} MB): {seconds:.2f} s to read, "
              f"{len(report.activity_lines):,} activity lines (median of {repeat})\n")
    factors = default_factor_set()
    seconds, rows = _time(lambda: reconcile_entries(report.entries, factors, 2025), repeat)
    differ = sum(1 for r in rows if r.reason == "factors_differ")
    out.write(f"Reconciliation entry by entry, {len(rows):,} entries: {seconds:.2f} s ({differ:,} with other "
              f"factors; median of {repeat})\n")
    bomb = zip_bomb()
    tracemalloc.start()

    def refuse():
        try:
            spreadsheets.read(bomb)
        except spreadsheets.SpreadsheetError as error:
            return error

    seconds, error = _time(refuse, repeat)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    out.write(f"Zip bomb, {len(bomb) / 1024:.0f} KB unpacking to {error.params['size'] / 1e6:.0f} MB: refused "
              f"({error.code}) in {seconds * 1000:.1f} ms, peak memory {peak / 1e6:.1f} MB\n")
    lines = tuple(ActivityLine("electricity", Decimal(1000 + n), "kWh", variant="dk1") for n in range(30)) + tuple(
        ActivityLine("diesel", Decimal(100 + n), "l") for n in range(30))
    activity = YearActivity("bench", 2025, lines, Decimal(10))
    seconds, inventory = _time(lambda: compute_inventory(activity, factors), repeat * 10)
    out.write(f"A year of 60 lines: {seconds * 1000:.1f} ms to compute ({len(inventory.lines)} emission lines)\n")
