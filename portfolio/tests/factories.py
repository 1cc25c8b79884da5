import datetime
from decimal import Decimal

import factory

from organisations.tests.factories import CountyFactory, OrgUnitFactory
from portfolio.models import BudgetLine, Initiative, Milestone, StatusReport, TrafficLight
from strategy.tests.factories import FieldOfActionFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An initiative in progress, written directly (no audit entry, derived values as given).

    Tests of behaviour should go through portfolio.actions instead.
    """

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Vorhaben {n}")
    description = "Beschreibung"
    owner_body = factory.SubFactory(CountyFactory)
    owner_unit = factory.SubFactory(OrgUnitFactory, body=factory.SelfAttribute("..owner_body"))
    status = Initiative.Status.IN_PROGRESS
    start_date = datetime.date(2021, 1, 1)
    end_date = datetime.date(2027, 12, 31)

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create:
            self.fields.set(extracted if extracted is not None else [FieldOfActionFactory()])


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    planned_date = datetime.date(2022, 6, 30)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    initiative = factory.SubFactory(InitiativeFactory)
    year = 2022
    amount = Decimal("100000")


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    initiative = factory.SubFactory(InitiativeFactory)
    reported_on = datetime.date(2022, 3, 31)
    schedule = TrafficLight.GREEN
    cost = TrafficLight.GREEN
    scope = TrafficLight.GREEN
    overall = TrafficLight.GREEN
    progress = 40
    summary = "Läuft nach Plan."
