"""A small county for the topics tests: the county with two offices, two municipalities,
users of every role (with an officer and the steering group's chair), and a topic of a
municipality in preparation that asks for two statements."""

from dataclasses import dataclass

import pytest

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from audit.models import AuditEntry
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from strategy.tests.factories import FieldOfActionFactory
from topics.models import PriorityCriterion, Statement, Topic, TopicScore

from .factories import StatementFactory, TopicFactory, chair_user, officer_user


@dataclass
class World:
    county: object
    office: object
    town: object
    other_town: object
    field: object
    topic: object
    statement: object
    users: dict


@pytest.fixture
def world(db):
    county = CountyFactory()
    office = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    other_office = OrgUnitFactory(body=county, number="40", name="Schulamt")
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    other_town = MunicipalityFactory(name="Troisdorf", parent=county)
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung")
    town_submitter = UserFactory(body=town)
    topic = TopicFactory(
        title="Digitale Gewerbeanmeldung",
        submitted_by=town_submitter,
        submitting_body=town,
        status=Topic.Status.IN_PREPARATION,
        touches_personal_data=True,
        touches_working_conditions=True,
        fields=[field],
    )
    statement = StatementFactory(topic=topic, kind=Statement.Kind.DATA_PROTECTION)
    StatementFactory(topic=topic, kind=Statement.Kind.STAFF_COUNCIL)
    users = {
        "reader": UserFactory(body=county),
        "unit_editor": UnitEditorFactory(body=county, org_unit=other_office),
        "municipality_editor_own": MunicipalityEditorFactory(body=town),
        "municipality_editor_other": MunicipalityEditorFactory(body=other_town),
        "officer": officer_user(body=None),
        "chair": chair_user(body=county),
        "staff": StaffUnitUserFactory(body=county, org_unit=office),
        "admin": AdministratorFactory(body=county),
        "submitter": town_submitter,
    }
    return World(
        county=county,
        office=office,
        town=town,
        other_town=other_town,
        field=field,
        topic=topic,
        statement=statement,
        users=users,
    )


def topics_state():
    """Everything a refused request must leave as it was."""
    return {
        "topics": sorted(Topic.objects.values_list("pk", "title", "version", "status", "deadline")),
        "statements": sorted(
            Statement.objects.values_list("pk", "kind", "result", "override_reason")
        ),
        "scores": sorted(TopicScore.objects.values_list("pk", "score")),
        "criteria": sorted(PriorityCriterion.objects.values_list("pk", "weight", "is_active")),
        "audit_entries": AuditEntry.objects.count(),
    }
