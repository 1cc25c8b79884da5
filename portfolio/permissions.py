"""Who may read and change what in the register. Every portfolio view goes through these.

Roles (accounts.User.Role):
- administrators and the staff unit read and change everything;
- unit editors change the initiatives of their unit and its sub-units;
- municipality editors change the initiatives of their municipality;
- readers read.
Users of a municipality (whatever their role) read only their municipality's initiatives, those
it takes part in, and those of the county; never another municipality's.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from organisations.models import Body, OrgUnit

from .models import Initiative


def _is_municipality_user(user):
    return (
        not user.is_staff_unit
        and user.body_id is not None
        and user.body.kind == Body.Kind.MUNICIPALITY
    )


def unit_scope_ids(user):
    """The ids of the user's unit and all units below it (cached on the user for the request)."""
    if user.org_unit_id is None:
        return frozenset()
    cached = getattr(user, "_unit_scope_ids", None)
    if cached is None:
        found, frontier = {user.org_unit_id}, [user.org_unit_id]
        while frontier:
            frontier = list(
                OrgUnit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)
            )
            found.update(frontier)
        cached = user._unit_scope_ids = frozenset(found)
    return cached


def visible_initiatives_filter(user):
    """A Q object selecting the initiatives `user` may read (raises for anonymous users)."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if not _is_municipality_user(user):
        return Q()
    return (
        Q(owner_body_id=user.body_id)
        | Q(participating_bodies__id=user.body_id)
        | Q(owner_body_id=user.body.parent_id)
    )


def can_view_initiative(user, initiative):
    if not user.is_authenticated or not user.is_active:
        return False
    if not _is_municipality_user(user):
        return True
    return (
        initiative.owner_body_id in (user.body_id, user.body.parent_id)
        or initiative.participating_bodies.filter(id=user.body_id).exists()
    )


def can_create_initiative(user):
    return user.is_authenticated and (
        user.is_staff_unit or user.role in (user.Role.UNIT_EDITOR, user.Role.MUNICIPALITY_EDITOR)
    )


def can_edit_initiative(user, initiative):
    """Change the initiative, its milestones, budget lines, links, and report on it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff_unit:
        return True
    if user.role == user.Role.UNIT_EDITOR:
        return initiative.owner_unit_id in unit_scope_ids(user)
    if user.role == user.Role.MUNICIPALITY_EDITOR:
        return initiative.owner_body_id == user.body_id
    return False


def can_delete_initiative(user, initiative):
    return user.is_authenticated and user.is_staff_unit


def get_initiative_for_user(user, pk, *, for_edit=False):
    """The initiative, if `user` may read it (or change it, with for_edit); else 403/404."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("owner_body", "owner_unit", "parent"), pk=pk
    )
    if not can_view_initiative(user, initiative):
        raise PermissionDenied
    if for_edit and not can_edit_initiative(user, initiative):
        raise PermissionDenied
    return initiative
