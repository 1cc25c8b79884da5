"""The actions of the user management: what they change, what they audit, what they refuse
(and that a refusal changes nothing)."""

import datetime
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import AdministratorFactory, UserFactory
from audit.models import AuditEntry
from organisations.tests.factories import OrgUnitFactory, PersonFactory
from user_management import actions
from user_management.models import Invitation, hash_token

from .conftest import users_state
from .factories import InvitationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Kreishaus-Siegburg-2026"


def accept_url(token):
    return f"http://testserver/benutzer/einladung/{token}/"


def _token_from_mail(message):
    return re.search(r"/benutzer/einladung/([^/\s]+)/", message.body).group(1)


def _invite(world, acting_user=None, **values):
    values = {"email": "neu@siegburg.de", "role": User.Role.READER, "body": world.town} | values
    return actions.invite_user(
        acting_user=acting_user or world.staff, accept_url=accept_url, **values
    )


# Inviting ----------------------------------------------------------------------------------


def test_an_invitation_stores_only_the_hash_of_the_token_the_mail_carries(world):
    invitation = _invite(world, role=User.Role.MUNICIPALITY_EDITOR, org_unit=world.town_unit)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@siegburg.de"]
    assert message.subject == "Ihre Einladung zu smartkreis"
    token = _token_from_mail(message)
    assert invitation.token_hash == hash_token(token)
    assert token not in str(Invitation.objects.values_list().get())
    assert invitation.invited_by == world.staff
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, subject_id=invitation.pk)
    assert entry.actor == world.staff
    assert "token_hash" not in entry.changes
    assert entry.changes["email"] == [None, "neu@siegburg.de"]


def test_the_validity_comes_from_the_setting(world, settings):
    settings.INVITATION_VALID_DAYS = 2

    invitation = _invite(world)

    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=2)
    assert "gültig bis" in mail.outbox[0].body


def test_an_address_with_an_account_is_refused_at_invitation_time(world):
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        _invite(world, email=world.town_editor.email.upper())

    assert "bereits ein Konto" in refused.value.message_dict["email"][0]
    assert users_state() == before
    assert mail.outbox == []


def test_an_address_with_an_open_invitation_is_refused(world):
    _invite(world)
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        _invite(world, email="NEU@siegburg.de")

    assert "bereits eingeladen" in refused.value.message_dict["email"][0]
    assert users_state() == before


def test_an_expired_invitation_does_not_block_a_new_one(world):
    InvitationFactory(email="neu@siegburg.de", expires_at=timezone.now())

    assert _invite(world).email == "neu@siegburg.de"


@pytest.mark.parametrize(
    ("manager", "values", "field"),
    [
        ("town_manager", {"role": User.Role.STAFF_UNIT}, "role"),
        ("town_manager", {"role": User.Role.ADMINISTRATOR}, "role"),
        ("town_manager", {"role": User.Role.UNIT_EDITOR, "org_unit": "town_unit"}, "role"),
        ("town_manager", {"body": "other_town"}, "body"),
        ("town_manager", {"body": None}, "body"),
        ("staff", {"role": User.Role.ADMINISTRATOR}, "role"),
        ("staff", {"role": User.Role.UNIT_EDITOR, "org_unit": None}, "org_unit"),
        ("staff", {"role": User.Role.MUNICIPALITY_EDITOR, "body": None}, "body"),
        ("staff", {"org_unit": "office"}, "org_unit"),
        ("staff", {"manages_body_users": True, "body": None}, "body"),
        ("staff", {"manages_body_users": True, "body": "county"}, "manages_body_users"),
    ],
)
def test_invitations_beyond_the_managers_limits_are_refused(world, manager, values, field):
    values = {
        name: getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value
        for name, value in values.items()
    }
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        _invite(world, acting_user=getattr(world, manager), **values)

    assert field in refused.value.message_dict
    assert users_state() == before
    assert mail.outbox == []


def test_a_dissolved_unit_cannot_be_given(world):
    old_unit = OrgUnitFactory(
        body=world.town, valid_from=datetime.date(2000, 1, 1), valid_until=datetime.date(2020, 1, 1)
    )

    with pytest.raises(ValidationError) as refused:
        _invite(world, org_unit=old_unit)

    assert "aufgelöst" in refused.value.message_dict["org_unit"][0]


