"""Publications written directly (no audit entries); tests of behaviour go through
portal.actions instead."""

import datetime

import factory

from accounts.tests.factories import StaffUnitUserFactory
from portal.models import Publication
from strategy.tests.factories import GoalFactory

APPROVED_AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


class PublicationFactory(factory.django.DjangoModelFactory):
    """A draft summary of a goal; pass `initiative=...` (and `goal=None`) for an initiative."""

    class Meta:
        model = Publication

    goal = factory.SubFactory(GoalFactory)
    draft = factory.Sequence(lambda n: f"Kurz erklärt {n}: worum es geht.")
    written_by = factory.SubFactory(StaffUnitUserFactory)
    written_at = APPROVED_AT - datetime.timedelta(days=1)


class PublishedPublicationFactory(PublicationFactory):
    state = Publication.State.PUBLISHED
    summary = factory.SelfAttribute("draft")
    approved_by = factory.SubFactory(StaffUnitUserFactory)
    approved_at = APPROVED_AT
    published_at = APPROVED_AT
