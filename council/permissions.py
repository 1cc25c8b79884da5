"""Who may read and change the council decisions. Every council view goes through these.

- Administrators and the staff unit read and change everything.
- Other internal users of the county read every council decision.
- Users of a municipality read only the decisions on public papers in public consultations
  (a non-public paper is the county's internal business).
- Anonymous visitors are sent to the login by the views.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from organisations.models import Body

from .models import CouncilDecision


def _is_active_user(user):
    return user.is_authenticated and user.is_active


def is_municipality_user(user):
    return (
        _is_active_user(user)
        and not user.is_staff_unit
        and user.body_id is not None
        and user.body.kind == Body.Kind.MUNICIPALITY
    )


def can_manage_council_decisions(user):
    """Record decisions and change their implementation: the staff unit."""
    return _is_active_user(user) and user.is_staff_unit


def visible_decisions_filter(user):
    """A Q selecting the council decisions `user` may read (raises for anonymous users)."""
    if not _is_active_user(user):
        raise PermissionDenied
    if is_municipality_user(user):
        return Q(consultation__paper__is_public=True, consultation__is_public=True)
    return Q()


def can_view_council_decision(user, decision):
    if not _is_active_user(user):
        return False
    if is_municipality_user(user):
        return decision.consultation.paper.is_public and decision.consultation.is_public
    return True


def can_view_action_items(user):
    """Action items are the steering group's internal work: not for municipalities."""
    return _is_active_user(user) and not is_municipality_user(user)


def get_council_decision_for_user_or_404(user, pk, *, manage=False):
    decision = get_object_or_404(
        CouncilDecision.objects.select_related(
            "consultation",
            "consultation__paper",
            "consultation__organization",
            "consultation__meeting",
            "consultation__meeting__organization",
            "consultation__agenda_item",
            "owner_unit",
            "owner_unit__body",
            "owner_person",
            "recorded_by",
        ),
        pk=pk,
    )
    allowed = (
        can_manage_council_decisions(user) if manage else can_view_council_decision(user, decision)
    )
    if not allowed:
        raise PermissionDenied
    return decision
