"""The actions: offers, assessments with their history, solutions and roll-outs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from online_services import actions
from online_services.models import (
    MaturityCriterion,
    MaturityModel,
    RolloutStatus,
    ServiceOffer,
)

from .conftest import offers_state
from .factories import model_1, model_2

pytestmark = pytest.mark.django_db


def test_assessments_keep_their_history_and_the_latest_sets_the_current_level(offers_world):
    offer, staff = offers_world.offer, offers_world.users["staff"]
    today = timezone.localdate()
    actions.record_assessment(
        acting_user=staff, offer=offer, model=model_1(), level=2, assessed_on=today.replace(day=1)
    )
    criteria = list(model_2().criteria.order_by("position")[:3])
    actions.record_assessment(
        acting_user=staff,
        offer=offer,
        model=model_2(),
        level=5,
        assessed_on=today,
        criteria=criteria,
    )
    # A back-dated assessment joins the history without replacing the latest one.
    actions.record_assessment(
        acting_user=staff,
        offer=offer,
        model=model_1(),
        level=1,
        assessed_on=today - datetime.timedelta(days=400),
    )
    offer.refresh_from_db()
    assert (offer.current_level, offer.current_model) == (5, model_2())
    assert offer.assessments.count() == 3
    latest = offer.assessments.get(level=5)
    assert set(latest.criteria_met.all()) == set(criteria)
    created = AuditEntry.objects.filter(scope_id=str(offer.pk), action=AuditEntry.Action.CREATE)
    assert created.count() == 3


@pytest.mark.parametrize(
    ("model", "level", "field"),
    [("OZG-1.1", 5, "level"), ("OZG-2.0", 8, "level")],
)
def test_a_level_outside_the_model_is_refused_and_nothing_written(
    offers_world, model, level, field
):
    before = offers_state()
    with pytest.raises(ValidationError) as caught:
        actions.record_assessment(
            acting_user=offers_world.users["staff"],
            offer=offers_world.offer,
            model=MaturityModel.objects.get(code=model),
            level=level,
            assessed_on=timezone.localdate(),
        )
    assert field in caught.value.message_dict
    assert "hat keine Stufe" in caught.value.message_dict[field][0]
    assert offers_state() == before


def test_criteria_of_another_model_and_future_dates_are_refused(offers_world):
    before = offers_state()
    criterion = MaturityCriterion.objects.filter(model=model_2()).first()
    with pytest.raises(ValidationError, match="Nur Kriterien"):
        actions.record_assessment(
            acting_user=offers_world.users["staff"],
            offer=offers_world.offer,
            model=model_1(),
            level=3,
            assessed_on=timezone.localdate(),
            criteria=[criterion],
        )
    with pytest.raises(ValidationError):
        actions.record_assessment(
            acting_user=offers_world.users["staff"],
            offer=offers_world.offer,
            model=model_1(),
            level=3,
            assessed_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert offers_state() == before


def test_offer_rules_and_stale_edits(offers_world):
    staff = offers_world.users["staff"]
    with pytest.raises(ValidationError) as caught:
        actions.create_offer(
            acting_user=staff,
            body=offers_world.town,
            service=offers_world.services[0],
            status=ServiceOffer.Status.ONLINE,
        )
    assert "service" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        actions.create_offer(
            acting_user=staff,
            body=offers_world.town,
            service=offers_world.services[1],
            status=ServiceOffer.Status.PLANNED,
            online_since=timezone.localdate(),
        )
    assert "online_since" in caught.value.message_dict
    offer = offers_world.offer
    actions.update_offer(acting_user=staff, offer=offer, expected_version=1, cases_per_year=500)
    with pytest.raises(ValidationError, match="geändert"):
        actions.update_offer(acting_user=staff, offer=offer, expected_version=1, url="")
    offer.refresh_from_db()
    assert (offer.cases_per_year, offer.version) == (500, 2)


def test_rollout_is_set_per_body_and_audited(offers_world):
    solution, staff = offers_world.solution, offers_world.users["staff"]
    actions.set_solution_rollout(
        acting_user=staff, solution=solution, body=offers_world.town, status=RolloutStatus.PLANNED
    )
    rollout = actions.set_solution_rollout(
        acting_user=staff, solution=solution, body=offers_world.town, status=RolloutStatus.LIVE
    )
    assert solution.rollouts.get() == rollout
    assert rollout.status == RolloutStatus.LIVE
    assert AuditEntry.objects.filter(scope_id=str(solution.pk)).count() == 2
