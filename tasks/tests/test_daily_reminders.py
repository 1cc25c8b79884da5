"""The reminders run daily from the workers' housekeeping at REMINDERS_HOUR (local time): one
job a day however many workers ask, and it queues and sends the day's reminders."""

import datetime

import pytest
from django.utils import timezone

from governance.models import ActionItem
from notifications.models import OutgoingMail
from notifications.tests.factories import ActionItemFactory
from tasks import actions
from tasks.models import Job
from tasks.runner import housekeeping

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 3, 5)


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


@pytest.fixture
def reminders_at_seven(settings):
    settings.REMINDERS_HOUR = 7


def test_the_reminders_are_queued_once_a_day_from_their_hour(reminders_at_seven):
    assert actions.enqueue_daily_reminders(now=at(DAY, 6)) is None

    job = actions.enqueue_daily_reminders(now=at(DAY, 7))
    assert (job.kind, job.params, job.once_key, job.started_by) == (
        Job.Kind.SEND_REMINDERS,
        {"day": "2030-03-05"},
        "reminders:2030-03-05",
        None,
    )
    assert actions.enqueue_daily_reminders(now=at(DAY, 18)) is None

    next_day = actions.enqueue_daily_reminders(now=at(DAY + datetime.timedelta(days=1), 9))
    assert next_day.params == {"day": "2030-03-06"}
    assert Job.objects.count() == 2


def test_a_worker_that_lost_the_race_queues_nothing(reminders_at_seven, monkeypatch):
    actions.enqueue_daily_reminders(now=at(DAY, 8))
    # As if another worker had inserted the day's job after this one looked.
    monkeypatch.setattr(actions.queries, "job_with_key_exists", lambda key: False)

    assert actions.enqueue_daily_reminders(now=at(DAY, 8)) is None
    assert Job.objects.filter(kind=Job.Kind.SEND_REMINDERS).count() == 1


def test_without_an_hour_no_reminders_are_queued(settings):
    settings.REMINDERS_HOUR = None

    assert actions.enqueue_daily_reminders(now=at(DAY, 12)) is None
    assert not Job.objects.exists()


def test_housekeeping_runs_the_days_reminders_once_and_sends_them(
    settings, smtp_server, django_capture_on_commit_callbacks
):
    local_hour = timezone.localtime().hour
    settings.REMINDERS_HOUR = local_hour
    today = timezone.localdate()
    ActionItemFactory(title="Konzept schreiben", due_date=today + datetime.timedelta(days=2))
    ActionItemFactory(title="Erledigt", due_date=today, status=ActionItem.Status.DONE)

    with django_capture_on_commit_callbacks(execute=True):
        housekeeping()
        housekeeping()  # a second worker, or the next round

    job = Job.objects.get()
    assert (job.kind, job.state) == (Job.Kind.SEND_REMINDERS, Job.State.DONE)
    (reminder,) = OutgoingMail.objects.all()
    assert "Konzept schreiben" in reminder.subject
    assert reminder.state == OutgoingMail.State.SENT
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == reminder.recipients
