from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisation")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("organisations:body_list", _("Organisation"), "/organisation/", 110)]
