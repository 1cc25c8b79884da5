"""`manage.py import_oparl URL`: read a council information system's OParl endpoint."""

import urllib.parse

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from oparl_import.client import OParlClient
from oparl_import.importer import Importer, ImportFailure


class Command(BaseCommand):
    help = (
        "Importiert Körperschaften, Gremien, Personen, Mitgliedschaften, Sitzungen mit "
        "Tagesordnung und Vorlagen mit Beratungsfolge und Dateiangaben von einem OParl-Endpunkt "
        "(1.0 und 1.1). Wiederholte Läufe holen nur Geändertes; ein abgebrochener Lauf wird "
        "fortgesetzt."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="URL des OParl-System-Objekts")
        parser.add_argument(
            "--full",
            action="store_true",
            help="alles neu lesen (ohne modified_since, verwirft Fortsetzungspunkte)",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Zeitlimit für das Warten auf den Server in Sekunden (sonst OPARL_IMPORT_TIMEOUT)",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if urllib.parse.urlsplit(options["url"]).scheme not in ("http", "https"):
            raise CommandError(
                "Bitte die vollständige URL des OParl-System-Objekts angeben "
                "(beginnend mit http:// oder https://)."
            )
        importer = Importer(
            options["url"],
            client=OParlClient(timeout=options["timeout"]),
            full=options["full"],
            progress=self.stdout.write if verbosity >= 1 else None,
        )
        try:
            run = importer.execute()
        except ImportFailure as failure:
            if verbosity >= 1 and importer.run is not None:
                self._summary(importer.run)
            raise CommandError(
                f"Der OParl-Import ist abgebrochen: {failure.message} Bereits gespeicherte "
                "Seiten bleiben erhalten; ein erneuter Aufruf setzt an der abgebrochenen Seite "
                "fort."
            ) from failure
        if verbosity >= 1:
            self._summary(run)

    def _summary(self, run):
        self.stdout.write("Zusammenfassung (neu / geändert / unverändert / gelöscht):")
        for label, numbers in run.counts.items():
            model = apps.get_model(label)
            self.stdout.write(
                f"  {model._meta.verbose_name_plural}: {numbers['created']} / "
                f"{numbers['updated']} / {numbers['unchanged']} / {numbers.get('deleted', 0)}"
            )
        problems = list(run.problems.all())
        if problems:
            self.stdout.write(f"{len(problems)} Probleme:")
            for problem in problems:
                self.stdout.write(f"  {problem.object_id}: {problem.message}")
        if run.status == run.Status.SUCCEEDED:
            self.stdout.write(self.style.SUCCESS("Import abgeschlossen."))
