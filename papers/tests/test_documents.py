"""A paper as files, read back: the PDF (tagging, metadata, text, tables, vector chart) and the
Word document (headings, tables, user input staying literal); uploaded corporate templates. A
draft's files come from a background job, a version's are kept (papers/tests/test_kept_files.py)."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.shared import Inches
from pypdf import PdfReader

from papers import actions
from papers.documents import DEFAULT_TEMPLATE
from papers.models import DocumentTemplate, Paper, PaperBlock
from smartkreis.testing.documents import (
    assert_accessible_archivable_pdf,
    read_docx,
    read_pdf,
    template_escapes,
)
from smartkreis.testing.jobs import download_by_job

from .conftest import papers_state

pytestmark = pytest.mark.django_db

TRICKY = 'Kosten < 5.000 € & "{{ 7 * 7 }}" {% if x %}geheim{% endif %}'


@pytest.fixture
def paper(world):
    paper = world.public_paper
    Paper.objects.filter(pk=paper.pk).update(
        resolution_proposal="Der Beschluss ergibt sich aus den Beratungen.",
        preliminary_remark="Mit Schreiben vom 25.05.2020 hat die SPD-Kreistagsfraktion beantragt.",
        explanation=f"1. Status quo\n{TRICKY}",
        affects_budget=True,
        budget_effect=Paper.BudgetEffect.EXPENSE,
        budget_amount="250000.00",
    )
    staff = world.users["staff"]
    actions.add_block(
        acting_user=staff,
        paper=paper,
        kind=PaperBlock.Kind.INITIATIVE_STATUS,
        title="Status quo der Vorhaben",
        parameters={"fields": [world.field.pk]},
    )
    actions.add_block(
        acting_user=staff,
        paper=paper,
        kind=PaperBlock.Kind.INDICATOR_CHART,
        title="Breitbandversorgung",
        parameters={"indicator": world.indicator.pk},
    )
    paper.refresh_from_db()
    return paper


@pytest.mark.xdist_group("pdf")
def test_the_pdf_of_a_version_is_accessible_and_says_what_the_paper_says(client, world, paper):
    client.force_login(world.users["staff"])
    client.post(reverse("papers:paper_finalise", args=[paper.pk]))
    response = client.get(reverse("papers:version_pdf", args=[paper.pk, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "fassung-1.pdf" in response["Content-Disposition"]
    content = response.getvalue()

    pdf = read_pdf(content)
    assert_accessible_archivable_pdf(pdf)
    assert "Smarter Rhein-Sieg-Kreis 4.0" in pdf.title
    for text in (
        "Beschlussvorschlag",
        "Der Beschluss ergibt sich aus den Beratungen.",
        "Vorbemerkung",
        "Sachverhalt und Erläuterungen",
        "Status quo der Vorhaben",
        "Breitbandausbau",
        "1.000.000,00 €",
        "Finanzielle Auswirkungen",
        "250.000,00 €",
        "Beratungsfolge",
        "Fassung 1",
        "{{ 7 * 7 }}",
    ):
        assert text in pdf.text, text
    assert {"/H2", "/H3", "/Table", "/TH", "/TD"} <= pdf.structure_types
    # The chart is vector graphics: paths in the page content, no raster image.
    reader = PdfReader(io.BytesIO(content))
    page_resources = [page.get("/Resources", {}) for page in reader.pages]
    assert not any(
        xobject.get_object().get("/Subtype") == "/Image"
        for resources in page_resources
        for xobject in resources.get("/XObject", {}).values()
    )


def _docx(client, paper):
    """The Word file of what the paper's page shows: a version, kept."""
    response = client.get(reverse("papers:paper_docx", args=[paper.pk]))
    assert response.status_code == 200
    return response.getvalue()


