"""Who manages whom, and which roles and bodies each manager may give."""

import pytest

from accounts.models import User
from user_management import permissions

pytestmark = pytest.mark.django_db


def test_who_opens_the_user_management(world):
    opens = {
        name
        for name in (
            "admin",
            "staff",
            "unit_editor",
            "town_manager",
            "town_editor",
            "town_reader",
            "other_town_user",
        )
        if permissions.can_manage_users(getattr(world, name))
    }

    assert opens == {"admin", "staff", "town_manager"}


def test_a_deactivated_manager_manages_nobody(world):
    world.town_manager.is_active = False

    assert not permissions.can_manage_users(world.town_manager)
    assert not permissions.manageable_users(world.town_manager).exists()


def test_a_manager_flag_without_a_body_manages_nobody(world):
    world.town_manager.body = None

    assert not permissions.can_manage_users(world.town_manager)


def test_a_body_manager_manages_the_users_of_their_body_only(world):
    managed = set(permissions.manageable_users(world.town_manager))

    assert managed == {world.town_manager, world.town_editor, world.town_reader}
    assert permissions.can_manage_user(world.town_manager, world.town_reader)
    assert not permissions.can_manage_user(world.town_manager, world.other_town_user)
    assert not permissions.can_manage_user(world.town_manager, world.staff)


def test_a_body_manager_never_manages_administrators_or_the_staff_unit_of_their_body(world):
    world.town_reader.role = User.Role.STAFF_UNIT
    world.town_editor.is_superuser = True

    assert not permissions.can_manage_user(world.town_manager, world.town_reader)
    assert not permissions.can_manage_user(world.town_manager, world.town_editor)


def test_the_staff_unit_manages_everyone_but_administrators(world):
    assert permissions.manageable_users(world.staff).count() == User.objects.count()
    assert permissions.can_manage_user(world.staff, world.other_town_user)
    assert not permissions.can_manage_user(world.staff, world.admin)
    assert permissions.can_manage_user(world.admin, world.admin)
    world.admin.is_active = False
    assert not permissions.can_manage_user(world.staff, world.admin)


def test_the_roles_each_manager_gives(world):
    assert permissions.grantable_roles(world.admin) == list(User.Role)
    assert User.Role.ADMINISTRATOR not in permissions.grantable_roles(world.staff)
    assert User.Role.STAFF_UNIT in permissions.grantable_roles(world.staff)
    assert permissions.grantable_roles(world.town_manager) == [
        User.Role.MUNICIPALITY_EDITOR,
        User.Role.READER,
    ]
    assert permissions.grantable_roles(world.town_editor) == []


def test_the_bodies_and_units_each_manager_assigns(world):
    assert list(permissions.assignable_bodies(world.town_manager)) == [world.town]
    assert set(permissions.assignable_org_units(world.town_manager)) == {world.town_unit}
    assert set(permissions.assignable_bodies(world.staff)) == {
        world.county,
        world.town,
        world.other_town,
    }
    assert not permissions.assignable_bodies(world.unit_editor).exists()


def test_nobody_deactivates_themself(world):
    for name in ("admin", "staff", "town_manager"):
        user = getattr(world, name)
        assert not permissions.can_deactivate_user(user, user)
    assert permissions.can_deactivate_user(world.town_manager, world.town_editor)
