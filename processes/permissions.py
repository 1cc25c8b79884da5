"""Who may read and change the business processes. Every processes view goes through these.

- the staff unit (and administrators) read and change every process;
- unit editors change the processes of their unit and its sub-units;
- municipality editors change the processes of their municipality's units;
- everyone else internal reads.
A municipality's users read only their own body's processes and the county's, never another
municipality's (as in the register, portfolio.permissions).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from organisations.models import Body, OrgUnit
from portfolio.permissions import unit_scope_ids
from topics.permissions import can_submit_topic

from .models import BusinessProcess


def _is_active(user):
    return user is not None and user.is_authenticated and user.is_active


def _is_municipality_user(user):
    return (
        not user.is_staff_unit
        and user.body_id is not None
        and user.body.kind == Body.Kind.MUNICIPALITY
    )


def visible_processes_filter(user):
    """A Q object selecting the processes `user` may read (raises for anonymous users)."""
    if not _is_active(user):
        raise PermissionDenied
    if not _is_municipality_user(user):
        return Q()
    bodies = [user.body_id]
    if user.body.parent_id is not None:
        bodies.append(user.body.parent_id)
    return Q(org_unit__body_id__in=bodies)


def visible_processes(user):
    return BusinessProcess.objects.filter(visible_processes_filter(user))


def visible_bodies(user):
    """The bodies whose processes `user` may read (for the list's filter)."""
    if not _is_municipality_user(user):
        return Body.objects.all()
    return Body.objects.filter(Q(pk=user.body_id) | Q(pk=user.body.parent_id))


def visible_units(user):
    return OrgUnit.objects.filter(body__in=visible_bodies(user))


def can_view_process(user, process):
    if not _is_active(user):
        return False
    if not _is_municipality_user(user):
        return True
    return process.org_unit.body_id in (user.body_id, user.body.parent_id)


def editable_units(user):
    """The units whose processes `user` maintains: existing ones in their scope."""
    if not _is_active(user):
        return OrgUnit.objects.none()
    if user.is_staff_unit:
        scope = Q()
    elif user.role == user.Role.UNIT_EDITOR:
        scope = Q(id__in=unit_scope_ids(user))
    elif user.role == user.Role.MUNICIPALITY_EDITOR and user.body_id is not None:
        scope = Q(body_id=user.body_id)
    else:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(scope, valid_until__isnull=True)


def can_maintain_unit(user, unit):
    """May `user` create, change and delete processes of `unit`?"""
    if not _is_active(user) or unit is None:
        return False
    if user.is_staff_unit:
        return True
    if user.role == user.Role.UNIT_EDITOR:
        return unit.pk in unit_scope_ids(user)
    if user.role == user.Role.MUNICIPALITY_EDITOR:
        return user.body_id is not None and unit.body_id == user.body_id
    return False


def can_create_process(user):
    return _is_active(user) and (
        user.is_staff_unit or user.role in (user.Role.UNIT_EDITOR, user.Role.MUNICIPALITY_EDITOR)
    )


def can_edit_process(user, process):
    return can_maintain_unit(user, process.org_unit)


def can_submit_process_topic(user, process):
    """Put the process to the steering group: whoever maintains it, once."""
    return process.topic_id is None and can_edit_process(user, process) and can_submit_topic(user)


def get_process_for_user_or_404(user, pk, *, for_edit=False):
    """The process, if `user` may read it (or change it, with for_edit); else 403/404."""
    process = get_object_or_404(
        BusinessProcess.objects.select_related("org_unit__body", "service", "topic"), pk=pk
    )
    if not can_view_process(user, process):
        raise PermissionDenied
    if for_edit and not can_edit_process(user, process):
        raise PermissionDenied
    return process
