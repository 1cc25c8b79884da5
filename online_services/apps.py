from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineServicesConfig(AppConfig):
    """Administrative services online (OZG): catalogue, offers per body and their maturity,
    shared solutions, business process analysis."""

    name = "online_services"
    verbose_name = _("Online services")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [
            NavigationItem("online_services:matrix", _("Online services"), "/onlinedienste/", 90)
        ]
