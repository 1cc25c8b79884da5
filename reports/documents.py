"""A progress report as files: an accessible PDF and a Word document, from one context
(reports.content.report_context) so the web page and both files say the same.

- PDF: document_templates/progress_report.typ through Typst, tagged PDF/A-2a and PDF/UA-1,
  the indicator charts as SVG (vector) with their title and summary as alternative text. The
  bench county's report of 86 pages takes WeasyPrint half a minute, Typst about 1.5 s.
  reports/documents/progress_report.html, the same report for WeasyPrint, stays for
  `make bench` only, which prints both engines' times side by side (demo.benchmark_reports).
- DOCX: document_templates/progress_report.docx through docxtpl (autoescaped); Word gets the
  charts' data tables.
"""

from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import pgettext

from smartkreis import documents

DOCUMENT_TEMPLATES = Path(__file__).resolve().parent / "document_templates"
DOCX_TEMPLATE = DOCUMENT_TEMPLATES / "progress_report.docx"
TYPST_TEMPLATE = DOCUMENT_TEMPLATES / "progress_report.typ"


def filename(report, extension):
    """E.g. fortschrittsbericht-kreistag-2025-01-01-2025-12-31.pdf"""
    word = pgettext("file name", "progress-report")
    committee = report.committee.short_name or report.committee.name
    period = f"{report.period_start.isoformat()}-{report.period_end.isoformat()}"
    return f"{slugify(word)}-{slugify(committee)}-{period}.{extension}"


def render_pdf(context):
    return documents.render_typst_pdf(
        TYPST_TEMPLATE, context, title=context["title"], language=context["lang"]
    )


def render_docx(context):
    return documents.render_docx(
        DOCX_TEMPLATE, context, title=context["title"], language=context["lang"]
    )
