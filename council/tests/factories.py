"""Papers, consultations and council decisions, written directly (no audit entries).

The papers app is built alongside; these factories use papers.models directly. Tests of
behaviour go through council.actions instead.
"""

import datetime

import factory

from council.models import CouncilDecision
from governance.models import Organization
from governance.tests.factories import OrganizationFactory
from organisations.tests.factories import CountyFactory
from papers.models import Consultation, Paper
from papers.tests.factories import published_unless_told


class CommitteeFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Fachausschuss {n}")
    kind = Organization.Kind.COMMITTEE


class PaperFactory(factory.django.DjangoModelFactory):
    """A paper; a public one published (finalised once) unless `published=False`."""

    class Meta:
        model = Paper
        skip_postgeneration_save = True

    body = factory.SubFactory(CountyFactory)
    kind = Paper.Kind.DRAFT_RESOLUTION
    reference = factory.Sequence(lambda n: f"TV/{n + 1:04d}/2021")
    date = datetime.date(2021, 1, 20)
    subject = factory.Sequence(lambda n: f"Vorlage {n}")
    is_public = True

    published = published_unless_told()


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(PaperFactory)
    organization = factory.SubFactory(CommitteeFactory)
    planned_date = datetime.date(2021, 2, 3)
    role = "Entscheidung"
    authoritative = True


class CouncilDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilDecision

    consultation = factory.SubFactory(ConsultationFactory)
    text = "Der Ausschuss beschließt."
    decided_on = datetime.date(2021, 2, 3)
    recorded_by = factory.SubFactory("accounts.tests.factories.StaffUnitUserFactory")
