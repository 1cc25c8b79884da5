import datetime
from decimal import Decimal

import factory

from strategy.models import FieldOfAction, Goal, Indicator, IndicatorValue


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    position = factory.Sequence(int)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    field = factory.SubFactory(FieldOfActionFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Kennzahl {n}")
    unit = "%"
    baseline_value = Decimal("10")
    baseline_date = datetime.date(2020, 1, 1)
    target_value = Decimal("90")
    target_date = datetime.date(2025, 12, 31)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(n))
    value = Decimal("50")
