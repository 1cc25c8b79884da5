"""The initiative list as a spreadsheet: XLSX (XlsxWriter) and CSV for German Excel.

Both take the rows of queries.initiative_export_rows (filtered and sorted as the list) and
write the same columns. Text that a spreadsheet would run as a formula is written as plain text
(smartkreis.spreadsheets).
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _

from smartkreis.spreadsheets import csv_value, xlsx_table

from .models import Initiative, TrafficLight

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def filename(day, extension):
    """The export's file name, e.g. vorhaben-2026-12-06.xlsx."""
    return f"vorhaben-{day:%Y-%m-%d}.{extension}"


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
        (_("Responsible body"), lambda i: i.owner_body_name, 30),
        (_("Responsible unit"), lambda i: i.owner_unit, 35),
        (_("Participating bodies"), lambda i: i.participating_bodies, 35),
        (_("Fields of action"), lambda i: i.fields, 30),
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


def initiatives_xlsx(initiatives):
    """The bytes of an .xlsx workbook: bold frozen header with autofilter, dates as dates."""
    columns = _columns()
    yes, no = _("yes"), _("no")
    rows = (
        [(yes if value else no) if isinstance(value, bool) else value for value in row]
        for row in _rows(initiatives, columns)
    )
    return xlsx_table(
        title=_("Initiatives"),
        columns=[(header, width) for header, _value, width in columns],
        rows=rows,
    )


def _csv_value(value, yes, no):
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, datetime.date):
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"  # strftime is slower
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
