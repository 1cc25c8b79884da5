"""A county with a committee, papers in its consultation sequence, users of every role."""

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
from council.models import CouncilDecision
from governance.models import AgendaItem
from governance.tests.factories import ActionItemFactory, AgendaItemFactory, MeetingFactory
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from papers.models import Consultation
from portfolio.tests.factories import InitiativeFactory

from .factories import CommitteeFactory, ConsultationFactory, PaperFactory

SESSION = datetime.date(2021, 2, 3)


@dataclass
class World:
    county: object
    town: object
    unit: object
    committee: object
    consultation: object
    secret_consultation: object
    agenda_item: object
    initiative: object
    town_initiative: object
    action_item: object
    users: dict


@pytest.fixture
def world(db):
    county = CountyFactory()
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    unit = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    committee = CommitteeFactory(
        body=county, name="Ausschuss für Wirtschaft, Digitalisierung und Tourismus"
    )
    meeting = MeetingFactory(organization=committee)
    agenda_item = AgendaItemFactory(meeting=meeting, title="Digitalisierungsstrategie")
    paper = PaperFactory(body=county, reference="BV/0012/2021", subject="Digitalisierung")
    consultation = ConsultationFactory(
        paper=paper, organization=committee, meeting=meeting, agenda_item=agenda_item
    )
    secret = PaperFactory(body=county, subject="Personalangelegenheit", is_public=False)
    secret_consultation = ConsultationFactory(paper=secret, organization=committee, is_public=False)
    users = {
        "reader": UserFactory(body=county),
        "unit_editor": UnitEditorFactory(body=county, org_unit=unit),
        "municipality_editor": MunicipalityEditorFactory(body=town),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
    }
    return World(
        county=county,
        town=town,
        unit=unit,
        committee=committee,
        consultation=consultation,
        secret_consultation=secret_consultation,
        agenda_item=agenda_item,
        initiative=InitiativeFactory(owner_body=county, title="E-Akte"),
        town_initiative=InitiativeFactory(owner_body=town, title="Glasfaser Sankt Augustin"),
        action_item=ActionItemFactory(title="Stellen beschreiben"),
        users=users,
    )


def council_state():
    """Everything a refused request must leave as it was."""
    return {
        "decisions": sorted(
            CouncilDecision.objects.values_list(
                "pk", "state", "owner_unit", "deadline", "delay_reason", "done_on", "version"
            )
        ),
        "initiative_links": sorted(
            CouncilDecision.initiatives.through.objects.values_list("pk", "initiative")
        ),
        "action_item_links": sorted(
            CouncilDecision.action_items.through.objects.values_list("pk", "actionitem")
        ),
        "consultations": sorted(Consultation.objects.values_list("pk", "result")),
        "agenda_items": sorted(AgendaItem.objects.values_list("pk", "result", "resolution_text")),
        "audit_entries": AuditEntry.objects.count(),
    }
