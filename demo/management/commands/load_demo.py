from django.core.management.base import BaseCommand

from demo.loading import load_demo


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Daten des Rhein-Sieg-Kreises und die Demo-Zugänge. Idempotent: legt nur "
        "an, was fehlt, und ändert nichts Bestehendes."
    )

    def handle(self, *args, **options):
        result = load_demo()
        if not result.total:
            self.stdout.write("Demo-Daten sind bereits vollständig vorhanden; nichts geändert.")
            return
        self.stdout.write(self.style.SUCCESS(f"Demo-Daten geladen: {result.total} Datensätze neu."))
        for line in result.lines():
            self.stdout.write(f"  {line}")
