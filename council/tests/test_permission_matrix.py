"""Role × page and action on the council decisions; refusals change nothing."""

import datetime

import pytest
from django.urls import reverse

from council.models import CouncilDecision

from .conftest import council_state
from .factories import ConsultationFactory, CouncilDecisionFactory

pytestmark = pytest.mark.django_db

A, F, L, N = "allowed", "forbidden", "login", "not found"
READS = ("register", "detail", "secret_detail")
WRITES = ("record", "edit", "mark_done", "link_initiative", "unlink_initiative", "link_action_item")
ACTIONS = READS + WRITES
MATRIX = {
    "anonymous": (L,) * len(ACTIONS),
    "reader": (A, A, A) + (F,) * len(WRITES),
    "unit_editor": (A, A, A) + (F,) * len(WRITES),
    # Municipalities read only decisions on public papers.
    "municipality_editor": (A, A, F) + (F,) * len(WRITES),
    "staff": (A,) * len(ACTIONS),
    "admin": (A,) * len(ACTIONS),
}
CASES = [
    pytest.param(role, action, outcome, id=f"{role}-{action}")
    for role, outcomes in MATRIX.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


@pytest.fixture
def decisions(world):
    public = CouncilDecisionFactory(
        consultation=world.consultation, recorded_by=world.users["staff"]
    )
    public.initiatives.add(world.initiative)
    secret = CouncilDecisionFactory(
        consultation=world.secret_consultation, recorded_by=world.users["staff"]
    )
    pending = ConsultationFactory(organization=world.committee)
    return public, secret, pending


def _request(client, world, decisions, action):
    public, secret, pending = decisions
    gets = {
        "register": reverse("council:decision_list"),
        "detail": reverse("council:decision_detail", args=[public.pk]),
        "secret_detail": reverse("council:decision_detail", args=[secret.pk]),
    }
    if action in gets:
        return client.get(gets[action]), None
    if action == "record":
        response = client.post(
            reverse("council:decision_create", args=[pending.pk]),
            {"text": "Beschlossen.", "decided_on": "2021-02-03", "result": "APPROVED"},
        )
        return response, lambda: CouncilDecision.objects.filter(consultation=pending).exists()
    if action == "edit":
        response = client.post(
            reverse("council:decision_edit", args=[public.pk]),
            {"state": "IN_PROGRESS", "deadline": "2027-01-31", "version": public.version},
        )
        return response, lambda: CouncilDecision.objects.get(pk=public.pk).state == "IN_PROGRESS"
    if action == "mark_done":
        response = client.post(
            reverse("council:decision_done", args=[public.pk]),
            {"done_on": str(datetime.date(2024, 5, 2)), "version": public.version},
        )
        return response, lambda: CouncilDecision.objects.get(pk=public.pk).state == "DONE"
    if action == "link_initiative":
        response = client.post(
            reverse("council:initiative_link", args=[public.pk]),
            {"initiative": world.town_initiative.pk},
        )
        return response, lambda: public.initiatives.count() == 2
    if action == "unlink_initiative":
        response = client.post(
            reverse("council:initiative_unlink", args=[public.pk]),
            {"initiative": world.initiative.pk},
        )
        return response, lambda: public.initiatives.count() == 0
    if action == "link_action_item":
        response = client.post(
            reverse("council:action_item_link", args=[public.pk]),
            {"action_item": world.action_item.pk},
        )
        return response, lambda: public.action_items.count() == 1
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_role_action_matrix(client, world, decisions, role, action, outcome):
    if role != "anonymous":
        client.force_login(world.users[role])
    before = council_state()
    response, took_effect = _request(client, world, decisions, action)
    if outcome == L:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == F:
        assert response.status_code == 403
    if outcome in (L, F):
        assert council_state() == before
        return
    assert response.status_code in (200, 302)
    if took_effect is not None:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert took_effect()
