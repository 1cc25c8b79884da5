"""Single sign-on against a real OpenID provider (node's oidc-provider on loopback): the
browser's part at the provider is played over HTTP, smartkreis's by Django's test client.
Every refusal leaves users and external accounts as they were."""

import time
import uuid
from contextlib import contextmanager
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import StaffUnitUserFactory, UserFactory
from audit.models import AuditEntry
from identity.models import ExternalAccount, GroupRule, ProviderSession
from identity.oidc import BACKCHANNEL_LOGOUT_EVENT
from organisations.tests.factories import MunicipalityFactory

from .factories import GroupRuleFactory
from .provider import CLIENT_ID, OpenIDProvider, client, log_in_at_provider

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("oidc")]

CALLBACK = "http://testserver/sso/callback/"
ACCOUNTS = {
    "anna": {
        "sub": "7f1c1a52-anna",
        "preferred_username": "anna",
        "given_name": "Anna",
        "family_name": "Schmidt",
        "email": "anna.schmidt@kreis.example",
        "email_verified": True,
        "groups": ["smartkreis-digital", "alle-beschaeftigten"],
    },
    "olaf": {
        "sub": "olaf-at-keycloak",
        "opendesk_useruuid": "c0ffee-olaf-uuid",
        "preferred_username": "olaf",
        "name": "Olaf Opendesk",
        "realm_access": {"roles": ["smartkreis-admin"]},
    },
    "udo": {
        "sub": "0b5d-udo",
        "preferred_username": "udo",
        "given_name": "Udo",
        "family_name": "Fremd",
        "email": "udo@kreis.example",
        "groups": ["marketing"],
    },
}


@contextmanager
def _started(op_settings, **options):
    """A provider for smartkreis at the test client's address, configured in `op_settings`."""
    provider = OpenIDProvider(clients=[client("http://testserver")], accounts=ACCOUNTS, **options)
    try:
        provider.configure(op_settings)
        yield provider
    finally:
        provider.stop()


@pytest.fixture
def provider(settings):
    with _started(settings) as provider:
        yield provider


@pytest.fixture
def digital_rule():
    return GroupRuleFactory(group="smartkreis-digital", role=User.Role.STAFF_UNIT)


def _callback_url(client, login="anna"):
    start = client.get(reverse("identity:sso_login"))
    assert start.status_code == 302, start
    return log_in_at_provider(start["Location"], login=login, stop_at=CALLBACK)


def _follow(client, url):
    parts = urlsplit(url)
    return client.get(parts.path, parse_qs(parts.query), follow=True)


def _state():
    """What a refusal must leave untouched."""
    return (
        sorted(User.objects.values_list("username", "email", "first_name", "role", "is_active")),
        sorted(ExternalAccount.objects.values_list("subject", "groups", "last_login_at")),
    )


def _assert_refused(response, message, before):
    assert SESSION_KEY not in response.client.session
    assert response.request["PATH_INFO"] == reverse("login")
    assert message in response.content.decode()
    assert _state() == before


def test_a_first_login_creates_the_user_from_the_claims_and_the_group_rule(
    client, provider, digital_rule
):
    local_anna = UserFactory(username="anna", email="anna.schmidt@kreis.example")

    response = _follow(client, _callback_url(client))

    assert response.request["PATH_INFO"] == reverse("dashboard")
    account = ExternalAccount.objects.get(subject="7f1c1a52-anna")
    assert (account.source, account.issuer) == (GroupRule.Source.OIDC, provider.url)
    assert account.groups == ["smartkreis-digital", "alle-beschaeftigten"]
    assert account.last_login_at is not None
    user = account.user
    assert user != local_anna
    assert (user.username, user.first_name, user.last_name, user.email) == (
        "anna-2",
        "Anna",
        "Schmidt",
        "anna.schmidt@kreis.example",
    )
    assert (user.role, user.has_usable_password()) == (User.Role.STAFF_UNIT, False)
    assert client.session[SESSION_KEY] == str(user.pk)
    assert ProviderSession.objects.get(account=account).sid
    local_anna.refresh_from_db()
    assert local_anna.external_accounts.count() == 0
    assert AuditEntry.objects.filter(
        subject_id=str(user.pk), action=AuditEntry.Action.CREATE, actor_name="Single Sign-on"
    ).exists()


