from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    """Background jobs: documents, imports and mails run by a worker off the web request."""

    name = "tasks"
    verbose_name = _("Background jobs")

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
        from smartkreis.contributions import PageSection

        return [PageSection("tasks/_report_document_buttons.html", {"report": report})]

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
