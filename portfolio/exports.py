"""The initiative list as a spreadsheet: XLSX (openpyxl) and CSV for German Excel.

Both take the filtered, sorted queryset of queries.initiative_export_queryset and write the
same columns. Text that a spreadsheet would run as a formula is written as plain text
(smartkreis.spreadsheets).
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from smartkreis.spreadsheets import csv_value, write_xlsx_cell

from .models import Initiative, TrafficLight

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def _names(items):
    return ", ".join(item.name for item in items)


def _labels(choices):
    """Choice labels translated once: get_FOO_display() translates anew for every row."""
    return {value: str(label) for value, label in choices}


def _columns():
    """(header, value of an initiative, column width) in export order."""
    status = _labels(Initiative.Status.choices)
    priority = _labels(Initiative.Priority.choices)
    light = _labels(TrafficLight.choices) | {"": _("no report yet")}
    return [
        (_("Reference"), lambda i: i.reference, 10),
        (_("Title"), lambda i: i.title, 50),
        (_("Responsible body"), lambda i: i.owner_body.name, 30),
        (_("Responsible unit"), lambda i: str(i.owner_unit) if i.owner_unit else "", 35),
        (_("Participating bodies"), lambda i: _names(i.participating_bodies.all()), 35),
        (_("Fields of action"), lambda i: _names(i.fields.all()), 30),
        (_("Status"), lambda i: status[i.status], 15),
        (_("Status since"), lambda i: i.status_changed_on, 12),
        (_("Priority"), lambda i: priority[i.priority], 14),
        (_("Traffic light"), lambda i: light[i.traffic_light], 16),
        (_("Progress (%)"), lambda i: i.progress, 12),
        (_("Start"), lambda i: i.start_date, 12),
        (_("Planned end"), lambda i: i.end_date, 12),
        (_("Last status report"), lambda i: i.last_report_on, 14),
        (_("Next status report due"), lambda i: i.next_report_due, 14),
        (_("Status report overdue"), lambda i: bool(i.report_overdue), 12),
    ]


def _rows(initiatives, columns):
    for initiative in initiatives:
        yield [value(initiative) for _header, value, _width in columns]


def _xlsx_cell(sheet, value, yes, no):
    if isinstance(value, bool):
        value = yes if value else no
    cell = write_xlsx_cell(WriteOnlyCell(sheet), value)
    if isinstance(value, datetime.date):
        cell.number_format = "DD.MM.YYYY"
    return cell


def initiatives_xlsx(initiatives):
    """The bytes of an .xlsx workbook: bold frozen header with autofilter, dates as dates.

    Written in openpyxl's write-only mode, which streams rows instead of keeping a cell
    object per value: several times faster for thousands of initiatives.
    """
    columns = _columns()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Initiatives"))
    for index, (_header, _value, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title, _value, _width in columns:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    yes, no = _("yes"), _("no")
    row_count = 1
    for row in _rows(initiatives, columns):
        sheet.append([_xlsx_cell(sheet, value, yes, no) for value in row])
        row_count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{row_count}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value, yes, no):
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return csv_value(value)


def initiatives_csv(initiatives):
    """The bytes of a CSV file as German Excel opens it: UTF-8 with BOM, semicolons."""
    columns = _columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([header for header, _value, _width in columns])
    yes, no = _("yes"), _("no")
    for row in _rows(initiatives, columns):
        writer.writerow([_csv_value(value, yes, no) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
