from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartkreis.contributions import PageSection


class TasksConfig(AppConfig):
    """Background jobs: documents, imports and mails run by a worker off the web request."""

    name = "tasks"
    verbose_name = _("Background jobs")

    def ready(self):
        from smartkreis.files import remove_stored_files_with

        from .models import Job

        remove_stored_files_with(Job)

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        from .permissions import can_see_queue

        return [
            NavigationItem(
                "tasks:queue", _("Jobs"), "/hintergrundaufgaben/", 130, may_open=can_see_queue
            )
        ]

    def report_document_sections(self, *, report):
        """The report page's buttons that write its PDF and Word document as jobs."""
        return _document_buttons(
            "report", [report.pk], pdf=_("Create PDF"), docx=_("Create Word document")
        )

    def paper_document_sections(self, *, paper):
        """A draft paper's buttons that write its current state as jobs."""
        return _document_buttons(
            "paper",
            [paper.pk],
            pdf=_("Create PDF (current state)"),
            docx=_("Create Word document (current state)"),
        )

    def minutes_document_sections(self, *, meeting):
        """The minutes page's buttons that write the minutes as jobs."""
        return _document_buttons(
            "minutes",
            [meeting.pk],
            pdf=_("Create PDF (accessible)"),
            docx=_("Create Word document"),
        )

    def open_decisions_document_sections(self):
        """The council decisions' buttons that write the open ones as an information paper."""
        return _document_buttons(
            "open_decisions",
            [],
            pdf=_("Create information paper on the open decisions (PDF)"),
            docx=_("Create information paper on the open decisions (Word)"),
        )

    def initiative_export_sections(self, *, filters, count):
        """The register's buttons that write a large export (`count` initiatives, the list's
        query string `filters`) as a job."""
        return [
            PageSection(
                "tasks/_export_buttons.html",
                {
                    "filters": filters,
                    "count": count,
                    "xlsx_url": reverse("tasks:initiatives_xlsx_start"),
                    "csv_url": reverse("tasks:initiatives_csv_start"),
                },
            )
        ]

    def paper_version_finalised(self, *, version):
        """The new version's files, rendered once to keep, by a background job."""
        from . import actions

        actions.start_keeping_version_documents(version=version)

    def progress_report_issued(self, *, report):
        """The issued report's public edition, rendered once to keep, by a background job."""
        from . import actions

        actions.start_keeping_public_report(report=report)

    def deliver_mails(self, *, mail_ids):
        """The notifications' newly queued mails, sent by a background job."""
        from . import actions

        actions.start_mail_delivery(mail_ids=mail_ids)

    def start_body_import(self, *, acting_user, body, content, only_valid_rows):
        """A body's uploaded Excel workbook, checked and applied by a background job."""
        from . import actions

        return actions.start_body_import(
            acting_user=acting_user, body=body, content=content, only_valid_rows=only_valid_rows
        )


def _document_buttons(document, args, *, pdf, docx):
    """The section with the two buttons that start `document`'s PDF and Word jobs."""
    return [
        PageSection(
            "tasks/_document_buttons.html",
            {
                "pdf_url": reverse(f"tasks:{document}_pdf_start", args=args),
                "docx_url": reverse(f"tasks:{document}_docx_start", args=args),
                "pdf_label": pdf,
                "docx_label": docx,
            },
        )
    ]
