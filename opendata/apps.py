from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Open data: every public dataset as CSV and JSON, and their DCAT-AP.de catalogue."""

    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from . import checks  # noqa: F401 – registers the settings check

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("opendata:index", _("Open data"), "/daten/", 120)]

    def public_navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("opendata:index", _("Open data"), "/daten/", 40)]
