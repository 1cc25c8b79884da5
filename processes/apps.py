from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    """Business process analysis: inventory per unit, estimated savings, ranked list."""

    name = "processes"
    verbose_name = _("Business processes")
