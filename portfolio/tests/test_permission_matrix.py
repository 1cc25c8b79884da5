"""Role × action: who may do what in the register, and that a refusal changes nothing."""

import pytest
from django.urls import reverse

from portfolio.models import BudgetLine, Initiative, Milestone, StatusReport

from .conftest import register_state

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN = "allowed", "forbidden", "login"

ACTIONS = ("list", "detail", "create", "edit", "delete", "milestone", "budget_line", "report")

# role: (the initiative it acts on, outcome per action in ACTIONS order)
MATRIX = {
    "anonymous": ("county_initiative", (LOGIN,) * 8),
    "reader": ("county_initiative", (ALLOWED, ALLOWED, *(FORBIDDEN,) * 6)),
    "unit_editor_own": (
        "county_initiative",
        (ALLOWED, ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, ALLOWED, ALLOWED, ALLOWED),
    ),
    "unit_editor_other": (
        "county_initiative",
        (ALLOWED, ALLOWED, ALLOWED, *(FORBIDDEN,) * 5),
    ),
    "municipality_editor_own": (
        "town_initiative",
        (ALLOWED, ALLOWED, ALLOWED, ALLOWED, FORBIDDEN, ALLOWED, ALLOWED, ALLOWED),
    ),
    "municipality_editor_other": (
        "town_initiative",
        (ALLOWED, FORBIDDEN, ALLOWED, *(FORBIDDEN,) * 5),
    ),
    "staff": ("county_initiative", (ALLOWED,) * 8),
    "admin": ("county_initiative", (ALLOWED,) * 8),
}

CASES = [
    pytest.param(role, action, outcome, id=f"{role}-{action}")
    for role, (_target, outcomes) in MATRIX.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


def _create_data(world, user):
    """A valid new initiative within the user's own scope."""
    data = {
        "title": "Neues Vorhaben",
        "owner_body": world.county.pk,
        "owner_unit": world.office.pk,
        "fields": [world.field.pk],
        "status": Initiative.Status.PLANNED,
        "priority": Initiative.Priority.B,
        "reporting_cycle": Initiative.ReportingCycle.QUARTERLY,
        "weight": 1,
    }
    if user is not None and user.role == user.Role.UNIT_EDITOR:
        data["owner_unit"] = user.org_unit_id
    if user is not None and user.role == user.Role.MUNICIPALITY_EDITOR:
        data["owner_body"], data["owner_unit"] = user.body_id, ""
    return data


def _request(client, world, user, action, initiative):
    """Send the action's request; return the response and a check that it took effect."""
    pk = initiative.pk
    if action == "list":
        return client.get(reverse("portfolio:initiative_list")), None
    if action == "detail":
        return client.get(reverse("portfolio:initiative_detail", args=[pk])), None
    if action == "create":
        count = Initiative.objects.count()
        response = client.post(reverse("portfolio:initiative_create"), _create_data(world, user))
        return response, lambda: Initiative.objects.count() == count + 1
    if action == "edit":
        data = {
            "title": "Geänderter Titel",
            "owner_body": initiative.owner_body_id,
            "owner_unit": initiative.owner_unit_id or "",
            "fields": [world.field.pk],
            "status": initiative.status,
            "priority": initiative.priority,
            "reporting_cycle": initiative.reporting_cycle,
            "weight": initiative.weight,
            "version": initiative.version,
        }
        response = client.post(reverse("portfolio:initiative_edit", args=[pk]), data)
        return response, lambda: Initiative.objects.get(pk=pk).title == "Geänderter Titel"
    if action == "delete":
        response = client.post(reverse("portfolio:initiative_delete", args=[pk]))
        return response, lambda: not Initiative.objects.filter(pk=pk).exists()
    if action == "milestone":
        data = {"title": "Pilot", "planned_date": "2023-06-30"}
        response = client.post(reverse("portfolio:milestone_create", args=[pk]), data)
        return response, lambda: Milestone.objects.filter(initiative_id=pk).count() == 1
    if action == "budget_line":
        data = {"year": 2023, "amount": "5000", "funding_source": "OWN_FUNDS"}
        response = client.post(reverse("portfolio:budget_line_create", args=[pk]), data)
        return response, lambda: BudgetLine.objects.filter(initiative_id=pk).count() == 1
    if action == "report":
        data = {
            "reported_on": "2024-01-15",
            "overall": "GREEN",
            "schedule": "GREEN",
            "cost": "YELLOW",
            "scope": "GREEN",
            "progress": 30,
            "summary": "Läuft.",
        }
        response = client.post(reverse("portfolio:status_report_create", args=[pk]), data)
        return response, lambda: StatusReport.objects.filter(initiative_id=pk).count() == 1
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_role_action_matrix(client, world, role, action, outcome):
    user = None if role == "anonymous" else world.users[role]
    if user is not None:
        client.force_login(user)
    initiative = getattr(world, MATRIX[role][0])
    before = register_state()

    response, took_effect = _request(client, world, user, action, initiative)

    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.content.decode()[:2000]
        if took_effect is not None:
            assert response.status_code == 302, response.content.decode()
            assert took_effect()
    if outcome != ALLOWED:
        assert register_state() == before


FORM_PAGES = [
    "portfolio:initiative_edit",
    "portfolio:initiative_delete",
    "portfolio:milestone_create",
    "portfolio:budget_line_create",
    "portfolio:link_create",
    "portfolio:status_report_create",
]


@pytest.mark.parametrize("url_name", FORM_PAGES)
def test_a_reader_does_not_even_see_the_forms(client, world, url_name):
    client.force_login(world.users["reader"])
    response = client.get(reverse(url_name, args=[world.county_initiative.pk]))
    assert response.status_code == 403


def test_a_reader_may_not_open_the_create_form(client, world):
    client.force_login(world.users["reader"])
    assert client.get(reverse("portfolio:initiative_create")).status_code == 403


@pytest.mark.parametrize("url_name", ["portfolio:milestone_edit", "portfolio:milestone_delete"])
def test_editing_another_units_milestone_is_refused_and_changes_nothing(client, world, url_name):
    milestone = Milestone.objects.create(
        initiative=world.county_initiative,
        title="Ausschreibung",
        planned_date="2023-01-31",
    )
    client.force_login(world.users["unit_editor_other"])
    before = register_state()
    url = reverse(url_name, args=[world.county_initiative.pk, milestone.pk])
    response = client.post(url, {"title": "Fremd", "planned_date": "2023-02-01", "version": 1})
    assert response.status_code == 403
    assert register_state() == before
    assert Milestone.objects.get().title == "Ausschreibung"


def test_a_milestone_of_another_initiative_is_not_found_under_this_one(client, world):
    milestone = Milestone.objects.create(
        initiative=world.town_initiative, title="Fremd", planned_date="2023-01-31"
    )
    client.force_login(world.users["staff"])
    url = reverse("portfolio:milestone_delete", args=[world.county_initiative.pk, milestone.pk])
    assert client.post(url).status_code == 404
    assert Milestone.objects.filter(pk=milestone.pk).exists()
