"""Logins through the login page against a real slapd with the demo county's directory."""

import io

import ldap
import pytest
from django.contrib.auth.signals import user_login_failed
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD as LOCAL_PASSWORD
from accounts.tests.factories import StaffUnitUserFactory, UserFactory
from audit.models import AuditEntry
from identity.ldap_actions import record_directory_state
from identity.ldap_directory import EntryState
from identity.models import ExternalAccount, GroupRule
from organisations.tests.factories import OrgUnitFactory

from .factories import GroupRuleFactory
from .ldap_server import (
    AD,
    GROUPS,
    PASSWORD,
    PEOPLE,
    READERS_GROUP,
    active_directory_environment,
    configure,
    openldap_environment,
)

pytestmark = pytest.mark.django_db

WRONG_CREDENTIALS = "Groß-/Kleinschreibung"  # Django's message for a wrong user name or password
NO_GROUP = "gehört zu keiner Gruppe, der in smartkreis eine Rolle zugeordnet ist"
UNAVAILABLE = "Verzeichnis des Kreises ist gerade nicht erreichbar"
STAFF_GROUP = f"cn=stabsstelle-digitalisierung,{GROUPS}"


def _login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def _text(response):
    return response.content.decode()


def _entry_uuid(directory, dn):
    connection = directory.connection()
    [(_dn, attrs)] = connection.search_s(dn, ldap.SCOPE_BASE, attrlist=["entryUUID"])
    connection.unbind_s()
    return attrs["entryUUID"][0].decode()


def test_a_directory_user_logs_in_with_the_role_of_their_group(client, directory):
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT)

    response = _login(client, "anna.becker")

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    user = User.objects.get(username="anna.becker")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.first_name, user.last_name, user.email) == (
        "Anna",
        "Becker",
        "anna.becker@rhein-sieg-kreis.example",
    )
    assert user.role == User.Role.STAFF_UNIT
    assert not user.has_usable_password()
    account = ExternalAccount.objects.get(user=user)
    assert (account.source, account.issuer) == (GroupRule.Source.LDAP, directory.ldap_uri)
    assert account.subject == _entry_uuid(directory, f"uid=anna.becker,{PEOPLE}")
    assert account.groups == [STAFF_GROUP]
    assert account.last_login_at is not None
    created = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, source="SYSTEM")
    assert {entry.subject_repr for entry in created} == {"Anna Becker", str(account)}
    assert {entry.actor_name for entry in created} == {"Verzeichnis-Anmeldung"}


def test_a_rule_on_the_group_of_a_users_group_gives_its_role(client, directory):
    unit = OrgUnitFactory(name="Amt 66")
    GroupRuleFactory(
        source=GroupRule.Source.LDAP,
        group=f"cn=amt-66,{GROUPS}",
        role=User.Role.UNIT_EDITOR,
        org_unit=unit,
    )

    assert _login(client, "jonas.weber").status_code == 302

    user = User.objects.get(username="jonas.weber")
    assert (user.role, user.org_unit) == (User.Role.UNIT_EDITOR, unit)
    assert user.external_accounts.get().groups == [
        f"cn=amt-66,{GROUPS}",
        f"cn=amt-66-sachgebiet-1,{GROUPS}",
    ]


def test_the_next_login_finds_the_user_by_the_entry_even_under_a_new_name(
    client, directory, person, reader_rule
):
    dn = person("tim.neu", givenName="Tim", mail="tim.neu@rhein-sieg-kreis.example")
    _login(client, "tim.neu")
    user = User.objects.get(username="tim.neu")
    client.logout()
    GroupRuleFactory(
        source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT, position=1
    )
    directory.modify(dn, [(ldap.MOD_REPLACE, "mail", [b"tim.neu@kreis.example"])])
    connection = directory.connection()
    connection.rename_s(dn, "uid=tim.neumann")
    connection.unbind_s()
    person_dn = f"uid=tim.neumann,{PEOPLE}"
    # What a directory's referential integrity does on a rename (slapd here has no refint).
    directory.modify(READERS_GROUP, [(ldap.MOD_DELETE, "member", [dn.encode()])])
    directory.modify(READERS_GROUP, [(ldap.MOD_ADD, "member", [person_dn.encode()])])
    directory.modify(STAFF_GROUP, [(ldap.MOD_ADD, "member", [person_dn.encode()])])

    try:
        response = _login(client, "tim.neumann")
    finally:
        directory.remove_person(person_dn)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert (user.email, user.role) == ("tim.neu@kreis.example", User.Role.STAFF_UNIT)
    assert User.objects.filter(first_name="Tim").count() == 1
    changes = AuditEntry.objects.filter(
        subject_id=str(user.pk), action=AuditEntry.Action.UPDATE
    ).values_list("changes", flat=True)
    assert {"email": ["tim.neu@rhein-sieg-kreis.example", "tim.neu@kreis.example"]} in changes
    assert any("role" in change for change in changes)


