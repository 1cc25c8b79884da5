from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        from .permissions import can_manage_publications

        return [
            NavigationItem(
                "portal:manage_list",
                _("Portal editing"),
                "/redaktion/",
                95,
                may_open=can_manage_publications,
            )
        ]

    def public_navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [
            NavigationItem("portal:decisions", _("Decisions"), "/beschluesse/", 10),
            NavigationItem("portal:services", _("Do it online"), "/online-erledigen/", 20),
            NavigationItem("portal:documents", _("Documents"), "/dokumente/", 30),
        ]
