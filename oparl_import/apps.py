from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OParlImportConfig(AppConfig):
    """Reads a council information system's OParl endpoint into smartkreis."""

    name = "oparl_import"
    verbose_name = _("OParl import")
