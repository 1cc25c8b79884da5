"""Public records of every dataset, written directly through the other apps' factories (no
audit entries): a published goal with an indicator and its values, a published initiative,
a decision on a published public paper, an online offer with its maturity."""

import datetime
from decimal import Decimal

from council.tests.factories import CouncilDecisionFactory
from online_services.tests.factories import ServiceOfferFactory, model_1
from portal.tests.factories import PublishedPublicationFactory
from portfolio.tests.factories import InitiativeFactory
from strategy.tests.factories import GoalFactory, IndicatorFactory, IndicatorValueFactory


def published_goal(**goal_values):
    goal = GoalFactory(**goal_values)
    PublishedPublicationFactory(goal=goal)
    return goal


def published_initiative(**initiative_values):
    initiative = InitiativeFactory(**initiative_values)
    PublishedPublicationFactory(goal=None, initiative=initiative)
    return initiative


def public_records(number=1):
    """`number` public records of each dataset."""
    for index in range(number):
        goal = published_goal(title=f"Ziel {index}", target_date=datetime.date(2030, 12, 31))
        indicator = IndicatorFactory(goal=goal, name=f"Kennzahl {index}", source="Statistik")
        IndicatorValueFactory(indicator=indicator, value=Decimal("12.50"))
        IndicatorValueFactory(indicator=indicator, value=Decimal("-3"))
        published_initiative(title=f"Vorhaben {index}", progress=40)
        CouncilDecisionFactory(text=f"Der Ausschuss beschließt Nummer {index}.")
        ServiceOfferFactory(
            status="ONLINE", current_level=3, current_model=model_1(), url="https://example.org"
        )
