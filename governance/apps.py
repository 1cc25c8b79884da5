from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Committees (OParl Organization), meetings, agendas, minutes, decisions, action items."""

    name = "governance"
    verbose_name = _("Steering and committees")
