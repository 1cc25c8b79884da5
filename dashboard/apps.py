from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The overview page: composes reads of the register and the strategy."""

    name = "dashboard"
    verbose_name = _("Overview")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("dashboard", _("Overview"), "/uebersicht/", 10)]
