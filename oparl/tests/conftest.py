import datetime
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils.dateparse import parse_datetime
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from governance.models import Meeting

from . import factories as f

SCHEMA_DIR = settings.BASE_DIR.parent / "shared" / "data" / "oparl" / "spec_schema"


def _with_refs(node):
    """The spec's schemas embed objects as {"type": "object", "schema": "File.json"}, a keyword
    of their own; turn those into $refs so embedded objects are validated too."""
    if isinstance(node, dict):
        if node.get("type") == "object" and str(node.get("schema", "")).endswith(".json"):
            return {"$ref": node["schema"]}
        return {key: _with_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_refs(value) for value in node]
    return node


def _format_checker():
    checker = FormatChecker()

    @checker.checks("url")
    def is_url(value):
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    @checker.checks("date-time")
    def is_date_time(value):
        parsed = parse_datetime(value)
        return parsed is not None and parsed.tzinfo is not None

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        return bool(datetime.date.fromisoformat(value))

    return checker


class OParlSchemas:
    def __init__(self):
        schemas = {
            path.name: _with_refs(json.loads(path.read_text(encoding="utf-8")))
            for path in SCHEMA_DIR.glob("*.json")
        }
        registry = Registry().with_resources(
            (name, Resource.from_contents(schema, default_specification=DRAFT202012))
            for name, schema in schemas.items()
        )
        checker = _format_checker()
        self.validators = {
            name.removesuffix(".json"): Draft202012Validator(
                schema, registry=registry, format_checker=checker
            )
            for name, schema in schemas.items()
        }

    def validate(self, data):
        """Validate an object against the schema its `type` names; tombstones by the base."""
        type_name = data["type"].rsplit("/", 1)[-1]
        if data.get("deleted"):
            assert set(data) == {"id", "type", "created", "modified", "deleted"}, data
            # A tombstone drops the required properties on purpose: check the rest only.
            validator = self.validators[type_name]
            schema = {**validator.schema, "required": ["id", "type", "created", "modified"]}
            validator = validator.evolve(schema=schema)
        else:
            validator = self.validators[type_name]
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.fixture(scope="session")
def schemas():
    return OParlSchemas()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    county: object
    committee: object
    steering_group: object
    term: object
    venue: object
    person: object
    membership: object
    steering_only_person: object
    steering_membership: object
    meeting: object
    steering_meeting: object
    item: object
    internal_item: object
    paper: object
    internal_paper: object
    consultation: object
    closed_consultation: object
    paper_file: object
    meeting_file: object
    internal_file: object


@pytest.fixture
def world(db):
    """Every OParl type once in public, and beside it what must never be published."""
    county = f.CountyFactory()
    committee = f.CommitteeFactory(body=county, short_name="AWDT")
    steering_group = f.SteeringGroupFactory(body=county)
    venue = f.LocationFactory()
    person = f.PersonFactory(
        title="Dr.", email="geheim@example.org", phone="02241 13-0", is_demo=True
    )
    steering_only_person = f.PersonFactory(email="intern@example.org")
    membership = f.MembershipFactory(organization=committee, person=person)
    steering_membership = f.MembershipFactory(organization=steering_group, person=person)
    f.MembershipFactory(organization=steering_group, person=steering_only_person)
    meeting = f.MeetingFactory(
        organization=committee, venue=venue, state=Meeting.State.HELD, name="3. Sitzung"
    )
    steering_meeting = f.MeetingFactory(organization=steering_group, venue=f.LocationFactory())
    item = f.AgendaItemFactory(
        meeting=meeting, is_public=True, result="beschlossen", resolution_text="Wie vorgeschlagen."
    )
    internal_item = f.AgendaItemFactory(meeting=meeting, is_public=False)
    paper = f.PaperFactory(body=county, originator_organization=committee)
    internal_paper = f.PaperFactory(body=county, is_public=False)
    paper.related_papers.add(internal_paper)
    subordinated = f.PaperFactory(body=county, superordinated_paper=paper)
    subordinated.related_papers.add(paper)
    consultation = f.ConsultationFactory(
        paper=paper, organization=committee, meeting=meeting, agenda_item=item
    )
    f.ConsultationFactory(
        paper=paper, organization=steering_group, meeting=steering_meeting, agenda_item=None
    )
    f.ConsultationFactory(paper=internal_paper, organization=committee)
    # Discussed in the closed part of the public meeting: the item stays unnamed.
    closed_consultation = f.ConsultationFactory(
        paper=paper, organization=committee, meeting=meeting, agenda_item=internal_item
    )
    paper_file = f.PaperFileFactory(paper=paper)
    meeting_file = f.PaperFileFactory(
        paper=None, meeting=meeting, name="Niederschrift", is_main_file=False
    )
    internal_file = f.PaperFileFactory(paper=internal_paper)
    f.PaperFileFactory(paper=None, meeting=steering_meeting)
    return World(
        county=county,
        committee=committee,
        steering_group=steering_group,
        term=f.LegislativeTermFactory(body=county),
        venue=venue,
        person=person,
        membership=membership,
        steering_only_person=steering_only_person,
        steering_membership=steering_membership,
        meeting=meeting,
        steering_meeting=steering_meeting,
        item=item,
        internal_item=internal_item,
        paper=paper,
        internal_paper=internal_paper,
        consultation=consultation,
        closed_consultation=closed_consultation,
        paper_file=paper_file,
        meeting_file=meeting_file,
        internal_file=internal_file,
    )
