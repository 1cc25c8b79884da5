"""A job's file is deleted TASKS_RESULT_DAYS after the job finished; the job and its page stay."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffUnitUserFactory
from tasks import actions, runner
from tasks.models import Job
from tasks.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)


def _finished_job(*, days_ago, state=Job.State.DONE, **values):
    job = JobFactory(
        state=state,
        progress=100,
        finished_at=NOW - datetime.timedelta(days=days_ago),
        result_name="vorhaben.xlsx",
        **values,
    )
    stored = default_storage.save(f"jobs/{job.pk}/vorhaben.xlsx", ContentFile(b"Tabelle"))
    Job.objects.filter(pk=job.pk).update(result_file=stored)
    job.refresh_from_db()
    return job


def test_files_older_than_the_retention_are_deleted_and_the_job_says_when(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS_RESULT_DAYS = 30
    expired = _finished_job(days_ago=31)
    kept = _finished_job(days_ago=29)
    expired_file = expired.result_file.name

    with django_capture_on_commit_callbacks(execute=True):
        assert actions.remove_expired_results(now=NOW) == 1

    expired.refresh_from_db()
    kept.refresh_from_db()
    assert not default_storage.exists(expired_file)
    assert expired.result_file.name == ""
    assert expired.result_removed_at == NOW
    assert expired.state == Job.State.DONE
    assert default_storage.exists(kept.result_file.name)
    assert kept.result_removed_at is None
    # Nothing left to do on the next round.
    assert actions.remove_expired_results(now=NOW) == 0


def test_a_rollback_keeps_the_file_and_the_row_that_names_it(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS_RESULT_DAYS = 30
    job = _finished_job(days_ago=40)
    stored = job.result_file.name

    @transaction.atomic
    def failing_round():
        actions.remove_expired_results(now=NOW)
        raise RuntimeError("the round fails after the removal")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        failing_round()
    assert callbacks == []

    job.refresh_from_db()
    assert job.result_file.name == stored
    assert job.result_removed_at is None
    assert default_storage.exists(stored)


def test_running_queued_and_failed_jobs_are_left_alone(settings):
    settings.TASKS_RESULT_DAYS = 1
    running = JobFactory(state=Job.State.RUNNING, created_at=NOW - datetime.timedelta(days=5))
    failed = JobFactory(state=Job.State.FAILED, finished_at=NOW - datetime.timedelta(days=5))

    assert actions.remove_expired_results(now=NOW) == 0

    for job in (running, failed):
        job.refresh_from_db()
        assert job.result_removed_at is None


def test_the_workers_housekeeping_removes_expired_files(settings, monkeypatch):
    settings.TASKS_RESULT_DAYS = 30
    job = _finished_job(days_ago=31)
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    runner.housekeeping()

    job.refresh_from_db()
    assert job.result_removed_at == NOW


def test_the_job_page_says_the_file_was_deleted_and_the_download_is_gone(client, settings):
    settings.TASKS_RESULT_DAYS = 30
    user = StaffUnitUserFactory()
    job = _finished_job(days_ago=31, kind=Job.Kind.INITIATIVES_XLSX, started_by=user)
    client.force_login(user)
    download = reverse("tasks:job_download", args=[job.pk])
    assert client.get(download).status_code == 200
    before = client.get(job.get_absolute_url()).content.decode()
    # Finished on 6 Nov, kept for 30 days.
    assert "Die Datei wird bis zum 06.12.2026 aufbewahrt." in before
    # The state once: a finished job's last step ("Erledigt") would only repeat it.
    assert "Zustand: <strong>Erledigt</strong></p>" in before

    Job.objects.filter(pk=job.pk).update(result_file="", result_removed_at=NOW)

    page = client.get(job.get_absolute_url()).content.decode()
    assert "Die Datei wurde am 07.12.2026 gelöscht" in page
    assert "30 Tage" in page
    assert download not in page
    assert client.get(download).status_code == 404


def test_a_deleted_jobs_file_goes_with_it(django_capture_on_commit_callbacks):
    job = _finished_job(days_ago=1)
    stored = job.result_file.name

    with django_capture_on_commit_callbacks(execute=True):
        job.delete()

    assert not default_storage.exists(stored)
