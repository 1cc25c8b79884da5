"""A steering group with one meeting: members, a guest of one item, users of every role."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UserFactory,
)
from audit.models import AuditEntry
from governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Membership,
    Organization,
)
from organisations.tests.factories import (
    CountyFactory,
    MunicipalityFactory,
    OrgUnitFactory,
    PersonFactory,
)
from portfolio.models import Initiative
from strategy.tests.factories import FieldOfActionFactory
from topics.models import Topic
from topics.tests.factories import TopicFactory

from .factories import AgendaItemFactory, MeetingFactory, MembershipFactory


@dataclass
class World:
    county: object
    office: object
    town: object
    field: object
    committee: object
    other_committee: object
    meeting: object
    guest_item: object
    other_item: object
    topic: object
    people: dict
    users: dict
    today: datetime.date


def ready_topic(**values):
    values.setdefault("status", Topic.Status.READY_FOR_DECISION)
    return TopicFactory(**values)


@pytest.fixture
def world(db):
    county = CountyFactory()
    office = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    field = FieldOfActionFactory(code="verwaltung", name="Verwaltung")
    committee = Organization.objects.create(
        body=county, name="Lenkungsgruppe Digitalisierung", kind=Organization.Kind.STEERING_GROUP
    )
    other_committee = Organization.objects.create(
        body=county, name="Ausschuss für Digitalisierung", kind=Organization.Kind.COMMITTEE
    )
    people = {
        "chair": PersonFactory(given_name="Sebastian", family_name="Schuster"),
        "member": PersonFactory(given_name="Petra", family_name="Mitglied"),
        "former": PersonFactory(given_name="Franz", family_name="Früher"),
        "guest": PersonFactory(given_name="Gustav", family_name="Gast"),
        "other_member": PersonFactory(given_name="Olga", family_name="Andere"),
    }
    today = timezone.localdate()
    MembershipFactory(
        organization=committee,
        person=people["chair"],
        role=Membership.Role.CHAIR,
        function_title="Landrat",
    )
    MembershipFactory(organization=committee, person=people["member"])
    MembershipFactory(
        organization=committee,
        person=people["former"],
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=30),
    )
    MembershipFactory(organization=other_committee, person=people["other_member"])
    meeting = MeetingFactory(organization=committee)
    guest_item = AgendaItemFactory(
        meeting=meeting, position=1, title="Bericht der Stabsstelle", guests=[people["guest"]]
    )
    other_item = AgendaItemFactory(meeting=meeting, position=2, title="Vertrauliches")
    topic = ready_topic(
        title="E-Akte im Schulamt",
        submitting_body=county,
        submitting_unit=office,
        fields=[field],
    )
    topic.affected_bodies.set([town])
    users = {
        "member": UserFactory(body=county, person=people["member"]),
        "former_member": UserFactory(body=county, person=people["former"]),
        "guest": UserFactory(body=county, person=people["guest"]),
        "reader": UserFactory(body=county, person=PersonFactory()),
        "other_member": UserFactory(body=county, person=people["other_member"]),
        "municipality_editor": MunicipalityEditorFactory(body=town),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
    }
    return World(
        county=county,
        office=office,
        town=town,
        field=field,
        committee=committee,
        other_committee=other_committee,
        meeting=meeting,
        guest_item=guest_item,
        other_item=other_item,
        topic=topic,
        people=people,
        users=users,
        today=today,
    )


def governance_state():
    """Everything a refused request must leave as it was."""
    return {
        "organizations": sorted(Organization.objects.values_list("pk", "name", "end_date")),
        "memberships": sorted(Membership.objects.values_list("pk", "role", "end_date")),
        "meetings": sorted(
            Meeting.objects.values_list("pk", "start", "state", "version", "minutes_approved_in")
        ),
        "agenda_items": sorted(
            AgendaItem.objects.values_list("pk", "position", "title", "minutes", "topic")
        ),
        "guests": sorted(AgendaItem.guests.through.objects.values_list("agendaitem", "person")),
        "attendances": sorted(Attendance.objects.values_list("pk", "person", "status")),
        "decisions": Decision.objects.count(),
        "action_items": sorted(ActionItem.objects.values_list("pk", "status", "version")),
        "initiatives": Initiative.objects.count(),
        "topics": sorted(Topic.objects.values_list("pk", "status", "version")),
        "audit_entries": AuditEntry.objects.count(),
    }
