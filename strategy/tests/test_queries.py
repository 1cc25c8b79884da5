"""strategy.queries: the goals' progress, read in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest

from strategy import queries

from .factories import GoalFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def test_goal_progress_pairs_agree_with_the_goals_with_progress(django_assert_num_queries):
    halfway, untouched = GoalFactory(title="Halbzeit"), GoalFactory(title="Noch nichts")
    GoalFactory(title="Ohne Kennzahl")
    measured = IndicatorFactory(goal=halfway)
    IndicatorValueFactory(indicator=measured, measured_on=datetime.date(2022, 1, 1), value=30)
    # The latest value counts: 50 of the way from 10 to 90.
    IndicatorValueFactory(indicator=measured, measured_on=datetime.date(2023, 1, 1), value=50)
    falling = IndicatorFactory(goal=halfway, baseline_value=Decimal(100), target_value=Decimal(20))
    IndicatorValueFactory(indicator=falling, value=Decimal(100))
    IndicatorFactory(goal=untouched)

    with django_assert_num_queries(2):
        pairs = queries.goal_progress_pairs()

    assert pairs == [("Halbzeit", 25), ("Noch nichts", 0)]
    assert pairs == [
        (goal.title, goal.progress)
        for goal in queries.goals_with_progress()
        if goal.progress is not None
    ]
