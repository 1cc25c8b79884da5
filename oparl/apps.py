from django.apps import AppConfig
from django.db.models.signals import pre_delete


class OParlConfig(AppConfig):
    """The OParl 1.1 API: smartkreis's public council data for council information clients."""

    name = "oparl"
    verbose_name = "OParl"

    def ready(self):
        from .queries import TYPES_BY_MODEL
        from .recording import record_tombstone

        # See oparl/recording.py for why deletions are caught by a signal.
        for model in TYPES_BY_MODEL:
            pre_delete.connect(record_tombstone, sender=model, dispatch_uid=f"oparl_{model}")
