"""Queue the day's reminders (action items due soon or overdue, overdue status reports) and
send the queued mails. For a daily cron job; running it twice a day queues nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import actions


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date expects YYYY-MM-DD, got {value!r}") from error


class Command(BaseCommand):
    help = "Queue reminders for due action items and overdue status reports, then send mails."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, help="Treat this day as today (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List the reminders; queue and send nothing."
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        today = date or timezone.localdate()
        if dry_run:
            reminders = actions.due_reminders(today=today)
            for reminder in reminders:
                self.stdout.write(f"{reminder.subject} -> {', '.join(reminder.recipients)}")
            self.stdout.write(
                _("%(count)d reminder(s) would be queued (dry run).") % {"count": len(reminders)}
            )
            return
        queued = actions.queue_reminders(today=today)
        result = actions.deliver_pending()
        self.stdout.write(
            _("%(queued)d reminder(s) queued.") % {"queued": len(queued)}
            + " "
            + _("%(sent)d mail(s) sent, %(failed)d failed (kept for the next run).")
            % {"sent": result.sent, "failed": result.failed}
        )
