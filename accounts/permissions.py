"""Who must use, and who may reset, a second factor."""

from django.conf import settings

from .models import User


def second_factor_required(user):
    """Whether the user's role is one of MFA_REQUIRED_ROLES (superusers count as
    administrators)."""
    if not (user.is_authenticated and user.is_active):
        return False
    required = set(settings.MFA_REQUIRED_ROLES)
    return user.role in required or (user.is_superuser and User.Role.ADMINISTRATOR in required)


def can_reset_second_factor(user):
    """Administrators reset another user's second factor (say, a lost phone)."""
    return user.is_authenticated and user.is_administrator
