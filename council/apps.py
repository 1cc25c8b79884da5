from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Council decisions")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [
            NavigationItem(
                "council:decision_list", _("Council decisions"), "/kreistagsbeschluesse/", 70
            )
        ]
