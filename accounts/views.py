"""The login with its second step, the user's own account page and its second factor, password
change and reset, and an administrator's reset of a user's second factor."""

import secrets
from base64 import b32encode
from urllib.parse import urlsplit

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry

from . import actions, login_flow, queries
from .addresses import client_address
from .forms import EnrolmentForm, SecondFactorForm
from .models import User
from .permissions import can_reset_second_factor, second_factor_required

ENROL_KEY_SESSION_KEY = "accounts_enrol_key"
NEW_CODES_SESSION_KEY = "accounts_new_recovery_codes"


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked login (AXES_LOCKOUT_CALLABLE): the German page, naming
    the configured cool-off."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


class LoginView(auth_views.LoginView):
    """Step one: user name and password (local account or directory). A user with a second
    factor goes on to step two before anyone is logged in."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if queries.has_second_factor(user):
            login_flow.start(self.request, user, next_url=self.get_success_url())
            return redirect("login_second_factor")
        return super().form_valid(form)


def login_second_factor(request):
    """Step two: the code of the authenticator app or a recovery code. A wrong code counts as
    a failed login for the throttling, like a wrong password."""
    state = login_flow.pending(request)
    user = state and queries.pending_login_user(state["user"])
    if not user:
        login_flow.end(request)
        return redirect("login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        login_flow.end(request)
        return locked_out(request, credentials=credentials)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = actions.verify_second_factor(user=user, code=form.cleaned_data["code"])
        if check is not None:
            login_flow.end(request)
            login(request, user, backend=state["backend"])
            if check.recovery_codes_left is not None:
                left = check.recovery_codes_left
                messages.warning(
                    request,
                    ngettext(
                        "You logged in with a recovery code; %(count)d is left. Make new "
                        "ones on your account page.",
                        "You logged in with a recovery code; %(count)d are left. Make new "
                        "ones on your account page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(state["next"])
        request.login_failure_reason = AuditEntry.Reason.SECOND_FACTOR
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            login_flow.end(request)
            return locked_out(request, credentials=credentials)
        form.add_error(
            "code",
            _(
                "The code is wrong, has expired or was used already. Please enter the code "
                "your app shows now, or an unused recovery code."
            ),
        )
    return render(request, "accounts/login_second_factor.html", {"form": form})


@login_required
def account(request):
    """The user's own account page: last logins, password, second factor, log out everywhere."""
    return render(request, "accounts/account.html", queries.account_page(request.user))


def _qr_code_svg(config_url):
    return segno.make(config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=_("QR code for the authenticator app")
    )


@login_required
def second_factor_enrol(request):
    """Set up (or replace) the authenticator app: a secret as QR code and as text; it becomes
    the second factor once the user entered one code it computes."""
    key = request.session.get(ENROL_KEY_SESSION_KEY)
    if not key:
        key = secrets.token_hex(20)
        request.session[ENROL_KEY_SESSION_KEY] = key
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = actions.confirm_totp_enrolment(
                acting_user=request.user,
                key=key,
                code=form.cleaned_data["code"],
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[ENROL_KEY_SESSION_KEY]
            request.session[NEW_CODES_SESSION_KEY] = codes
            messages.success(request, _("Your second factor is set up."))
            return redirect("recovery_codes")
    device = TOTPDevice(user=request.user, key=key)
    context = {
        "form": form,
        "qr_code": _qr_code_svg(device.config_url),
        "secret": " ".join(_groups(b32encode(device.bin_key).decode(), 4)),
        "replaces": queries.has_second_factor(request.user),
        "required": second_factor_required(request.user),
    }
    return render(request, "accounts/second_factor_enrol.html", context)


def _groups(text, size):
    return [text[start : start + size] for start in range(0, len(text), size)]


@login_required
def recovery_codes(request):
    """The recovery codes just made (shown once), or how many are left; POST makes new ones."""
    if request.method == "POST":
        try:
            codes = actions.renew_recovery_codes(
                acting_user=request.user, address=client_address(request)
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("account")
        request.session[NEW_CODES_SESSION_KEY] = codes
        return redirect("recovery_codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    context = queries.recovery_codes_page(request.user) | {
        "codes": [" ".join(_groups(code, 4)) for code in codes or []]
    }
    return render(request, "accounts/recovery_codes.html", context)


@login_required
@require_POST
def log_out_everywhere(request):
    actions.log_out_everywhere(acting_user=request.user, address=client_address(request))
    logout(request)
    messages.success(request, _("You have been logged out on every device."))
    return redirect("login")


@login_required
def second_factor_reset(request, user_pk):
    """An administrator resets a user's second factor (confirmation page, then POST)."""
    if not can_reset_second_factor(request.user):
        raise PermissionDenied
    user = get_object_or_404(User, pk=user_pk)
    if request.method == "POST":
        try:
            actions.reset_second_factor(
                acting_user=request.user, user=user, address=client_address(request)
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("The second factor of %(user)s has been reset.") % {"user": user},
            )
        return redirect("second_factor_reset", user_pk=user.pk)
    context = {"subject": user, "has_second_factor": queries.has_second_factor(user)}
    return render(request, "accounts/second_factor_reset.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "form_page.html"
    success_url = reverse_lazy("account")
    extra_context = {
        "heading": gettext_lazy("Change password"),
        "intro": gettext_lazy("Changing the password ends your sessions on other devices."),
        "submit_label": gettext_lazy("Change password"),
        "cancel_url": reverse_lazy("account"),
    }

    def form_valid(self, form):
        actions.change_password(acting_user=self.request.user, form=form, request=self.request)
        messages.success(
            self.request,
            _("Your password has been changed. Your other sessions have been ended."),
        )
        return redirect(self.get_success_url())


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not an account has the address: nobody learns who has one."""

    template_name = "form_page.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    extra_context = {
        "heading": gettext_lazy("Forgot your password?"),
        "intro": gettext_lazy(
            "Enter the e-mail address of your account. We will send it a link to set a new "
            "password."
        ),
        "submit_label": gettext_lazy("Send link"),
        "cancel_url": reverse_lazy("login"),
    }

    def form_valid(self, form):
        # The link names the configured public address where there is one, not the request's.
        if settings.SITE_URL:
            site = urlsplit(settings.SITE_URL)
            self.domain_override, self.use_https = site.netloc, site.scheme == "https"
        self.extra_email_context = {"valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        actions.reset_password(form=form, address=client_address(self.request))
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"login_url": reverse("login")}
