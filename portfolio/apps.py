from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Register of initiatives")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("portfolio:initiative_list", _("Initiatives"), "/vorhaben/", 20)]
