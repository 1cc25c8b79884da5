from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from accounts.models import User
from demo.datafiles import demo_data

URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge: Benutzername, Passwort, Rolle, Körperschaft/Einheit."

    def handle(self, *args, **options):
        # The role as the page header names it, in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            self._print()

    def _print(self):
        data = demo_data()
        users = {
            user.username: user
            for user in User.objects.filter(username__in=data.demo_users).select_related(
                "body", "org_unit"
            )
        }
        header = ("Benutzername", "Passwort", "Rolle", "Körperschaft / Organisationseinheit")
        rows = []
        for username, spec in data.demo_users.items():
            user = users.get(username)
            if user is None:
                where = "fehlt – bitte zuerst „manage.py load_demo“ ausführen"
            else:
                where = " / ".join(str(part) for part in (user.body, user.org_unit) if part)
            role = str(User.Role(spec["role"]).label)
            rows.append((username, data.demo_password, role, where))
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

        def line(cells):
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

        self.stdout.write("Demo-Zugänge (nur für die Demo, ein gemeinsames Passwort):\n")
        self.stdout.write(line(header).rstrip())
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row).rstrip())
        self.stdout.write("\nWas die Zugänge dürfen:")
        for username, spec in data.demo_users.items():
            self.stdout.write(f"  {username}: {spec['may']}")
        self.stdout.write(f"\nAnmeldung: {URL}")
