"""One factory per OParl type, written directly (the API only reads)."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from governance.models import LegislativeTerm, Location, Organization
from governance.tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
)
from organisations.tests.factories import CountyFactory, PersonFactory
from papers.models import Consultation, Paper, PaperFile
from papers.tests.factories import published_unless_told

__all__ = [
    "AgendaItemFactory",
    "CommitteeFactory",
    "ConsultationFactory",
    "CountyFactory",
    "LegislativeTermFactory",
    "LocationFactory",
    "MeetingFactory",
    "MembershipFactory",
    "PaperFactory",
    "PaperFileFactory",
    "PersonFactory",
    "SteeringGroupFactory",
]


class CommitteeFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Fachausschuss {n}")
    kind = Organization.Kind.COMMITTEE


class SteeringGroupFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Lenkungsgruppe {n}")
    kind = Organization.Kind.STEERING_GROUP


class LegislativeTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegislativeTerm

    body = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"Wahlperiode {n}")
    start_date = datetime.date(2020, 11, 1)
    end_date = datetime.date(2025, 10, 31)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    description = factory.Sequence(lambda n: f"Kreishaus, Raum {n}")
    street_address = "Kaiser-Wilhelm-Platz 1"
    postal_code = "53721"
    locality = "Siegburg"
    room = "Großer Sitzungssaal"


class PaperFactory(factory.django.DjangoModelFactory):
    """An own paper; a public one published (finalised once) unless `published=False`."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    body = factory.SubFactory(CountyFactory)
    kind = Paper.Kind.DRAFT_RESOLUTION
    paper_type = "Beschlussvorlage"
    reference = factory.Sequence(lambda n: f"BV/{n:04d}/2026")
    date = datetime.date(2026, 2, 3)
    subject = factory.Sequence(lambda n: f"Digitalisierung, Teil {n}")

    published = published_unless_told()


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(PaperFactory)
    organization = factory.SubFactory(CommitteeFactory)
    role = "Entscheidung"
    authoritative = True


class PaperFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperFile

    paper = factory.SubFactory(PaperFactory)
    name = "Vorlage"
    file_name = "vorlage.txt"
    mime_type = "text/plain"
    size = 11
    date = datetime.date(2026, 2, 3)
    content = factory.LazyFunction(lambda: ContentFile(b"Vorlagentext", name="vorlage.txt"))
    is_main_file = True
    # Published with its paper's version (for a paper's file; a meeting's needs none).
    published_at = factory.LazyFunction(timezone.now)
