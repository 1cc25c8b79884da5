from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The overview page: composes reads of the register and the strategy."""

    name = "dashboard"
    verbose_name = _("Overview")
