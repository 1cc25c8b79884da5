import pytest
from django.core.checks import run_checks
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from .factories import public_records
from .shacl import validate

pytestmark = pytest.mark.django_db

SITE = "https://smartkreis.example.de"
SERIALISATIONS = [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _catalogue(client, extension):
    response = client.get(f"/daten/katalog.{extension}")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("extension", "rdf_format"), SERIALISATIONS)
def test_every_serialisation_conforms_to_the_dcat_ap_de_shapes(client, extension, rdf_format):
    public_records()

    conforms, report = validate(_catalogue(client, extension).content, rdf_format)

    assert conforms, report


def test_a_catalogue_without_a_mandatory_field_fails_the_validation(client):
    public_records()
    graph = Graph().parse(data=_catalogue(client, "ttl").content, format="turtle")
    dataset = URIRef(f"{SITE}/daten/#vorhaben")
    graph.remove((dataset, DCTERMS.description, None))

    conforms, report = validate(graph.serialize(format="turtle"), "turtle")

    assert not conforms
    assert "dcterms:description" in report or str(DCTERMS.description) in report


def test_the_catalogue_without_a_licence_fails_the_validation(client):
    graph = Graph().parse(data=_catalogue(client, "ttl").content, format="turtle")
    graph.remove((None, DCTERMS.license, None))

    conforms, report = validate(graph.serialize(format="turtle"), "turtle")

    assert not conforms
    assert "dcterms:license" in report


def test_datasets_have_stable_identifiers_distributions_and_the_licence(client):
    graph = Graph().parse(data=_catalogue(client, "ttl").content, format="turtle")

    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {str(dataset) for dataset in datasets} == {
        f"{SITE}/daten/#{slug}"
        for slug in ("onlinedienste", "vorhaben", "ziele", "kennzahlen", "kreistagsbeschluesse")
    }
    vorhaben = URIRef(f"{SITE}/daten/#vorhaben")
    assert graph.value(vorhaben, DCTERMS.identifier) == Literal(f"{SITE}/daten/#vorhaben")
    downloads = {
        str(graph.value(distribution, DCAT.downloadURL))
        for distribution in graph.objects(vorhaben, DCAT.distribution)
    }
    assert downloads == {f"{SITE}/daten/vorhaben.csv", f"{SITE}/daten/vorhaben.json"}
    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")}


def test_the_licence_is_configurable(client, settings):
    settings.OPEN_DATA_LICENCE = "http://dcat-ap.de/def/licenses/cc-by/4.0"

    graph = Graph().parse(data=_catalogue(client, "ttl").content, format="turtle")

    assert set(graph.objects(None, DCTERMS.license)) == {URIRef(settings.OPEN_DATA_LICENCE)}
    assert "CC BY 4.0" in client.get("/daten/").content.decode()


def test_a_licence_outside_the_dcat_ap_de_list_is_reported_at_start(settings):
    settings.OPEN_DATA_LICENCE = "https://example.org/my-licence"

    assert "opendata.E001" in [message.id for message in run_checks()]


def test_a_contact_point_without_address_is_reported_at_start(settings):
    settings.OPEN_DATA_CONTACT_EMAIL = ""
    settings.OPEN_DATA_CONTACT_URL = ""

    assert "opendata.E002" in [message.id for message in run_checks()]


def test_titles_and_descriptions_in_german_and_english(client):
    graph = Graph().parse(data=_catalogue(client, "ttl").content, format="turtle")
    titles = {
        literal.language: str(literal)
        for literal in graph.objects(URIRef(f"{SITE}/daten/#kreistagsbeschluesse"), DCTERMS.title)
    }

    assert titles == {
        "de": "Öffentliche Kreistagsbeschlüsse und ihre Umsetzung",
        "en": "Public council decisions and their implementation",
    }
