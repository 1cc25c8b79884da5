"""A small county for the view tests: the county with two offices, two municipalities,
users of every role, and an initiative of the county and one of a municipality."""

import datetime
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
from portfolio.models import BudgetLine, Initiative, InitiativeLink, Milestone, StatusReport
from portfolio.tests.factories import InitiativeFactory
from strategy.tests.factories import FieldOfActionFactory

TODAY = datetime.date(2024, 6, 15)


@dataclass
class World:
    county: object
    office: object
    other_office: object
    town: object
    other_town: object
    town_unit: object
    field: object
    county_initiative: object
    town_initiative: object
    other_town_initiative: object
    users: dict


@pytest.fixture
def world(db):
    county = CountyFactory()
    office = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    other_office = OrgUnitFactory(body=county, number="40", name="Schulamt")
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    other_town = MunicipalityFactory(name="Troisdorf", parent=county)
    town_unit = OrgUnitFactory(body=town, number="1", name="Hauptamt")
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung")
    county_initiative = InitiativeFactory(
        title="DMS-Einführung", owner_body=county, owner_unit=office, fields=[field]
    )
    town_initiative = InitiativeFactory(
        title="Bürgerbüro online", owner_body=town, owner_unit=town_unit, fields=[field]
    )
    other_town_initiative = InitiativeFactory(
        title="Troisdorfer Ratsinformation", owner_body=other_town, owner_unit=None, fields=[field]
    )
    users = {
        "reader": UserFactory(body=county),
        "unit_editor_own": UnitEditorFactory(body=county, org_unit=office),
        "unit_editor_other": UnitEditorFactory(body=county, org_unit=other_office),
        "municipality_editor_own": MunicipalityEditorFactory(body=town),
        "municipality_editor_other": MunicipalityEditorFactory(body=other_town),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
    }
    return World(
        county=county,
        office=office,
        other_office=other_office,
        town=town,
        other_town=other_town,
        town_unit=town_unit,
        field=field,
        county_initiative=county_initiative,
        town_initiative=town_initiative,
        other_town_initiative=other_town_initiative,
        users=users,
    )


def register_state():
    """Everything a refused request must leave as it was."""
    return {
        "initiatives": sorted(
            Initiative.objects.values_list("pk", "title", "version", "status", "owner_body_id")
        ),
        "milestones": Milestone.objects.count(),
        "budget_lines": BudgetLine.objects.count(),
        "links": InitiativeLink.objects.count(),
        "status_reports": StatusReport.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
    }
