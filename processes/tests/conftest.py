"""A small county for the processes tests: the county with an office and its division, another
office, two municipalities with a unit each, users of every role, and a process per unit."""

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
from organisations.models import OrgUnit
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from processes.models import BusinessProcess
from strategy.tests.factories import FieldOfActionFactory
from topics.models import Topic

from .factories import BusinessProcessFactory


@dataclass
class World:
    county: object
    office: object
    division: object
    other_office: object
    town: object
    other_town: object
    town_unit: object
    other_town_unit: object
    field: object
    processes: dict
    users: dict


@pytest.fixture
def world(db):
    county = CountyFactory()
    office = OrgUnitFactory(body=county, number="36", name="Straßenverkehrsamt")
    division = OrgUnitFactory(
        body=county, number="36.1", name="Zulassung", kind=OrgUnit.Kind.DIVISION, parent=office
    )
    other_office = OrgUnitFactory(body=county, number="63", name="Bauaufsicht")
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    other_town = MunicipalityFactory(name="Troisdorf", parent=county)
    town_unit = OrgUnitFactory(body=town, number="1", name="Bürgerbüro")
    other_town_unit = OrgUnitFactory(body=other_town, number="1", name="Bürgeramt")
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung")
    processes = {
        "office": BusinessProcessFactory(
            org_unit=office,
            name="Kfz-Zulassung",
            cases_per_year=60000,
            minutes_per_case=22,
            target_minutes_per_case=12,
        ),
        "division": BusinessProcessFactory(org_unit=division, name="Kennzeichenreservierung"),
        "other_office": BusinessProcessFactory(
            org_unit=other_office,
            name="Bauantrag",
            cases_per_year=2400,
            minutes_per_case=540,
            target_minutes_per_case=330,
            target_state="Bauantrag online über Bauen-online.",
        ),
        "town": BusinessProcessFactory(org_unit=town_unit, name="Meldebescheinigung"),
        "other_town": BusinessProcessFactory(org_unit=other_town_unit, name="Gewerbeanmeldung"),
    }
    users = {
        "reader": UserFactory(body=county),
        "unit_editor": UnitEditorFactory(body=county, org_unit=office),
        "unit_editor_sub": UnitEditorFactory(body=county, org_unit=division),
        "municipality_editor": MunicipalityEditorFactory(body=town),
        "municipality_reader": UserFactory(body=town),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
    }
    return World(
        county=county,
        office=office,
        division=division,
        other_office=other_office,
        town=town,
        other_town=other_town,
        town_unit=town_unit,
        other_town_unit=other_town_unit,
        field=field,
        processes=processes,
        users=users,
    )


def process_state():
    """Everything a refused request must leave as it was."""
    return {
        "processes": sorted(
            BusinessProcess.objects.values_list(
                "pk",
                "name",
                "version",
                "org_unit_id",
                "minutes_per_case",
                "target_minutes_per_case",
                "topic_id",
            )
        ),
        "topics": Topic.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
    }
