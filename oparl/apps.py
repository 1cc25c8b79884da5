from django.apps import AppConfig


class OParlConfig(AppConfig):
    """The OParl 1.1 API: smartkreis's public council data for council information clients."""

    name = "oparl"
    verbose_name = "OParl"
