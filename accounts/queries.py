"""Reading an account's second factor and its recent logins."""

from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry

from .models import User
from .permissions import second_factor_required


def totp_device(user):
    """The user's confirmed authenticator app (TOTP device), or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_second_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def recent_logins(user, *, limit=10):
    """Newest first: the user's last logins and failed logins, with address and way in."""
    return list(
        AuditEntry.objects.filter(
            subject_type=ContentType.objects.get_for_model(User),
            subject_id=str(user.pk),
            action__in=[AuditEntry.Action.LOGIN, AuditEntry.Action.LOGIN_FAILED],
        ).order_by("-created_at", "-id")[:limit]
    )


def account_page(user):
    """What the user's own account page shows."""
    return {
        "has_second_factor": has_second_factor(user),
        "second_factor_required": second_factor_required(user),
        "recovery_codes_left": recovery_codes_left(user),
        "has_password": user.has_usable_password(),
        "logins": recent_logins(user),
    }


def recovery_codes_page(user):
    return {"left": recovery_codes_left(user), "has_second_factor": has_second_factor(user)}


def pending_login_user(pk):
    """The active user whose login waits for its second step, or None."""
    return User.objects.filter(pk=pk, is_active=True).first()
