"""A body's Excel import as a job: the upload only queues it, the job checks and applies the
workbook (online_services.excel) with progress, and its page shows the import report;
refusals are German and change nothing."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from online_services import excel
from online_services.models import ServiceOffer
from online_services.tests.factories import OZGServiceFactory, ServiceOfferFactory
from tasks.models import Job
from tasks.tests.factories import BodyImportJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return MunicipalityEditorFactory()


@pytest.fixture
def offer(editor):
    return ServiceOfferFactory(body=editor.body, service=OZGServiceFactory(ozg_id="00123"))


def edited_export(body, status):
    workbook = load_workbook(io.BytesIO(excel.export_body(body)))
    workbook[excel.OFFER_SHEET]["D2"] = status
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("angebote.xlsx", output.getvalue())


def upload(client, body, file):
    return client.post(reverse("online_services:body_import", args=[body.pk]), {"file": file})


def test_the_upload_only_queues_the_import(client, editor, offer):
    client.force_login(editor)

    response = upload(client, editor.body, edited_export(editor.body, "Online"))

    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.kind, job.state, job.started_by, job.subject) == (
        Job.Kind.BODY_IMPORT,
        Job.State.QUEUED,
        editor,
        editor.body.name,
    )
    assert ServiceOffer.objects.get(pk=offer.pk).status != "ONLINE"
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "<progress" in page


def test_the_job_applies_the_workbook_and_its_page_shows_the_report(
    client, editor, offer, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, editor.body, edited_export(editor.body, "Online"))

    job = Job.objects.get()
    assert (job.state, job.progress, job.report["applied"]) == (Job.State.DONE, 100, True)
    assert not default_storage.exists(job.params["upload"])  # the upload is not kept
    assert ServiceOffer.objects.get(pk=offer.pk).status == "ONLINE"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Übernommen: 0 Onlineangebote angelegt, 1 aktualisiert" in page
    assert reverse("online_services:body_import", args=[editor.body.pk]) in page
    assert "hx-trigger" not in page


def test_an_unreadable_file_fails_with_a_german_message(
    client, editor, offer, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, editor.body, SimpleUploadedFile("a.xlsx", b"keine Tabelle"))

    job = Job.objects.get()
    assert (job.state, job.attempts) == (Job.State.FAILED, 1)  # no retry mends the file
    assert not default_storage.exists(job.params["upload"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "kann nicht als Excel-Arbeitsmappe (XLSX) gelesen werden" in page


def test_an_editor_who_lost_the_right_meanwhile_changes_nothing(
    client, editor, offer, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks() as callbacks:
        upload(client, editor.body, edited_export(editor.body, "Online"))
    User.objects.filter(pk=editor.pk).update(role=User.Role.READER)

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    assert job.message == (
        "Sie dürfen die Onlineangebote dieser Körperschaft nicht mehr importieren."
    )
    assert not default_storage.exists(job.params["upload"])
    assert ServiceOffer.objects.get(pk=offer.pk).status != "ONLINE"


def test_another_user_neither_starts_nor_sees_the_import(client, editor, offer):
    client.force_login(UserFactory(body=editor.body))
    assert upload(client, editor.body, edited_export(editor.body, "Online")).status_code == 403
    assert not Job.objects.exists()

    client.force_login(editor)
    upload(client, editor.body, edited_export(editor.body, "Online"))
    client.force_login(MunicipalityEditorFactory(body=editor.body))
    assert client.get(Job.objects.get().get_absolute_url()).status_code == 403


def test_the_report_page_shows_the_errors_and_the_changed_levels(client, editor):
    job = BodyImportJobFactory(started_by=editor, params={"body": editor.body.pk})
    client.force_login(editor)

    page = client.get(job.get_absolute_url()).content.decode()

    errors = page.split('id="import-errors"')[1].split("</table>")[0]
    assert '<td class="kern-table__cell">99999</td>' in errors
    assert '<td class="kern-table__cell">Unbekannt</td>' in errors
    changes = page.split('id="import-level-changes"')[1].split("</table>")[0]
    assert "– → OZG-2.0 3" in changes
    assert "05.03.2030" in changes


def test_a_failed_attempt_keeps_the_upload_for_the_retry_and_changes_nothing(
    client, editor, offer, monkeypatch, django_capture_on_commit_callbacks
):
    def database_gone(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(excel, "apply_import", database_gone)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, editor.body, edited_export(editor.body, "Online"))

    job = Job.objects.get()
    assert (job.state, job.attempts) == (Job.State.QUEUED, 1)
    assert job.due_at is not None
    assert default_storage.exists(job.params["upload"])
    assert ServiceOffer.objects.get(pk=offer.pk).status != "ONLINE"
