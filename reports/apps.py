from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Progress reports (Fortschrittsberichte) for the council's committees."""

    name = "reports"
    verbose_name = _("Progress reports")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        from .permissions import can_read_reports

        return [
            NavigationItem(
                "reports:report_list", _("Reports"), "/berichte/", 80, may_open=can_read_reports
            )
        ]

    def ready(self):
        from smartkreis.files import remove_stored_files_with

        from .models import ProgressReport

        remove_stored_files_with(ProgressReport, kept_documents=True)