def test_a_wrong_password_or_an_unknown_user_is_refused_like_a_local_one(client, directory):
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT)

    wrong_password = _login(client, "anna.becker", "falsch")
    unknown = _login(client, "niemand")

    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert WRONG_CREDENTIALS in _text(response)
    assert not User.objects.exists()
    assert not ExternalAccount.objects.exists()


def test_a_user_in_no_group_with_a_rule_is_refused_and_nothing_is_created(client, directory):
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT)
    failures = []
    user_login_failed.connect(
        lambda **kwargs: failures.append(kwargs), weak=False, dispatch_uid="t"
    )

    try:
        response = _login(client, "paula.schmitz")
    finally:
        user_login_failed.disconnect(dispatch_uid="t")

    assert response.status_code == 200
    assert NO_GROUP in _text(response)
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()
    assert not ExternalAccount.objects.exists()
    assert [failure["credentials"]["username"] for failure in failures] == ["paula.schmitz"]
    audited = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert (audited.actor_name, audited.reason, audited.address) == (
        "paula.schmitz",
        AuditEntry.Reason.DIRECTORY_REFUSED,
        "127.0.0.1",
    )


def test_refusals_count_for_the_login_throttling(client, directory):
    for _attempt in range(5):
        _login(client, "paula.schmitz")

    assert _login(client, "paula.schmitz").status_code == 429


def test_a_local_user_of_the_same_name_is_not_taken_over(client, directory):
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.ADMINISTRATOR)
    local = UserFactory(username="klaus.lokal", first_name="Klaus-Peter", role=User.Role.READER)

    refused = _login(client, "klaus.lokal")

    assert refused.status_code == 200
    assert "nicht mit Ihrem Verzeichniskonto verbunden" in _text(refused)
    local.refresh_from_db()
    assert (local.first_name, local.role, local.is_staff) == (
        "Klaus-Peter",
        User.Role.READER,
        False,
    )
    assert not ExternalAccount.objects.exists()
    assert _login(client, "klaus.lokal", LOCAL_PASSWORD).status_code == 302


def test_the_administrator_links_a_local_user_to_the_directory(client, directory):
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT)
    local = UserFactory(username="klaus.lokal")

    call_command("link_directory_account", "klaus.lokal", stdout=io.StringIO())

    assert _login(client, "klaus.lokal").status_code == 302
    assert client.session["_auth_user_id"] == str(local.pk)
    local.refresh_from_db()
    assert local.role == User.Role.STAFF_UNIT
    assert local.external_accounts.get().subject == _entry_uuid(
        directory, f"uid=klaus.lokal,{PEOPLE}"
    )


def test_a_user_removed_from_the_directory_can_no_longer_log_in(
    client, directory, person, reader_rule
):
    dn = person("ina.weg")
    assert _login(client, "ina.weg").status_code == 302
    client.logout()
    directory.remove_person(dn)

    response = _login(client, "ina.weg")

    assert WRONG_CREDENTIALS in _text(response)
    account = ExternalAccount.objects.get(user__username="ina.weg")
    assert account.disabled_at is not None
    assert account.disabled_reason == "aus dem Verzeichnis entfernt"
    assert not account.user.is_active


def test_a_user_locked_in_the_directory_is_refused_and_marked(
    client, directory, person, reader_rule
):
    dn = person("ole.gesperrt")
    assert _login(client, "ole.gesperrt").status_code == 302
    session_client = client
    user = User.objects.get(username="ole.gesperrt")
    assert session_client.get(reverse("dashboard")).status_code == 200
    directory.lock(dn)

    refused = _login(type(client)(), "ole.gesperrt")

    assert WRONG_CREDENTIALS in _text(refused)
    account = user.external_accounts.get()
    assert account.disabled_reason == "im Verzeichnis gesperrt"
    user.refresh_from_db()
    assert not user.is_active
    # The session opened before ends with the next request.
    response = session_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    deactivation = AuditEntry.objects.get(
        subject_id=str(user.pk), action=AuditEntry.Action.UPDATE, changes__has_key="is_active"
    )
    assert deactivation.changes["is_active"] == [True, False]


def test_a_user_locked_before_the_first_login_gets_no_account(client, directory):
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT)

    response = _login(client, "lena.krause")

    assert WRONG_CREDENTIALS in _text(response)
    assert not User.objects.exists()


