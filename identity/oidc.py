"""Single sign-on through the county's OpenID provider, on mozilla-django-oidc.

mozilla-django-oidc does the authorization code flow with PKCE, state and nonce; this module
adds what it leaves to the project: the provider's endpoints from its discovery document
(checked to name the configured issuer), a full check of the ID token (signature against the
provider's keys, issuer, audience, expiry, nonce), the user matched only by the stable subject
through identity.models.ExternalAccount, the role from the group rules, and the checks of the
back-channel logout token. Every refusal is an `SSORefused` with a German message.
"""

import threading
import time

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from audit.models import AuditEntry

from .mapping import NoMatchingGroup, assignment_for_groups
from .models import ExternalAccount, GroupRule

# The discovery document is fetched on first use and again after this many seconds (providers
# roll their signing keys; the JWKS itself is read at every login).
DISCOVERY_SECONDS = 3600
# Clock difference between smartkreis and the provider that the token checks allow.
LEEWAY_SECONDS = 60
BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"
# A logout token issued longer ago than this is refused (a replayed old one, say).
LOGOUT_TOKEN_SECONDS = 10 * 60

_discovered = {}
_discovery_lock = threading.Lock()


class SSORefused(Exception):
    """A login or logout through the identity provider is refused; the message says why."""


def sso_enabled():
    return bool(settings.OIDC_ISSUER)


def _http_options():
    return {"verify": settings.OIDC_VERIFY_SSL, "timeout": settings.OIDC_TIMEOUT}


def provider_metadata():
    """The configured provider's discovery document (cached for DISCOVERY_SECONDS).

    Refused when the provider cannot be reached, answers no usable document, or names another
    issuer than the configured one (then its tokens would be checked against a stranger's)."""
    issuer = settings.OIDC_ISSUER
    with _discovery_lock:
        cached = _discovered.get(issuer)
        if cached is not None and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
            return cached[1]
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, **_http_options())
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SSORefused(
            _(
                "The county's identity provider cannot be reached at the moment. Please try "
                "again later or log in with your smartkreis password."
            )
        ) from error
    if not isinstance(metadata, dict) or metadata.get("issuer") != issuer:
        raise SSORefused(another_issuer_message())
    if not all(metadata.get(key) for key in ("authorization_endpoint", "token_endpoint")):
        raise SSORefused(invalid_answer_message())
    if not metadata.get("jwks_uri"):
        raise SSORefused(invalid_answer_message())
    with _discovery_lock:
        _discovered[issuer] = (time.monotonic(), metadata)
    return metadata


def another_issuer_message():
    return _(
        "The login came from another identity provider than the county's. It has been refused."
    )


def invalid_answer_message():
    return _(
        "The identity provider's confirmation of the login could not be verified. The login "
        "has been refused; please try again or ask the staff unit for digitalisation."
    )


def claim_value(claims, name):
    """The claim `name`; a dotted name (`realm_access.roles`) walks into nested claims unless
    a claim has that full name (as ADFS's URI-named claims do)."""
    if name in claims:
        return claims[name]
    value = claims
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def groups_from_claims(claims):
    """The user's groups from the configured group or role claim, as a list of strings."""
    value = claim_value(claims, settings.OIDC_GROUPS_CLAIM)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value if isinstance(item, str | int)]
    return []


def _signing_key(token):
    """The provider's public key that signed `token`, from its JWKS (kid and alg must match)."""
    try:
        header = jwt.get_unverified_header(token)
        response = requests.get(provider_metadata()["jwks_uri"], **_http_options())
        response.raise_for_status()
        keys = response.json()["keys"]
    except (jwt.PyJWTError, requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise SSORefused(invalid_answer_message()) from error
    if header.get("alg") != settings.OIDC_RP_SIGN_ALGO:
        raise SSORefused(invalid_answer_message())
    for key in keys:
        if key.get("kid") == header.get("kid") and key.get("alg", header["alg"]) == header["alg"]:
            try:
                return jwt.PyJWK(key, algorithm=header["alg"])
            except jwt.PyJWTError as error:
                raise SSORefused(invalid_answer_message()) from error
    raise SSORefused(invalid_answer_message())


def decode_provider_token(token, *, required):
    """The claims of a token the provider signed for smartkreis: signature against the
    provider's keys, issuer, audience (smartkreis's client id) and times checked."""
    if not isinstance(token, str) or not token:
        raise SSORefused(invalid_answer_message())
    key = _signing_key(token)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[settings.OIDC_RP_SIGN_ALGO],
            audience=settings.OIDC_RP_CLIENT_ID,
            issuer=settings.OIDC_ISSUER,
            leeway=LEEWAY_SECONDS,
            options={"require": required},
        )
    except jwt.InvalidIssuerError as error:
        raise SSORefused(another_issuer_message()) from error
    except jwt.InvalidAudienceError as error:
        raise SSORefused(
            _(
                "The identity provider's confirmation of the login was issued for another "
                "application, not for smartkreis. The login has been refused."
            )
        ) from error
    except jwt.PyJWTError as error:
        raise SSORefused(invalid_answer_message()) from error
    audience = claims["aud"]
    # An ID token for several audiences names the one it was issued to (OIDC Core 3.1.3.7).
    several = isinstance(audience, list) and len(audience) > 1
    if several and claims.get("azp") != settings.OIDC_RP_CLIENT_ID:
        raise SSORefused(invalid_answer_message())
    return claims


