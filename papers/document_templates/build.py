"""Build the default Word template paper.docx (python-docx, with docxtpl's Jinja tags).

Run from the repository root after changing the layout:
    PYTHONPATH=. .venv/bin/python papers/document_templates/build.py
The placeholders are those of papers.documents.document_context; an uploaded corporate
template uses the same ones.
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt

from smartkreis.documents import set_a4_pages

TARGET = Path(__file__).resolve().parent / "paper.docx"


def _tag_table(document, *, header, row, loop, columns=None):
    """A table: a header row, then one row per item of `loop` (docxtpl's {%tr %} rows)."""
    width = len(header) if columns is None else columns
    table = document.add_table(rows=4, cols=width)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, row, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    return table


def build(target=TARGET):
    document = Document()
    set_a4_pages(document)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading("{{ title }}", level=1)
    document.add_paragraph("{{ labels.facts }}", style="Caption")
    _tag_table(
        document,
        header=["{{ labels.label }}", "{{ labels.value }}"],
        row=["{{ fact.label }}", "{{ fact.value }}"],
        loop="fact in facts",
    )
    document.add_paragraph("{%p for section in sections %}")
    document.add_heading("{{ section.heading }}", level=2)
    document.add_paragraph("{%p for paragraph in section.paragraphs %}")
    document.add_paragraph("{{ paragraph }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if blocks %}")
    document.add_heading("{{ labels.blocks }}", level=2)
    document.add_paragraph("{%p for block in blocks %}")
    document.add_heading("{{ block.heading }}", level=3)
    document.add_paragraph("{%p if block.empty %}")
    document.add_paragraph("{{ block.empty }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for table in block.tables %}")
    document.add_paragraph("{%p if table.rows %}")
    document.add_paragraph("{{ table.caption }}", style="Caption")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["{%tc for column in table.columns %}", "{{ column }}", "{%tc endfor %}"],
        strict=True,
    ):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for row in table.rows %}"
    for cell, text in zip(
        table.rows[2].cells,
        ["{%tc for cell in row %}", "{{ cell }}", "{%tc endfor %}"],
        strict=True,
    ):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_heading("{{ labels.financial }}", level=2)
    _tag_table(
        document,
        header=["{{ labels.label }}", "{{ labels.value }}"],
        row=["{{ row.label }}", "{{ row.value }}"],
        loop="row in financial",
    )
    document.add_heading("{{ labels.consultations }}", level=2)
    document.add_paragraph("{%p if consultations %}")
    _tag_table(
        document,
        header=[
            "{{ labels.position }}",
            "{{ labels.committee }}",
            "{{ labels.date }}",
            "{{ labels.role }}",
            "{{ labels.authoritative }}",
            "{{ labels.public }}",
            "{{ labels.result }}",
        ],
        row=[
            "{{ c.position }}",
            "{{ c.committee }}",
            "{{ c.date }}",
            "{{ c.role }}",
            "{{ c.authoritative }}",
            "{{ c.public }}",
            "{{ c.result }}",
        ],
        loop="c in consultations",
    )
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ labels.no_consultations }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p if files %}")
    document.add_heading("{{ labels.files }}", level=2)
    document.add_paragraph("{%p for name in files %}")
    document.add_paragraph("{{ name }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{ labels.generated }}")
    document.save(target)


if __name__ == "__main__":
    build()
