"""Who may read and change the strategy. Every strategy view goes through these.

The strategy is the county's shared frame: every logged-in, active user reads all of it;
only the staff unit for digitalisation and administrators change goals, indicators and values.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Goal, Indicator, IndicatorValue


def can_view_strategy(user):
    return user.is_authenticated and user.is_active


def can_change_strategy(user):
    return user.is_authenticated and user.is_staff_unit


def _check(user, *, for_edit):
    if not can_view_strategy(user) or (for_edit and not can_change_strategy(user)):
        raise PermissionDenied


def check_can_change_strategy(user):
    """Refuse (403) a user who may not change the strategy, e.g. before showing a create form."""
    _check(user, for_edit=True)


def get_goal_for_user(user, pk, *, for_edit=False):
    _check(user, for_edit=for_edit)
    return get_object_or_404(Goal.objects.select_related("field", "owner_unit"), pk=pk)


def get_indicator_for_user(user, pk, *, for_edit=False):
    _check(user, for_edit=for_edit)
    return get_object_or_404(Indicator.objects.select_related("goal__field"), pk=pk)


def get_indicator_value_for_user(user, pk, *, for_edit=False):
    _check(user, for_edit=for_edit)
    return get_object_or_404(IndicatorValue.objects.select_related("indicator__goal__field"), pk=pk)
