"""Committee objects for the notifications tests (written directly, without audit entries)."""

import datetime
import zoneinfo

import factory

from governance.models import ActionItem, AgendaItem, Meeting, Membership, Organization
from organisations.tests.factories import CountyFactory, PersonFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


class PersonWithEmailFactory(PersonFactory):
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    body = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"Lenkungsgruppe {n}")
    kind = Organization.Kind.STEERING_GROUP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    person = factory.SubFactory(PersonWithEmailFactory)
    role = Membership.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Sitzung {n}")
    start = factory.LazyFunction(lambda: datetime.datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN))
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

    @factory.post_generation
    def guests(self, create, extracted, **kwargs):
        if create and extracted:
            self.guests.set(extracted)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Auftrag {n}")
    owner_person = factory.SubFactory(PersonWithEmailFactory)
    due_date = datetime.date(2030, 3, 10)