def test_the_next_login_takes_name_e_mail_and_role_anew(client, provider, digital_rule):
    _follow(client, _callback_url(client))
    user = User.objects.get(external_accounts__subject="7f1c1a52-anna")
    User.objects.filter(pk=user.pk).update(first_name="Old", email="old@example.org")
    siegburg = MunicipalityFactory(name="Siegburg")
    digital_rule.role, digital_rule.body = User.Role.MUNICIPALITY_EDITOR, siegburg
    digital_rule.save()
    client.logout()

    response = _follow(client, _callback_url(client))

    assert response.request["PATH_INFO"] == reverse("dashboard")
    user.refresh_from_db()
    assert (user.first_name, user.email, user.role, user.body) == (
        "Anna",
        "anna.schmidt@kreis.example",
        User.Role.MUNICIPALITY_EDITOR,
        siegburg,
    )
    assert User.objects.filter(external_accounts__isnull=False).count() == 1


def test_a_user_in_no_ruled_group_is_refused_and_nothing_is_created(client, provider, digital_rule):
    before = _state()

    response = _follow(client, _callback_url(client, login="udo"))

    _assert_refused(response, "zu keiner Gruppe", before)
    failure = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert (failure.reason, failure.address) == (AuditEntry.Reason.SSO_REFUSED, "127.0.0.1")


def test_a_known_user_whose_group_lost_its_rule_is_refused_unchanged(
    client, provider, digital_rule
):
    _follow(client, _callback_url(client))
    client.logout()
    digital_rule.delete()
    before = _state()

    response = _follow(client, _callback_url(client))

    _assert_refused(response, "zu keiner Gruppe", before)


def test_a_deactivated_user_is_refused(client, provider, digital_rule):
    _follow(client, _callback_url(client))
    client.logout()
    User.objects.filter(external_accounts__subject="7f1c1a52-anna").update(is_active=False)
    before = _state()

    response = _follow(client, _callback_url(client))

    _assert_refused(response, "deaktiviert", before)


def test_a_provider_whose_discovery_names_another_issuer_is_refused(client, settings, digital_rule):
    with _started(settings, issuer="https://login.other-county.example"):
        before = _state()
        response = client.get(reverse("identity:sso_login"), follow=True)

    _assert_refused(response, "von einem anderen Identitätsanbieter", before)


def test_an_answer_naming_another_issuer_is_refused(client, provider, digital_rule):
    url = _callback_url(client)
    query = parse_qs(urlsplit(url).query)
    query["iss"] = ["https://login.other-county.example"]
    before = _state()

    response = client.get(reverse("identity:sso_callback"), query, follow=True)

    _assert_refused(response, "von einem anderen Identitätsanbieter", before)


def test_an_id_token_for_another_client_is_refused(client, settings, digital_rule):
    with _started(settings, id_token_audience="another-application"):
        before = _state()
        response = _follow(client, _callback_url(client))

    _assert_refused(response, "für eine andere Anwendung", before)


