"""Committees, meetings and their parts, written directly (no audit entries).

Tests of behaviour go through governance.actions instead.
"""

import datetime

import factory
from django.utils import timezone

from governance.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
    Membership,
    Organization,
)
from organisations.tests.factories import CountyFactory, PersonFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    body = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"Gremium {n}")
    kind = Organization.Kind.STEERING_GROUP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting yesterday at 10:00 (so decisions may be recorded), in the county's house."""

    class Meta:
        model = Meeting

    organization = factory.SubFactory(OrganizationFactory)
    start = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.datetime.combine(
                timezone.localdate() - datetime.timedelta(days=1), datetime.time(10, 0)
            )
        )
    )
    end = factory.LazyAttribute(lambda meeting: meeting.start + datetime.timedelta(hours=2))
    location = "Kreishaus Siegburg, Raum 1.23"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda item: str(item.position))
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    kind = AgendaItem.Kind.OTHER

    @factory.post_generation
    def guests(self, create, extracted, **kwargs):
        if create and extracted:
            self.guests.set(extracted)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory)
    outcome = Decision.Outcome.REJECTED
    text = "Die Lenkungsgruppe beschließt."
    decided_on = factory.LazyAttribute(lambda d: timezone.localdate(d.agenda_item.meeting.start))
    recorded_by = factory.SubFactory("accounts.tests.factories.StaffUnitUserFactory")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Auftrag {n}")
    owner_person = factory.SubFactory(PersonFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
