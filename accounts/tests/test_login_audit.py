"""Every login, failed login and logout is in the audit trail, with address and way in."""

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.addresses import client_address
from accounts.receivers import way_in_for_backend
from accounts.tests.factories import PASSWORD, UserFactory
from audit.models import AuditEntry
from audit.queries import audit_entries_for
from audit.recording import record_account_event

pytestmark = pytest.mark.django_db


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_a_login_is_recorded_with_address_and_way_in(client):
    user = UserFactory(username="reader")

    _login(client, "reader", PASSWORD, REMOTE_ADDR="10.1.2.3")

    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN)
    assert (entry.actor, entry.subject_id, entry.address, entry.way_in) == (
        user,
        str(user.pk),
        "10.1.2.3",
        AuditEntry.WayIn.LOCAL,
    )


def test_a_failed_login_of_a_known_user_names_the_user_address_and_reason(client):
    user = UserFactory(username="reader")

    _login(client, "reader", "wrong", REMOTE_ADDR="10.1.2.3")

    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert (entry.subject_id, entry.address, entry.reason) == (
        str(user.pk),
        "10.1.2.3",
        AuditEntry.Reason.CREDENTIALS,
    )


def test_a_failed_login_with_an_unknown_user_name_records_the_name_as_text(client):
    _login(client, "nobody-here", "wrong", REMOTE_ADDR="10.9.9.9")

    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert entry.actor is None
    assert (entry.subject_id, entry.subject_repr, entry.actor_name) == (
        "",
        "nobody-here",
        "nobody-here",
    )
    assert entry.address == "10.9.9.9"
    assert not get_user_model().objects.filter(username="nobody-here").exists()


def test_a_logout_is_recorded(client):
    user = UserFactory(username="reader")
    _login(client, "reader", PASSWORD)

    client.post(reverse("logout"))

    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGOUT)
    assert (entry.actor, entry.way_in) == (user, AuditEntry.WayIn.LOCAL)


def test_the_history_shows_way_in_reason_and_address():
    user = UserFactory()
    record_account_event(
        action=AuditEntry.Action.LOGIN_FAILED,
        user=user,
        address="10.0.0.1",
        reason=AuditEntry.Reason.SECOND_FACTOR,
    )

    html = render_to_string("audit/history.html", {"entries": audit_entries_for(user)})

    assert "Anmeldung fehlgeschlagen" in html
    assert "Grund: falscher oder schon benutzter Code des zweiten Faktors" in html
    assert "Adresse: 10.0.0.1" in html


class _SingleSignOn(OIDCAuthenticationBackend):
    pass


def test_the_way_in_follows_the_backend():
    assert way_in_for_backend("django.contrib.auth.backends.ModelBackend") == "LOCAL"
    assert way_in_for_backend(f"{__name__}._SingleSignOn") == "SSO"
    assert way_in_for_backend("no.such.Backend") == "LOCAL"


def test_the_address_is_remote_addr_unless_behind_the_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7")
    settings.BEHIND_TLS_PROXY = False
    assert client_address(request) == "10.0.0.5"

    settings.BEHIND_TLS_PROXY = True
    # The last hop is the one our proxy added; what came before, the client may have sent.
    assert client_address(request) == "192.0.2.7"
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"
    assert client_address(rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address")) is None
