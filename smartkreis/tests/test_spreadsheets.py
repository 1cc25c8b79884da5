"""Spreadsheet cells: text never runs as a formula, numbers and dates stay typed."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from smartkreis.spreadsheets import csv_value, write_xlsx_cell, xlsx_table
from smartkreis.testing.spreadsheets import FORMULA_PAYLOADS, formula_cells

NUMBERS_AND_DATES = (-5, -2.5, Decimal("-3.1"), 0, datetime.date(2030, 1, 31))


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_csv_text_that_starts_a_formula_gets_an_apostrophe(payload):
    assert csv_value(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Schul-WLAN", "\n=1 is harmless", "a=b", "", None])
def test_csv_other_text_stays_as_it_is(value):
    assert csv_value(value) == value


@pytest.mark.parametrize("value", NUMBERS_AND_DATES)
def test_csv_numbers_and_dates_stay_typed(value):
    assert csv_value(value) is value


def _read_back(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_text_reads_back_unchanged_as_text_and_numbers_stay_numbers(write_only):
    values = (*FORMULA_PAYLOADS, *NUMBERS_AND_DATES, "Schul-WLAN")
    workbook = Workbook(write_only=write_only)
    if write_only:
        sheet = workbook.create_sheet("Blatt")
        sheet.append([write_xlsx_cell(WriteOnlyCell(sheet), value) for value in values])
    else:
        sheet = workbook.active
        for column, value in enumerate(values, start=1):
            write_xlsx_cell(sheet.cell(row=1, column=column), value)

    read = _read_back(workbook)
    assert formula_cells(read) == []
    cells = read.worksheets[0][1]
    texts, numbers = cells[: len(FORMULA_PAYLOADS)], cells[len(FORMULA_PAYLOADS) : -1]
    assert [cell.value for cell in texts] == list(FORMULA_PAYLOADS)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)
    assert [cell.data_type for cell in numbers] == ["n", "n", "n", "n", "d"]
    assert numbers[0].value == -5
    assert not cells[-1].quotePrefix


def test_xlsx_leaves_out_control_characters_it_cannot_hold():
    workbook = Workbook()
    write_xlsx_cell(workbook.active["A1"], "Akte\x01\x1b neu")

    assert _read_back(workbook).active["A1"].value == "Akte neu"


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(1900, 2, 28),  # before Excel's fictitious 29 Feb 1900
        datetime.date(1900, 3, 1),
        datetime.date(2026, 12, 7),
        datetime.date(9999, 12, 31),
    ],
)
def test_xlsx_table_dates_read_back_as_the_same_day_in_day_format(day):
    moment = datetime.datetime(2026, 12, 7, 14, 30)
    content = xlsx_table(
        title="Tage", columns=[("Tag", 12), ("Zeitpunkt", 12)], rows=[[day, moment]]
    )

    sheet = load_workbook(io.BytesIO(content)).active
    cell, moment_cell = sheet["A2"], sheet["B2"]
    assert cell.is_date
    assert cell.number_format == "DD.MM.YYYY"
    assert cell.value == datetime.datetime(day.year, day.month, day.day)
    assert moment_cell.value == moment
