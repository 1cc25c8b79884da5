"""Validation with pyshacl against the official DCAT-AP.de 3.0 shapes kept in opendata/shacl/
(see its README), offline: the vocabularies the shapes check values against are loaded from
there too, never from the network."""

import functools
from pathlib import Path

import pyshacl
from rdflib import Graph

SHACL_DIR = Path(__file__).resolve().parent.parent / "shacl"
# The shapes of GovData's profile "DCAT-AP.de 3.0 – Deutsche Spezifikation" (v30_de_spec).
SHAPE_FILES = (
    "dcat-ap-SHACL.ttl",
    "dcat-ap-SHACL-DE.ttl",
    "dcat-ap-de-deprecated.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-controlledvocabularies.ttl",
)


@functools.cache
def _shapes():
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(SHACL_DIR / name)
    return graph


@functools.cache
def _vocabularies():
    graph = Graph()
    for path in sorted((SHACL_DIR / "vocabularies").iterdir()):
        graph.parse(path)
    return graph


def validate(data, rdf_format):
    """(conforms, report text) of the catalogue `data` (bytes) in rdflib's `rdf_format`.

    The vocabularies join the data graph, as the ITB validator behind GovData's validation
    service imports them: the shapes look up each value's skos:inScheme there. Warnings count
    as failures: the catalogue is to pass without any.
    """
    graph = Graph()
    graph.parse(data=data, format=rdf_format)
    conforms, _report, text = pyshacl.validate(
        graph + _vocabularies(),
        shacl_graph=_shapes(),
        inference="none",
        allow_warnings=False,
        advanced=True,
    )
    return conforms, text
