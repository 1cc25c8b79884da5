"""Who started a long job gets a mail with the link to its page once it is done or failed."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import StaffUnitUserFactory
from notifications.models import OutgoingMail
from tasks import actions, runner
from tasks.kinds import KINDS, JobKind
from tasks.models import Job
from tasks.results import ResultFile
from tasks.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

TEST_KIND = "test_kind"


@pytest.fixture
def long_jobs(settings):
    """Every job counts as long; SITE_URL set so the mail can link the job's page."""
    settings.TASKS_MAIL_AFTER_SECONDS = 0
    settings.TASKS_RESULT_DAYS = 30
    settings.SITE_URL = "https://smartkreis.example.org"


def _kind(monkeypatch, body):
    monkeypatch.setitem(KINDS, TEST_KIND, JobKind(body=body, failure_message="Ging nicht."))


def _writes_file(job, progress):
    return ResultFile("vorhaben.xlsx", "application/octet-stream", b"Tabelle")


def _breaks(job, progress):
    raise OSError("disk full")


def _job(**values):
    return JobFactory(kind=TEST_KIND, subject="Vorhaben", **values)


def _mails():
    return list(OutgoingMail.objects.filter(dedup_key__startswith="job-ended:"))


def test_a_long_job_done_mails_the_link_to_its_page_and_never_the_file(
    long_jobs, monkeypatch, django_capture_on_commit_callbacks
):
    _kind(monkeypatch, _writes_file)
    starter = StaffUnitUserFactory(email="cdo@kreis.example")
    job = _job(started_by=starter)

    with django_capture_on_commit_callbacks(execute=True):
        runner.execute(job.pk)

    (queued,) = _mails()
    assert queued.recipients == ["cdo@kreis.example"]
    assert queued.subject.startswith("Fertig: ")
    assert f"https://smartkreis.example.org/hintergrundaufgaben/{job.pk}/" in queued.body
    kept_until = timezone.localtime(Job.objects.get(pk=job.pk).file_kept_until)
    assert f"bis zum {kept_until:%d.%m.%Y}" in queued.body
    assert queued.attachments == []
    # Delivered by the mail job after the commit (the test queue runs it at once).
    assert [sent.to for sent in mail.outbox] == [["cdo@kreis.example"]]


def test_a_job_failed_for_good_mails_its_german_message_but_a_retry_does_not(
    long_jobs, monkeypatch
):
    _kind(monkeypatch, _breaks)
    job = _job(started_by=StaffUnitUserFactory(email="cdo@kreis.example"), max_attempts=2)

    runner.execute(job.pk)
    assert _mails() == []  # queued again: nothing to tell yet

    Job.objects.filter(pk=job.pk).update(due_at=None)
    runner.execute(job.pk)

    (queued,) = _mails()
    assert queued.subject.startswith("Fehlgeschlagen: ")
    assert "Ging nicht." in queued.body
    assert "disk full" not in queued.body  # the technical cause is for the staff unit


def test_a_lost_job_on_its_last_attempt_mails_who_started_it(long_jobs, settings):
    settings.TASKS_LEASE_SECONDS = 60
    job = JobFactory(
        kind=Job.Kind.REPORT_PDF,
        max_attempts=1,
        started_by=StaffUnitUserFactory(email="cdo@kreis.example"),
    )
    actions.claim_job(job_id=job.pk)

    actions.recover_lost_jobs(now=timezone.now() + datetime.timedelta(minutes=2))

    (queued,) = _mails()
    assert "Das PDF konnte nicht erstellt werden." in queued.body


def test_a_quick_job_and_a_job_nobody_started_mail_nobody(settings, monkeypatch):
    settings.TASKS_MAIL_AFTER_SECONDS = 60
    _kind(monkeypatch, _writes_file)
    quick = _job(started_by=StaffUnitUserFactory(email="cdo@kreis.example"))
    runner.execute(quick.pk)

    settings.TASKS_MAIL_AFTER_SECONDS = 0
    scheduled = _job(started_by=None)
    runner.execute(scheduled.pk)

    assert Job.objects.filter(state=Job.State.DONE).count() == 2
    assert _mails() == []


def test_an_address_the_outbox_refuses_does_not_fail_the_job(long_jobs, monkeypatch):
    _kind(monkeypatch, _writes_file)
    job = _job(started_by=StaffUnitUserFactory(email="keine-adresse"))

    runner.execute(job.pk)

    assert Job.objects.get(pk=job.pk).state == Job.State.DONE
    assert _mails() == []
