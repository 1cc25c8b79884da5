"""Role × action: who may do what with the processes, and that a refusal changes nothing.

Each role acts on the process it is most likely to reach: its own unit's, its body's, or for
the municipality's users another municipality's, which they must not even see.
"""

import pytest
from django.urls import reverse

from processes.models import BusinessProcess

from .conftest import process_state

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN, HIDDEN = "allowed", "forbidden", "login", "hidden"
ACTIONS = ("list", "ranking", "detail", "create", "edit", "delete", "submit")

# role: (target process key, outcome per action in ACTIONS order)
MATRIX = {
    "anonymous": ("office", (LOGIN,) * 7),
    "reader": ("office", (ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)),
    "unit_editor": ("division", (ALLOWED,) * 7),
    "unit_editor_sub": (
        "office",
        (ALLOWED, ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "municipality_editor": ("town", (ALLOWED,) * 7),
    "municipality_reader": (
        "town",
        (ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "municipality_editor_other": (
        "other_town",
        (HIDDEN, HIDDEN, FORBIDDEN, ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "staff": ("other_town", (ALLOWED,) * 7),
    "admin": ("office", (ALLOWED,) * 7),
}

CASES = [
    pytest.param(role, action, outcome, id=f"{role}-{action}")
    for role, (_target, outcomes) in MATRIX.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


def _user(world, role):
    if role == "anonymous":
        return None
    if role == "municipality_editor_other":
        return world.users["municipality_editor"]
    return world.users[role]


def _create_unit(world, user):
    if user is None or user.is_staff_unit or user.role == user.Role.READER:
        return world.office
    if user.role == user.Role.UNIT_EDITOR:
        return user.org_unit
    return world.town_unit


def _request(client, world, user, action, process):
    pk = process.pk
    if action == "list":
        return client.get(reverse("processes:process_list")), None
    if action == "ranking":
        return client.get(reverse("processes:ranking")), None
    if action == "detail":
        return client.get(reverse("processes:process_detail", args=[pk])), None
    if action == "create":
        count = BusinessProcess.objects.count()
        data = {
            "org_unit": _create_unit(world, user).pk,
            "name": "Neuer Prozess",
            "cases_per_year": 100,
            "minutes_per_case": "10",
            "target_minutes_per_case": "5",
            "media_breaks": 1,
            "digitisation": "PAPER",
        }
        response = client.post(reverse("processes:process_create"), data)
        return response, lambda: BusinessProcess.objects.count() == count + 1
    if action == "edit":
        data = {
            "org_unit": process.org_unit_id,
            "name": "Geänderter Prozess",
            "cases_per_year": 100,
            "minutes_per_case": "10",
            "target_minutes_per_case": "5",
            "media_breaks": 1,
            "digitisation": "PAPER",
            "version": process.version,
        }
        response = client.post(reverse("processes:process_edit", args=[pk]), data)
        return response, lambda: BusinessProcess.objects.get(pk=pk).name == "Geänderter Prozess"
    if action == "delete":
        response = client.post(reverse("processes:process_delete", args=[pk]))
        return response, lambda: not BusinessProcess.objects.filter(pk=pk).exists()
    response = client.post(reverse("processes:process_submit_topic", args=[pk]))
    return response, lambda: BusinessProcess.objects.get(pk=pk).topic_id is not None


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_permission_matrix(client, world, role, action, outcome):
    user = _user(world, role)
    if user is not None:
        client.force_login(user)
    process = world.processes[MATRIX[role][0]]
    before = process_state()
    response, took_effect = _request(client, world, user, action, process)
    if outcome == LOGIN:
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    elif outcome == HIDDEN:
        # The page opens but never shows another municipality's process.
        assert response.status_code == 200
        assert process.name not in response.content.decode()
    else:
        assert response.status_code in (200, 302), response.content.decode()[:2000]
        if took_effect is not None:
            assert took_effect()
        if action in ("list", "ranking"):
            assert process.name in response.content.decode()
    if outcome != ALLOWED:
        assert process_state() == before
