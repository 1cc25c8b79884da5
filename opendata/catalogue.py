"""The DCAT-AP.de 3.0 catalogue of the datasets, as GovData harvests it.

One dcat:Catalog with one dcat:Dataset per dataset, each with a CSV and a JSON distribution.
IRIs are built from SITE_URL: the catalogue, the datasets and the contact point are anchors
of the /daten/ page, the distributions their download addresses. Every value of a controlled
property comes from the vocabulary DCAT-AP.de requires (EU data themes, access rights,
frequencies and file types; the dcat-ap.de licences and contributors), which the test suite
checks with the official SHACL shapes (opendata/shacl/).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from .datasets import CATALOGUE_DESCRIPTION, CATALOGUE_TITLE, DATASETS, THEME_GOVERNMENT

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
PUBLIC_ACCESS = URIRef(EU_AUTHORITY + "access-right/PUBLIC")
# The files are built from the live data at each request.
UPDATED_CONTINUOUSLY = URIRef(EU_AUTHORITY + "frequency/UPDATE_CONT")
FILE_TYPES = {
    "csv": URIRef(EU_AUTHORITY + "file-type/CSV"),
    "json": URIRef(EU_AUTHORITY + "file-type/JSON"),
}
MEDIA_TYPES = {
    "csv": URIRef("https://www.iana.org/assignments/media-types/text/csv"),
    "json": URIRef("https://www.iana.org/assignments/media-types/application/json"),
}
PREFIXES = {"dcat": DCAT, "dct": DCTERMS, "dcatde": DCATDE, "foaf": FOAF, "vcard": VCARD}
# Titles and descriptions in every language of the UI, German first.
LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class RdfFormat:
    rdflib_name: str
    content_type: str
    label: str


FORMATS = {
    "ttl": RdfFormat("turtle", "text/turtle; charset=utf-8", "Turtle"),
    "rdf": RdfFormat("xml", "application/rdf+xml", "RDF/XML"),
    "jsonld": RdfFormat("json-ld", "application/ld+json", "JSON-LD"),
}


def _texts(lazy_text):
    """`lazy_text` in each language, as language-tagged literals."""
    literals = []
    for language in LANGUAGES:
        with translation.override(language):
            literals.append(Literal(str(lazy_text), lang=language))
    return literals


def _add_texts(graph, subject, predicate, lazy_text):
    for literal in _texts(lazy_text):
        graph.add((subject, predicate, literal))


def _moment(value):
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def _publisher(graph):
    publisher = URIRef(settings.OPEN_DATA_PUBLISHER_URI)
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(settings.OPEN_DATA_PUBLISHER_NAME, lang="de")))
    return publisher


def _contact_point(graph, page_url):
    contact = URIRef(page_url + "#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.OPEN_DATA_CONTACT_NAME)))
    if settings.OPEN_DATA_CONTACT_EMAIL:
        graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + settings.OPEN_DATA_CONTACT_EMAIL)))
    if settings.OPEN_DATA_CONTACT_URL:
        graph.add((contact, VCARD.hasURL, URIRef(settings.OPEN_DATA_CONTACT_URL)))
    return contact


def _distribution(graph, *, dataset, file_format, site_url, modified):
    url = site_url + reverse(f"opendata:dataset_{file_format}", kwargs={"slug": dataset.slug})
    distribution = URIRef(url)
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, distribution))
    graph.add((distribution, DCAT.downloadURL, distribution))
    for title in _texts(dataset.title):
        label = f"{title} ({file_format.upper()})"
        graph.add((distribution, DCTERMS.title, Literal(label, lang=title.language)))
    graph.add((distribution, DCTERMS.format, FILE_TYPES[file_format]))
    graph.add((distribution, DCAT.mediaType, MEDIA_TYPES[file_format]))
    graph.add((distribution, DCTERMS.license, URIRef(settings.OPEN_DATA_LICENCE)))
    graph.add(
        (distribution, DCATDE.licenseAttributionByText, Literal(settings.OPEN_DATA_ATTRIBUTION))
    )
    if modified is not None:
        graph.add((distribution, DCTERMS.modified, _moment(modified)))
    return distribution


def catalogue_graph(*, modified_by_slug, site_url):
    """The catalogue as an rdflib Graph; `modified_by_slug` gives each dataset's last change."""
    site_url = site_url.rstrip("/")
    page_url = site_url + reverse("opendata:index")
    # Only the prefixes the catalogue uses (rdflib's default set would list dozens).
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)

    publisher = _publisher(graph)
    contact = _contact_point(graph, page_url)
    catalogue = URIRef(page_url + "#katalog")
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    _add_texts(graph, catalogue, DCTERMS.title, CATALOGUE_TITLE)
    _add_texts(graph, catalogue, DCTERMS.description, CATALOGUE_DESCRIPTION)
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, URIRef(page_url)))
    known = [moment for moment in modified_by_slug.values() if moment is not None]
    if known:
        graph.add((catalogue, DCTERMS.modified, _moment(max(known))))

    for dataset in DATASETS:
        modified = modified_by_slug[dataset.slug]
        subject = URIRef(f"{page_url}#{dataset.slug}")
        graph.add((catalogue, DCAT.dataset, subject))
        graph.add((subject, RDF.type, DCAT.Dataset))
        _add_texts(graph, subject, DCTERMS.title, dataset.title)
        _add_texts(graph, subject, DCTERMS.description, dataset.description)
        graph.add((subject, DCTERMS.identifier, Literal(str(subject))))
        graph.add((subject, DCTERMS.publisher, publisher))
        graph.add((subject, DCATDE.contributorID, URIRef(settings.OPEN_DATA_CONTRIBUTOR_ID)))
        graph.add((subject, DCAT.contactPoint, contact))
        graph.add((subject, DCAT.theme, URIRef(THEME_GOVERNMENT)))
        graph.add((subject, DCTERMS.accessRights, PUBLIC_ACCESS))
        graph.add((subject, DCTERMS.accrualPeriodicity, UPDATED_CONTINUOUSLY))
        graph.add((subject, DCAT.landingPage, subject))
        if settings.OPEN_DATA_SPATIAL_URI:
            spatial = URIRef(settings.OPEN_DATA_SPATIAL_URI)
            graph.add((subject, DCTERMS.spatial, spatial))
            graph.add((spatial, RDF.type, DCTERMS.Location))
        if modified is not None:
            graph.add((subject, DCTERMS.modified, _moment(modified)))
        for keyword in dataset.keywords:
            with translation.override("de"):
                graph.add((subject, DCAT.keyword, Literal(str(keyword), lang="de")))
        for file_format in FILE_TYPES:
            distribution = _distribution(
                graph,
                dataset=dataset,
                file_format=file_format,
                site_url=site_url,
                modified=modified,
            )
            graph.add((subject, DCAT.distribution, distribution))
    return graph


def serialise(graph, rdf_format):
    options = {}
    if rdf_format == "jsonld":
        # Compact JSON-LD: terms as dcat:…, dct:… instead of full IRIs.
        options["context"] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    return graph.serialize(format=FORMATS[rdf_format].rdflib_name, encoding="utf-8", **options)


def canonical_bytes(graph):
    """The graph's triples, one per line, sorted: the same graph gives the same bytes."""
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    return b"\n".join(sorted(line for line in lines if line))
