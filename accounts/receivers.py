"""The audit of every login, failed login and logout, whichever way the user came in.

Django sends the signals for the login form (local accounts and the directory), for single
sign-on and for the second step of the login (accounts.views.LoginSecondFactorView).
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from audit.models import AuditEntry
from audit.recording import record_account_event

from .addresses import client_address

# Session keys: how the user came in, and when they last made a request (seconds).
WAY_IN_SESSION_KEY = "accounts_way_in"
LAST_SEEN_SESSION_KEY = "accounts_last_seen"


def _optional_class(path):
    try:
        return import_string(path)
    except ImportError:
        return None


def way_in_for_backend(backend_path):
    """How a user authenticated by the backend at `backend_path` came in."""
    try:
        backend = import_string(backend_path)
    except ImportError:
        return AuditEntry.WayIn.LOCAL
    for base_path, way_in in (
        ("mozilla_django_oidc.auth.OIDCAuthenticationBackend", AuditEntry.WayIn.SSO),
        ("django_auth_ldap.backend.LDAPBackend", AuditEntry.WayIn.DIRECTORY),
    ):
        base = _optional_class(base_path)
        if base is not None and isinstance(backend, type) and issubclass(backend, base):
            return way_in
    return AuditEntry.WayIn.LOCAL


@receiver(user_logged_in, dispatch_uid="accounts_audit_login")
def audit_login(sender, request, user, **kwargs):
    way_in = way_in_for_backend(getattr(user, "backend", "") or "")
    if request is not None and hasattr(request, "session"):
        request.session[WAY_IN_SESSION_KEY] = way_in
        request.session[LAST_SEEN_SESSION_KEY] = int(time.time())
    record_account_event(
        action=AuditEntry.Action.LOGIN,
        user=user,
        address=client_address(request),
        way_in=way_in,
    )


@receiver(user_login_failed, dispatch_uid="accounts_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")
    user_model = get_user_model()
    user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
    if getattr(request, "axes_locked_out", False):
        reason = AuditEntry.Reason.LOCKED
    else:
        reason = getattr(request, "login_failure_reason", AuditEntry.Reason.CREDENTIALS)
    record_account_event(
        action=AuditEntry.Action.LOGIN_FAILED,
        user=user,
        username=username,
        address=client_address(request),
        reason=reason,
    )


@receiver(user_logged_out, dispatch_uid="accounts_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None:
        return
    session = getattr(request, "session", {})
    record_account_event(
        action=AuditEntry.Action.LOGOUT,
        user=user,
        address=client_address(request),
        way_in=session.get(WAY_IN_SESSION_KEY, ""),
        reason=getattr(request, "logout_reason", ""),
    )
