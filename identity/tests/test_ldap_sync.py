"""`manage.py sync_directory` against a real slapd: accounts whose entries the directory
removed or locked are marked and their users deactivated, unlocked ones come back, and a
directory that cannot be read, or a search base that finds none of the accounts, changes
nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import StaffUnitUserFactory
from audit.models import AuditEntry
from identity.models import ExternalAccount
from user_management.actions import deactivate_user, reactivate_user

from .ldap_server import AD, PASSWORD, configure, openldap_environment

pytestmark = pytest.mark.django_db


def _log_in_once(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    client.logout()


def _state():
    accounts = ExternalAccount.objects.order_by("pk").values_list(
        "subject", "disabled_at", "disabled_reason"
    )
    return list(accounts), list(User.objects.order_by("pk").values_list("username", "is_active"))


def _sync():
    out = io.StringIO()
    call_command("sync_directory", stdout=out)
    return out.getvalue()


@pytest.fixture
def three_directory_users(client, person, reader_rule):
    dns = {uid: person(uid) for uid in ("rita.bleibt", "rolf.geht", "rosa.gesperrt")}
    for uid in dns:
        _log_in_once(client, uid)
    return dns


def test_the_sync_marks_removed_and_locked_entries_and_brings_unlocked_ones_back(
    directory, three_directory_users
):
    dns = three_directory_users
    directory.remove_person(dns["rolf.geht"])
    directory.lock(dns["rosa.gesperrt"])

    output = _sync()

    assert output.strip() == (
        "3 Verzeichniskonten geprüft: 1 aktiv, 1 gesperrt, 1 entfernt; 2 geändert."
    )
    users = dict(User.objects.values_list("username", "is_active"))
    assert users == {"rita.bleibt": True, "rolf.geht": False, "rosa.gesperrt": False}
    reasons = dict(ExternalAccount.objects.values_list("user__username", "disabled_reason"))
    assert reasons == {
        "rita.bleibt": "",
        "rolf.geht": "aus dem Verzeichnis entfernt",
        "rosa.gesperrt": "im Verzeichnis gesperrt",
    }
    deactivations = AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE, changes__has_key="is_active"
    )
    deactivated = User.objects.filter(pk__in=[entry.subject_id for entry in deactivations])
    assert {user.username for user in deactivated} == {"rolf.geht", "rosa.gesperrt"}
    assert {entry.source for entry in deactivations} == {AuditEntry.Source.SYSTEM}
    assert "0 geändert" in _sync()

    directory.unlock(dns["rosa.gesperrt"])
    assert _sync().strip() == (
        "3 Verzeichniskonten geprüft: 2 aktiv, 0 gesperrt, 1 entfernt; 1 geändert."
    )
    rosa = ExternalAccount.objects.get(user__username="rosa.gesperrt")
    assert (rosa.disabled_at, rosa.user.is_active) == (None, True)


def test_a_search_base_that_finds_none_of_the_accounts_changes_nothing(
    directory, three_directory_users, settings
):
    configure(settings, {**openldap_environment(directory), "LDAP_USER_SEARCH_BASE": AD})
    before = _state()

    with pytest.raises(CommandError, match="Keines der 3 Verzeichniskonten"):
        _sync()

    assert _state() == before


def test_a_directory_that_cannot_be_reached_changes_nothing(
    directory, three_directory_users, settings
):
    configure(
        settings,
        {**openldap_environment(directory), "LDAP_SERVER_URI": "ldap://127.0.0.1:9"},
    )
    # The accounts were recorded under the directory's name: keep it while the address changes.
    settings.AUTH_LDAP_ISSUER = directory.ldap_uri
    before = _state()

    with pytest.raises(CommandError, match=r"nicht nutzbar.*Nichts wurde geändert"):
        _sync()

    assert _state() == before


def test_without_a_directory_the_sync_says_so(settings):
    settings.AUTH_LDAP_SERVER_URI = ""

    with pytest.raises(CommandError, match="LDAP_SERVER_URI ist nicht gesetzt"):
        _sync()


def test_unlocking_does_not_undo_a_managers_own_deactivation(
    client, directory, three_directory_users
):
    dns = three_directory_users
    directory.lock(dns["rosa.gesperrt"])
    _sync()
    rosa = User.objects.get(username="rosa.gesperrt")
    manager = StaffUnitUserFactory()
    # Meanwhile the staff unit lets her in again, then deactivates her for reasons of its own.
    reactivate_user(acting_user=manager, user=rosa)
    deactivate_user(acting_user=manager, user=rosa)
    directory.unlock(dns["rosa.gesperrt"])

    _sync()
    refused = client.post(reverse("login"), {"username": "rosa.gesperrt", "password": PASSWORD})

    rosa.refresh_from_db()
    assert not rosa.is_active
    assert rosa.external_accounts.get().disabled_at is None
    assert "deaktiviert" in refused.content.decode()
