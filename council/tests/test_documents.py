"""The information paper on open council decisions, written by a background job and read back
as PDF and Word file."""

import datetime

import pytest
from django.urls import reverse

from council import documents
from smartkreis.documents import DocumentTemplateError, render_docx
from smartkreis.testing.documents import assert_accessible_archivable_pdf, read_docx, read_pdf
from smartkreis.testing.jobs import download_by_job
from tasks.models import Job

from .factories import ConsultationFactory, CouncilDecisionFactory

pytestmark = pytest.mark.django_db
TRICKY = 'Kosten < 5.000 € & "{{ 7 * 7 }}" {% if x %}geheim{% endif %}'


@pytest.fixture
def open_decisions(world):
    staff = world.users["staff"]
    CouncilDecisionFactory(
        consultation=world.consultation,
        recorded_by=staff,
        text="Die Verwaltung richtet eine Stabsstelle Digitalisierung ein.",
        state="DELAYED",
        delay_reason=TRICKY,
        owner_unit=world.unit,
        deadline=datetime.date(2022, 12, 31),
    )
    CouncilDecisionFactory(
        consultation=ConsultationFactory(
            organization=world.committee, paper__body=world.county, paper__subject="Erledigt"
        ),
        recorded_by=staff,
        state="DONE",
        done_on=datetime.date(2022, 1, 1),
    )
    return world


@pytest.mark.xdist_group("pdf")
def test_the_pdf_is_an_accessible_information_paper_of_the_open_decisions(
    client, open_decisions, django_capture_on_commit_callbacks
):
    client.force_login(open_decisions.users["reader"])
    response = download_by_job(
        client, reverse("tasks:open_decisions_pdf_start"), django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="offene-kreistagsbeschluesse-' in response["Content-Disposition"]
    pdf = read_pdf(response.getvalue())
    assert_accessible_archivable_pdf(pdf)
    assert {"/Table", "/TH", "/H2"} <= pdf.structure_types
    assert pdf.title.startswith("Mitteilungsvorlage: Offene Kreistagsbeschlüsse")
    assert "BV/0012/2021 Digitalisierung" in pdf.text
    assert "Verzögert (überfällig)" in pdf.text
    assert TRICKY in pdf.text
    assert "Erledigt" not in pdf.text


def test_the_word_file_says_the_same_from_the_same_context(
    client, open_decisions, django_capture_on_commit_callbacks
):
    client.force_login(open_decisions.users["reader"])
    response = download_by_job(
        client, reverse("tasks:open_decisions_docx_start"), django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    document = read_docx(response.getvalue())
    assert document.title.startswith("Mitteilungsvorlage: Offene Kreistagsbeschlüsse")
    assert document.author == "smartkreis"
    styles = {text: style for style, text in document.paragraphs}
    assert styles[document.title] == "Heading 1"
    assert styles["BV/0012/2021 Digitalisierung"] == "Heading 3"
    assert any(TRICKY in text for _style, text in document.paragraphs)
    header, *rows = document.tables[0]
    assert header[0] == "Vorlage"
    assert [row[0] for row in rows] == ["BV/0012/2021 Digitalisierung"]
    assert rows[0][3] == "Verzögert (überfällig)"


def test_municipalities_get_only_public_decisions_in_the_paper(world, open_decisions):
    context = documents.open_decisions_context(world.users["municipality_editor"])
    assert [row["reference"] for row in context["decisions"]] == ["BV/0012/2021"]
    world.consultation.paper.is_public = False
    world.consultation.paper.save()
    context = documents.open_decisions_context(world.users["municipality_editor"])
    assert context["decisions"] == []


def test_a_broken_template_gives_a_german_error(tmp_path, world):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"no word file")
    context = documents.open_decisions_context(world.users["staff"])
    with pytest.raises(DocumentTemplateError, match="Word-Vorlage"):
        render_docx(broken, context, title=context["title"], language="de")


def test_the_decisions_page_offers_the_information_paper_as_jobs(client, world):
    client.force_login(world.users["reader"])
    html = client.get(reverse("council:decision_list")).content.decode()
    assert reverse("tasks:open_decisions_pdf_start") in html
    assert reverse("tasks:open_decisions_docx_start") in html
    assert "Mitteilungsvorlage zu den offenen Beschlüssen erstellen (PDF)" in html


def test_only_who_started_the_information_paper_downloads_it(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users["reader"])
    start = reverse("tasks:open_decisions_docx_start")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(start)
    job = Job.objects.get(kind=Job.Kind.OPEN_DECISIONS_DOCX)
    download = reverse("tasks:job_download", args=[job.pk])

    client.force_login(world.users["municipality_editor"])
    assert client.get(download).status_code == 403
    client.force_login(world.users["staff"])  # follows every job, but the file is the reader's
    assert client.get(download).status_code == 404
    client.logout()
    assert client.post(start).status_code == 302  # to the login
    assert Job.objects.count() == 1
