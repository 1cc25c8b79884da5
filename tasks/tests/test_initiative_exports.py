"""Large exports of the register as jobs: over EXPORT_ROWS_IN_REQUEST initiatives the list
offers buttons that start a job instead of links; the job writes the list as its starter may
read it when it runs, and only they fetch the file."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from tasks.models import Job

LIST_URL = reverse("portfolio:initiative_list")
EXPORT_URL = reverse("portfolio:initiative_export")
XLSX_START = reverse("tasks:initiatives_xlsx_start")
CSV_START = reverse("tasks:initiatives_csv_start")


@pytest.fixture
def small_limit(settings):
    settings.EXPORT_ROWS_IN_REQUEST = 1


def start(client, url, filters, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, {"filters": filters})


def download(client, job):
    response = client.get(reverse("tasks:job_download", args=[job.pk]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def _list_titles(client, query):
    html = client.get(f"{LIST_URL}?{query}").content.decode()
    table = html[html.index('id="results"') :]
    return re.findall(r'<a class="kern-link" href="/vorhaben/\d+/">([^<]+)</a>', table)


def test_up_to_the_limit_the_list_links_the_files(client, world):
    client.force_login(world.users["staff"])
    page = client.get(LIST_URL).content.decode()
    assert f"{EXPORT_URL}?format=xlsx" in page
    assert XLSX_START not in page


def test_over_the_limit_the_list_offers_jobs_with_its_filters(client, world, small_limit):
    client.force_login(world.users["staff"])
    page = client.get(LIST_URL, {"status": "IN_PROGRESS", "sort": "-title", "page": "1"})
    html = page.content.decode()
    assert f"{EXPORT_URL}?" not in html
    assert f'action="{XLSX_START}"' in html
    assert f'action="{CSV_START}"' in html
    assert "Excel-Datei erstellen" in html
    assert "CSV-Datei erstellen" in html
    # The filters without the page number ride along; the live filter's fragment has them too.
    assert 'name="filters" value="status=IN_PROGRESS&amp;sort=-title"' in html
    fragment = client.get(LIST_URL, {"q": "DMS"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert f"{EXPORT_URL}?q=DMS&amp;format=xlsx" in fragment  # one initiative: in the request


def test_the_job_writes_the_filtered_sorted_list_for_who_started_it(
    client, world, small_limit, django_capture_on_commit_callbacks
):
    staff = world.users["staff"]
    client.force_login(staff)
    filters = "sort=-title"
    response = start(client, XLSX_START, filters, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.kind, job.state, job.started_by, job.subject) == (
        Job.Kind.INITIATIVES_XLSX,
        Job.State.DONE,
        staff,
        "3 Vorhaben",
    )
    assert AuditEntry.objects.filter(subject_id=str(job.pk), actor=staff).exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("tasks:job_download", args=[job.pk]) in page

    file, content = download(client, job)
    assert f"vorhaben-{timezone.localdate():%Y-%m-%d}.xlsx" in file["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == _list_titles(client, filters)
    assert titles == ["Troisdorfer Ratsinformation", "DMS-Einführung", "Bürgerbüro online"]


def test_a_municipality_users_job_holds_only_what_they_may_read(
    client, world, small_limit, django_capture_on_commit_callbacks
):
    editor = world.users["municipality_editor_own"]
    client.force_login(editor)
    # Asking for the other municipality by filter yields nothing of it.
    start(client, CSV_START, "", django_capture_on_commit_callbacks)
    start(client, CSV_START, f"body={world.other_town.pk}", django_capture_on_commit_callbacks)
    own, other = Job.objects.order_by("pk")
    _file, content = download(client, own)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(row[1] for row in rows[1:]) == ["Bürgerbüro online", "DMS-Einführung"]
    _file, content = download(client, other)
    assert content.decode("utf-8-sig").count("\n") == 1  # the header only


def test_nobody_else_fetches_the_file(
    client, world, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(world.users["staff"])
    start(client, XLSX_START, "", django_capture_on_commit_callbacks)
    job = Job.objects.get()
    client.force_login(world.users["municipality_editor_other"])
    assert client.get(job.get_absolute_url()).status_code == 403
    assert client.get(reverse("tasks:job_download", args=[job.pk])).status_code == 403
    client.force_login(world.users["admin"])  # sees the queue, but the file is the starter's
    assert client.get(reverse("tasks:job_download", args=[job.pk])).status_code == 404


def test_an_old_link_to_a_large_export_leads_to_the_list(client, world, small_limit):
    client.force_login(world.users["staff"])
    response = client.get(EXPORT_URL, {"format": "xlsx", "sort": "-title"}, follow=True)
    assert response.redirect_chain == [(f"{LIST_URL}?sort=-title#results", 302)]
    html = response.content.decode()
    assert "Die Ausgabe umfasst 3 Vorhaben" in html
    assert "Excel-Datei erstellen" in html
    unfiltered = client.get(EXPORT_URL, {"format": "csv"})
    assert unfiltered.url == f"{LIST_URL}#results"
    assert not Job.objects.exists()


def test_refused_starts_change_nothing(client, world, small_limit):
    assert client.post(XLSX_START, {"filters": ""}).status_code == 302  # to the login
    client.force_login(world.users["staff"])
    response = client.post(XLSX_START, {"filters": "q=" + "x" * 2000})
    assert response.status_code == 400
    assert "Die Filter der Ausgabe sind ungültig." in response.content.decode()
    assert client.get(XLSX_START).status_code == 405
    assert not Job.objects.exists()
    assert not AuditEntry.objects.filter(subject_type__model="job").exists()
