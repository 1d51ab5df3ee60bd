"""Spreadsheet exports for staff and partners: one CSV writer that no cell can turn into a
formula, with dates in the portal's time zone (Europe/Paris).

Open-data files are not written here: they keep their typed values as their schema says."""

import csv

from django.http import HttpResponse
from django.utils import timezone

# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def safe_cell(value):
    """Free text as inert text: a leading apostrophe keeps a spreadsheet from evaluating it."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def local_datetime(value):
    """An aware datetime as the portal's local time (Paris), as people read it."""
    return timezone.localtime(value).strftime(DATETIME_FORMAT) if value else ""


def csv_response(filename, header, rows):
    """CSV for a French spreadsheet (UTF-8 with BOM, `;`), every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename, rows, sheet_title="Export"):
    """An Excel workbook of ``rows`` (the first is the header). Text cells are stored as text,
    never as formulas, whatever they begin with."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
