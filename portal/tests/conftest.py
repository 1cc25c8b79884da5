"""A small register with what is public and what is not, for the portal's tests.

Every internal text carries a secret marker (`SECRET` plus a name): the leak test crawls the
public pages for them. What is public carries none.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffUnitUserFactory
from council.tests.factories import (
    CommitteeFactory,
    ConsultationFactory,
    CouncilDecisionFactory,
    PaperFactory,
)
from governance.models import Organization
from governance.tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    OrganizationFactory,
)
from online_services.models import ServiceOffer
from online_services.tests.factories import OZGServiceFactory, ServiceOfferFactory
from organisations.tests.factories import (
    CountyFactory,
    MunicipalityFactory,
    OrgUnitFactory,
    PersonFactory,
)
from portal.tests.factories import PublicationFactory, PublishedPublicationFactory
from portfolio.models import BudgetLine
from portfolio.tests.factories import (
    BudgetLineFactory,
    InitiativeFactory,
    MilestoneFactory,
    StatusReportFactory,
)
from reports import actions as report_actions
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)
from tests.test_public_leak import MARKER, seed_secrets

SECRET = f"{MARKER}-portal"


def secret(name):
    return f"{SECRET}-{name}"


@dataclass
class PublicWorld:
    county: object
    municipality: object
    goal: object
    hidden_goal: object
    initiative: object
    hidden_initiative: object
    decision: object
    hidden_decision: object
    steering_decision: object
    paper: object
    report: object
    offer: object
    staff: object

    def ids(self):
        """Object kind (as in the public URL patterns) to the id of a public object."""
        return {
            "goal": self.goal.pk,
            "initiative": self.initiative.pk,
            "report": self.report.pk,
        }


def build_public_world():
    today = timezone.localdate()
    county = CountyFactory(name="Rhein-Sieg-Kreis", ags="05382000")
    staff = StaffUnitUserFactory(body=county, first_name="Gisela", last_name=secret("staff-name"))
    municipality = MunicipalityFactory(name="Siegburg", parent=county, ags="05382056")
    unit = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung", position=1)
    goal = GoalFactory(
        field=field,
        title="Verwaltungsleistungen online",
        description=secret("goal-description"),
        owner_unit=unit,
    )
    indicator = IndicatorFactory(
        goal=goal,
        name="Online-Leistungen",
        unit="%",
        baseline_value=Decimal("10"),
        target_value=Decimal("90"),
        baseline_date=datetime.date(2020, 1, 1),
        target_date=today + datetime.timedelta(days=365),
        source="OZG-Dashboard",
    )
    IndicatorValueFactory(
        indicator=indicator,
        measured_on=today - datetime.timedelta(days=30),
        value=Decimal("50"),
        note=secret("value-note"),
    )
    PublishedPublicationFactory(
        goal=goal, draft="Mehr Anträge online stellen.", written_by=staff, approved_by=staff
    )
    hidden_goal = GoalFactory(field=field, title=secret("unpublished-goal"))
    PublicationFactory(goal=hidden_goal, draft=secret("draft-goal-summary"))

    initiative = InitiativeFactory(
        owner_body=county,
        owner_unit=unit,
        title="E-Akte",
        description=secret("initiative-description"),
        demo_note=secret("demo-note"),
        fields=[field],
        progress=40,
        last_report_on=today - datetime.timedelta(days=10),
    )
    initiative.goals.set([goal])
    seed_secrets(StatusReportFactory(initiative=initiative, author=staff), "status-report")
    MilestoneFactory(
        initiative=initiative,
        title="Pilot im Schulamt",
        description=secret("milestone-description"),
        planned_date=today - datetime.timedelta(days=20),
    )
    BudgetLineFactory(
        initiative=initiative,
        year=today.year,
        amount=Decimal("100000"),
        funding_source=BudgetLine.FundingSource.GRANT,
        grant_programme="Digitalpakt",
        grant_amount=Decimal("80000"),
        note=secret("budget-note"),
    )
    publication = PublishedPublicationFactory(
        goal=None,
        initiative=initiative,
        draft="Akten werden digital geführt.",
        written_by=staff,
        approved_by=staff,
    )
    # An edited draft awaiting approval is not public yet.
    publication.draft = secret("unapproved-edit")
    publication.save()
    hidden_initiative = InitiativeFactory(
        owner_body=county, title=secret("unpublished-initiative"), fields=[field]
    )
    hidden_initiative.goals.set([goal])
    MilestoneFactory(initiative=hidden_initiative, title=secret("hidden-milestone"))

    committee = CommitteeFactory(body=county, name="Ausschuss für Digitalisierung")
    paper = PaperFactory(body=county, subject="Digitalstrategie", explanation="Öffentlich.")
    decision = CouncilDecisionFactory(
        consultation=ConsultationFactory(paper=paper, organization=committee),
        text="Der Ausschuss beschließt die Digitalstrategie.",
        decided_on=today - datetime.timedelta(days=100),
        deadline=today - datetime.timedelta(days=5),
        state="DELAYED",
        delay_reason="Die Ausschreibung dauert länger.",
        owner_unit=unit,
        owner_person=PersonFactory(family_name=secret("decision-owner-person")),
        recorded_by=staff,
    )
    decision.initiatives.add(initiative, hidden_initiative)
    hidden_paper = PaperFactory(body=county, subject=secret("non-public-paper"), is_public=False)
    hidden_decision = CouncilDecisionFactory(
        consultation=ConsultationFactory(paper=hidden_paper, organization=committee),
        text=secret("non-public-decision"),
        recorded_by=staff,
    )
    hidden_decision.initiatives.add(initiative)
    draft_paper = PaperFactory(body=county, subject=secret("unpublished-paper"), published=False)
    CouncilDecisionFactory(
        consultation=ConsultationFactory(paper=draft_paper, organization=committee),
        text=secret("decision-on-draft-paper"),
        recorded_by=staff,
    ).initiatives.add(initiative)

    steering_group = OrganizationFactory(
        body=county, name="Lenkungsgruppe", kind=Organization.Kind.STEERING_GROUP
    )
    meeting = MeetingFactory(organization=steering_group)
    steering_decision = DecisionFactory(
        agenda_item=AgendaItemFactory(
            meeting=meeting, is_public=True, title="E-Akte", minutes=secret("public-item-minutes")
        ),
        text="Die Lenkungsgruppe gibt die E-Akte frei.",
        initiative=initiative,
        recorded_by=staff,
    )
    internal_decision = DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, title=secret("internal-item")),
        text=secret("internal-steering-decision"),
        initiative=initiative,
        recorded_by=staff,
    )
    ActionItemFactory(
        meeting=meeting, title=secret("action-item"), due_date=today - datetime.timedelta(days=3)
    )

    service = OZGServiceFactory(name="Wohngeld")
    offer = ServiceOfferFactory(
        body=municipality,
        service=service,
        status=ServiceOffer.Status.ONLINE,
        url="https://siegburg.example/wohngeld",
    )

    report = report_actions.create_progress_report(
        acting_user=staff,
        committee=committee,
        period_start=today - datetime.timedelta(days=180),
        period_end=today - datetime.timedelta(days=1),
        summary="Die Digitalisierung kommt voran.",
    )
    report_actions.issue_progress_report(acting_user=staff, report=report)
    report.refresh_from_db()
    # Every text of what stays internal, written after the report froze its data.
    seed_secrets(staff, "staff", only={"first_name", "last_name", "username", "email"})
    for kind, obj in (
        ("hidden-goal", hidden_goal),
        ("hidden-initiative", hidden_initiative),
        ("hidden-paper", hidden_paper),
        ("draft-paper", draft_paper),
        ("hidden-decision", hidden_decision),
        ("person", decision.owner_person),
        ("internal-item", internal_decision.agenda_item),
        ("internal-decision", internal_decision),
    ):
        seed_secrets(obj, kind)
    return PublicWorld(
        county=county,
        municipality=municipality,
        goal=goal,
        hidden_goal=hidden_goal,
        initiative=initiative,
        hidden_initiative=hidden_initiative,
        decision=decision,
        hidden_decision=hidden_decision,
        steering_decision=steering_decision,
        paper=paper,
        report=report,
        offer=offer,
        staff=staff,
    )


@pytest.fixture
def public_world(db):
    return build_public_world()
