"""A dataset's rows as a CSV file and as a JSON file with the same content.

CSV as machine-readable open data expects it: UTF-8 without a byte order mark, commas (RFC
4180), dates in ISO 8601, a decimal point; every value goes through the spreadsheet-safe
writer, so no cell runs as a formula. JSON carries the rows under the same column names, with
the dataset's licence, attribution and last change beside them.
"""

import csv
import datetime
import io
import json
from decimal import Decimal

from django.conf import settings

from smartkreis.spreadsheets import csv_value

from .datasets import configured_licence

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json",
}

# The words of the files themselves, the same in every language of the UI.
YES, NO = "ja", "nein"


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.date):
        return value.isoformat()
    return csv_value(value)


def csv_bytes(names, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_value(name) for name in names])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # At most 14 digits with 2 decimals (the models' fields): a float holds them exactly
        # as written.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_bytes(dataset, names, rows, *, modified):
    licence = configured_licence()
    document = {
        "titel": str(dataset.title),
        "beschreibung": str(dataset.description),
        "herleitung": str(dataset.derivation),
        "lizenz": {
            "name": licence.name,
            "kurzname": licence.short_name,
            "uri": licence.uri,
            "text": licence.text_url,
        },
        "namensnennung": settings.OPEN_DATA_ATTRIBUTION,
        "stand": modified.isoformat() if modified else None,
        "spalten": list(names),
        "daten": [
            {name: _json_value(value) for name, value in zip(names, row, strict=True)}
            for row in rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