def test_unlocked_in_the_directory_the_user_logs_in_again(client, directory, person, reader_rule):
    dn = person("uwe.zurueck")
    _login(client, "uwe.zurueck")
    client.logout()
    directory.lock(dn)
    _login(client, "uwe.zurueck")
    assert not User.objects.get(username="uwe.zurueck").is_active
    directory.unlock(dn)

    response = _login(client, "uwe.zurueck")

    assert response.status_code == 302
    user = User.objects.get(username="uwe.zurueck")
    assert user.is_active
    assert user.external_accounts.get().disabled_at is None


def test_a_session_ends_when_the_directory_account_is_marked_disabled(
    client, directory, reader_rule, person
):
    person("eva.sitzung")
    _login(client, "eva.sitzung")
    account = ExternalAccount.objects.get(user__username="eva.sitzung")
    assert client.get(reverse("dashboard")).status_code == 200

    record_directory_state(
        acting_user=None, account=account, state=EntryState.DISABLED, label="Test"
    )

    assert client.get(reverse("dashboard")).status_code == 302


def test_a_user_deactivated_in_smartkreis_is_refused_by_the_directory_login_too(
    client, directory, person, reader_rule
):
    person("rolf.raus")
    _login(client, "rolf.raus")
    client.logout()
    User.objects.filter(username="rolf.raus").update(is_active=False, first_name="Rolf")

    response = _login(client, "rolf.raus")

    assert "Ihr Konto in smartkreis ist deaktiviert" in _text(response)
    assert User.objects.get(username="rolf.raus").first_name == "Rolf"


def test_active_directory_nested_groups_and_object_guid(client, county_directory, settings):
    configure(settings, active_directory_environment(county_directory))
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=f"cn=GG-smartkreis-Lesen,{AD}")

    response = _login(client, "erika.mustermann")

    assert response.status_code == 302
    account = ExternalAccount.objects.get(user__username="erika.mustermann")
    # The objectGUID as Active Directory shows it (its first three parts little-endian).
    assert account.subject == "78563412-bc9a-f0de-1122-3344556677ff"
    assert account.groups == [f"cn=gg-amt-66,{AD}".lower(), f"cn=gg-smartkreis-lesen,{AD}".lower()]


def test_active_directory_accountdisable_refuses_the_login(client, county_directory, settings):
    configure(settings, active_directory_environment(county_directory))
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=f"cn=GG-smartkreis-Lesen,{AD}")

    response = _login(client, "otto.gesperrt")

    assert "Ihr Konto ist im Verzeichnis des Kreises gesperrt" in _text(response)
    assert not User.objects.exists()


def test_a_directory_that_cannot_be_reached_gets_its_message_and_local_logins_go_on(
    client, county_directory, settings
):
    environ = openldap_environment(county_directory)
    environ["LDAP_SERVER_URI"] = "ldap://127.0.0.1:1"
    configure(settings, environ)
    local = StaffUnitUserFactory(username="cdo")

    refused = _login(client, "anna.becker")
    local_login = _login(client, "cdo", LOCAL_PASSWORD)

    assert UNAVAILABLE in _text(refused)
    assert not User.objects.exclude(pk=local.pk).exists()
    assert local_login.status_code == 302


def test_a_wrong_service_password_is_a_directory_that_cannot_be_used(
    client, county_directory, settings
):
    environ = openldap_environment(county_directory)
    environ["LDAP_BIND_PASSWORD"] = "falsch"
    configure(settings, environ)

    assert UNAVAILABLE in _text(_login(client, "anna.becker"))


def test_start_tls_with_the_countys_ca(client, county_directory, settings):
    environ = openldap_environment(county_directory)
    # The server's certificate names 127.0.0.1, the address of ldap_uri.
    environ.update(LDAP_START_TLS="true", LDAP_CA_FILE=county_directory.cafile)
    configure(settings, environ)
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT)

    assert _login(client, "anna.becker").status_code == 302


def test_start_tls_without_trusting_the_servers_certificate_is_refused(
    client, county_directory, settings
):
    environ = openldap_environment(county_directory)
    # Another certificate than the CA's: the server's cannot be verified against it.
    environ.update(LDAP_START_TLS="true", LDAP_CA_FILE=county_directory.clientcert)
    configure(settings, environ)
    GroupRuleFactory(source=GroupRule.Source.LDAP, group=STAFF_GROUP, role=User.Role.STAFF_UNIT)

    assert UNAVAILABLE in _text(_login(client, "anna.becker"))
    assert not User.objects.exists()
