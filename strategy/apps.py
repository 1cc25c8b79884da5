from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("strategy:goal_list", _("Strategy"), "/strategie/", 30)]
