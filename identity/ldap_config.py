"""The directory login's configuration, read from the LDAP_* environment variables.

`settings_from_environment` turns them into django-auth-ldap's AUTH_LDAP_* settings (plus
smartkreis's own AUTH_LDAP_ISSUER and AUTH_LDAP_DISABLED_FILTER); smartkreis/settings.py calls
it only when LDAP_SERVER_URI is set. Safe to import from the settings: it touches neither
Django's settings nor the models.
"""

import ldap
from django.core.exceptions import ImproperlyConfigured
from django_auth_ldap.config import (
    ActiveDirectoryGroupType,
    GroupOfNamesType,
    GroupOfUniqueNamesType,
    LDAPSearch,
    NestedActiveDirectoryGroupType,
    NestedGroupOfNamesType,
    NestedGroupOfUniqueNamesType,
    PosixGroupType,
)

# LDAP_GROUP_TYPE → the group type and the object class its groups have. The nested types
# walk up from the user's groups to the groups those are members of, one search per level
# (django-auth-ldap does not use Active Directory's LDAP_MATCHING_RULE_IN_CHAIN).
GROUP_TYPES = {
    "groupOfNames": (GroupOfNamesType, "groupOfNames"),
    "nested_groupOfNames": (NestedGroupOfNamesType, "groupOfNames"),
    "groupOfUniqueNames": (GroupOfUniqueNamesType, "groupOfUniqueNames"),
    "nested_groupOfUniqueNames": (NestedGroupOfUniqueNamesType, "groupOfUniqueNames"),
    "posixGroup": (PosixGroupType, "posixGroup"),
    "active_directory": (ActiveDirectoryGroupType, "group"),
    "nested_active_directory": (NestedActiveDirectoryGroupType, "group"),
}

# Whether an entry is disabled, unless LDAP_DISABLED_FILTER says otherwise: Active Directory's
# ACCOUNTDISABLE bit of userAccountControl (a bitwise AND match), or OpenLDAP's permanent
# administrative lock of the ppolicy overlay.
AD_DISABLED_FILTER = "(userAccountControl:1.2.840.113556.1.4.803:=2)"
OPENLDAP_DISABLED_FILTER = "(pwdAccountLockedTime=000001010000Z)"

# The attributes read from a user's entry besides the mapped ones: the stable identifiers
# (operational attributes, which a search returns only when asked for them by name).
IDENTIFIER_ATTRIBUTES = ("objectGUID", "entryUUID")

BACKEND_PATH = "identity.ldap_backend.DirectoryBackend"


def _filter(value, variable):
    value = value.strip()
    if value and not value.startswith("("):
        value = f"({value})"
    if value.count("(") != value.count(")"):
        raise ImproperlyConfigured(f"{variable} is not an LDAP filter: {value}")
    return value


def _flag(value):
    return value.strip().lower() in {"1", "true", "yes", "on"}


def settings_from_environment(environ):
    """django-auth-ldap's settings for the directory that `environ` (a mapping such as
    os.environ) describes; raises ImproperlyConfigured when a variable is missing or wrong."""
    uri = environ.get("LDAP_SERVER_URI", "").strip()
    if not uri:
        raise ImproperlyConfigured("LDAP_SERVER_URI is not set")
    user_base = environ.get("LDAP_USER_SEARCH_BASE", "").strip()
    if not user_base:
        raise ImproperlyConfigured("LDAP_SERVER_URI is set: LDAP_USER_SEARCH_BASE too")
    group_base = environ.get("LDAP_GROUP_SEARCH_BASE", "").strip() or user_base
    group_type_name = environ.get("LDAP_GROUP_TYPE", "").strip() or "groupOfNames"
    if group_type_name not in GROUP_TYPES:
        raise ImproperlyConfigured(
            f"LDAP_GROUP_TYPE={group_type_name} is none of {', '.join(GROUP_TYPES)}"
        )
    group_type, group_class = GROUP_TYPES[group_type_name]
    is_active_directory = group_type_name.endswith("active_directory")
    user_filter = _filter(
        environ.get("LDAP_USER_FILTER", "") or "(uid=%(user)s)", "LDAP_USER_FILTER"
    )
    if "%(user)s" not in user_filter:
        raise ImproperlyConfigured("LDAP_USER_FILTER must contain %(user)s")
    group_filter = _filter(
        environ.get("LDAP_GROUP_FILTER", "") or f"(objectClass={group_class})",
        "LDAP_GROUP_FILTER",
    )
    if "LDAP_DISABLED_FILTER" in environ:
        disabled_filter = _filter(environ["LDAP_DISABLED_FILTER"], "LDAP_DISABLED_FILTER")
    else:
        disabled_filter = AD_DISABLED_FILTER if is_active_directory else OPENLDAP_DISABLED_FILTER
    attribute_map = {
        "first_name": environ.get("LDAP_ATTR_FIRST_NAME", "").strip() or "givenName",
        "last_name": environ.get("LDAP_ATTR_LAST_NAME", "").strip() or "sn",
        "email": environ.get("LDAP_ATTR_EMAIL", "").strip() or "mail",
    }
    try:
        timeout = float(environ.get("LDAP_TIMEOUT", "") or "10")
    except ValueError as error:
        raise ImproperlyConfigured("LDAP_TIMEOUT must be a number of seconds") from error

    options = {
        # Active Directory answers with referrals that the client cannot follow unbound.
        ldap.OPT_REFERRALS: 0,
        ldap.OPT_NETWORK_TIMEOUT: timeout,
        ldap.OPT_TIMEOUT: timeout,
        ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_DEMAND,
    }
    ca_file = environ.get("LDAP_CA_FILE", "").strip()
    if ca_file:
        options[ldap.OPT_X_TLS_CACERTFILE] = ca_file
    # Last: makes the TLS options above take effect for this connection.
    options[ldap.OPT_X_TLS_NEWCTX] = 0

    user_attributes = ["*", *IDENTIFIER_ATTRIBUTES]
    return {
        "AUTH_LDAP_SERVER_URI": uri,
        "AUTH_LDAP_BIND_DN": environ.get("LDAP_BIND_DN", "").strip(),
        "AUTH_LDAP_BIND_PASSWORD": environ.get("LDAP_BIND_PASSWORD", ""),
        "AUTH_LDAP_START_TLS": _flag(environ.get("LDAP_START_TLS", "")),
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            user_base, ldap.SCOPE_SUBTREE, user_filter, attrlist=user_attributes
        ),
        "AUTH_LDAP_USER_ATTRLIST": user_attributes,
        "AUTH_LDAP_USER_ATTR_MAP": attribute_map,
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(
            group_base, ldap.SCOPE_SUBTREE, group_filter, attrlist=["cn"]
        ),
        "AUTH_LDAP_GROUP_TYPE": group_type(),
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_CACHE_TIMEOUT": 0,
        # smartkreis's own: how it records the directory's accounts, and which are disabled.
        "AUTH_LDAP_ISSUER": environ.get("LDAP_ISSUER", "").strip() or uri,
        "AUTH_LDAP_DISABLED_FILTER": disabled_filter,
    }
