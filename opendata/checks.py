"""The open data's settings, checked when Django starts: a catalogue GovData would refuse is
reported before anyone harvests it."""

from django.conf import settings
from django.core.checks import Error, register

from .datasets import LICENCES


@register()
def open_data_licence_is_known(app_configs, **kwargs):
    if settings.OPEN_DATA_LICENCE in LICENCES:
        return []
    return [
        Error(
            f"OPEN_DATA_LICENCE {settings.OPEN_DATA_LICENCE!r} is none of the open licences "
            "of the dcat-ap.de list that smartkreis knows.",
            hint="One of: " + ", ".join(sorted(LICENCES)),
            id="opendata.E001",
        )
    ]


@register()
def open_data_contact_is_reachable(app_configs, **kwargs):
    # DCAT-AP.de: a contact point has an e-mail address, a web address or a telephone.
    if settings.OPEN_DATA_CONTACT_EMAIL or settings.OPEN_DATA_CONTACT_URL:
        return []
    return [
        Error(
            "The open data's contact point needs OPEN_DATA_CONTACT_EMAIL or OPEN_DATA_CONTACT_URL.",
            id="opendata.E002",
        )
    ]
