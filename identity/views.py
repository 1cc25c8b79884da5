"""Pages of single sign-on and of the group rules.

The SSO views refuse with a German message on the login page and change nothing; the
back-channel logout answers the provider with 200 or 400 (OpenID Connect Back-Channel
Logout 1.0). The group rule pages are for administrators and the staff unit
(identity.permissions).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from smartkreis.views import delete_flow, form_flow

from . import actions, queries
from .forms import GroupRuleForm
from .models import GroupRule
from .oidc import (
    SSORefused,
    another_issuer_message,
    logout_token_claims,
    provider_metadata,
    sso_enabled,
)
from .permissions import can_manage_group_rules

ID_TOKEN_SESSION_KEY = "oidc_id_token"
# A login started longer ago than this is not finished any more.
LOGIN_STATE_SECONDS = 15 * 60


def _refused(request, message):
    messages.error(request, message)
    return redirect(settings.LOGIN_URL)


def _state_refused_message():
    return _(
        "The answer of the identity provider belongs to no login started here (it has "
        "expired, was used already or was changed). Please log in again."
    )


class SSOLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's login, with state, nonce and a PKCE challenge
    (kept in the session for the callback)."""

    def __init__(self, **kwargs):
        # The parent reads the endpoint from settings; here it comes from discovery, in get().
        View.__init__(self, **kwargs)

    def get(self, request):
        if not sso_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_metadata()["authorization_endpoint"]
        except SSORefused as refusal:
            return _refused(request, str(refusal))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


@require_GET
@never_cache
def sso_callback(request):
    """The provider's answer: the state must be one this session started (then it is used
    up), the code is exchanged and the ID token checked by identity.oidc.OIDCBackend."""
    if not sso_enabled():
        raise Http404
    states = request.session.get("oidc_states")
    states = states if isinstance(states, dict) else {}
    started = states.pop(request.GET.get("state", ""), None)
    if started is not None:
        request.session["oidc_states"] = states
    if request.GET.get("error"):
        return _refused(
            request,
            _("The identity provider ended the login without confirming it (%(error)s).")
            % {"error": request.GET["error"][:100]},
        )
    if started is not None and time.time() - started.get("added_on", 0) > LOGIN_STATE_SECONDS:
        started = None
    if started is None or not request.GET.get("code"):
        return _refused(request, _state_refused_message())
    # RFC 9207: a provider that names itself in its answer must be the configured one.
    if "iss" in request.GET and request.GET["iss"] != settings.OIDC_ISSUER:
        return _refused(request, another_issuer_message())
    user = auth.authenticate(
        request, nonce=started["nonce"], code_verifier=started.get("code_verifier")
    )
    if user is None:
        return _refused(
            request,
            getattr(request, "sso_refusal", None)
            or _("The login through the identity provider has been refused."),
        )
    next_url = request.session.pop("oidc_login_next", None)
    auth.login(request, user)
    request.session[ID_TOKEN_SESSION_KEY] = user.sso_login["id_token"]
    request.session.save()
    actions.record_provider_session(
        user=user,
        issuer=settings.OIDC_ISSUER,
        subject=user.sso_login["subject"],
        session_key=request.session.session_key,
        sid=user.sso_login["sid"],
    )
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def end_session_url(request):
    """Where to send a user who logs out after coming by single sign-on: the provider's
    end-session endpoint, so the provider's session ends too (RP-initiated logout); None for
    other users, or when the provider offers no such endpoint or cannot be reached."""
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    if not (sso_enabled() and id_token):
        return None
    try:
        endpoint = provider_metadata().get("end_session_endpoint")
    except SSORefused:
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(
                resolve_url(settings.LOGOUT_REDIRECT_URL)
            ),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class LogoutView(auth_views.LogoutView):
    """Django's logout; a user who came by single sign-on is then sent to the provider to end
    its session as well."""

    def post(self, request, *args, **kwargs):
        provider_logout = end_session_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