def test_a_replayed_callback_and_a_reused_code_are_refused(client, provider, digital_rule):
    first = _callback_url(client)
    _follow(client, first)
    client.logout()
    before = _state()

    replayed = _follow(client, first)
    _assert_refused(replayed, "keiner hier begonnenen Anmeldung", before)

    # The old code with the state of a new login: the provider refuses the used code.
    start = client.get(reverse("identity:sso_login"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    query = parse_qs(urlsplit(first).query)
    query["state"] = [state]
    reused = client.get(reverse("identity:sso_callback"), query, follow=True)
    _assert_refused(reused, "abgelaufen oder wurde schon verwendet", before)


def test_an_expired_code_is_refused(client, settings, digital_rule):
    with _started(settings, code_ttl=1):
        url = _callback_url(client)
        time.sleep(2.5)
        before = _state()
        response = _follow(client, url)

    _assert_refused(response, "abgelaufen oder wurde schon verwendet", before)


def test_a_tampered_state_is_refused(client, provider, digital_rule):
    url = _callback_url(client)
    query = parse_qs(urlsplit(url).query)
    query["state"] = [query["state"][0][:-1] + ("A" if query["state"][0][-1] != "A" else "B")]
    before = _state()

    response = client.get(reverse("identity:sso_callback"), query, follow=True)

    _assert_refused(response, "keiner hier begonnenen Anmeldung", before)


def test_a_logout_token_with_a_bad_signature_ends_no_session(client, provider, digital_rule):
    _follow(client, _callback_url(client))
    provider_session = ProviderSession.objects.get()
    kid = jwt.get_unverified_header(client.session["oidc_id_token"])["kid"]
    forged_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    claims = {
        "iss": provider.url,
        "aud": CLIENT_ID,
        "iat": int(time.time()),
        "jti": str(uuid.uuid4()),
        "sub": provider_session.account.subject,
        "sid": provider_session.sid,
        "events": {BACKCHANNEL_LOGOUT_EVENT: {}},
    }
    token = jwt.encode(claims, forged_key, algorithm="RS256", headers={"kid": kid})

    response = client.post(
        reverse("identity:backchannel_logout"),
        urlencode({"logout_token": token}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert client.get(reverse("dashboard")).status_code == 200
    assert ProviderSession.objects.count() == 1


def test_sso_is_off_without_an_issuer(client, settings):
    settings.OIDC_ISSUER = ""

    assert client.get(reverse("identity:sso_login")).status_code == 404
    assert "Konto des Kreises" not in client.get(reverse("login")).content.decode()


def test_the_rule_page_says_whether_the_provider_offers_back_channel_logout(client, provider):
    client.force_login(StaffUnitUserFactory())

    page = client.get(reverse("identity:group_rule_list")).content.decode()

    assert provider.url in page
    assert "Abmeldung über den Rückkanal" in page


def test_a_configured_subject_and_nested_role_claim_are_used(client, provider, settings):
    settings.OIDC_SUBJECT_CLAIM = "opendesk_useruuid"
    settings.OIDC_GROUPS_CLAIM = "realm_access.roles"
    GroupRuleFactory(group="smartkreis-admin", role=User.Role.ADMINISTRATOR)

    response = _follow(client, _callback_url(client, login="olaf"))

    assert response.request["PATH_INFO"] == reverse("dashboard")
    account = ExternalAccount.objects.get()
    assert (account.subject, account.groups) == ("c0ffee-olaf-uuid", ["smartkreis-admin"])
    assert (account.user.role, account.user.is_staff) == (User.Role.ADMINISTRATOR, True)


def test_a_login_started_too_long_ago_is_refused(client, provider, digital_rule):
    url = _callback_url(client)
    session = client.session
    for started in session["oidc_states"].values():
        started["added_on"] -= 3600
    session.save()
    before = _state()

    response = _follow(client, url)

    _assert_refused(response, "keiner hier begonnenen Anmeldung", before)


def test_the_local_login_works_beside_single_sign_on(client, provider):
    user = UserFactory(username="lokal")

    page = client.get(reverse("login")).content.decode()
    response = client.post(reverse("login"), {"username": "lokal", "password": "test-password-123"})

    assert "Mit dem Konto des Kreises anmelden" in page
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    assert not ExternalAccount.objects.exists()


def test_logging_out_ends_the_session_here_and_sends_the_user_to_the_provider(
    client, provider, digital_rule
):
    _follow(client, _callback_url(client))
    id_token = client.session["oidc_id_token"]
    provider.stop()

    logout = client.post(reverse("logout"))

    assert SESSION_KEY not in client.session
    ended = urlsplit(logout["Location"])
    assert f"{ended.scheme}://{ended.netloc}{ended.path}" == f"{provider.url}/session/end"
    assert parse_qs(ended.query) == {
        "id_token_hint": [id_token],
        "client_id": [CLIENT_ID],
        "post_logout_redirect_uri": ["http://testserver/konto/anmelden/"],
    }


def test_a_provider_that_cannot_be_reached_is_reported(client, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, "secret"

    response = client.get(reverse("identity:sso_login"), follow=True)

    assert response.request["PATH_INFO"] == reverse("login")
    assert "gerade nicht erreichbar" in response.content.decode()
