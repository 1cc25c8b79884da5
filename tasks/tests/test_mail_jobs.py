"""Mails leave the request: a mail queued in the outbox is sent by a job started once the
transaction committed, through a real SMTP server; the outbox keeps it until the server took
it, and a job run twice sends it once."""

import datetime

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from notifications import actions as notification_actions
from notifications.models import OutgoingMail
from tasks import actions
from tasks.models import Job
from tasks.runner import execute

pytestmark = pytest.mark.django_db


def queue(dedup_key="test:1"):
    return notification_actions.queue_mail(
        dedup_key=dedup_key, recipients=["anna@example.org"], subject="Hallo", body="Text"
    )


def test_a_queued_mail_is_sent_by_a_job_after_the_commit(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        mail = queue()

    assert smtp_server.envelopes == []
    assert not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    job = Job.objects.get()
    assert (job.kind, job.params, job.state, job.started_by) == (
        Job.Kind.SEND_MAILS,
        {"mails": [mail.pk]},
        Job.State.DONE,
        None,
    )
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == ["anna@example.org"]
    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.SENT


def queue_then_fail():
    with transaction.atomic():
        queue()
        raise RuntimeError("the action failed after queueing")


def test_a_rolled_back_mail_starts_no_job(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        queue_then_fail()

    assert not OutgoingMail.objects.exists()
    assert not Job.objects.exists()
    assert smtp_server.envelopes == []


def test_a_delivery_run_twice_sends_each_mail_once(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue()
        again = actions.start_mail_delivery(mail_ids=[mail.pk])
    execute(again.pk)  # the task delivered twice: the finished job does nothing

    assert len(smtp_server.envelopes) == 1
    assert set(Job.objects.values_list("state", flat=True)) == {Job.State.DONE}


def test_a_refusing_server_keeps_the_mail_and_the_retry_sends_it(
    closed_smtp_port, smtp_server, settings, django_capture_on_commit_callbacks
):
    working = settings.MAILERS  # smtp_server's, set after closed_smtp_port's
    refusing = {"host": "127.0.0.1", "port": closed_smtp_port}
    settings.MAILERS = {"default": {**working["default"], "OPTIONS": refusing}}
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue()

    job = Job.objects.get()
    mail.refresh_from_db()
    assert (job.state, job.attempts, mail.state) == (Job.State.QUEUED, 1, "FAILED")
    assert "did not accept 1 mail" in job.last_error
    assert job.due_at is not None

    settings.MAILERS = working
    with django_capture_on_commit_callbacks(execute=True):
        actions.hand_over_due_jobs(now=timezone.now() + datetime.timedelta(hours=1))

    job.refresh_from_db()
    mail.refresh_from_db()
    assert (job.state, job.attempts, mail.state) == (Job.State.DONE, 2, "SENT")
    assert len(smtp_server.envelopes) == 1


def test_a_job_that_cannot_be_started_leaves_the_mail_in_the_outbox(
    smtp_server, monkeypatch, django_capture_on_commit_callbacks
):
    def unavailable(**kwargs):
        raise DatabaseError("the queue is unavailable")

    monkeypatch.setattr(actions, "start_mail_delivery", unavailable)
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue()  # the action succeeds all the same

    mail.refresh_from_db()
    assert mail.state == OutgoingMail.State.PENDING
    assert smtp_server.envelopes == []