def test_a_body_manager_invites_into_their_body(world):
    invitation = _invite(
        world,
        acting_user=world.town_manager,
        role=User.Role.MUNICIPALITY_EDITOR,
        manages_body_users=True,
    )

    assert (invitation.body, invitation.manages_body_users) == (world.town, True)


@pytest.mark.parametrize("who", ["unit_editor", "town_editor", "town_reader"])
def test_users_who_manage_nobody_cannot_invite(world, who):
    before = users_state()

    with pytest.raises(PermissionDenied):
        _invite(world, acting_user=getattr(world, who))

    assert users_state() == before


def test_only_administrators_invite_administrators(world):
    invitation = _invite(world, acting_user=world.admin, role=User.Role.ADMINISTRATOR)

    assert invitation.role == User.Role.ADMINISTRATOR


# Resending and revoking --------------------------------------------------------------------


def test_resending_gives_a_new_link_and_the_old_one_stops_working(world):
    invitation = _invite(world)
    old_token = _token_from_mail(mail.outbox[0])
    invitation.expires_at = timezone.now() - datetime.timedelta(days=1)
    invitation.save()

    actions.resend_invitation(acting_user=world.staff, invitation=invitation, accept_url=accept_url)

    new_token = _token_from_mail(mail.outbox[1])
    assert new_token != old_token
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(new_token)
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=6)
    with pytest.raises(ValidationError) as refused:
        actions.accept_invitation(token=old_token, username="neu", password=PASSWORD)
    assert refused.value.code == "invitation_unknown"
    assert actions.accept_invitation(token=new_token, username="neu", password=PASSWORD)


def test_a_revoked_invitation_cannot_be_accepted_nor_resent(world):
    invitation = InvitationFactory(token="revoke-me", body=world.town)

    actions.revoke_invitation(acting_user=world.staff, invitation=invitation)
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        actions.accept_invitation(token="revoke-me", username="neu", password=PASSWORD)
    assert "widerrufen" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        actions.resend_invitation(
            acting_user=world.staff, invitation=invitation, accept_url=accept_url
        )
    assert users_state() == before
    assert AuditEntry.objects.filter(subject_id=invitation.pk, changes__has_key="revoked_at")


def test_a_body_manager_cannot_touch_another_bodys_invitation(world):
    invitation = InvitationFactory(body=world.other_town)
    before = users_state()

    with pytest.raises(PermissionDenied):
        actions.revoke_invitation(acting_user=world.town_manager, invitation=invitation)
    with pytest.raises(PermissionDenied):
        actions.resend_invitation(
            acting_user=world.town_manager, invitation=invitation, accept_url=accept_url
        )

    assert users_state() == before


def test_invitations_with_a_role_the_manager_may_not_give_are_out_of_reach(world):
    """Resending an invitation grants its role anew: the staff unit leaves an administrator's
    invitation alone, a body's user manager an invitation of the staff unit's role."""
    for manager, role in (
        (world.staff, User.Role.ADMINISTRATOR),
        (world.town_manager, "STAFF_UNIT"),
    ):
        invitation = InvitationFactory(body=world.town, role=role)
        before = users_state()

        with pytest.raises(PermissionDenied):
            actions.resend_invitation(
                acting_user=manager, invitation=invitation, accept_url=accept_url
            )
        with pytest.raises(PermissionDenied):
            actions.revoke_invitation(acting_user=manager, invitation=invitation)

        assert users_state() == before
        assert mail.outbox == []


# Accepting ---------------------------------------------------------------------------------


def test_accepting_creates_the_active_account_with_the_invited_role(world):
    invitation = InvitationFactory(
        token="welcome",
        email="neu@siegburg.de",
        role=User.Role.MUNICIPALITY_EDITOR,
        body=world.town,
        org_unit=world.town_unit,
        manages_body_users=True,
    )

    user = actions.accept_invitation(
        token="welcome", username="neu", password=PASSWORD, first_name="Nina", last_name="Neu"
    )

    assert (user.role, user.body, user.org_unit, user.manages_body_users, user.is_active) == (
        User.Role.MUNICIPALITY_EDITOR,
        world.town,
        world.town_unit,
        True,
        True,
    )
    assert (user.email, user.get_full_name()) == ("neu@siegburg.de", "Nina Neu")
    assert not user.is_staff
    assert user.check_password(PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_user == user
    assert invitation.accepted_at is not None
    created = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, subject_id=user.pk)
    assert created.actor == user
    assert "password" not in created.changes
    assert _can_log_in("neu", PASSWORD)


