"""Attempts of a job: retried with a doubling backoff up to its limit, then failed with the
kind's German message; a job run twice writes its file once; an attempt whose lease was
taken over writes nothing."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from tasks import actions, runner
from tasks.kinds import KINDS, JobKind
from tasks.models import Job
from tasks.results import ResultFile
from tasks.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

TEST_KIND = "test_kind"


@pytest.fixture
def kind(monkeypatch):
    """A kind whose body the test sets; it counts its calls."""
    calls = []

    def install(body):
        def counted(job, progress):
            calls.append(job.pk)
            return body(job, progress)

        monkeypatch.setitem(KINDS, TEST_KIND, JobKind(body=counted, failure_message="Ging nicht."))
        return calls

    return install


def broken(job, progress):
    raise OSError("disk full")


def writes_file(job, progress):
    progress(50, "Halb")
    return ResultFile("ergebnis.txt", "text/plain", b"fertig")


def test_a_failing_job_is_retried_with_a_doubling_backoff_then_fails(kind, settings):
    settings.TASKS_RETRY_DELAY = 10
    calls = kind(broken)
    job = JobFactory(kind=TEST_KIND, max_attempts=3)
    before = timezone.now()

    runner.execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.last_error) == ("queued", 1, "OSError: disk full")
    assert before + datetime.timedelta(seconds=10) <= job.due_at
    assert job.due_at <= timezone.now() + datetime.timedelta(seconds=10)
    assert actions.hand_over_due_jobs() == []  # not yet due

    runner.execute(job.pk)  # the queue delivers it when due
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.due_at >= before + datetime.timedelta(seconds=20)

    runner.execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.message) == ("failed", 3, "Ging nicht.")
    runner.execute(job.pk)
    assert len(calls) == 3


def test_a_due_retry_is_handed_to_the_queue_once(kind, django_capture_on_commit_callbacks):
    kind(writes_file)
    job = JobFactory(kind=TEST_KIND, due_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert actions.hand_over_due_jobs() == [job.pk]
        assert actions.hand_over_due_jobs() == []
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.state == "done"
    assert job.task_id


def test_a_job_run_twice_writes_its_file_once(kind):
    calls = kind(writes_file)
    job = JobFactory(kind=TEST_KIND)
    runner.execute(job.pk)
    runner.execute(job.pk)
    job.refresh_from_db()
    assert job.state == "done"
    assert len(calls) == 1
    assert default_storage.open(job.result_file.name).read() == b"fertig"
    assert default_storage.listdir(f"jobs/{job.pk}") == ([], ["ergebnis.txt"])


def test_an_attempt_whose_lease_was_taken_over_writes_nothing(settings):
    settings.TASKS_LEASE_SECONDS = 60
    job = JobFactory(kind=TEST_KIND)
    old = actions.claim_job(job_id=job.pk)
    later = timezone.now() + datetime.timedelta(seconds=61)
    assert actions.recover_lost_jobs(now=later) == [job.pk]
    new = actions.claim_job(job_id=job.pk)

    result = ResultFile("ergebnis.txt", "text/plain", b"alt")
    assert actions.complete_job(job_id=job.pk, token=old, result=result) is None
    assert not actions.report_progress(job_id=job.pk, token=old, percent=80, step="alt")
    assert not default_storage.exists(f"jobs/{job.pk}")
    assert actions.complete_job(job_id=job.pk, token=new, result=result).state == "done"
    job.refresh_from_db()
    assert job.attempts == 2


def test_a_lost_job_on_its_last_attempt_fails_with_the_kinds_message(settings):
    settings.TASKS_LEASE_SECONDS = 60
    job = JobFactory(kind=Job.Kind.REPORT_PDF, max_attempts=1)
    actions.claim_job(job_id=job.pk)
    assert actions.recover_lost_jobs(now=timezone.now() + datetime.timedelta(minutes=2)) == []
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.message.startswith("Das PDF konnte nicht erstellt werden.")


def test_a_running_job_with_a_fresh_heartbeat_is_not_taken_over(settings):
    settings.TASKS_LEASE_SECONDS = 60
    job = JobFactory(kind=TEST_KIND)
    actions.claim_job(job_id=job.pk)
    assert actions.recover_lost_jobs() == []
    assert actions.claim_job(job_id=job.pk) is None
