from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    """Business process analysis: inventory per unit, estimated savings, ranked list."""

    name = "processes"
    verbose_name = _("Business processes")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("processes:process_list", _("Processes"), "/prozesse/", 100)]
