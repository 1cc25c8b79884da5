"""`manage.py sync_directory`: mark the directory accounts whose entries the county's
directory disabled or removed, clear those it reactivated (for cron, e.g. every 15 minutes)."""

from django.core.management.base import BaseCommand, CommandError

from identity.ldap_directory import EntryState
from identity.ldap_sync import SyncRefused, sync_directory_accounts


class Command(BaseCommand):
    help = (
        "Prüft jedes Verzeichniskonto gegen das Verzeichnis (LDAP / Active Directory): im "
        "Verzeichnis gesperrte oder entfernte Konten werden als gesperrt vermerkt und ihre "
        "Benutzer deaktiviert, wenn sie sich nur über das Verzeichnis anmelden (ihre Sitzungen "
        "enden); wieder freigegebene werden wieder aktiv."
    )

    def handle(self, *args, **options):
        try:
            result = sync_directory_accounts()
        except SyncRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        if options["verbosity"] >= 1:
            states = result.states
            self.stdout.write(
                f"{states.total()} Verzeichniskonten geprüft: "
                f"{states[EntryState.ACTIVE]} aktiv, {states[EntryState.DISABLED]} gesperrt, "
                f"{states[EntryState.REMOVED]} entfernt; {result.changed} geändert."
            )
