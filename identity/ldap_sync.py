"""The directory sync (`manage.py sync_directory`, for cron): every directory account checked
against the directory, the disabled and removed ones marked, the reactivated ones cleared."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from ldap import LDAPError

from .ldap_actions import record_directory_state, sync_label
from .ldap_backend import DirectoryBackend
from .ldap_directory import EntryState, entry_state, open_connection
from .models import ExternalAccount, GroupRule


class SyncRefused(Exception):
    """The sync stopped before changing anything; the message says why (German, for the
    operator)."""


@dataclass(frozen=True)
class SyncResult:
    states: Counter  # EntryState → number of accounts
    changed: int


def is_configured():
    return bool(getattr(settings, "AUTH_LDAP_SERVER_URI", ""))


def sync_directory_accounts():
    """Check every account of the configured directory and record what the directory says.
    Reads every entry first and changes nothing when the directory cannot be read, or when it
    has none of several accounts (a search base that points elsewhere would otherwise
    disable every user)."""
    if not is_configured():
        raise SyncRefused("Kein Verzeichnis eingerichtet: LDAP_SERVER_URI ist nicht gesetzt.")
    backend = DirectoryBackend()
    ldap_settings = backend.settings
    accounts = list(
        ExternalAccount.objects.filter(source=GroupRule.Source.LDAP, issuer=backend.issuer)
        .select_related("user")
        .order_by("pk")
    )
    try:
        connection = open_connection(ldap_settings)
        try:
            states = [
                entry_state(
                    connection,
                    search_base=ldap_settings.USER_SEARCH.base_dn,
                    subject=account.subject,
                    disabled_filter=ldap_settings.DISABLED_FILTER,
                )
                for account in accounts
            ]
        finally:
            connection.unbind_s()
    except LDAPError as problem:
        raise SyncRefused(
            f"Das Verzeichnis {ldap_settings.SERVER_URI} ist nicht nutzbar: {problem}. "
            "Nichts wurde geändert."
        ) from problem
    if len(accounts) > 1 and all(state == EntryState.REMOVED for state in states):
        raise SyncRefused(
            f"Keines der {len(accounts)} Verzeichniskonten wurde im Verzeichnis gefunden. "
            "Bitte LDAP_USER_SEARCH_BASE prüfen; nichts wurde geändert."
        )
    changed = sum(
        record_directory_state(acting_user=None, account=account, state=state, label=sync_label())
        for account, state in zip(accounts, states, strict=True)
    )
    return SyncResult(states=Counter(states), changed=changed)
