"""Reminders of open feedback on accessibility, before and after its deadline, for the staff
unit. notifications asks for them through the hook `due_reminders` (see LegalConfig) and queues
them with the action items' reminders in `send_reminders`: due soon once, overdue once a week."""

from notifications.actions import Reminder
from notifications.mails import in_site_language
from notifications.queries import OVERDUE_REMINDER_EVERY_DAYS, staff_unit_addresses

from . import mails, queries


def reminder_key(feedback, today):
    due = feedback.due_date.isoformat()
    if feedback.due_date < today:
        # Overdue reminders repeat every OVERDUE_REMINDER_EVERY_DAYS days, not on every run.
        week = (today - feedback.due_date).days // OVERDUE_REMINDER_EVERY_DAYS
        return f"reminder:feedback:{feedback.pk}:overdue:{due}:{week}"
    return f"reminder:feedback:{feedback.pk}:due:{due}"


def due_reminders(*, today):
    """A Reminder for each open case due soon or overdue on `today` (queued or not: the
    notifications app leaves out those queued before)."""
    cases = queries.feedback_to_remind(today)
    if not cases:
        return []
    recipients = staff_unit_addresses()
    reminders = []
    with in_site_language():
        for feedback in cases:
            subject, body = mails.reminder_text(feedback, overdue=feedback.due_date < today)
            reminders.append(Reminder(reminder_key(feedback, today), recipients, subject, body))
    return reminders
