from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data of the Rhein-Sieg-Kreis, demo logins and the benchmark county."""

    name = "demo"
    verbose_name = _("Demo data")
