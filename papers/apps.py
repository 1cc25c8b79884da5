from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PapersConfig(AppConfig):
    name = "papers"
    verbose_name = _("Papers")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("papers:paper_list", _("Papers"), "/vorlagen/", 60)]
