"""Reading the county's directory: a directory entry's stable identifier, finding the entry of
a recorded account again, and whether it is disabled. Every function takes a connection bound
with the service account (LDAP_BIND_DN)."""

import enum
import uuid

import ldap
from ldap.cidict import cidict


class EntryState(enum.Enum):
    """What the directory says about the entry behind an account."""

    ACTIVE = "ACTIVE"
    DISABLED = "DISABLED"
    REMOVED = "REMOVED"


def open_connection(settings):
    """A connection to the directory of `settings` (django-auth-ldap's LDAPSettings), bound
    with the service account."""
    connection = ldap.initialize(settings.SERVER_URI, bytes_mode=False)
    for option, value in settings.CONNECTION_OPTIONS.items():
        connection.set_option(option, value)
    if settings.START_TLS:
        connection.start_tls_s()
    connection.simple_bind_s(settings.BIND_DN, settings.BIND_PASSWORD)
    return connection


def _first(attrs, name):
    values = cidict(attrs or {}).get(name) or []
    return values[0] if values else None


def subject_of(dn, attrs):
    """The entry's stable identifier: Active Directory's objectGUID (as the UUID AD shows),
    else OpenLDAP's entryUUID, else (neither read) the distinguished name in lower case."""
    guid = _first(attrs, "objectGUID")
    if guid is not None:
        # django-auth-ldap decodes every value it can as UTF-8; the GUID's 16 bytes sometimes are.
        raw = guid if isinstance(guid, bytes) else guid.encode("utf-8")
        if len(raw) == 16:
            return str(uuid.UUID(bytes_le=raw))
    entry_uuid = _first(attrs, "entryUUID")
    if entry_uuid:
        value = entry_uuid.decode() if isinstance(entry_uuid, bytes) else entry_uuid
        return value.lower()
    return dn.lower()


def _subject_filter(subject):
    """The filter that finds the entry with this identifier, or None for a DN."""
    try:
        value = uuid.UUID(subject)
    except ValueError:
        return None
    guid = "".join(f"\\{byte:02x}" for byte in value.bytes_le)
    # A server leaves an attribute it does not know out of the match (Undefined), so one
    # filter serves Active Directory and OpenLDAP.
    return f"(|(objectGUID={guid})(entryUUID={value}))"


def find_entry(connection, *, search_base, subject):
    """The DN of the entry whose identifier is `subject` (see subject_of), or None when the
    directory has none (the entry was removed)."""
    filterstr = _subject_filter(subject)
    try:
        if filterstr is None:
            results = connection.search_s(subject, ldap.SCOPE_BASE, "(objectClass=*)", ["1.1"])
        else:
            results = connection.search_s(search_base, ldap.SCOPE_SUBTREE, filterstr, ["1.1"])
    except ldap.NO_SUCH_OBJECT:
        return None
    # Search references (Active Directory's referrals) come without a DN.
    dns = [dn for dn, _attrs in results if dn]
    return dns[0].lower() if dns else None


def is_disabled(connection, dn, disabled_filter):
    """Whether the entry at `dn` matches the filter of disabled entries (LDAP_DISABLED_FILTER)."""
    if not disabled_filter:
        return False
    try:
        results = connection.search_s(
            dn, ldap.SCOPE_BASE, f"(&(objectClass=*){disabled_filter})", ["1.1"]
        )
    except ldap.NO_SUCH_OBJECT:
        return False
    return any(found for found, _attrs in results)


def entry_state(connection, *, search_base, subject, disabled_filter):
    """What the directory says about the entry of the account with this identifier."""
    dn = find_entry(connection, search_base=search_base, subject=subject)
    if dn is None:
        return EntryState.REMOVED
    if is_disabled(connection, dn, disabled_filter):
        return EntryState.DISABLED
    return EntryState.ACTIVE
