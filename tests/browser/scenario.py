"""A small, realistic register for the browser tests, written through the apps' actions."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from accounts.tests.factories import (
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
)
from organisations.actions import dissolve_org_unit
from organisations.models import OrgUnit
from organisations.tests.factories import (
    CountyFactory,
    FunctionFactory,
    MunicipalityFactory,
    OrgUnitFactory,
    PersonFactory,
)
from portfolio import actions
from portfolio.models import Initiative, TrafficLight
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)


@dataclass
class Scenario:
    county: object
    municipality: object
    other_municipality: object
    unit: object
    former_unit: object
    field: object
    goal: object
    indicator: object
    indicator_value: object
    initiative: object
    milestone: object
    budget_line: object
    link: object
    status_report: object
    municipality_initiative: object
    staff_user: object
    unit_editor: object
    municipality_editor: object

    def ids(self):
        """Object kind (as used in URL names and keyword arguments) to the id of one object."""
        return {
            "initiative": self.initiative.pk,
            "milestone": self.milestone.pk,
            "budget_line": self.budget_line.pk,
            "link": self.link.pk,
            "status_report": self.status_report.pk,
            "report": self.status_report.pk,
            "goal": self.goal.pk,
            "indicator": self.indicator.pk,
            "indicator_value": self.indicator_value.pk,
            "value": self.indicator_value.pk,
            "field": self.field.pk,
            "body": self.county.pk,
            "org_unit": self.unit.pk,
            "unit": self.unit.pk,
        }


def build_scenario():
    county = CountyFactory(name="Rhein-Sieg-Kreis", ags="05382000", population=600_764)
    municipality = MunicipalityFactory(name="Siegburg", parent=county, population=41_234)
    other_municipality = MunicipalityFactory(name="Troisdorf", parent=county, population=75_000)
    office_10 = OrgUnitFactory(
        body=county, number="10", name="Zentrale Dienste", valid_from=datetime.date(2010, 1, 1)
    )
    former_unit = OrgUnitFactory(
        body=county,
        number="10.2",
        name="Informations- und Kommunikationstechnik",
        kind=OrgUnit.Kind.DIVISION,
        parent=office_10,
        valid_from=datetime.date(2010, 1, 1),
    )
    unit = OrgUnitFactory(
        body=county,
        number="12",
        name="IT und Digitalisierung",
        valid_from=datetime.date(2022, 3, 1),
    )
    staff_user = StaffUnitUserFactory(username="stabsstelle", body=county, org_unit=unit)
    dissolve_org_unit(
        acting_user=staff_user,
        unit=former_unit,
        last_day=datetime.date(2022, 2, 28),
        successors=[unit],
        initiatives_to=unit,
    )
    FunctionFactory(
        body=county,
        org_unit=unit,
        title="Chief Digital Officer",
        kind="CHIEF_DIGITAL_OFFICER",
        person=PersonFactory(given_name="Erika", family_name="Muster"),
    )
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung")
    goal = GoalFactory(field=field, title="Verwaltungsleistungen online", owner_unit=unit)
    indicator = IndicatorFactory(goal=goal, name="Online-Anteil der Leistungen")
    indicator_value = IndicatorValueFactory(
        indicator=indicator, measured_on=datetime.date(2023, 6, 30), value=Decimal("35")
    )
    initiative = actions.create_initiative(
        acting_user=staff_user,
        title="Dokumentenmanagementsystem einführen",
        description="Die E-Akte für die Kreisverwaltung.",
        owner_body=county,
        owner_unit=unit,
        participating_bodies=[municipality],
        fields=[field],
        goals=[goal],
        indicators=[indicator],
        status=Initiative.Status.IN_PROGRESS,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    milestone = actions.add_milestone(
        acting_user=staff_user,
        initiative=initiative,
        title="Pilotamt arbeitet mit der E-Akte",
        planned_date=datetime.date(2023, 6, 30),
    )
    budget_line = actions.add_budget_line(
        acting_user=staff_user, initiative=initiative, year=2023, amount=Decimal("250000")
    )
    link = actions.add_link(
        acting_user=staff_user,
        initiative=initiative,
        title="Beschlussvorlage",
        url="https://example.org/vorlage",
    )
    status_report = actions.submit_status_report(
        acting_user=staff_user,
        initiative=initiative,
        reported_on=datetime.date(2023, 3, 31),
        schedule=TrafficLight.YELLOW,
        cost=TrafficLight.GREEN,
        scope=TrafficLight.GREEN,
        overall=TrafficLight.YELLOW,
        progress=40,
        summary="Die Ausschreibung verzögert sich.",
    )
    other_unit = OrgUnitFactory(body=other_municipality, number="1", name="Hauptamt")
    municipality_initiative = actions.create_initiative(
        acting_user=staff_user,
        title="Troisdorfer Bürger-App",
        owner_body=other_municipality,
        owner_unit=other_unit,
        fields=[field],
    )
    return Scenario(
        county=county,
        municipality=municipality,
        other_municipality=other_municipality,
        unit=unit,
        former_unit=former_unit,
        field=field,
        goal=goal,
        indicator=indicator,
        indicator_value=indicator_value,
        initiative=initiative,
        milestone=milestone,
        budget_line=budget_line,
        link=link,
        status_report=status_report,
        municipality_initiative=municipality_initiative,
        staff_user=staff_user,
        unit_editor=UnitEditorFactory(username="amt12", body=county, org_unit=unit),
        municipality_editor=MunicipalityEditorFactory(username="siegburg", body=municipality),
    )
