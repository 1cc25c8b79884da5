import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.tests.factories import StaffUnitUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_german_and_has_one_h1(client):
    response = client.get(reverse("login"))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "Anmelden" in content
    assert 'for="id_username"' in content
    assert 'for="id_password"' in content


def test_login_with_correct_password_leads_to_the_overview(client):
    user = StaffUnitUserFactory(username="cdo")

    response = _login(client, "cdo", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_follows_next_to_the_page_asked_for(client):
    StaffUnitUserFactory(username="cdo")
    target = reverse("organisations:body_list")

    response = client.post(
        reverse("login"), {"username": "cdo", "password": PASSWORD, "next": target}
    )

    assert response["Location"] == target


def test_wrong_password_shows_a_german_error_and_logs_nobody_in(client):
    UserFactory(username="reader")

    response = _login(client, "reader", "wrong-password")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben." in content
    assert "Groß-/Kleinschreibung" in content
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_lock_the_account_with_a_german_page(client):
    UserFactory(username="reader")

    responses = [_login(client, "reader", f"wrong-{attempt}") for attempt in range(5)]
    after_lock = _login(client, "reader", PASSWORD)

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429
    assert after_lock.status_code == 429
    content = after_lock.content.decode()
    assert "Anmeldung gesperrt" in content
    assert "15 Minuten" in content
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_name(client):
    UserFactory(username="reader")
    UserFactory(username="other")
    for attempt in range(5):
        _login(client, "reader", f"wrong-{attempt}")

    assert _login(client, "other", PASSWORD).status_code == 302


def test_fewer_than_five_failures_then_success_logs_in(client):
    UserFactory(username="reader")
    for attempt in range(4):
        _login(client, "reader", f"wrong-{attempt}")

    assert _login(client, "reader", PASSWORD).status_code == 302


def test_logout_works_by_post_only(client):
    user = UserFactory()
    client.force_login(user)

    assert client.get(reverse("logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_logged_in_users_see_the_logout_button(client):
    client.force_login(UserFactory())

    content = client.get(reverse("organisations:body_list")).content.decode()

    assert f'action="{reverse("logout")}"' in content
    assert "Abmelden" in content


# Public by design: the OParl API, the open data and the list of public papers (each tested
# for what it shows anonymous visitors in its app).
PUBLIC_NAMESPACES = {"oparl", "opendata"}
PUBLIC_URL_NAMES = {
    "papers:paper_list",
    # Asking for and completing a password reset; the second step of the login, which sends
    # who has no pending login back to its first step (accounts/tests/test_second_factor.py).
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "login_second_factor",
    # Single sign-on: its start, the provider's callback and its back-channel logout
    # (identity/tests/test_oidc.py).
    "identity:sso_login",
    "identity:sso_callback",
    "identity:backchannel_logout",
    # The public portal (portal/tests/test_public_pages.py).
    "portal:decisions",
    "portal:services",
    "portal:documents",
    "portal:feed",
    # Imprint, privacy notice, accessibility statement with its feedback form, Leichte Sprache
    # (legal/tests/test_views.py).
    "legal:imprint",
    "legal:privacy",
    "legal:accessibility",
    "legal:feedback",
    "legal:feedback_thanks",
    "legal:easy_read",
}


def _internal_url_names(patterns, namespace=""):
    """Names of the app's own URL patterns that take no arguments (admin, login and public
    pages aside)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in {"admin", *PUBLIC_NAMESPACES} or "i18n" in str(pattern.pattern):
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _internal_url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.pattern.converters or pattern.name in {"login", "logout", "home"}:
                continue
            if f"{namespace}{pattern.name}" not in PUBLIC_URL_NAMES:
                yield f"{namespace}{pattern.name}"


def test_anonymous_users_are_redirected_to_the_login_from_internal_pages(client):
    names = sorted(set(_internal_url_names(get_resolver().url_patterns)))
    assert "dashboard" in names
    assert "organisations:body_list" in names

    for name in names:
        url = reverse(name)
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"] == f"{reverse('login')}?next={url}", name