@csrf_exempt
@require_POST
@never_cache
def backchannel_logout(request):
    """The provider's back-channel logout: ends the sessions the logout token names."""
    if not sso_enabled():
        raise Http404
    try:
        claims = logout_token_claims(request.POST.get("logout_token", ""))
    except SSORefused as refusal:
        return JsonResponse(
            {"error": "invalid_request", "error_description": str(refusal)}, status=400
        )
    actions.end_provider_sessions(
        issuer=settings.OIDC_ISSUER, subject=claims.get("sub"), sid=claims.get("sid")
    )
    return HttpResponse(status=200)


# Group rules -----------------------------------------------------------------------------


def _check_may_manage(user):
    if not can_manage_group_rules(user):
        raise PermissionDenied


@login_required
def group_rule_list(request):
    _check_may_manage(request.user)
    return render(
        request,
        "identity/group_rule_list.html",
        {"sources": queries.group_rules_by_source(), "provider": _provider_status()},
    )


def _provider_status():
    """What the group rule page says about the configured identity provider: its issuer and
    whether it offers back-channel logout, or why it cannot be used; None without SSO."""
    if not sso_enabled():
        return None
    try:
        metadata = provider_metadata()
    except SSORefused as refusal:
        return {"issuer": settings.OIDC_ISSUER, "problem": str(refusal)}
    return {
        "issuer": settings.OIDC_ISSUER,
        "backchannel_logout": bool(metadata.get("backchannel_logout_supported")),
    }


def _rule_page(heading, submit_label, intro=""):
    """The arguments of form_flow shared by the two rule form pages."""
    list_url = reverse("identity:group_rule_list")
    return {
        "success_url": list_url,
        "heading": heading,
        "submit_label": submit_label,
        "cancel_url": list_url,
        "back_url": list_url,
        "back_label": _("Group rules"),
        "intro": intro,
    }


@require_http_methods(["GET", "POST"])
@login_required
def group_rule_create(request):
    _check_may_manage(request.user)
    form = GroupRuleForm(request.POST or None, initial={"source": request.GET.get("source")})
    return form_flow(
        request,
        form=form,
        save=lambda: actions.create_group_rule(acting_user=request.user, **form.cleaned_data),
        saved_message=lambda rule: (
            _("The rule for “%(group)s” has been added.") % {"group": rule.group}
        ),
        **_rule_page(
            _("New group rule"),
            _("Add rule"),
            _(
                "Members of the group get the role, body and unit below when they log in. A "
                "user in several ruled groups gets the rule with the lowest position."
            ),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def group_rule_edit(request, pk):
    _check_may_manage(request.user)
    rule = get_object_or_404(GroupRule, pk=pk)
    form = GroupRuleForm(request.POST or None, instance=rule)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_group_rule(
            acting_user=request.user, rule=rule, **form.cleaned_data
        ),
        saved_message=lambda rule: (
            _("The rule for “%(group)s” has been saved.") % {"group": rule.group}
        ),
        **_rule_page(_("Edit group rule"), _("Save rule")),
    )


@require_http_methods(["GET", "POST"])
@login_required
def group_rule_delete(request, pk):
    _check_may_manage(request.user)
    rule = get_object_or_404(GroupRule, pk=pk)
    return delete_flow(
        request,
        delete=lambda: actions.delete_group_rule(acting_user=request.user, rule=rule),
        deleted_message=_("The rule for “%(group)s” has been deleted.") % {"group": rule.group},
        success_url=reverse("identity:group_rule_list"),
        template="identity/group_rule_confirm_delete.html",
        context={"rule": rule, "cancel_url": reverse("identity:group_rule_list")},
    )


@require_POST
@login_required
def group_rule_move(request, pk):
    _check_may_manage(request.user)
    rule = get_object_or_404(GroupRule, pk=pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise PermissionDenied
    actions.move_group_rule(acting_user=request.user, rule=rule, up=direction == "up")
    return redirect(f"{reverse('identity:group_rule_list')}#rule-{rule.pk}")
