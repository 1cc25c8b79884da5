"""Single sign-on end to end in Chromium: from smartkreis's login page through the login and
consent of a real OpenID provider (node's oidc-provider on loopback) to the dashboard; logging
out ends the provider's session too, and the provider's back-channel logout ends
smartkreis's session."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry
from identity.models import ExternalAccount, GroupRule, ProviderSession
from identity.tests.factories import GroupRuleFactory
from identity.tests.provider import OpenIDProvider, client

from .harness import format_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ANNA = {
    "sub": "7f1c1a52-anna",
    "preferred_username": "anna",
    "given_name": "Anna",
    "family_name": "Schmidt",
    "email": "anna.schmidt@kreis.example",
    "groups": ["smartkreis-digital"],
}


@pytest.fixture
def provider(live_server, settings, transactional_db):
    provider = OpenIDProvider(clients=[client(live_server.url)], accounts={"anna": ANNA})
    provider.configure(settings)
    GroupRuleFactory(
        source=GroupRule.Source.OIDC, group="smartkreis-digital", role=User.Role.STAFF_UNIT
    )
    yield provider
    provider.stop()


def _log_in_by_sso(page):
    page.goto(reverse("login"))
    page.get_by_role("link", name="Mit dem Konto des Kreises anmelden").click()
    page.fill("input[name=login]", "anna")
    page.fill("input[name=password]", "any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{reverse('dashboard')}")


def test_a_login_through_the_provider_and_the_logout_that_ends_its_session(session, provider):
    page = session.page
    session.goto(reverse("login"))
    violations = session.axe_violations()
    assert not violations, format_violations(reverse("login"), violations)

    _log_in_by_sso(page)

    assert "Anna Schmidt" in page.locator("header").inner_text()
    user = ExternalAccount.objects.get(subject=ANNA["sub"]).user
    assert user.role == User.Role.STAFF_UNIT
    assert AuditEntry.objects.filter(
        subject_id=str(user.pk), action=AuditEntry.Action.LOGIN, way_in=AuditEntry.WayIn.SSO
    ).exists()

    page.get_by_role("button", name="Abmelden").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"**{reverse('login')}")

    # Both sessions are over: smartkreis asks for a login, the provider for the password.
    session.goto(reverse("dashboard"))
    assert reverse("login") in page.url
    page.get_by_role("link", name="Mit dem Konto des Kreises anmelden").click()
    assert page.locator("input[name=login]").is_visible()


def test_the_providers_back_channel_logout_ends_the_smartkreis_session(session, provider):
    page = session.page
    _log_in_by_sso(page)
    assert ProviderSession.objects.count() == 1

    # The user logs out at the provider (from another application, say): the provider tells
    # smartkreis over the back channel.
    session.goto(f"{provider.url}/session/end")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url("**/session/end/success")

    assert ProviderSession.objects.count() == 0
    user = ExternalAccount.objects.get(subject=ANNA["sub"]).user
    assert AuditEntry.objects.filter(
        subject_id=str(user.pk), action=AuditEntry.Action.LOGOUT, way_in=AuditEntry.WayIn.SSO
    ).exists()
    session.goto(reverse("dashboard"))
    assert reverse("login") in page.url
