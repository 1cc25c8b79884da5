"""Changes of an account: its second factor, its sessions and its password. Each is audited."""

import time
from binascii import unhexlify
from dataclasses import dataclass

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from audit.recording import record_account_event

from .addresses import client_address
from .models import User
from .permissions import can_reset_second_factor

RECOVERY_CODE_COUNT = 10


@dataclass(frozen=True)
class SecondFactorCheck:
    """An accepted second step: the device that took the code; after a recovery code, how
    many are left (None after an app code)."""

    device: object
    recovery_codes_left: int | None


TOTP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"


def normalised_code(code):
    """A code as typed: without spaces and hyphens, in lower case (recovery codes are)."""
    return "".join(code.split()).replace("-", "").lower()


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_totp_enrolment(*, acting_user, key, code, address=None):
    """Make the authenticator app with the secret `key` (hex) the user's second factor, once
    `code` shows that the app computes its codes; replaces an earlier app and the recovery
    codes. Returns the new recovery codes, shown to the user once."""
    totp = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6)
    totp.time = time.time()
    code = normalised_code(code)
    if not (code.isdigit() and len(code) == 6 and totp.verify(int(code), tolerance=1)):
        raise ValidationError(
            _("The code does not match. Please enter the six-digit code your app shows now."),
            code="wrong_code",
        )
    TOTPDevice.objects.filter(user=acting_user).delete()
    TOTPDevice.objects.create(
        user=acting_user, name=TOTP_DEVICE_NAME, key=key, confirmed=True, last_t=totp.t()
    )
    codes = _new_recovery_codes(acting_user)
    record_account_event(action=AuditEntry.Action.MFA_ENABLE, user=acting_user, address=address)
    return codes


@transaction.atomic
def renew_recovery_codes(*, acting_user, address=None):
    """New recovery codes for a user with a second factor; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=acting_user, confirmed=True).exists():
        raise ValidationError(
            _("Set up the second factor first; the recovery codes come with it."),
            code="no_second_factor",
        )
    codes = _new_recovery_codes(acting_user)
    record_account_event(action=AuditEntry.Action.MFA_CODES, user=acting_user, address=address)
    return codes


@transaction.atomic
def reset_second_factor(*, acting_user, user, address=None):
    """An administrator removes a user's authenticator app and recovery codes (e.g. after a
    lost phone); where a second factor is required, the user sets up a new one at the next
    login."""
    if not can_reset_second_factor(acting_user):
        raise ValidationError(_("Only administrators may reset a second factor."), code="forbidden")
    if not TOTPDevice.objects.filter(user=user).exists():
        raise ValidationError(
            _("%(user)s has no second factor to reset.") % {"user": user}, code="none"
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_account_event(
        action=AuditEntry.Action.MFA_RESET, user=user, actor=acting_user, address=address
    )


@transaction.atomic
def log_out_everywhere(*, acting_user, address=None):
    """End every session of the user on every device, this one included: the session auth
    hash includes the session generation, so raising it voids them all."""
    User.objects.filter(pk=acting_user.pk).update(session_generation=F("session_generation") + 1)
    acting_user.refresh_from_db(fields=["session_generation"])
    record_account_event(action=AuditEntry.Action.LOGOUT_ALL, user=acting_user, address=address)


@transaction.atomic
def change_password(*, acting_user, form, request):
    """Save the new password of a validated PasswordChangeForm; the user's other sessions end,
    this one goes on."""
    form.save()
    update_session_auth_hash(request, acting_user)
    record_account_event(
        action=AuditEntry.Action.PASSWORD_CHANGE, user=acting_user, address=client_address(request)
    )


@transaction.atomic
def reset_password(*, form, address=None):
    """Save the new password of a validated SetPasswordForm reached through a reset mail; every
    session of the user ends."""
    user = form.save()
    record_account_event(action=AuditEntry.Action.PASSWORD_RESET, user=user, address=address)
    return user


@transaction.atomic
def verify_second_factor(*, user, code):
    """Check the second step of `user`'s login: a six-digit code of the authenticator app
    (each accepted once: a code's time step must be later than the last one used) or a
    recovery code (deleted as it is used). Returns the SecondFactorCheck, or None."""
    code = normalised_code(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None or not code or not device.verify_token(code):
        return None
    if isinstance(device, StaticDevice):
        return SecondFactorCheck(device=device, recovery_codes_left=device.token_set.count())
    return SecondFactorCheck(device=device, recovery_codes_left=None)
