"""Status per body of a shared initiative: who may set it, what is refused, how it shows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.tests.factories import MunicipalityEditorFactory
from audit.models import AuditEntry
from organisations.tests.factories import MunicipalityFactory
from portfolio import actions
from portfolio.models import InitiativeRollout, RolloutStatus

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN, MISSING = "allowed", "forbidden", "login", "missing"


@pytest.fixture
def shared(world):
    """The county's initiative, shared with both municipalities."""
    world.county_initiative.participating_bodies.set([world.town, world.other_town])
    return world.county_initiative


def rollout_state():
    return {
        "rollouts": sorted(
            InitiativeRollout.objects.values_list("initiative_id", "body_id", "status", "note")
        ),
        "audit_entries": AuditEntry.objects.count(),
    }


# role: outcome of setting the status of (town, other town, a body not taking part)
MATRIX = {
    "anonymous": (LOGIN, LOGIN, LOGIN),
    "reader": (FORBIDDEN, FORBIDDEN, MISSING),
    "unit_editor_own": (ALLOWED, ALLOWED, MISSING),
    "unit_editor_other": (FORBIDDEN, FORBIDDEN, MISSING),
    "municipality_editor_own": (ALLOWED, FORBIDDEN, MISSING),
    "municipality_editor_other": (FORBIDDEN, ALLOWED, MISSING),
    "staff": (ALLOWED, ALLOWED, MISSING),
    "admin": (ALLOWED, ALLOWED, MISSING),
}
TARGETS = ("town", "other_town", "outsider")
CASES = [
    pytest.param(role, target, outcome, id=f"{role}-{target}")
    for role, outcomes in MATRIX.items()
    for target, outcome in zip(TARGETS, outcomes, strict=True)
]


@pytest.mark.parametrize(("role", "target", "outcome"), CASES)
def test_who_sets_the_status_of_which_body(client, world, shared, role, target, outcome):
    body = (
        MunicipalityFactory(parent=world.county) if target == "outsider" else getattr(world, target)
    )
    if role != "anonymous":
        client.force_login(world.users[role])
    url = reverse("portfolio:rollout_edit", args=[shared.pk, body.pk])
    before = rollout_state()
    response = client.post(url, {"status": "LIVE", "since": "2024-01-01", "note": "läuft"})
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    elif outcome == MISSING:
        assert response.status_code == 404
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        rollout = InitiativeRollout.objects.get(initiative=shared, body=body)
        assert rollout.status == RolloutStatus.LIVE
        assert rollout.note == "läuft"
        return
    assert rollout_state() == before


def test_the_action_refuses_what_the_view_refuses(world, shared):
    before = rollout_state()
    with pytest.raises(PermissionDenied):
        actions.set_initiative_rollout(
            acting_user=world.users["municipality_editor_own"],
            initiative=shared,
            body=world.other_town,
            status=RolloutStatus.LIVE,
        )
    outsider = MunicipalityFactory(parent=world.county)
    editor = MunicipalityEditorFactory(body=outsider)
    with pytest.raises(PermissionDenied):
        actions.set_initiative_rollout(
            acting_user=editor, initiative=shared, body=outsider, status=RolloutStatus.LIVE
        )
    assert rollout_state() == before


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"status": "SOON"}, "status", "Wählen Sie einen Status."),
        (
            {"since": datetime.date(2099, 1, 1)},
            "since",
            "Das Datum darf nicht in der Zukunft liegen.",
        ),
    ],
)
def test_bad_input_is_refused_in_german(world, shared, values, field, message):
    before = rollout_state()
    with pytest.raises(ValidationError) as error:
        actions.set_initiative_rollout(
            acting_user=world.users["staff"],
            initiative=shared,
            body=world.town,
            **({"status": RolloutStatus.LIVE} | values),
        )
    assert error.value.message_dict[field] == [message]
    assert rollout_state() == before


def test_a_body_not_taking_part_is_refused(world, shared):
    before = rollout_state()
    outsider = MunicipalityFactory(parent=world.county, name="Wachtberg")
    with pytest.raises(ValidationError) as error:
        actions.set_initiative_rollout(
            acting_user=world.users["staff"],
            initiative=shared,
            body=outsider,
            status=RolloutStatus.LIVE,
        )
    assert error.value.messages == ["Wachtberg nimmt an diesem Vorhaben nicht teil."]
    assert rollout_state() == before


def test_setting_twice_updates_and_audits_both(world, shared):
    staff = world.users["staff"]
    actions.set_initiative_rollout(
        acting_user=staff, initiative=shared, body=world.town, status=RolloutStatus.PLANNED
    )
    rollout = actions.set_initiative_rollout(
        acting_user=staff,
        initiative=shared,
        body=world.town,
        status=RolloutStatus.IN_PROGRESS,
        since=datetime.date(2024, 3, 1),
    )
    assert InitiativeRollout.objects.get() == rollout
    entries = AuditEntry.objects.filter(subject_id=str(rollout.pk)).order_by("id")
    assert [entry.action for entry in entries] == [
        AuditEntry.Action.CREATE,
        AuditEntry.Action.UPDATE,
    ]


def test_the_form_shows_german_errors(client, world, shared):
    client.force_login(world.users["municipality_editor_own"])
    url = reverse("portfolio:rollout_edit", args=[shared.pk, world.town.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "LIVE", "since": "2099-01-01"})
    assert response.context["form"].errors["since"] == [
        "Das Datum darf nicht in der Zukunft liegen."
    ]
    assert not InitiativeRollout.objects.exists()


def test_the_detail_page_lists_each_body_with_its_status(client, world, shared):
    actions.set_initiative_rollout(
        acting_user=world.users["staff"],
        initiative=shared,
        body=world.town,
        status=RolloutStatus.LIVE,
        since=datetime.date(2023, 5, 1),
    )
    client.force_login(world.users["municipality_editor_own"])
    page = client.get(reverse("portfolio:initiative_detail", args=[shared.pk])).content.decode()
    assert "Stand je Körperschaft" in page
    assert "<caption" in page
    assert "Sankt Augustin" in page
    assert "Troisdorf" in page
    assert "In Betrieb" in page
    assert "nicht erfasst" in page
    own = reverse("portfolio:rollout_edit", args=[shared.pk, world.town.pk])
    other = reverse("portfolio:rollout_edit", args=[shared.pk, world.other_town.pk])
    assert own in page
    assert other not in page