def test_an_invited_administrator_gets_the_django_admin(world):
    InvitationFactory(token="admin", role=User.Role.ADMINISTRATOR)

    user = actions.accept_invitation(token="admin", username="neu-admin", password=PASSWORD)

    assert (user.is_staff, user.is_superuser, user.is_administrator) == (True, True, True)


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("welcome-tampered", "invitation_unknown"),
        ("", "invitation_unknown"),
        ("used", "invitation_accepted"),
        ("expired", "invitation_expired"),
    ],
)
def test_bad_links_are_refused_and_change_nothing(world, token, code):
    InvitationFactory(token="welcome")
    InvitationFactory(token="used", accepted_at=timezone.now(), accepted_user=world.town_editor)
    InvitationFactory(token="expired", expires_at=timezone.now() - datetime.timedelta(minutes=1))
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        actions.accept_invitation(token=token, username="neu", password=PASSWORD)

    assert refused.value.code == code
    assert users_state() == before


@pytest.mark.parametrize(
    ("username", "password", "field", "message"),
    [
        ("siegburg", PASSWORD, "username", "bereits vergeben"),
        ("SIEGBURG", PASSWORD, "username", "bereits vergeben"),
        ("mit leerzeichen", PASSWORD, "username", "gültigen Benutzernamen"),
        ("neu", "kurz", "password1", "zu kurz"),
        ("neu", "93817264509", "password1", "komplett numerisch"),
        ("neu", "password", "password1", "zu üblich"),
        ("invitee-neu", "invitee-neu1", "password1", "zu ähnlich"),
    ],
)
def test_bad_user_names_and_passwords_are_refused(world, username, password, field, message):
    InvitationFactory(token="welcome", email="invitee-neu@example.org")
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        actions.accept_invitation(token="welcome", username=username, password=password)

    assert any(message in text for text in refused.value.message_dict[field]), refused.value
    assert users_state() == before


def test_an_invitation_is_refused_once_the_address_got_an_account_otherwise(world):
    InvitationFactory(token="welcome", email="spaeter@example.org")
    UserFactory(email="Spaeter@example.org")
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        actions.accept_invitation(token="welcome", username="neu", password=PASSWORD)

    assert refused.value.code == "account_exists"
    assert users_state() == before


# Changing users ----------------------------------------------------------------------------


def _update(world, user, acting_user=None, **values):
    values = {
        "role": user.role,
        "body": user.body,
        "org_unit": user.org_unit,
        "manages_body_users": user.manages_body_users,
        "person": user.person,
    } | values
    return actions.update_user(acting_user=acting_user or world.staff, user=user, **values)


def test_the_staff_unit_changes_role_body_unit_and_person(world):
    person = PersonFactory()

    user = _update(
        world,
        world.town_reader,
        role=User.Role.UNIT_EDITOR,
        body=world.county,
        org_unit=world.office,
        person=person,
    )

    user.refresh_from_db()
    assert (user.role, user.body, user.org_unit, user.person) == (
        User.Role.UNIT_EDITOR,
        world.county,
        world.office,
        person,
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, subject_id=user.pk)
    assert entry.actor == world.staff
    assert entry.changes["role"] == ["READER", "UNIT_EDITOR"]
    assert entry.changes["body"] == ["Siegburg", "Rhein-Sieg-Kreis"]


def test_an_administrator_appoints_another_and_takes_the_role_back(world):
    user = _update(world, world.staff, acting_user=world.admin, role=User.Role.ADMINISTRATOR)
    assert (user.is_staff, user.is_superuser) == (True, True)

    user = _update(world, user, acting_user=world.admin, role=User.Role.STAFF_UNIT)
    assert (user.is_staff, user.is_superuser, user.is_administrator) == (False, False, False)


