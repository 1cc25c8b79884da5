from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Progress reports (Fortschrittsberichte) for the council's committees."""

    name = "reports"
    verbose_name = _("Progress reports")
