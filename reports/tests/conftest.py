"""A county with a committee, a steering group, fields, initiatives, indicators, milestones,
and users of every role; dates relative to today so "overdue" stays true."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UserFactory,
)
from audit.models import AuditEntry
from governance.models import Decision, Organization
from governance.tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    OrganizationFactory,
)
from organisations.tests.factories import CountyFactory, MunicipalityFactory
from portfolio.models import Initiative
from portfolio.tests.factories import InitiativeFactory, MilestoneFactory
from reports.models import ProgressReport
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

DAY = datetime.timedelta(days=1)


@dataclass
class World:
    today: datetime.date
    start: datetime.date
    end: datetime.date
    county: object
    committee: object
    steering_group: object
    fields: dict
    initiatives: dict
    users: dict


def add_initiative(county, fields, title, *, light="GREEN", progress=50, **values):
    return InitiativeFactory(
        owner_body=county,
        title=title,
        traffic_light=light,
        progress=progress,
        fields=fields,
        **values,
    )


@pytest.fixture
def world(db):
    today = timezone.localdate()
    start, end = today - 180 * DAY, today - DAY
    county = CountyFactory()
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    committee = OrganizationFactory(
        body=county,
        name="Ausschuss für Wirtschaft, Digitalisierung und Tourismus",
        short_name="WDT",
        kind=Organization.Kind.COMMITTEE,
    )
    steering_group = OrganizationFactory(body=county, name="Lenkungsgruppe Digitalisierung")
    administration = FieldOfActionFactory(code="verwaltung", name="Verwaltung", position=1)
    education = FieldOfActionFactory(code="bildung", name="Bildung", position=2)
    e_file = add_initiative(
        county,
        [administration],
        "E-Akte",
        next_report_due=today - 10 * DAY,
    )
    schools = add_initiative(county, [education, administration], "Schul-WLAN", light="YELLOW")
    add_initiative(town, [education], "WLAN Sankt Augustin")
    add_initiative(county, [education], "Alte Idee", status=Initiative.Status.IDEA)
    MilestoneFactory(
        initiative=e_file,
        title="Pilot im Schulamt",
        planned_date=start + DAY,
        actual_date=start + 5 * DAY,
    )
    MilestoneFactory(initiative=e_file, title="Rollout", planned_date=end + 60 * DAY)
    MilestoneFactory(initiative=schools, title="Ausschreibung", planned_date=today - 3 * DAY)
    goal = GoalFactory(field=administration)
    indicator = IndicatorFactory(
        goal=goal,
        name="Online-Leistungen",
        unit="%",
        baseline_value=Decimal("10"),
        target_value=Decimal("90"),
        baseline_date=datetime.date(2020, 1, 1),
        target_date=today + 365 * DAY,
    )
    IndicatorValueFactory(indicator=indicator, measured_on=start, value=Decimal("30"))
    IndicatorValueFactory(indicator=indicator, measured_on=end - DAY, value=Decimal("50"))
    meeting = MeetingFactory(
        organization=steering_group,
        start=timezone.make_aware(datetime.datetime.combine(start + 30 * DAY, datetime.time(10))),
    )
    DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, title="E-Akte im Schulamt"),
        outcome=Decision.Outcome.APPROVED,
        priority="A",
        text="Die Lenkungsgruppe beschließt die E-Akte im Schulamt.",
        decided_on=start + 30 * DAY,
        initiative=e_file,
    )
    ActionItemFactory(meeting=meeting, title="Projektplan vorlegen", due_date=today - 5 * DAY)
    users = {
        "reader": UserFactory(body=county),
        "municipality_editor": MunicipalityEditorFactory(body=town),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
    }
    return World(
        today=today,
        start=start,
        end=end,
        county=county,
        committee=committee,
        steering_group=steering_group,
        fields={"administration": administration, "education": education},
        initiatives={"e_file": e_file, "schools": schools},
        users=users,
    )


def reports_state():
    """Everything a refused request must leave as it was."""
    return {
        "reports": sorted(
            ProgressReport.objects.values_list(
                "pk", "title", "summary", "status", "issued_on", "version"
            )
        ),
        "audit_entries": AuditEntry.objects.count(),
    }
