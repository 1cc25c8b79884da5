"""Values for spreadsheet cells that no spreadsheet program runs as a formula.

Excel and LibreOffice run a cell that starts with = + - @ (also after a tab or a carriage
return) as a formula, including DDE calls such as =cmd|' /C calc'!A0 ("CSV injection",
OWASP). Every CSV and XLSX export writes its values through these functions: text that looks
like a formula stays text, numbers and dates stay typed.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value):
    """`value` for a CSV cell: text that would start a formula gets a leading apostrophe.

    CSV has no way to mark a cell as text, so the apostrophe (OWASP's advice) is part of the
    value a reader sees; Excel shows it, and nothing in the cell runs.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_xlsx_cell(cell, value):
    """Put `value` into the openpyxl `cell` (a write-only cell too); text is stored as text.

    openpyxl stores any text starting with "=" as a formula; here it is a string cell with
    Excel's quote prefix, the mark Excel itself sets when someone types '=…: the cell shows
    the text unchanged, stays text when edited, and reads back unchanged (so an export can be
    imported again). Control characters, which XLSX cannot hold, are left out.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell
