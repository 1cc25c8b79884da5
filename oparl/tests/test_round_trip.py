"""Round trip: `import_oparl` reads smartkreis's own OParl API into an empty database and gets
the same objects back.

The API is read as a client reads it (every list page, every embedded object), the database is
emptied, the answers are served again from a local HTTP server, and the import of them is
compared with what was published, object by object and property by property. What smartkreis
keeps but does not publish (e-mail addresses, steering-group business, non-public papers) is
neither expected nor allowed to arrive.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from governance.models import (
    AgendaItem,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
)
from oparl import queries
from oparl_import.testserver import OParlTestServer
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile

from . import factories as f
from .oparl_client import get, list_items, path_of

ORIGIN = "http://testserver"

# What each type publishes, as model fields; references by the referenced object's OParl URL.
PUBLISHED = {
    Body: ("name", "short_name", "website", "ags", "ars"),
    LegislativeTerm: ("body", "name", "start_date", "end_date"),
    Organization: ("body", "name", "short_name", "kind", "start_date", "end_date"),
    Person: ("title", "given_name", "family_name"),
    Membership: ("organization", "person", "function_title", "role", "start_date", "end_date"),
    Location: ("description", "street_address", "postal_code", "locality", "room"),
    Meeting: ("organization", "name", "start", "end", "venue", "state"),
    AgendaItem: ("meeting", "number", "position", "title", "is_public", "result"),
    Paper: (
        "body",
        "reference",
        "date",
        "subject",
        "paper_type",
        "kind",
        "originator_organization",
        "superordinated_paper",
    ),
    Consultation: ("paper", "organization", "meeting", "agenda_item", "role", "authoritative"),
    PaperFile: (
        "paper",
        "meeting",
        "name",
        "file_name",
        "mime_type",
        "size",
        "date",
        "text",
        "is_main_file",
    ),
}
# Deleted in this order, so nothing that is still referenced goes first.
EMPTYING_ORDER = (
    Consultation,
    PaperFile,
    Paper,
    AgendaItem,
    Meeting,
    Location,
    Membership,
    Person,
    Organization,
    LegislativeTerm,
    Body,
)


def _crawl(client):
    """Every object the API publishes, by id, and every list with all its items."""
    objects, lists = {}, {}

    def keep(data):
        objects[data["id"]] = data
        for value in data.values():
            for embedded in value if isinstance(value, list) else [value]:
                if isinstance(embedded, dict) and "id" in embedded:
                    keep(embedded)

    system = get(client, reverse("oparl:system"))
    keep(system)
    lists[system["body"]] = list_items(client, system["body"])
    for body in lists[system["body"]]:
        keep(body)
        for oparl_type in queries.TYPES.values():
            if oparl_type.body_property and oparl_type.body_property in body:
                list_url = body[oparl_type.body_property]
                lists[list_url] = list_items(client, list_url)
                for item in lists[list_url]:
                    keep(item)
    # Objects only referenced by URL (a membership listed by its organization) are read alone.
    referenced = {
        url
        for data in list(objects.values())
        for value in data.values()
        for url in (value if isinstance(value, list) else [value])
        if isinstance(url, str) and url.startswith(f"{ORIGIN}/oparl/") and "/file/" not in url
    }
    for url in referenced - objects.keys() - lists.keys():
        keep(get(client, path_of(url)))
    return objects, lists


def _own_url(obj):
    oparl_type = queries.TYPES_BY_MODEL[type(obj)]
    return ORIGIN + reverse("oparl:object", args=[oparl_type.slug, obj.pk])


def _snapshot(model, identity, only=None):
    """{OParl URL: published values} of `model`'s rows (those named in `only`, if given).

    A reference to an object not in `only` is not published (the closed part of a meeting, the
    steering group), so it is None, as the import must leave it.
    """
    rows = {}
    for obj in model.objects.all():
        url = identity(obj)
        if only is not None and url not in only:
            continue
        values = {}
        for name in PUBLISHED[model]:
            field = model._meta.get_field(name)
            if field.is_relation:
                related = getattr(obj, name)
                reference = identity(related) if related is not None else None
                values[name] = reference if only is None or reference in only else None
            else:
                values[name] = getattr(obj, name)
        rows[url] = values
    return rows


def _differences(imported, expected):
    """(type, URL, property, imported value, published value) wherever the two differ."""
    found = []
    for model, rows in expected.items():
        for url in sorted(rows.keys() | imported[model].keys()):
            got, want = imported[model].get(url), rows.get(url)
            if got is None or want is None:
                found.append((model.__name__, url, "the object itself", got, want))
                continue
            found.extend(
                (model.__name__, url, name, got[name], want[name])
                for name in want
                if got[name] != want[name]
            )
    return found


@pytest.fixture
def published(world):
    """The world with a second body's worth of variety: terms, guests, a cancelled meeting."""
    f.LegislativeTermFactory(body=world.county)
    guest = f.PersonFactory(title="")
    f.MembershipFactory(
        organization=world.committee, person=guest, role=Membership.Role.GUEST, function_title=""
    )
    f.MeetingFactory(organization=world.committee, state=Meeting.State.CANCELLED, venue=None)
    return world


def test_import_of_the_own_api_gives_the_published_objects_back(client, published):
    objects, lists = _crawl(client)
    published_urls = set(objects)
    expected = {model: _snapshot(model, _own_url, only=published_urls) for model in EMPTYING_ORDER}
    assert all(expected.values()), {m.__name__: len(rows) for m, rows in expected.items()}
    for model in EMPTYING_ORDER:
        model.objects.all().delete()

    with OParlTestServer(origins=[ORIGIN], page_size=2) as server:
        for data in objects.values():
            server.add_object(data)
        for list_url, items in lists.items():
            server.add_list(list_url, items)
        system_url = server.url(next(iter(objects)))
        first = io.StringIO()
        call_command("import_oparl", system_url, stdout=first)

        def identity(obj):
            return obj.external_id.replace(server.base_url, ORIGIN)

        imported = {model: _snapshot(model, identity) for model in EMPTYING_ORDER}
        differences = _differences(imported, expected)
        assert not differences, "\n".join(map(repr, differences))

        links = {
            identity(paper): sorted(identity(other) for other in paper.related_papers.all())
            for paper in Paper.objects.all()
        }
        assert links == {
            url: sorted(objects[url].get("relatedPaper", [])) for url in expected[Paper]
        }

        # Read again, nothing changes.
        again = io.StringIO()
        call_command("import_oparl", system_url, "--full", stdout=again)
        assert {model: _snapshot(model, identity) for model in EMPTYING_ORDER} == imported
