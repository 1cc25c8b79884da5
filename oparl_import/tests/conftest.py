"""Local OParl servers with the shared fixtures (../shared/data/oparl/mst_testdata)."""

import io
import json
import urllib.parse

import pytest
from django.conf import settings
from django.core.management import call_command

from governance.models import AgendaItem, Meeting, Membership, Organization
from oparl_import.testserver import OParlTestServer, generate_endpoint
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile

MST = settings.BASE_DIR.parent / "shared" / "data" / "oparl" / "mst_testdata"


@pytest.fixture(autouse=True)
def no_retry_delay(settings):
    """HTTP 5xx answers are retried at once: the tests need no backoff."""
    settings.OPARL_IMPORT_RETRY_DELAY = 0


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


IMPORTED_MODELS = [
    Body,
    Organization,
    Person,
    Membership,
    Meeting,
    AgendaItem,
    Paper,
    Consultation,
    PaperFile,
]
# What the `generated` endpoint imports into.
GENERATED_COUNTS = {
    "Body": 1,
    "Organization": 3,
    "Person": 12,
    "Membership": 12,
    "Meeting": 5,
    "AgendaItem": 15,
    "Paper": 25,
    "Consultation": 25,
    "PaperFile": 25,
}


def table_counts():
    return {model.__name__: model.objects.count() for model in IMPORTED_MODELS}


def run_import(url, *args):
    out = io.StringIO()
    call_command("import_oparl", url, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def koeln():
    """The Köln example set: one of each object; lists wrap the single objects."""
    folder = MST / "oparl"
    objects = {
        name: load(folder / f"{name}.json")
        for name in (
            "System",
            "Body",
            "Organization",
            "Person",
            "Meeting",
            "Paper",
            "Location",
            "File",
        )
    }
    with OParlTestServer(origins=["https://oparl.example.org"]) as server:
        system, body = objects["System"], objects["Body"]
        server.add_list(system["body"], [body])
        for key, name in (
            ("organization", "Organization"),
            ("person", "Person"),
            ("meeting", "Meeting"),
            ("paper", "Paper"),
        ):
            server.add_list(body[key], [objects[name]])
        for data in objects.values():
            server.add_object(data)
        server.system_url = server.url(system["id"])
        yield server


@pytest.fixture
def wuppertal_missing():
    """A meeting whose two organizations answer 404."""
    folder = MST / "oparl-missing"
    system, body = load(folder / "system.json"), load(folder / "body.json")
    with OParlTestServer(origins=["http://oparl.wuppertal.de"]) as server:
        server.add_object(system)
        server.add_list(system["body"], [body])
        for key in ("organization", "person", "paper"):
            server.add_list(body[key], [])
        server.add_list(body["meeting"], [load(folder / "meeting.json")])
        server.system_url = server.url(system["id"])
        yield server


def real_system_server(file_name):
    """A real OParl 1.0 System and Body (captured from NRW endpoints) with empty lists."""
    system = load(MST / "systems" / file_name)
    body = load(MST / "bodies" / file_name)
    parts = urllib.parse.urlsplit(system["id"])
    server = OParlTestServer(origins=[f"{parts.scheme}://{parts.netloc}"]).start()
    server.add_object(system)
    server.add_list(system["body"], [body])
    for key in ("organization", "person", "meeting", "paper"):
        server.add_list(body[key], [])
    server.system_url = server.url(system["id"])
    return server


@pytest.fixture
def generated():
    """A small generated endpoint with several pages per list (10 objects a page)."""
    with OParlTestServer(page_size=10, slow_seconds=1.0) as server:
        server.system_url = generate_endpoint(
            server,
            organizations=3,
            persons=12,
            meetings=5,
            agenda_items=15,
            papers=25,
            consultations=25,
            files=25,
            oparl_version="1.1",
        )
        yield server
