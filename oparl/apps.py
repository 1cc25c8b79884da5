from django.apps import AppConfig
from django.db.models.signals import pre_delete, pre_save


class OParlConfig(AppConfig):
    """The OParl 1.1 API: smartkreis's public council data for council information clients."""

    name = "oparl"
    verbose_name = "OParl"

    def ready(self):
        from .queries import TYPES_BY_MODEL
        from .recording import WITHDRAWABLE, record_tombstone, record_withdrawal

        # See oparl/recording.py for why deletions and withdrawals are caught by signals.
        for model in TYPES_BY_MODEL:
            pre_delete.connect(record_tombstone, sender=model, dispatch_uid=f"oparl_{model}")
        for model in WITHDRAWABLE:
            pre_save.connect(
                record_withdrawal, sender=model, dispatch_uid=f"oparl_withdrawal_{model}"
            )
