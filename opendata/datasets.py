"""The published datasets and the licences they may carry: what the /daten/ page, the files'
metadata and the DCAT-AP.de catalogue say about each.

A dataset's `slug` is its stable address (/daten/<slug>.csv and .json) and the last part of
its dct:identifier; changing one breaks every harvester and link that uses it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# EU vocabulary "Data theme": government and public sector.
THEME_GOVERNMENT = "http://publications.europa.eu/resource/authority/data-theme/GOVE"


@dataclass(frozen=True)
class Licence:
    uri: str  # the licence's IRI in the dcat-ap.de licence list
    name: str  # its official (German) name
    short_name: str
    text_url: str


# The open licences of http://dcat-ap.de/def/licenses a county would publish its data under;
# OPEN_DATA_LICENCE names one of them.
LICENCES = {
    licence.uri: licence
    for licence in (
        Licence(
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
            "Datenlizenz Deutschland – Namensnennung – Version 2.0",
            "dl-de/by-2.0",
            "https://www.govdata.de/dl-de/by-2-0",
        ),
        Licence(
            "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
            "Datenlizenz Deutschland – Zero – Version 2.0",
            "dl-de/zero-2.0",
            "https://www.govdata.de/dl-de/zero-2-0",
        ),
        Licence(
            "http://dcat-ap.de/def/licenses/cc-by/4.0",
            "Creative Commons Namensnennung – 4.0 International",
            "CC BY 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "http://dcat-ap.de/def/licenses/cc-zero",
            "Creative Commons CC Zero License",
            "CC0 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
    )
}


def configured_licence():
    return LICENCES[settings.OPEN_DATA_LICENCE]


CATALOGUE_TITLE = _("Open data on the digital transformation")
CATALOGUE_DESCRIPTION = _(
    "The public data of smartkreis: online services and their maturity per body, the "
    "published initiatives, goals and indicators of the digitalisation strategy, and the "
    "public council decisions with the state of their implementation."
)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    # How the rows are selected and derived: what a reader needs to trust and reuse them.
    derivation: str
    keywords: tuple


DATASETS = (
    Dataset(
        slug="onlinedienste",
        title=_("Online services and their maturity per body"),
        description=_(
            "Which administrative services of the OZG catalogue the county and each of its "
            "municipalities offer online, on which platform, since when, and the maturity "
            "level of the latest assessment."
        ),
        derivation=_(
            "One row per online offer of the county or one of its municipalities, as the "
            "bodies maintain them in smartkreis; offers still planned or being built are not "
            "included. The maturity level is that of the latest assessment in the maturity "
            "model named beside it. Notes, case numbers and internal links to initiatives are "
            "left out. Rows marked as demo data are invented."
        ),
        keywords=(_("online services"), "OZG", _("maturity level"), _("digitalisation")),
    ),
    Dataset(
        slug="vorhaben",
        title=_("Published digitalisation initiatives"),
        description=_(
            "The digitalisation initiatives of the register that the staff unit has published, "
            "with their approved plain-language summary, status, responsible body, fields of "
            "action, schedule and progress."
        ),
        derivation=_(
            "Only initiatives whose plain-language summary a person has approved and published; "
            "unpublished initiatives, descriptions, status reports, budgets and risks are "
            "internal and not included. Progress is that of the latest status report."
        ),
        keywords=(_("initiatives"), _("digitalisation"), _("strategy")),
    ),
    Dataset(
        slug="ziele",
        title=_("Published goals of the digitalisation strategy and their indicators"),
        description=_(
            "The published goals of the digitalisation strategy with their field of action, "
            "approved summary and target date, and the indicators that measure them with "
            "baseline and target."
        ),
        derivation=_(
            "One row per indicator of a published goal (a goal without indicators has one row "
            "without them). Only goals whose summary is approved and published."
        ),
        keywords=(_("goals"), _("indicators"), _("digitalisation strategy")),
    ),
    Dataset(
        slug="kennzahlen",
        title=_("Time series of the indicators of published goals"),
        description=_(
            "The measured values of the indicators of the published goals of the "
            "digitalisation strategy, one row per measurement."
        ),
        derivation=_(
            "Every measured value of every indicator of a published goal, in the order of "
            "the measurement date; notes on the values are left out."
        ),
        keywords=(_("indicators"), _("time series"), _("digitalisation strategy")),
    ),
    Dataset(
        slug="kreistagsbeschluesse",
        title=_("Public council decisions and their implementation"),
        description=_(
            "The resolutions of the council and its committees on published public papers, "
            "with the state of their implementation, deadline and date of completion."
        ),
        derivation=_(
            "Decisions taken in a public consultation of a paper published to the public, as "
            "the OParl API publishes them; the paper's reference and subject as published. "
            "The steering group's decisions, reasons for delays and responsible persons are "
            "internal and not included."
        ),
        keywords=(_("council decisions"), _("council"), _("implementation")),
    ),
)

DATASETS_BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}
