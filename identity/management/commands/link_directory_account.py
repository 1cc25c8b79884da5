"""`manage.py link_directory_account USERNAME [DIRECTORY_NAME]`: let an existing smartkreis
user log in with their directory account (a directory login never takes over an account of
the same user name by itself)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from ldap import LDAPError

from accounts.models import User
from identity.ldap_actions import link_directory_account
from identity.ldap_backend import DirectoryBackend
from identity.ldap_directory import open_connection, subject_of
from identity.ldap_sync import is_configured


class Command(BaseCommand):
    help = (
        "Verbindet einen vorhandenen Benutzer von smartkreis mit seinem Konto im Verzeichnis "
        "(LDAP / Active Directory), damit er sich damit anmelden kann."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Benutzername in smartkreis")
        parser.add_argument(
            "directory_name",
            nargs="?",
            help="Anmeldename im Verzeichnis, wenn er anders lautet (sonst der Benutzername)",
        )

    def handle(self, *args, **options):
        if not is_configured():
            raise CommandError("Kein Verzeichnis eingerichtet: LDAP_SERVER_URI ist nicht gesetzt.")
        user = User.objects.filter(username__iexact=options["username"]).first()
        if user is None:
            raise CommandError(f"Es gibt keinen Benutzer {options['username']}.")
        backend = DirectoryBackend()
        try:
            connection = open_connection(backend.settings)
            try:
                found = backend.settings.USER_SEARCH.execute(
                    connection, {"user": options["directory_name"] or options["username"]}
                )
            finally:
                connection.unbind_s()
        except LDAPError as problem:
            raise CommandError(f"Das Verzeichnis ist nicht nutzbar: {problem}") from problem
        if len(found) != 1:
            raise CommandError(
                f"Das Verzeichnis hat {len(found)} Einträge zu diesem Namen; "
                "gebraucht wird genau einer."
            )
        dn, attrs = found[0]
        try:
            link_directory_account(
                acting_user=None, user=user, issuer=backend.issuer, subject=subject_of(dn, attrs)
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        self.stdout.write(f"{user.get_username()} meldet sich jetzt auch mit {dn} an.")
