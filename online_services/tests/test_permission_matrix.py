"""Role × page and action: who reads and changes which body's offers and solutions; refusals
change nothing (data and audit trail)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from online_services.models import ServiceOffer, SharedSolution, SolutionRollout

from .conftest import offers_state
from .factories import model_1

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN = "allowed", "forbidden", "login"
A, F, L = ALLOWED, FORBIDDEN, LOGIN

ACTIONS = (
    "body_list",
    "town_offers",
    "county_offers",
    "other_town_offers",
    "town_offer_detail",
    "other_offer_detail",
    "town_export",
    "other_export",
    "solution_list",
    "solution_detail",
    "create_offer",
    "edit_offer",
    "assess_offer",
    "import_town",
    "edit_other_offer",
    "create_solution",
    "edit_solution",
    "set_town_rollout",
    "set_other_rollout",
)
#                     reads: list town county other detail other_d export other_e sol sol_d
COUNTY_READS = (A, A, A, A, A, A, A, A, A, A)
TOWN_READS = (A, A, A, F, A, F, A, F, A, A)
MATRIX = {
    "anonymous": (L,) * len(ACTIONS),
    #        create edit assess import other_edit sol_create sol_edit rollout other_rollout
    "county_reader": (*COUNTY_READS, F, F, F, F, F, F, F, F, F),
    "unit_editor": (*COUNTY_READS, F, F, F, F, F, F, F, F, F),
    "town_reader": (*TOWN_READS, F, F, F, F, F, F, F, F, F),
    "town_editor": (*TOWN_READS, A, A, A, A, F, F, F, A, F),
    "other_editor": (A, F, A, A, F, A, F, A, A, A, F, F, F, F, A, F, F, F, A),
    "staff": (A,) * len(ACTIONS),
    "admin": (A,) * len(ACTIONS),
}

CASES = [
    pytest.param(role, action, outcome, id=f"{role}-{action}")
    for role, outcomes in MATRIX.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


def _request(client, world, action):
    """Send the action's request; return the response and a check that it took effect."""
    town, other = world.town, world.other_town
    offer, other_offer, solution = world.offer, world.other_offer, world.solution
    gets = {
        "body_list": reverse("online_services:offer_list"),
        "town_offers": reverse("online_services:body_offers", args=[town.pk]),
        "county_offers": reverse("online_services:body_offers", args=[world.county.pk]),
        "other_town_offers": reverse("online_services:body_offers", args=[other.pk]),
        "town_offer_detail": reverse("online_services:offer_detail", args=[offer.pk]),
        "other_offer_detail": reverse("online_services:offer_detail", args=[other_offer.pk]),
        "town_export": reverse("online_services:body_export", args=[town.pk]),
        "other_export": reverse("online_services:body_export", args=[other.pk]),
        "solution_list": reverse("online_services:solution_list"),
        "solution_detail": reverse("online_services:solution_detail", args=[solution.pk]),
    }
    if action in gets:
        return client.get(gets[action]), None
    if action == "create_offer":
        response = client.post(
            reverse("online_services:offer_create", args=[town.pk]),
            {"service": world.services[1].pk, "status": "PLANNED"},
        )
        return response, lambda: town.service_offers.count() == 2
    if action in ("edit_offer", "edit_other_offer"):
        target = offer if action == "edit_offer" else other_offer
        response = client.post(
            reverse("online_services:offer_edit", args=[target.pk]),
            {"status": "PLANNED", "cases_per_year": 9, "version": target.version},
        )
        return response, lambda: ServiceOffer.objects.get(pk=target.pk).cases_per_year == 9
    if action == "assess_offer":
        response = client.post(
            reverse("online_services:assessment_create", args=[offer.pk]),
            {"model": model_1().pk, "level": 3, "assessed_on": timezone.localdate()},
        )
        return response, lambda: offer.assessments.count() == 1
    if action == "import_town":
        response = client.get(reverse("online_services:body_import", args=[town.pk]))
        return response, None
    if action == "create_solution":
        response = client.post(
            reverse("online_services:solution_create"), {"name": "Neu", "kind": "EFA"}
        )
        return response, lambda: SharedSolution.objects.filter(name="Neu").exists()
    if action == "edit_solution":
        response = client.post(
            reverse("online_services:solution_edit", args=[solution.pk]),
            {"name": "Umbenannt", "kind": "PORTAL"},
        )
        return response, lambda: SharedSolution.objects.filter(name="Umbenannt").exists()
    if action in ("set_town_rollout", "set_other_rollout"):
        body = town if action == "set_town_rollout" else other
        response = client.post(
            reverse("online_services:rollout_edit", args=[solution.pk, body.pk]),
            {"status": "LIVE"},
        )
        return response, lambda: SolutionRollout.objects.filter(body=body).exists()
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_role_action_matrix(client, offers_world, role, action, outcome):
    if role != "anonymous":
        client.force_login(offers_world.users[role])
    before = offers_state()
    response, took_effect = _request(client, offers_world, action)
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.content[:2000]
        if took_effect is not None:
            assert response.status_code == 302, response.content.decode()[:3000]
            assert took_effect()
        return
    assert offers_state() == before


def test_a_municipality_sees_neither_the_others_offers_nor_their_rollouts(client, offers_world):
    SolutionRollout.objects.create(
        solution=offers_world.solution, body=offers_world.other_town, status="LIVE"
    )
    client.force_login(offers_world.users["town_editor"])
    page = client.get(reverse("online_services:offer_list")).content.decode()
    assert offers_world.town.name in page
    assert offers_world.other_town.name not in page
    page = client.get(
        reverse("online_services:solution_detail", args=[offers_world.solution.pk])
    ).content.decode()
    assert offers_world.other_town.name not in page
