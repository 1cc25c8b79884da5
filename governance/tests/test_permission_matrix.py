"""Role × page and action: who may read and change the committees' work; refusals change
nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import ActionItem, AgendaItem, Meeting

from .conftest import governance_state

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN = "allowed", "forbidden", "login"

READS = (
    "committee_list",
    "committee_detail",
    "meeting_list",
    "meeting_detail",
    "guest_item",
    "other_item",
    "minutes",
    "decision_register",
    "action_item_list",
)
WRITES = (
    "plan_meeting",
    "edit_meeting",
    "build_agenda",
    "write_minutes",
    "record_decision",
    "add_action_item",
    "record_attendance",
    "mark_held",
    "add_membership",
)
ACTIONS = READS + WRITES

A, F, L = ALLOWED, FORBIDDEN, LOGIN
MEMBER_READS = (A, A, A, A, A, A, A, A, A)
MATRIX = {
    "anonymous": (L,) * len(ACTIONS),
    "member": MEMBER_READS + (F,) * len(WRITES),
    # A guest reads only the meeting page (their items) and their own item.
    "guest": (A, F, F, A, A, F, F, F, F) + (F,) * len(WRITES),
    "former_member": (A, F, F, F, F, F, F, F, F) + (F,) * len(WRITES),
    "reader": (A, F, F, F, F, F, F, F, F) + (F,) * len(WRITES),
    # A member of another committee has a decision register and an action item list, without
    # this committee's entries.
    "other_member": (A, F, F, F, F, F, F, A, A) + (F,) * len(WRITES),
    "municipality_editor": (A, F, F, F, F, F, F, F, F) + (F,) * len(WRITES),
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
    meeting, committee = world.meeting, world.committee
    item_args = [meeting.pk, world.guest_item.pk]
    day = timezone.localdate() + datetime.timedelta(days=14)
    gets = {
        "committee_list": reverse("governance:organization_list"),
        "committee_detail": reverse("governance:organization_detail", args=[committee.pk]),
        "meeting_list": reverse("governance:meeting_list", args=[committee.pk]),
        "meeting_detail": reverse("governance:meeting_detail", args=[meeting.pk]),
        "guest_item": reverse("governance:agenda_item_detail", args=item_args),
        "other_item": reverse(
            "governance:agenda_item_detail", args=[meeting.pk, world.other_item.pk]
        ),
        "minutes": reverse("governance:meeting_minutes", args=[meeting.pk]),
        "decision_register": reverse("governance:decision_register"),
        "action_item_list": reverse("governance:action_item_list"),
    }
    if action in gets:
        return client.get(gets[action]), None
    if action == "plan_meeting":
        count = Meeting.objects.count()
        response = client.post(
            reverse("governance:meeting_create", args=[committee.pk]),
            {"start": f"{day}T10:00", "end": f"{day}T12:00", "location": "Raum 1"},
        )
        return response, lambda: Meeting.objects.count() == count + 1
    if action == "edit_meeting":
        response = client.post(
            reverse("governance:meeting_edit", args=[meeting.pk]),
            {
                "start": timezone.localtime(meeting.start).strftime("%Y-%m-%dT%H:%M"),
                "location": "Neuer Raum",
                "version": meeting.version,
            },
        )
        return response, lambda: Meeting.objects.get(pk=meeting.pk).location == "Neuer Raum"
    if action == "build_agenda":
        response = client.post(
            reverse("governance:agenda_edit", args=[meeting.pk]), {"topics": [world.topic.pk]}
        )
        return response, lambda: AgendaItem.objects.filter(topic=world.topic).exists()
    if action == "write_minutes":
        response = client.post(
            reverse("governance:agenda_item_minutes", args=item_args), {"minutes": "Beraten."}
        )
        return response, lambda: AgendaItem.objects.get(pk=world.guest_item.pk).minutes != ""
    if action == "record_decision":
        response = client.post(
            reverse("governance:decision_create", args=item_args),
            {"outcome": "REJECTED", "text": "Nein."},
        )
        return response, lambda: hasattr(AgendaItem.objects.get(pk=world.guest_item.pk), "decision")
    if action == "add_action_item":
        response = client.post(
            reverse("governance:action_item_create", args=[meeting.pk]),
            {
                "title": "Konzept",
                "owner_person": world.people["member"].pk,
                "due_date": day,
                "status": "OPEN",
            },
        )
        return response, lambda: ActionItem.objects.count() == 1
    if action == "record_attendance":
        response = client.post(
            reverse("governance:attendance_edit", args=[meeting.pk]),
            {f"person_{world.people['chair'].pk}": "PRESENT"},
        )
        return response, lambda: meeting.attendances.count() == 1
    if action == "mark_held":
        response = client.post(reverse("governance:meeting_held", args=[meeting.pk]))
        return response, lambda: Meeting.objects.get(pk=meeting.pk).state == Meeting.State.HELD
    if action == "add_membership":
        response = client.post(
            reverse("governance:membership_create", args=[committee.pk]),
            {"person": world.people["guest"].pk, "role": "MEMBER"},
        )
        return response, lambda: committee.memberships.count() == 4
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_role_action_matrix(client, world, role, action, outcome):
    if role != "anonymous":
        client.force_login(world.users[role])
    before = governance_state()

    response, took_effect = _request(client, world, action)

    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.content.decode()[:3000]
        if took_effect is not None:
            assert response.status_code == 302, response.content.decode()
            assert took_effect()
    if outcome != ALLOWED or took_effect is None:
        assert governance_state() == before


FORM_PAGES = [
    ("governance:meeting_create", "committee"),
    ("governance:organization_edit", "committee"),
    ("governance:meeting_edit", "meeting"),
    ("governance:agenda_edit", "meeting"),
    ("governance:attendance_edit", "meeting"),
    ("governance:action_item_create", "meeting"),
    ("governance:minutes_approve", "meeting"),
    ("governance:agenda_item_minutes", "item"),
    ("governance:decision_create", "item"),
    ("governance:agenda_item_guests", "item"),
    ("governance:agenda_item_remove", "item"),
]


@pytest.mark.parametrize(("url_name", "target"), FORM_PAGES)
def test_a_member_does_not_even_see_the_forms(client, world, url_name, target):
    client.force_login(world.users["member"])
    args = {
        "committee": [world.committee.pk],
        "meeting": [world.meeting.pk],
        "item": [world.meeting.pk, world.guest_item.pk],
    }[target]
    assert client.get(reverse(url_name, args=args)).status_code == 403


def test_a_guest_sees_none_of_the_other_items_in_the_meeting_page(client, world):
    client.force_login(world.users["guest"])
    html = client.get(world.meeting.get_absolute_url()).content.decode()
    assert world.guest_item.title in html
    assert world.other_item.title not in html
    assert reverse("governance:meeting_minutes", args=[world.meeting.pk]) not in html


def test_an_item_of_another_meeting_is_not_found_under_this_one(client, world):
    other_meeting = Meeting.objects.create(
        organization=world.committee, start=world.meeting.start, location="Raum"
    )
    client.force_login(world.users["staff"])
    url = reverse("governance:agenda_item_detail", args=[other_meeting.pk, world.guest_item.pk])
    assert client.get(url).status_code == 404
