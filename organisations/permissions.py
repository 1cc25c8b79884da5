"""Who may read what of the organisation.

Every logged-in user reads every body's public reference data (name, keys, population, area,
website). A body's internal organisation (units, functions and who holds them) is read by
everyone except users of another municipality: a municipality's users read the internals of
their own municipality and of the county (and of associations), never of another municipality.
Which initiatives a page lists is decided by portfolio.permissions.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Body, OrgUnit


def is_municipality_user(user):
    return (
        not user.is_staff_unit
        and user.body_id is not None
        and user.body.kind == Body.Kind.MUNICIPALITY
    )


def can_view_organisation(user):
    return user.is_authenticated and user.is_active


def can_view_body_internals(user, body):
    """Units and functions of `body` (see the module docstring)."""
    if not can_view_organisation(user):
        return False
    if body.kind != Body.Kind.MUNICIPALITY or not is_municipality_user(user):
        return True
    return body.pk == user.body_id


def get_body_for_user(user, pk):
    """The body with its parent; 404 if missing, 403 if the user may not read the organisation."""
    if not can_view_organisation(user):
        raise PermissionDenied
    return get_object_or_404(Body.objects.select_related("parent"), pk=pk)


def get_org_unit_for_user(user, pk):
    """The unit with its body and parent; 404 if missing, 403 if its body's internals are closed."""
    if not can_view_organisation(user):
        raise PermissionDenied
    unit = get_object_or_404(OrgUnit.objects.select_related("body", "parent"), pk=pk)
    if not can_view_body_internals(user, unit.body):
        raise PermissionDenied
    return unit
