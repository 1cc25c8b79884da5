"""Session rules of local accounts: idle sessions end, and users who must have a second factor
set one up before they do anything else."""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

from audit.models import AuditEntry

from .permissions import second_factor_required
from .queries import has_second_factor
from .receivers import LAST_SEEN_SESSION_KEY, WAY_IN_SESSION_KEY

# The last request's time is stored at most this often (seconds), not on every request.
LAST_SEEN_PRECISION = 60


def _htmx_aware(request, response):
    """htmx would swap a redirect's target into the page; it gets HX-Redirect instead, so the
    browser loads the login as a page (and comes back to the page it showed)."""
    if getattr(request, "htmx", False) and response.status_code == 302:
        login_path = resolve_url(settings.LOGIN_URL)
        if urlsplit(response["Location"]).path == login_path:
            current = request.htmx.current_url_abs_path or "/"
            return HttpResponseClientRedirect(redirect_to_login(current)["Location"])
    return response


class SessionIdleTimeoutMiddleware:
    """After SESSION_IDLE_MINUTES without a request the session ends; the next request goes to
    the login with a message, htmx requests by HX-Redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._idle_logout(request) or self.get_response(request)
        return _htmx_aware(request, response)

    def _idle_logout(self, request):
        if not request.user.is_authenticated:
            return None
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
        minutes = settings.SESSION_IDLE_MINUTES
        if last_seen is not None and now - last_seen > minutes * 60:
            request.logout_reason = AuditEntry.Reason.IDLE
            logout(request)
            messages.info(
                request,
                ngettext(
                    "You were logged out after %(minutes)d minute without activity.",
                    "You were logged out after %(minutes)d minutes without activity.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return redirect_to_login(request.get_full_path())
        if last_seen is None or now - last_seen >= LAST_SEEN_PRECISION:
            request.session[LAST_SEEN_SESSION_KEY] = now
        return None


# What a user who must set up a second factor may still open.
ENROLMENT_URL_NAMES = {
    "second_factor_enrol",
    "recovery_codes",
    "login",
    "login_second_factor",
    "logout",
    "set_language",
}


class SecondFactorEnrolmentMiddleware:
    """A user whose role needs a second factor (MFA_REQUIRED_ROLES) and who has none is sent to
    its set-up page from every page until they have one; single sign-on leaves the second
    factor to the identity provider."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not second_factor_required(user):
            return None
        if request.session.get(WAY_IN_SESSION_KEY) == AuditEntry.WayIn.SSO:
            return None
        match = request.resolver_match
        if match is not None and not match.namespace and match.url_name in ENROLMENT_URL_NAMES:
            return None
        if has_second_factor(user):
            return None
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(resolve_url("second_factor_enrol"))
        return redirect("second_factor_enrol")
