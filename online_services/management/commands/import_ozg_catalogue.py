"""manage.py import_ozg_catalogue DIR: import or update the OZG catalogue from its CSV files."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from online_services.catalogue import CatalogueError, import_catalogue

LABELS = {
    "topics": "Themenfelder",
    "life_situations": "Lebenslagen",
    "ozg_services": "OZG-Leistungen",
    "leika_services": "LeiKa-Leistungen",
}


class Command(BaseCommand):
    help = _(
        "Import the OZG catalogue (themenfelder.csv, lebenslagen.csv, ozg_leistungen.csv, "
        "leika_leistungen.csv) from a directory; a re-import updates the rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        try:
            summary = import_catalogue(directory)
        except CatalogueError as error:
            raise CommandError(str(error)) from error
        for warning in summary.skipped:
            self.stderr.write(warning)
        for key, label in LABELS.items():
            self.stdout.write(
                _("%(label)s: %(created)s created, %(updated)s updated")
                % {
                    "label": label,
                    "created": summary.created[key],
                    "updated": summary.updated[key],
                }
            )
        self.stdout.write(
            _("LeiKa services without a LeiKa key: %(count)s")
            % {"count": summary.without_leika_key}
        )
        self.stdout.write(self.style.SUCCESS(_("The OZG catalogue has been imported.")))