def _draft_docx(client, paper, django_capture_on_commit_callbacks):
    """The Word file of a draft, written by a background job."""
    url = reverse("tasks:paper_docx_start", args=[paper.pk])
    response = download_by_job(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    return response


def test_the_word_document_has_headings_tables_and_literal_user_input(
    client, world, paper, django_capture_on_commit_callbacks
):
    client.force_login(world.users["reader"])
    response = _draft_docx(client, paper, django_capture_on_commit_callbacks)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = read_docx(response.getvalue())
    assert document.author == "smartkreis"
    assert "Smarter Rhein-Sieg-Kreis 4.0" in document.title
    headings = [(style, text) for style, text in document.paragraphs if style.startswith("Heading")]
    assert headings[0][0] == "Heading 1"
    assert ("Heading 2", "Beschlussvorschlag") in headings
    assert ("Heading 2", "Finanzielle Auswirkungen") in headings
    assert ("Heading 2", "Beratungsfolge") in headings
    assert ("Heading 3", "Status quo der Vorhaben") in headings
    assert ("Normal", TRICKY) in document.paragraphs
    tables = document.tables
    figures = next(table for table in tables if table[0][0] == "Handlungsfeld")
    assert figures[1][:2] == ["Verwaltung", "1"]
    financial = next(table for table in tables if table[1][0] == "Auswirkungen auf den Haushalt")
    assert ["Betrag", "250.000,00\u00a0€"] in financial
    consultations = next(table for table in tables if table[0][0] == "Nr.")
    assert len(consultations) == 3  # header, the public and the non-public consultation
    chart_table = next(table for table in tables if table[0][0] == "Datum")
    assert any("1.000 Haushalte" in row for row in chart_table)


def test_the_public_word_document_leaves_out_non_public_consultations(client, world, paper):
    client.force_login(world.users["staff"])
    client.post(reverse("papers:paper_finalise", args=[paper.pk]))
    client.logout()
    document = read_docx(_docx(client, paper))
    consultations = next(table for table in document.tables if table[0][0] == "Nr.")
    assert len(consultations) == 2
    assert "Vertraulich" not in str(document.tables)


def _corporate_template(marker):
    """The default template with a corporate line added (what an administration would do)."""
    document = docx.Document(DEFAULT_TEMPLATE)
    document.paragraphs[0].insert_paragraph_before(marker)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_uploaded_corporate_template_is_used_until_the_default_is_chosen(
    client, world, paper, django_capture_on_commit_callbacks
):
    client.force_login(world.users["staff"])
    upload = SimpleUploadedFile(
        "hausvorlage.docx", _corporate_template("Rhein-Sieg-Kreis · Der Landrat")
    )
    response = client.post(reverse("papers:template_list"), {"upload": upload, "name": "Haus"})
    assert response.status_code == 302
    assert DocumentTemplate.objects.get().is_active
    draft = _draft_docx(client, paper, django_capture_on_commit_callbacks).getvalue()
    texts = [text for _style, text in read_docx(draft).paragraphs]
    assert "Rhein-Sieg-Kreis · Der Landrat" in texts

    client.post(reverse("papers:template_reset"))
    draft = _draft_docx(client, paper, django_capture_on_commit_callbacks).getvalue()
    texts = [text for _style, text in read_docx(draft).paragraphs]
    assert "Rhein-Sieg-Kreis · Der Landrat" not in texts
    assert not DocumentTemplate.objects.filter(is_active=True).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vorlage.docx", b"kein Word", "keine lesbare Word-Vorlage"),
        ("vorlage.pdf", b"%PDF-1.4", "keine lesbare Word-Vorlage"),
        ("vorlage.docx", "broken", "fehlerhaften Platzhalter"),
    ],
)
def test_a_broken_template_is_refused_in_german_and_not_saved(
    client, world, name, content, message
):
    if content == "broken":
        content = _corporate_template("{{ title ")
    client.force_login(world.users["staff"])
    before = papers_state()
    response = client.post(
        reverse("papers:template_list"),
        {"upload": SimpleUploadedFile(name, content), "name": "Kaputt"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert papers_state() == before


@pytest.mark.parametrize("name", list(template_escapes("/dev/null")))
def test_a_template_escaping_the_sandbox_is_refused_at_upload_and_runs_nothing(
    client, world, settings, tmp_path, name
):
    target = tmp_path / "geschrieben.txt"
    client.force_login(world.users["staff"])
    before = papers_state()
    upload = SimpleUploadedFile(
        "hausvorlage.docx", _corporate_template(template_escapes(target)[name])
    )

    response = client.post(reverse("papers:template_list"), {"upload": upload, "name": "Haus"})

    assert response.status_code == 200
    assert "Die Word-Vorlage enthält einen" in response.content.decode()
    assert papers_state() == before
    assert not (settings.MEDIA_ROOT / "papers" / "document_templates").exists()
    assert not target.exists()


@pytest.mark.parametrize("name", list(template_escapes("/dev/null")))
def test_a_template_smuggled_into_the_database_runs_nothing_for_a_visitor(
    client, world, paper, tmp_path, name
):
    """Stored past the upload check (e.g. by an older version): the download still refuses."""
    target = tmp_path / "geschrieben.txt"
    client.force_login(world.users["staff"])
    client.post(reverse("papers:paper_finalise", args=[paper.pk]))
    client.logout()
    template = DocumentTemplate(name="Eingeschleust", is_active=True)
    template.content.save(
        "eingeschleust.docx",
        ContentFile(_corporate_template(template_escapes(target)[name])),
    )

    response = client.get(reverse("papers:paper_docx", args=[paper.pk]), follow=True)

    assert response.redirect_chain == [(paper.get_absolute_url(), 302)]
    assert "Die Word-Vorlage enthält einen" in response.content.decode()
    assert not target.exists()


def test_an_uploaded_template_keeps_its_own_page_setup(
    client, world, paper, django_capture_on_commit_callbacks
):
    """A corporate template carries the county's own layout: smartkreis does not put it on A4."""
    document = docx.Document(DEFAULT_TEMPLATE)
    document.sections[0].page_width, document.sections[0].page_height = Inches(8.5), Inches(11)
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(world.users["staff"])
    upload = SimpleUploadedFile("letter.docx", buffer.getvalue())
    client.post(reverse("papers:template_list"), {"upload": upload, "name": "Letter"})

    draft = _draft_docx(client, paper, django_capture_on_commit_callbacks).getvalue()
    section = docx.Document(io.BytesIO(draft)).sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
