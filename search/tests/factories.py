import datetime

import factory

from organisations.tests.factories import CountyFactory
from papers.models import Consultation, Paper, PaperFile


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    body = factory.SubFactory(CountyFactory)
    kind = Paper.Kind.DRAFT_RESOLUTION
    reference = factory.Sequence(lambda n: f"BV/{n:04d}/2024")
    date = datetime.date(2024, 3, 1)
    subject = factory.Sequence(lambda n: f"Vorlage {n}")


class PaperFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperFile

    paper = factory.SubFactory(PaperFactory)
    name = factory.Sequence(lambda n: f"Anlage {n}")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(PaperFactory)
