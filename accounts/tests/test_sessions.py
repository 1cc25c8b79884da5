"""Idle sessions end; "log out everywhere"; the account page."""

import time

import pytest
from django.urls import reverse

from accounts.receivers import LAST_SEEN_SESSION_KEY
from accounts.tests.factories import PASSWORD, UserFactory
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - seconds
    session.save()


def test_after_the_idle_time_the_next_request_goes_to_the_login_with_a_message(client):
    client.force_login(UserFactory())
    client.get(reverse("dashboard"))
    _idle_for(client, 31 * 60)

    response = client.get(reverse("organisations:body_list"))
    login = client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('organisations:body_list')}"
    assert "Sie wurden nach 30 Minuten ohne Aktivität abgemeldet." in login
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.get(action=AuditEntry.Action.LOGOUT).reason == "IDLE"


def test_a_request_within_the_idle_time_keeps_the_session(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("dashboard"))
    _idle_for(client, 29 * 60)

    assert client.get(reverse("dashboard")).status_code == 200
    assert client.session[LAST_SEEN_SESSION_KEY] >= int(time.time()) - 1


def test_the_idle_time_is_configurable(client, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(UserFactory())
    client.get(reverse("dashboard"))
    _idle_for(client, 6 * 60)

    response = client.get(reverse("dashboard"), follow=True)

    assert "nach 5 Minuten ohne Aktivität" in response.content.decode()


def test_an_idle_htmx_request_gets_hx_redirect_to_the_login_of_its_page(client):
    client.force_login(UserFactory())
    client.get(reverse("dashboard"))
    _idle_for(client, 31 * 60)
    page = reverse("organisations:body_list")

    response = client.get(
        reverse("organisations:body_list"),
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next={page}"


def test_log_out_everywhere_ends_every_session_of_the_user_only(client):
    user = UserFactory()
    other = UserFactory()
    client.force_login(user)
    phone = type(client)()
    phone.force_login(user)
    colleague = type(client)()
    colleague.force_login(other)

    response = client.post(reverse("log_out_everywhere"), follow=True)

    assert "Sie wurden auf allen Geräten abgemeldet." in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    assert phone.get(reverse("dashboard")).status_code == 302
    assert colleague.get(reverse("dashboard")).status_code == 200
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGOUT_ALL, actor=user).exists()
    # A new login works again.
    assert (
        client.post(reverse("login"), {"username": user.username, "password": PASSWORD}).status_code
        == 302
    )
    assert client.get(reverse("dashboard")).status_code == 200


def test_log_out_everywhere_answers_post_only(client):
    user = UserFactory()
    client.force_login(user)

    assert client.get(reverse("log_out_everywhere")).status_code == 405
    user.refresh_from_db()
    assert user.session_generation == 0


def test_the_account_page_shows_the_last_logins_and_the_actions(client):
    user = UserFactory(username="reader")
    client.post(
        reverse("login"), {"username": "reader", "password": "wrong"}, REMOTE_ADDR="10.0.0.7"
    )
    client.post(
        reverse("login"), {"username": "reader", "password": PASSWORD}, REMOTE_ADDR="10.0.0.8"
    )

    content = client.get(reverse("account")).content.decode()

    assert content.count("<h1") == 1
    assert "Mein Konto" in content
    assert "Angemeldet (lokales Konto)" in content
    assert "Fehlgeschlagen: falscher Benutzername oder falsches Passwort" in content
    assert "10.0.0.7" in content
    assert "10.0.0.8" in content
    assert reverse("password_change") in content
    assert reverse("second_factor_enrol") in content
    assert reverse("log_out_everywhere") in content
    assert str(user) in content


def test_the_header_links_the_account_page(client):
    client.force_login(UserFactory())

    assert f'href="{reverse("account")}"' in client.get(reverse("dashboard")).content.decode()
