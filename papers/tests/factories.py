import datetime

import factory
from django.db.models import Max
from django.utils import timezone

from organisations.tests.factories import CountyFactory
from papers.content import paper_content
from papers.models import Consultation, Paper, PaperVersion


def publish(paper):
    """Finalise `paper` as papers.actions.finalise_paper does for a public paper, written
    directly: its next version, published with its files."""
    now = timezone.now()
    number = (paper.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PaperVersion.objects.create(
        paper=paper, number=number, finalised_at=now, content=paper_content(paper)
    )
    paper.is_finalised = True
    paper.published_version = version
    paper.save()
    paper.files.filter(published_at=None).update(published_at=now)
    return version


def published_unless_told():
    """A factory's `published` step: a public own paper is published unless `published=False`
    (for the factories of the apps that read papers as the public does)."""

    @factory.post_generation
    def published(paper, create, extracted, **kwargs):
        if create and paper.is_public and not paper.external_id and extracted is not False:
            publish(paper)

    return published


class PaperFactory(factory.django.DjangoModelFactory):
    """A public draft resolution, written directly (no audit entry); published (finalised
    once) with `published=True`."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    body = factory.SubFactory(CountyFactory)
    kind = Paper.Kind.DRAFT_RESOLUTION
    # A pattern of its own, so no sequence number meets a reference a test writes by hand.
    reference = factory.Sequence(lambda n: f"BV/T{n:04d}/2021")
    date = datetime.date(2021, 2, 3)
    subject = factory.Sequence(lambda n: f"Vorlage {n}")
    is_public = True

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted:
            publish(self)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(PaperFactory)
    position = factory.Sequence(lambda n: n + 1)
    planned_date = datetime.date(2021, 2, 3)
    role = "Beratung"
