"""Who may read and change the online offers, assessments and shared solutions.

- Administrators and the staff unit read and change everything.
- A municipality editor maintains the offers of their own body and sets their own body's
  roll-out status of shared solutions.
- Users of the county (readers, unit editors) read the offers of the county and of every
  municipality.
- Users of a municipality read their own body's and the county's offers and roll-outs, never
  another municipality's.
- Shared solutions themselves are created and changed by the staff unit only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from organisations.models import Body

from .models import ServiceOffer, SharedSolution

OFFER_BODY_KINDS = (Body.Kind.COUNTY, Body.Kind.MUNICIPALITY)


def _active(user):
    return user.is_authenticated and user.is_active


def _is_municipality_user(user):
    return (
        not user.is_staff_unit
        and user.body_id is not None
        and user.body.kind == Body.Kind.MUNICIPALITY
    )


def visible_bodies_filter(user):
    """A Q on Body selecting the bodies whose offers `user` reads (raises for anonymous)."""
    if not _active(user):
        raise PermissionDenied
    if _is_municipality_user(user):
        return Q(pk=user.body_id) | Q(pk=user.body.parent_id)
    return Q(kind__in=OFFER_BODY_KINDS)


def visible_bodies(user):
    return Body.objects.filter(visible_bodies_filter(user)).order_by("kind", "name")


def can_view_body(user, body):
    if not _active(user):
        return False
    if _is_municipality_user(user):
        return body.pk in (user.body_id, user.body.parent_id)
    return body.kind in OFFER_BODY_KINDS


def can_edit_body_offers(user, body):
    """Create and change the offers of `body`, record their assessments, import its Excel file."""
    if not _active(user):
        return False
    if user.is_staff_unit:
        return body.kind in OFFER_BODY_KINDS
    return user.role == user.Role.MUNICIPALITY_EDITOR and user.body_id == body.pk


def can_manage_solutions(user):
    return _active(user) and user.is_staff_unit


def can_view_solutions(user):
    return _active(user)


def can_set_rollout(user, body):
    """Set the roll-out status of a shared solution in `body`."""
    return can_edit_body_offers(user, body)


def get_body_for_user_or_404(user, pk, *, edit=False):
    if not _active(user):
        raise PermissionDenied
    body = get_object_or_404(Body.objects.select_related("parent"), pk=pk)
    allowed = can_edit_body_offers(user, body) if edit else can_view_body(user, body)
    if not allowed:
        raise PermissionDenied
    return body


def get_offer_for_user_or_404(user, pk, *, edit=False):
    if not _active(user):
        raise PermissionDenied
    offer = get_object_or_404(
        ServiceOffer.objects.select_related(
            "body", "service", "service__topic", "solution", "initiative", "current_model"
        ),
        pk=pk,
    )
    allowed = can_edit_body_offers(user, offer.body) if edit else can_view_body(user, offer.body)
    if not allowed:
        raise PermissionDenied
    return offer


def get_solution_for_user_or_404(user, pk, *, manage=False):
    if not (can_manage_solutions(user) if manage else can_view_solutions(user)):
        raise PermissionDenied
    return get_object_or_404(SharedSolution.objects.select_related("initiative"), pk=pk)
