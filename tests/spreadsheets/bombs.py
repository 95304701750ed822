"""Generated hostile workbooks: small on disk, huge or endless when unpacked."""

import io
import zipfile

import openpyxl

ROW = b"<row><c t=\"inlineStr\"><is><t>" + b"A" * 30000 + b"</t></is></c></row>"


def zip_bomb_xlsx(unpacked_mb: int = 300) -> bytes:
    """A valid workbook whose first sheet unpacks to `unpacked_mb` MB of rows; about 300 KB on disk for 300 MB."""
    plain = io.BytesIO()
    openpyxl.Workbook().save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, source.read(item.filename))
                continue
            with bomb.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData>')
                chunk = ROW * (1024 * 1024 // len(ROW))
                for _ in range(unpacked_mb):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def many_sheets_xlsx(count: int) -> bytes:
    workbook = openpyxl.Workbook()
    for n in range(count - 1):
        workbook.create_sheet(f"S{n}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rows_xlsx(rows: int, columns: int = 3, dimension: str = "") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for r in range(rows):
        sheet.append([f"r{r}c{c}" for c in range(columns)])
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    if not dimension:
        return data
    # A sheet that claims to span A1:XFD1048576 must not make every row 16,384 cells wide.
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                import re

                body = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), body)
            target.writestr(item, body)
    return patched.getvalue()
