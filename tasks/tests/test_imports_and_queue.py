"""The staff unit starts and schedules OParl imports and sees the queue; nobody else does."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from oparl_import.models import OParlSource
from tasks import actions
from tasks.models import ImportSchedule, Job
from tasks.tests.factories import JobFactory


@pytest.fixture
def source(db):
    return OParlSource.objects.create(system_url="https://ris.example.de/oparl/system", name="RIS")


def test_the_staff_unit_starts_an_import_once_at_a_time(client, staff, source):
    client.force_login(staff)
    response = client.post(reverse("tasks:import_start", args=[source.pk]))
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.kind, job.params["source"], job.started_by) == ("oparl_import", source.pk, staff)

    response = client.post(reverse("tasks:import_start", args=[source.pk]), follow=True)
    assert "Ein Import dieser Quelle wartet bereits oder läuft gerade." in response.content.decode()
    assert Job.objects.count() == 1


def test_others_may_neither_start_nor_schedule_imports_nor_see_the_queue(client, reader, source):
    client.force_login(reader)
    assert client.post(reverse("tasks:import_start", args=[source.pk])).status_code == 403
    response = client.post(reverse("tasks:import_schedule", args=[source.pk]), {"hour": "3"})
    assert response.status_code == 403
    assert client.get(reverse("tasks:queue")).status_code == 403
    assert client.get(reverse("tasks:import_list")).status_code == 403
    assert not Job.objects.exists()
    assert not ImportSchedule.objects.exists()


def test_a_schedule_queues_the_import_daily_at_its_hour(client, staff, source):
    client.force_login(staff)
    client.post(reverse("tasks:import_schedule", args=[source.pk]), {"hour": "3"})
    schedule = ImportSchedule.objects.get()
    assert schedule.hour == 3
    assert timezone.localtime(schedule.next_run_at).hour == 3
    assert "täglich um 03:00 Uhr" in client.get(reverse("tasks:import_list")).content.decode()

    at_three = schedule.next_run_at
    assert actions.enqueue_scheduled_imports(now=at_three - datetime.timedelta(minutes=1)) == []
    [job] = actions.enqueue_scheduled_imports(now=at_three)
    assert job.started_by is None
    schedule.refresh_from_db()
    assert schedule.next_run_at == at_three + datetime.timedelta(days=1)
    assert actions.enqueue_scheduled_imports(now=at_three) == []


def test_a_wrong_hour_is_refused_and_nothing_saved(client, staff, source):
    client.force_login(staff)
    response = client.post(reverse("tasks:import_schedule", args=[source.pk]), {"hour": "24"})
    assert response.status_code == 200
    assert not ImportSchedule.objects.exists()


def test_the_queue_shows_state_age_attempts_and_last_error(
    client, staff, django_assert_max_num_queries
):
    JobFactory(state=Job.State.FAILED, attempts=3, last_error="OSError: disk full")
    JobFactory(state=Job.State.QUEUED)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("tasks:queue")).content.decode()
    assert "OSError: disk full" in page
    assert "3 / 3" in page
    assert "Fehlgeschlagen (1)" in page
    failed = client.get(reverse("tasks:queue"), {"state": "failed"}).content.decode()
    assert "OSError" in failed
    assert failed.count("kern-table__row") == 2  # header and the failed job


def test_the_import_list_shows_each_sources_latest_job_in_fixed_queries(
    client, staff, source, django_assert_num_queries
):
    other = OParlSource.objects.create(system_url="https://ris.other.example/oparl", name="Anderes")
    ImportSchedule.objects.create(source=source, hour=3)
    old = [
        JobFactory(kind=Job.Kind.OPARL_IMPORT, params={"source": source.pk}, subject="alt")
        for _ in range(5)
    ]
    latest = JobFactory(kind=Job.Kind.OPARL_IMPORT, params={"source": source.pk}, subject="neu")
    client.force_login(staff)
    client.get(reverse("tasks:import_list"))

    with django_assert_num_queries(4):
        response = client.get(reverse("tasks:import_list"))

    rows = {row.source: row for row in response.context["rows"]}
    assert rows[source].latest_job == latest
    assert rows[source].hour == 3
    assert rows[other].latest_job is None
    assert old[0] not in [row.latest_job for row in rows.values()]
