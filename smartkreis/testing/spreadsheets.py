"""Formula-injection payloads for the export tests, and a check of a workbook read back."""

# What users could type into a text field so that a spreadsheet program runs it (OWASP).
FORMULA_PAYLOADS = (
    '=HYPERLINK("http://evil.example","x")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
)


def formula_cells(workbook):
    """The coordinates of every formula cell in an openpyxl workbook (loaded as written)."""
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def cell_text(cell):
    """The text of an openpyxl cell as Excel shows it: OOXML writes characters XML cannot
    carry as escapes (_x000D_ for a carriage return, as XlsxWriter and Excel do), which
    openpyxl's reader leaves in the value."""
    from openpyxl.utils.escape import unescape

    return unescape(cell.value) if isinstance(cell.value, str) else cell.value
