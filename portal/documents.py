"""The public edition of an issued progress report as PDF, rendered once and kept
(smartkreis.frozen) instead of for every visitor.

The edition shows only what is published on the portal (queries.public_report_data), which can
change after the report was issued; so its key follows those data as well as the templates, the
code and the engine that render it.
"""

from django.utils.translation import gettext as _

from reports import content as report_content
from reports import documents as report_documents
from smartkreis import frozen
from smartkreis.documents import PDF_CONTENT_TYPE

# What renders the report's PDF, for the fingerprint of the kept file.
RENDERED_BY = (
    "portal/documents.py",
    "reports/documents.py",
    "reports/content.py",
    "reports/document_templates",
    "reports/templates/reports/documents",
    "reports/locale",
    "smartkreis/documents.py",
    "smartkreis/document_templates",
    "smartkreis/templates/documents",
    "smartkreis/static/vendor/kern/fonts/fira-sans",
)
ENGINES = ("typst", "weasyprint")


def _public_context(report):
    return report_content.report_context(report) | {
        "public_edition": _(
            "Public edition: it shows the initiatives and goals published on the portal. The "
            "steering group's internal decisions and the overdue lists are left out."
        )
    }


def public_report_pdf(report):
    """The kept PDF of `report` as queries.public_report gives it (its public edition as its
    snapshot, its committee loaded)."""
    shown = [
        report.title,
        report.summary,
        report.committee.name,
        report.committee.short_name,
        report.period_start,
        report.period_end,
        report.issued_on,
    ]
    return frozen.FrozenDocument(
        owner=report.kept_documents_owner,
        kind="public-pdf",
        fingerprint=frozen.fingerprint(
            sources=RENDERED_BY, packages=ENGINES, data={"report": shown, "data": report.snapshot}
        ),
        filename=report_documents.filename(report, "pdf"),
        content_type=PDF_CONTENT_TYPE,
        render=lambda: report_documents.render_pdf(_public_context(report)),
        as_attachment=False,
    )
