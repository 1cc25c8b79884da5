"""Send the queued and failed mails. For a cron job every few minutes: a mail server that was
down gets the mails on a later run."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from notifications import actions


class Command(BaseCommand):
    help = "Send pending mails and retry failed ones."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many mails.")

    def handle(self, *args, limit=500, **options):
        result = actions.deliver_pending(limit=limit)
        self.stdout.write(
            _("%(sent)d mail(s) sent, %(failed)d failed (kept for the next run).")
            % {"sent": result.sent, "failed": result.failed}
        )
