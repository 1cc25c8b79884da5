"""Every object and list item the API serves validates against the OParl 1.1 JSON schemas."""

import pytest
from django.urls import reverse

from demo.loading import load_demo
from organisations.models import Body

from .oparl_client import get, list_items, path_of

LIST_PROPERTIES = (
    "organization",
    "person",
    "meeting",
    "paper",
    "legislativeTermList",
    "membership",
    "agendaItem",
    "consultation",
    "file",
    "locationList",
)


def crawl_body(client, schemas, body):
    """Validate the body, every item of its lists and each item fetched by its own id.

    Returns the types seen."""
    schemas.validate(body)
    for term in body["legislativeTerm"]:
        schemas.validate(term)
    seen = {"Body"}
    for name in LIST_PROPERTIES:
        for item in list_items(client, body[name]):
            schemas.validate(item)
            assert get(client, path_of(item["id"])) == item
            seen.add(item["type"].rsplit("/", 1)[-1])
    return seen


def test_system_and_bodies_of_the_demo_validate(client, schemas, db):
    load_demo()
    system = get(client, reverse("oparl:system"))
    schemas.validate(system)
    bodies = list_items(client, system["body"])
    assert {body["name"] for body in bodies} == set(
        Body.objects.filter(external_id="").values_list("name", flat=True)
    )
    for body in bodies:
        schemas.validate(body)
    county = next(body for body in bodies if body["name"] == "Rhein-Sieg-Kreis")
    seen = crawl_body(client, schemas, county)
    # The demo's meetings are the steering group's (internal); papers' demo adds council ones.
    assert {"Organization", "Person", "Membership", "LegislativeTerm"} <= seen


def test_every_type_from_factories_validates(client, schemas, world):
    body = get(client, reverse("oparl:object", args=["body", world.county.pk]))
    seen = crawl_body(client, schemas, body)
    assert seen == {
        "Body",
        "Organization",
        "Person",
        "Meeting",
        "Paper",
        "LegislativeTerm",
        "Membership",
        "AgendaItem",
        "Consultation",
        "File",
        "Location",
    }


@pytest.mark.parametrize(
    ("slug", "attribute"),
    [("paper", "paper"), ("meeting", "meeting"), ("person", "person"), ("file", "paper_file")],
)
def test_tombstones_validate(client, schemas, world, slug, attribute):
    obj = getattr(world, attribute)
    if slug == "person":
        obj.memberships.all().delete()
    pk = obj.pk
    obj.delete()
    schemas.validate(get(client, reverse("oparl:object", args=[slug, pk])))
