import pytest

from council.tests.factories import (
    ConsultationFactory,
    CouncilDecisionFactory,
    PaperFactory,
)
from governance.models import Organization
from governance.tests.factories import OrganizationFactory
from portal import queries
from portal.tests.factories import PublicationFactory, PublishedPublicationFactory
from portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_only_goals_and_initiatives_with_a_published_summary_are_public():
    published_goal = PublishedPublicationFactory().goal
    PublicationFactory()
    published_initiative = PublishedPublicationFactory(
        goal=None, initiative=InitiativeFactory()
    ).initiative
    PublicationFactory(goal=None, initiative=InitiativeFactory())
    InitiativeFactory()

    assert list(queries.published_goals()) == [published_goal]
    assert list(queries.published_initiatives()) == [published_initiative]
    assert queries.published_goals().get().publication.summary


def test_public_council_decisions_are_those_on_published_public_papers_in_public_consultations():
    public = CouncilDecisionFactory()
    CouncilDecisionFactory(consultation=ConsultationFactory(paper=PaperFactory(is_public=False)))
    CouncilDecisionFactory(consultation=ConsultationFactory(paper=PaperFactory(published=False)))
    CouncilDecisionFactory(consultation=ConsultationFactory(is_public=False))
    steering_group = OrganizationFactory(kind=Organization.Kind.STEERING_GROUP)
    CouncilDecisionFactory(consultation=ConsultationFactory(organization=steering_group))

    assert list(queries.public_council_decisions()) == [public]