def logout_token_claims(token):
    """The claims of a back-channel logout token, checked as OpenID Connect Back-Channel
    Logout 1.0 (section 2.6) asks: signature, iss, aud, iat, the logout event, no nonce, and
    a sub or sid."""
    claims = decode_provider_token(token, required=["iss", "aud", "iat"])
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_LOGOUT_EVENT), dict):
        raise SSORefused(invalid_answer_message())
    if "nonce" in claims or not (claims.get("sub") or claims.get("sid")):
        raise SSORefused(invalid_answer_message())
    if not isinstance(claims["iat"], int | float) or (
        claims["iat"] < time.time() - LOGOUT_TOKEN_SECONDS
    ):
        raise SSORefused(invalid_answer_message())
    return claims


class OIDCBackend(OIDCAuthenticationBackend):
    """Logs in users of the county's identity provider.

    A user is found only through their ExternalAccount (source OIDC, the configured issuer,
    the subject claim); a first login creates the user, whatever local user has the same name
    or e-mail. Name and e-mail follow the claims, role, body and unit the group rules, at
    every login; a user in no ruled group or deactivated in smartkreis is refused and nothing
    is created or changed. A refusal raises PermissionDenied (so Django sends
    user_login_failed) after leaving its message in `request.sso_refusal`.
    """

    def __init__(self, *args, **kwargs):
        # The parent reads the endpoints here; they come from discovery, which must not run
        # when Django loads the backends for a password login.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_IDP_SIGN_KEY = None
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider_metadata()["token_endpoint"])
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider_metadata().get("userinfo_endpoint"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider_metadata()["jwks_uri"])

    # Sessions of deactivated users end, as with ModelBackend.
    get_user = ModelBackend.get_user

    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        # Only the callback view passes a nonce; a password login never reaches the provider.
        if request is None or nonce is None or not request.GET.get("code"):
            return None
        try:
            return self._authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except SSORefused as refusal:
            request.sso_refusal = str(refusal)
            request.login_failure_reason = AuditEntry.Reason.SSO_REFUSED
            raise PermissionDenied from refusal

    def _authenticate(self, request, *, nonce, code_verifier):
        self.request = request
        payload = {
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "client_secret": settings.OIDC_RP_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": request.GET["code"],
            "redirect_uri": request.build_absolute_uri(
                reverse(settings.OIDC_AUTHENTICATION_CALLBACK_URL)
            ),
            "code_verifier": code_verifier,
        }
        try:
            token_info = self.get_token(payload)
        except (requests.RequestException, ValueError) as error:
            raise SSORefused(
                _(
                    "The identity provider did not confirm the login: its code has expired or "
                    "was used already. Please log in again."
                )
            ) from error
        id_token = token_info.get("id_token")
        claims = decode_provider_token(id_token, required=["iss", "aud", "exp", "iat", "sub"])
        if claims.get("nonce") != nonce:
            raise SSORefused(invalid_answer_message())
        claims = self._with_userinfo(token_info.get("access_token"), id_token, claims)
        user, subject = self._user_for_claims(claims)
        user.sso_login = {"id_token": id_token, "sid": claims.get("sid", ""), "subject": subject}
        return user

    def _with_userinfo(self, access_token, id_token, claims):
        """The ID token's claims with those of the userinfo endpoint (which has the profile
        and often the groups); its `sub` must be the ID token's (OIDC Core 5.3.2)."""
        if not (access_token and self.OIDC_OP_USER_ENDPOINT):
            return claims
        try:
            userinfo = self.get_userinfo(access_token, id_token, claims)
        except (requests.RequestException, ValueError, SuspiciousOperation) as error:
            raise SSORefused(invalid_answer_message()) from error
        if not isinstance(userinfo, dict) or userinfo.get("sub") != claims["sub"]:
            raise SSORefused(invalid_answer_message())
        return {**claims, **userinfo}

    def _user_for_claims(self, claims):
        from .actions import record_sso_login

        subject = claim_value(claims, settings.OIDC_SUBJECT_CLAIM)
        if not isinstance(subject, str | int) or not str(subject):
            raise SSORefused(
                _(
                    "The identity provider sent no identifier of your account (claim "
                    "“%(claim)s”). Please ask the staff unit for digitalisation."
                )
                % {"claim": settings.OIDC_SUBJECT_CLAIM}
            )
        account = (
            ExternalAccount.objects.select_related("user")
            .filter(source=GroupRule.Source.OIDC, issuer=settings.OIDC_ISSUER, subject=str(subject))
            .first()
        )
        if account is not None and not (account.user.is_active and account.disabled_at is None):
            raise SSORefused(
                _(
                    "Your smartkreis account is deactivated. Please ask the staff unit for "
                    "digitalisation."
                )
            )
        groups = groups_from_claims(claims)
        try:
            assignment = assignment_for_groups(source=GroupRule.Source.OIDC, groups=groups)
        except NoMatchingGroup as refusal:
            raise SSORefused(str(refusal)) from refusal
        user = record_sso_login(
            acting_user=None,
            issuer=settings.OIDC_ISSUER,
            subject=str(subject),
            claims=claims,
            groups=groups,
            assignment=assignment,
        )
        return user, str(subject)


@receiver(setting_changed)
def _forget_discovery(*, setting, **kwargs):
    """Another configured provider (tests, a reloaded configuration) is discovered anew."""
    if setting == "OIDC_ISSUER":
        with _discovery_lock:
            _discovered.clear()