@pytest.mark.parametrize(
    ("manager", "target", "values", "field"),
    [
        ("town_manager", "town_reader", {"role": User.Role.STAFF_UNIT}, "role"),
        ("town_manager", "town_reader", {"body": "other_town"}, "body"),
        ("staff", "town_reader", {"role": User.Role.ADMINISTRATOR}, "role"),
        (
            "staff",
            "town_reader",
            {"manages_body_users": True, "body": "county"},
            "manages_body_users",
        ),
        ("admin", "admin", {"role": User.Role.READER}, "role"),
    ],
)
def test_changes_beyond_the_rules_are_refused(world, manager, target, values, field):
    values = {
        name: getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value
        for name, value in values.items()
    }
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        _update(world, getattr(world, target), acting_user=getattr(world, manager), **values)

    assert field in refused.value.message_dict
    assert users_state() == before


def test_a_person_linked_to_someone_else_is_refused(world):
    person = PersonFactory()
    world.town_editor.person = person
    world.town_editor.save()
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        _update(world, world.town_reader, person=person)

    assert "person" in refused.value.message_dict
    assert users_state() == before


def test_a_body_manager_links_only_people_of_their_body(world):
    outsider = PersonFactory()
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        _update(world, world.town_reader, acting_user=world.town_manager, person=outsider)

    assert "person" in refused.value.message_dict
    assert users_state() == before


@pytest.mark.parametrize(
    ("who", "values"),
    [
        ("town_manager", {"role": User.Role.READER}),
        ("town_manager", {"manages_body_users": False}),
        ("town_manager", {"org_unit": "town_unit"}),
        ("staff", {"role": User.Role.READER}),
        ("staff", {"org_unit": None, "body": "town"}),
    ],
)
def test_nobody_but_an_administrator_changes_their_own_account(world, who, values):
    values = {
        name: getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value
        for name, value in values.items()
    }
    user = getattr(world, who)
    before = users_state()

    with pytest.raises(PermissionDenied):
        _update(world, user, acting_user=user, **values)

    assert users_state() == before


@pytest.mark.parametrize(
    ("manager", "target"),
    [
        ("town_manager", "other_town_user"),
        ("town_manager", "staff"),
        ("staff", "admin"),
        ("town_editor", "town_reader"),
        ("unit_editor", "town_reader"),
    ],
)
def test_users_out_of_reach_cannot_be_changed_nor_deactivated(world, manager, target):
    acting_user, user = getattr(world, manager), getattr(world, target)
    before = users_state()

    with pytest.raises(PermissionDenied):
        _update(world, user, acting_user=acting_user, role=User.Role.READER)
    with pytest.raises(PermissionDenied):
        actions.deactivate_user(acting_user=acting_user, user=user)

    assert users_state() == before


# Deactivating ------------------------------------------------------------------------------


def _can_log_in(username, password):
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return SESSION_KEY in client.session


def _logged_in_client(user):
    client = Client()
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    return client


def test_a_deactivated_user_is_logged_out_and_cannot_log_in(world):
    client = _logged_in_client(world.town_editor)
    other_session = _logged_in_client(world.town_reader)

    actions.deactivate_user(acting_user=world.town_manager, user=world.town_editor)

    world.town_editor.refresh_from_db()
    assert world.town_editor.is_active is False
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not _can_log_in("siegburg", "test-password-123")
    assert other_session.get(reverse("dashboard")).status_code == 200
    entry = AuditEntry.objects.get(subject_id=world.town_editor.pk, action="UPDATE")
    assert entry.changes == {"is_active": [True, False]}

    actions.reactivate_user(acting_user=world.town_manager, user=world.town_editor)
    assert _can_log_in("siegburg", "test-password-123")
    # The sessions from before the deactivation stay ended.
    assert client.get(reverse("dashboard")).status_code == 302


def test_nobody_deactivates_themself(world):
    before = users_state()

    for user in (world.admin, world.staff, world.town_manager):
        with pytest.raises(PermissionDenied):
            actions.deactivate_user(acting_user=user, user=user)

    assert users_state() == before


def test_the_last_active_administrator_keeps_the_role(world):
    other = AdministratorFactory(username="admin2")
    actions.deactivate_user(acting_user=world.admin, user=other)
    before = users_state()

    with pytest.raises(ValidationError) as refused:
        _update(world, world.admin, acting_user=world.admin, role=User.Role.STAFF_UNIT)

    assert "letzte aktive Administrator" in refused.value.message_dict["role"][0]
    assert users_state() == before
    actions.reactivate_user(acting_user=world.admin, user=other)
    user = _update(world, world.admin, acting_user=world.admin, role=User.Role.STAFF_UNIT)
    assert not user.is_administrator
