"""The directory tests' slapd: one per xdist worker and session (python-ldap's slapdtest on a
free port), with the demo county's directory; each test configures the directory login itself.

Without python-ldap (it needs OpenLDAP's headers to build, see README) the directory tests are
not collected, except under CI=true, where their import fails loudly.
"""

import os
import shutil
import tempfile
from importlib.util import find_spec

import pytest

from identity.models import GroupRule

from .factories import GroupRuleFactory

if find_spec("ldap") is None and os.environ.get("CI", "").lower() != "true":
    collect_ignore = ["test_ldap_login.py", "test_ldap_sync.py"]


@pytest.fixture(scope="session")
def county_directory():
    # A short path: slapd's local socket lives in it, and socket paths are short.
    from .ldap_server import start_county_directory

    parent = tempfile.mkdtemp(prefix="smartkreis-slapd-")
    try:
        server = start_county_directory(parent)
    except BaseException:
        shutil.rmtree(parent, ignore_errors=True)
        raise
    yield server
    server.stop()
    shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture
def directory(county_directory, settings):
    from .ldap_server import configure, openldap_environment

    configure(settings, openldap_environment(county_directory))
    return county_directory


@pytest.fixture
def person(directory):
    """A reader added to the directory for one test (which may change or remove it)."""
    added = []

    def add(uid, groups=("smartkreis-lesen",), **attributes):
        dn = directory.add_person(uid, groups=groups, **attributes)
        added.append(dn)
        return dn

    yield add
    import ldap

    connection = directory.connection()
    for dn in added:
        try:
            connection.search_s(dn, ldap.SCOPE_BASE)
        except ldap.NO_SUCH_OBJECT:
            continue
        directory.remove_person(dn)
    connection.unbind_s()


@pytest.fixture
def reader_rule(directory):
    from .ldap_server import READERS_GROUP

    return GroupRuleFactory(source=GroupRule.Source.LDAP, group=READERS_GROUP)
