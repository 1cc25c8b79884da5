import datetime

import factory

from organisations.tests.factories import CountyFactory
from papers.models import Consultation, Paper, PaperFile
from papers.tests.factories import published_unless_told


class PaperFactory(factory.django.DjangoModelFactory):
    """A paper; a public one published (finalised once) unless `published=False`."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    body = factory.SubFactory(CountyFactory)
    kind = Paper.Kind.DRAFT_RESOLUTION
    reference = factory.Sequence(lambda n: f"BV/{n:04d}/2024")
    date = datetime.date(2024, 3, 1)
    subject = factory.Sequence(lambda n: f"Vorlage {n}")

    published = published_unless_told()


class PaperFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperFile

    paper = factory.SubFactory(PaperFactory)
    name = factory.Sequence(lambda n: f"Anlage {n}")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(PaperFactory)
