"""A report's PDF and Word document as jobs: started on the report's page, followed on the
job's page (polled by htmx, a reload link without script), fetched only by who may."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from smartkreis.testing.documents import read_docx, read_pdf
from tasks.models import Job


def start(client, report, name, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(name, args=[report.pk]))
    return response


def test_the_report_page_offers_the_documents_as_jobs(client, staff, report):
    client.force_login(staff)
    page = client.get(report.get_absolute_url()).content.decode()
    assert reverse("tasks:report_pdf_start", args=[report.pk]) in page
    assert "PDF erstellen" in page


def test_the_pdf_is_written_by_a_job_and_downloaded_by_who_started_it(
    client, staff, report, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    response = start(client, report, "tasks:report_pdf_start", django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.state, job.progress, job.attempts, job.started_by) == ("done", 100, 1, staff)
    assert AuditEntry.objects.filter(subject_id=str(job.pk), actor=staff).exists()

    page = client.get(job.get_absolute_url()).content.decode()
    download = reverse("tasks:job_download", args=[job.pk])
    assert download in page
    assert "hx-trigger" not in page  # finished: nothing polls any more

    file = client.get(download)
    assert file["Content-Type"] == "application/pdf"
    assert "fortschrittsbericht-kt-" in file["Content-Disposition"]
    assert report.title == read_pdf(b"".join(file.streaming_content)).title


def test_the_word_document_is_written_by_a_job(
    client, staff, report, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    start(client, report, "tasks:report_docx_start", django_capture_on_commit_callbacks)
    job = Job.objects.get()
    file = client.get(reverse("tasks:job_download", args=[job.pk]))
    assert read_docx(b"".join(file.streaming_content)).title == report.title


def test_a_running_job_shows_an_accessible_progress_bar_that_polls(client, staff, report):
    client.force_login(staff)
    client.post(reverse("tasks:report_pdf_start", args=[report.pk]))  # not committed: queued
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, progress=40, step="Schreibt")
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert '<label class="kern-label" for="job-progress-bar">Fortschritt</label>' in fragment
    assert 'max="100" value="40"' in fragment
    assert "40 % erledigt" in fragment
    assert "<html" not in fragment
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Seite neu laden" in page  # without script


def test_nobody_else_gets_the_file(
    client, staff, reader, municipality_user, report, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    start(client, report, "tasks:report_pdf_start", django_capture_on_commit_callbacks)
    job = Job.objects.get()
    download = reverse("tasks:job_download", args=[job.pk])

    other_staff = type(staff).objects.create(username="andere", role=staff.role)
    client.force_login(other_staff)
    assert client.get(job.get_absolute_url()).status_code == 200  # the staff unit follows it
    assert client.get(download).status_code == 404
    client.force_login(reader)
    assert client.get(job.get_absolute_url()).status_code == 403
    assert client.get(download).status_code == 403
    client.force_login(municipality_user)
    assert client.post(reverse("tasks:report_pdf_start", args=[report.pk])).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302
    assert Job.objects.count() == 1


def test_a_reader_may_not_start_a_draft_reports_document(client, reader, report):
    client.force_login(reader)
    response = client.post(reverse("tasks:report_pdf_start", args=[report.pk]))
    assert response.status_code == 403
    assert not Job.objects.exists()


@pytest.mark.parametrize("method", ["get"])
def test_starting_needs_a_post(client, staff, report, method):
    client.force_login(staff)
    response = getattr(client, method)(reverse("tasks:report_pdf_start", args=[report.pk]))
    assert response.status_code == 405
    assert not Job.objects.exists()
