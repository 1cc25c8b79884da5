from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    """Business process analysis: inventory per unit, estimated savings, ranked list."""

    name = "processes"
    verbose_name = _("Business processes")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("processes:process_list", _("Processes"), "/prozesse/", 100)]

    def body_workbook_sheets(self):
        """The processes' sheet of a body's Excel workbook (the online offers' round-trip)."""
        from .excel import PROCESSES

        return [PROCESSES]
