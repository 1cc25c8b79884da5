import datetime

import factory

from organisations.tests.factories import CountyFactory
from papers.models import Consultation, Paper


class PaperFactory(factory.django.DjangoModelFactory):
    """A public draft resolution, written directly (no audit entry)."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    body = factory.SubFactory(CountyFactory)
    kind = Paper.Kind.DRAFT_RESOLUTION
    reference = factory.Sequence(lambda n: f"BV/{n:04d}/2021")
    date = datetime.date(2021, 2, 3)
    subject = factory.Sequence(lambda n: f"Vorlage {n}")
    is_public = True


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(PaperFactory)
    position = factory.Sequence(lambda n: n + 1)
    planned_date = datetime.date(2021, 2, 3)
    role = "Beratung"
