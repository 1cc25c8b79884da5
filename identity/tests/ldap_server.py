"""A real OpenLDAP slapd for the directory tests: python-ldap's slapdtest runs Debian's slapd
(/usr/sbin/slapd, schemas from /etc/ldap/schema; the variables SBIN, SCHEMA and SLAPD point
elsewhere) on a free port of 127.0.0.1, loaded with the demo county's directory
(ldap_county.ldif). Each xdist worker starts its own for the session; tests that change the
directory change only people they add themselves.

Without slapd (apt-get install slapd ldap-utils) the directory tests are skipped, except under
CI=true, where they fail.
"""

import os
from pathlib import Path

import ldap
import ldap.filter
import ldap.modlist
import pytest

from identity.ldap_config import BACKEND_PATH, settings_from_environment

HERE = Path(__file__).resolve().parent
SUFFIX = "dc=rhein-sieg-kreis,dc=example"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
READERS_GROUP = f"cn=smartkreis-lesen,{GROUPS}"
AD = f"ou=ad,{SUFFIX}"
# Every person's password in ldap_county.ldif.
PASSWORD = "Verzeichnis-Passwort-1"
SERVICE_DN = f"cn=smartkreis-dienst,ou=services,{SUFFIX}"
SERVICE_PASSWORD = "Dienst-Passwort-1"


def _slapd_classes():
    # slapdtest switches off ~/.ldaprc and /etc/ldap/ldap.conf for the whole process.
    import slapdtest

    class CountyDirectory(slapdtest.SlapdObject):
        """slapd with the ppolicy overlay (for OpenLDAP's administrative lock) and the schemas
        the county's entries need, its run directory under `parent`."""

        suffix = SUFFIX
        root_cn = "admin"
        slapd_loglevel = "none"
        openldap_schema_files = (
            "core.ldif",
            "cosine.ldif",
            "inetorgperson.ldif",
            "namedobject.ldif",
            str(HERE / "ldap_schema_ad.ldif"),
        )

        def __init__(self, parent):
            self.TMPDIR = str(parent)
            super().__init__()

        def gen_config(self):
            config = (
                super()
                .gen_config()
                .replace(
                    "olcModuleLoad: back_mdb", "olcModuleLoad: back_mdb\nolcModuleLoad: ppolicy"
                )
            )
            return config + (
                "\ndn: olcOverlay=ppolicy,olcDatabase={1}mdb,cn=config\n"
                "objectClass: olcOverlayConfig\n"
                "objectClass: olcPPolicyConfig\n"
                "olcOverlay: ppolicy\n"
                f"olcPPolicyDefault: cn=default,ou=policies,{SUFFIX}\n"
            )

        def connection(self):
            """A connection bound as the directory's administrator."""
            connection = ldap.initialize(self.ldap_uri, bytes_mode=False)
            connection.simple_bind_s(self.root_dn, self.root_pw)
            return connection

        def add_person(self, uid, *, groups=(), **attributes):
            """Add uid=<uid> to ou=people (password PASSWORD) and to the groups named (their
            cn in ou=groups); returns its DN."""
            dn = f"uid={uid},{PEOPLE}"
            entry = {
                "objectClass": [b"inetOrgPerson"],
                "uid": [uid.encode()],
                "cn": [uid.encode()],
                "sn": [uid.split(".")[-1].encode()],
                "userPassword": [PASSWORD.encode()],
                **{name: [value.encode()] for name, value in attributes.items()},
            }
            connection = self.connection()
            connection.add_s(dn, ldap.modlist.addModlist(entry))
            for group in groups:
                connection.modify_s(
                    f"cn={group},{GROUPS}", [(ldap.MOD_ADD, "member", [dn.encode()])]
                )
            connection.unbind_s()
            return dn

        def remove_person(self, dn):
            """Delete the entry and its memberships, as a county does when someone leaves."""
            connection = self.connection()
            for group_dn, _attrs in connection.search_s(
                GROUPS, ldap.SCOPE_ONELEVEL, ldap.filter.filter_format("(member=%s)", [dn]), ["1.1"]
            ):
                connection.modify_s(group_dn, [(ldap.MOD_DELETE, "member", [dn.encode()])])
            connection.delete_s(dn)
            connection.unbind_s()

        def lock(self, dn):
            """OpenLDAP's administrative lock of the ppolicy overlay."""
            self.modify(dn, [(ldap.MOD_REPLACE, "pwdAccountLockedTime", [b"000001010000Z"])])

        def unlock(self, dn):
            self.modify(dn, [(ldap.MOD_DELETE, "pwdAccountLockedTime", None)])

        def modify(self, dn, changes):
            connection = self.connection()
            connection.modify_s(dn, changes)
            connection.unbind_s()

    return CountyDirectory


def start_county_directory(parent):
    """A started slapd with the county's entries; skips (fails under CI=true) without slapd."""
    try:
        server = _slapd_classes()(parent)
    except ValueError as missing:
        reason = f"slapd not found ({missing}): apt-get install slapd ldap-utils"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    server.start()
    server.ldapadd((HERE / "ldap_county.ldif").read_text())
    return server


def openldap_environment(server):
    """The LDAP_* variables of a county whose directory is OpenLDAP with nested groups."""
    return {
        "LDAP_SERVER_URI": server.ldap_uri,
        "LDAP_BIND_DN": SERVICE_DN,
        "LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
        "LDAP_USER_SEARCH_BASE": PEOPLE,
        "LDAP_GROUP_SEARCH_BASE": GROUPS,
        "LDAP_GROUP_TYPE": "nested_groupOfNames",
        "LDAP_TIMEOUT": "5",
    }


def active_directory_environment(server):
    """The LDAP_* variables as a county with Active Directory sets them, for the AD-shaped
    subtree ou=ad."""
    return {
        "LDAP_SERVER_URI": server.ldap_uri,
        "LDAP_BIND_DN": SERVICE_DN,
        "LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
        "LDAP_USER_SEARCH_BASE": AD,
        "LDAP_USER_FILTER": "(&(objectClass=user)(sAMAccountName=%(user)s))",
        "LDAP_GROUP_SEARCH_BASE": AD,
        "LDAP_GROUP_TYPE": "nested_active_directory",
        "LDAP_TIMEOUT": "5",
    }


def configure(settings, environ):
    """Switch the directory login on for one test, as smartkreis/settings.py does when
    LDAP_SERVER_URI is set."""
    for name, value in settings_from_environment(environ).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND_PATH]
