"""The reads behind the open data: each dataset's rows and its last change, the files and the
catalogue built from them, the /daten/ page.

Only what is public gets in: the offers online in the county's own bodies, and of goals,
initiatives and council decisions exactly what `portal.queries` selects for the public portal,
so both publish the same. Rows are built with German labels whatever the visitor's language, so a
file's content depends on the data alone. Each dataset is read with a fixed number of queries.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Prefetch
from django.utils import timezone, translation

from audit.models import AuditEntry
from council.models import CouncilDecision
from governance.models import Organization
from online_services.models import MaturityAssessment, ServiceOffer
from online_services.permissions import OFFER_BODY_KINDS
from oparl.queries import organization_is_public, public_bodies
from organisations.models import Body, OrgUnit
from portal import queries as portal_queries
from portal.models import Publication
from strategy.models import FieldOfAction, Goal, Indicator, IndicatorValue

from . import catalogue, files
from .datasets import DATASETS, DATASETS_BY_SLUG, configured_licence


@dataclass(frozen=True)
class PublishedFile:
    """A file as served: its bytes, media type, strong ETag and last change (or None)."""

    content: bytes
    content_type: str
    etag: str
    modified: datetime.datetime | None


# Each dataset's columns: (name, value of the row's object). The names are part of the
# dataset's stable format, the same whatever the language of the page that links to it:
# German words, not translatable message ids.
ONLINE_SERVICE_COLUMNS = (
    ("Körperschaft", lambda offer: offer.body.name),
    ("Amtlicher Gemeindeschlüssel", lambda offer: offer.body.ags),
    ("Art der Körperschaft", lambda offer: offer.body.get_kind_display()),
    ("OZG-ID", lambda offer: offer.service.ozg_id),
    ("OZG-Leistung", lambda offer: offer.service.name),
    ("Themenfeld", lambda offer: offer.service.topic.name),
    ("LeiKa-Schlüssel", lambda offer: offer.leika_service.leika_key if offer.leika_service else ""),
    ("Plattform", lambda offer: offer.get_platform_display()),
    ("Online seit", lambda offer: offer.online_since),
    ("Adresse des Angebots", lambda offer: offer.url),
    ("Reifegradmodell", lambda offer: offer.current_model.name if offer.current_model else ""),
    ("Reifegrad", lambda offer: offer.current_level),
    ("Demodaten", lambda offer: offer.is_demo),
)


def _online_service_objects():
    return (
        # What the public can use: offers still planned or being built are the bodies' plans.
        ServiceOffer.objects.filter(body__in=_offer_bodies(), status=ServiceOffer.Status.ONLINE)
        .select_related("body", "service", "service__topic", "leika_service", "current_model")
        .order_by("body__name", "service__ozg_id", "pk")
    )


def _offer_bodies():
    return public_bodies().filter(kind__in=OFFER_BODY_KINDS)


def _online_service_modified():
    return _latest(
        _last_audited(ServiceOffer, MaturityAssessment, Body),
        _offer_bodies().aggregate(at=Max("modified"))["at"],
    )


INITIATIVE_COLUMNS = (
    ("Kennung", lambda initiative: initiative.pk),
    ("Titel", lambda initiative: initiative.title),
    ("Zusammenfassung", lambda initiative: initiative.publication.summary),
    ("Status", lambda initiative: initiative.get_status_display()),
    ("Federführende Körperschaft", lambda initiative: initiative.owner_body.name),
    (
        "Federführende Stelle",
        lambda initiative: initiative.owner_unit.name if initiative.owner_unit else "",
    ),
    (
        "Handlungsfelder",
        lambda initiative: ", ".join(field.name for field in initiative.fields.all()),
    ),
    ("Beginn", lambda initiative: initiative.start_date),
    ("Geplantes Ende", lambda initiative: initiative.end_date),
    ("Fortschritt (%)", lambda initiative: initiative.progress),
    (
        "Veröffentlicht seit",
        lambda initiative: timezone.localdate(initiative.publication.published_at),
    ),
    # Whether the entry is a demo's; the note saying what is invented is internal.
    ("Demodaten", lambda initiative: bool(initiative.demo_note)),
)


def _initiative_objects():
    return (
        portal_queries.published_initiatives()
        .prefetch_related(Prefetch("fields", queryset=FieldOfAction.objects.order_by("position")))
        .order_by("title", "pk")
    )


def _initiative_modified():
    return _latest(
        _publications_changed(initiative__isnull=False),
        portal_queries.published_initiatives().aggregate(at=Max("updated_at"))["at"],
        _last_audited(Body, OrgUnit, FieldOfAction),
    )


def _published_goals_with_indicators():
    values = IndicatorValue.objects.order_by("measured_on", "pk")
    indicators = Indicator.objects.order_by("name", "pk").prefetch_related(
        Prefetch("values", queryset=values)
    )
    return (
        portal_queries.published_goals()
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("field__position", "position", "pk")
    )


def _if_indicator(value_of):
    """A column of an indicator that is empty on the row of a goal without indicators."""
    return lambda row: value_of(row[1]) if row[1] is not None else None


# A row is (goal, indicator or None).
GOAL_COLUMNS = (
    ("Ziel-Kennung", lambda row: row[0].pk),
    ("Ziel", lambda row: row[0].title),
    ("Handlungsfeld", lambda row: row[0].field.name),
    ("Zusammenfassung", lambda row: row[0].publication.summary),
    ("Zieldatum des Ziels", lambda row: row[0].target_date),
    ("Kennzahl-Kennung", _if_indicator(lambda indicator: indicator.pk)),
    ("Kennzahl", _if_indicator(lambda indicator: indicator.name)),
    ("Einheit", _if_indicator(lambda indicator: indicator.unit)),
    ("Ausgangswert", _if_indicator(lambda indicator: indicator.baseline_value)),
    ("Ausgangsdatum", _if_indicator(lambda indicator: indicator.baseline_date)),
    ("Zielwert", _if_indicator(lambda indicator: indicator.target_value)),
    ("Zieldatum der Kennzahl", _if_indicator(lambda indicator: indicator.target_date)),
    ("Datenquelle", _if_indicator(lambda indicator: indicator.source)),
)


def _goal_objects():
    return [
        (goal, indicator)
        for goal in _published_goals_with_indicators()
        for indicator in (list(goal.indicators.all()) or [None])
    ]


def _goal_modified():
    return _latest(
        _publications_changed(goal__isnull=False), _last_audited(Goal, Indicator, FieldOfAction)
    )


# A row is (goal, indicator, measured value).
INDICATOR_VALUE_COLUMNS = (
    ("Ziel-Kennung", lambda row: row[0].pk),
    ("Ziel", lambda row: row[0].title),
    ("Kennzahl-Kennung", lambda row: row[1].pk),
    ("Kennzahl", lambda row: row[1].name),
    ("Einheit", lambda row: row[1].unit),
    ("Messdatum", lambda row: row[2].measured_on),
    ("Messwert", lambda row: row[2].value),
)


def _indicator_value_objects():
    return [
        (goal, indicator, value)
        for goal in _published_goals_with_indicators()
        for indicator in goal.indicators.all()
        for value in indicator.values.all()
    ]


def _indicator_value_modified():
    return _latest(
        _publications_changed(goal__isnull=False), _last_audited(Goal, Indicator, IndicatorValue)
    )


def _published_paper(decision):
    # Named as the published version names the paper, not as a draft may have since.
    return decision.consultation.paper.published_version.content


def _committee(decision):
    organization = decision.consultation.organization
    return organization.name if organization_is_public(organization) else ""


COUNCIL_DECISION_COLUMNS = (
    ("Kennung", lambda decision: decision.pk),
    ("Vorlage", lambda decision: _published_paper(decision)["reference"]),
    ("Betreff", lambda decision: _published_paper(decision)["subject"]),
    ("Gremium", _committee),
    ("Beschlossen am", lambda decision: decision.decided_on),
    ("Beschluss", lambda decision: decision.text),
    ("Stand der Umsetzung", lambda decision: decision.get_state_display()),
    ("Frist", lambda decision: decision.deadline),
    ("Umgesetzt am", lambda decision: decision.done_on),
)


def _council_decision_objects():
    return portal_queries.public_council_decisions().order_by("decided_on", "pk")


def _council_decision_modified():
    return _latest(
        _last_audited(CouncilDecision, Organization),
        portal_queries.public_council_decisions().aggregate(
            at=Max("consultation__paper__published_version__finalised_at")
        )["at"],
    )


@dataclass(frozen=True)
class DatasetRead:
    columns: tuple  # (name, value of a row's object)
    objects: object  # () -> the row objects, in the file's order
    modified: object  # () -> the moment of the last change, or None


READS = {
    "onlinedienste": DatasetRead(
        ONLINE_SERVICE_COLUMNS, _online_service_objects, _online_service_modified
    ),
    "vorhaben": DatasetRead(INITIATIVE_COLUMNS, _initiative_objects, _initiative_modified),
    "ziele": DatasetRead(GOAL_COLUMNS, _goal_objects, _goal_modified),
    "kennzahlen": DatasetRead(
        INDICATOR_VALUE_COLUMNS, _indicator_value_objects, _indicator_value_modified
    ),
    "kreistagsbeschluesse": DatasetRead(
        COUNCIL_DECISION_COLUMNS, _council_decision_objects, _council_decision_modified
    ),
}


def _latest(*moments):
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def _last_audited(*models):
    """When an object of one of `models` was last created, changed or deleted (every change,
    in the web, the admin or an import, is audited): the names a row shows included, so a
    file that changed is never answered "not modified" to If-Modified-Since."""
    types = ContentType.objects.get_for_models(*models).values()
    return AuditEntry.objects.filter(subject_type__in=types).aggregate(at=Max("created_at"))["at"]


def _publications_changed(**subject):
    # Every publication, published or not: withdrawing one removes a row, and changes the set.
    return Publication.objects.filter(**subject).aggregate(at=Max("updated_at"))["at"]


def dataset_file(slug, file_format):
    """The CSV or JSON file (file_format "csv" or "json") of the dataset `slug` with its last
    change, or None if there is no such dataset."""
    dataset = DATASETS_BY_SLUG.get(slug)
    if dataset is None:
        return None
    read = READS[slug]
    with translation.override("de"):
        names = [name for name, _value in read.columns]
        rows = [[value(obj) for _name, value in read.columns] for obj in read.objects()]
        modified = read.modified()
        if file_format == "csv":
            content = files.csv_bytes(names, rows)
        else:
            content = files.json_bytes(dataset, names, rows, modified=modified)
    return PublishedFile(
        content=content,
        content_type=files.CONTENT_TYPES[file_format],
        etag=_etag(content),
        modified=modified,
    )


def _modified_by_slug():
    return {slug: read.modified() for slug, read in READS.items()}


def catalogue_file(rdf_format, *, site_url):
    """The DCAT-AP.de catalogue of all datasets in `rdf_format` (a key of catalogue.FORMATS)."""
    modified_by_slug = _modified_by_slug()
    graph = catalogue.catalogue_graph(modified_by_slug=modified_by_slug, site_url=site_url)
    content = catalogue.serialise(graph, rdf_format)
    return PublishedFile(
        content=content,
        content_type=catalogue.FORMATS[rdf_format].content_type,
        # The graph's triples in a fixed order: the same catalogue gives the same ETag in every
        # process, whatever order a serialiser writes.
        etag=_etag(catalogue.canonical_bytes(graph) + rdf_format.encode()),
        modified=_latest(*modified_by_slug.values()),
    )


def open_data_page():
    """The /daten/ page: every dataset with its last change, the licence and attribution."""
    modified = _modified_by_slug()
    return {
        "datasets": [(dataset, modified[dataset.slug]) for dataset in DATASETS],
        "licence": configured_licence(),
        "attribution": settings.OPEN_DATA_ATTRIBUTION,
        "contact": {
            "name": settings.OPEN_DATA_CONTACT_NAME,
            "email": settings.OPEN_DATA_CONTACT_EMAIL,
            "url": settings.OPEN_DATA_CONTACT_URL,
        },
    }


def _etag(content):
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
