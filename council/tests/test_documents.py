"""The information paper on open council decisions, read back as PDF and Word file."""

import datetime

import pytest
from django.urls import reverse

from council import documents
from smartkreis.documents import DocumentTemplateError, render_docx
from smartkreis.testing.documents import assert_accessible_archivable_pdf, read_docx, read_pdf

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
def test_the_pdf_is_an_accessible_information_paper_of_the_open_decisions(client, open_decisions):
    client.force_login(open_decisions.users["reader"])
    response = client.get(reverse("council:open_decisions_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="offene-kreistagsbeschluesse-' in response["Content-Disposition"]
    pdf = read_pdf(response.content)
    assert_accessible_archivable_pdf(pdf)
    assert {"/Table", "/TH", "/H2"} <= pdf.structure_types
    assert pdf.title.startswith("Mitteilungsvorlage: Offene Kreistagsbeschlüsse")
    assert "BV/0012/2021 Digitalisierung" in pdf.text
    assert "Verzögert (überfällig)" in pdf.text
    assert TRICKY in pdf.text
    assert "Erledigt" not in pdf.text


def test_the_word_file_says_the_same_from_the_same_context(client, open_decisions):
    client.force_login(open_decisions.users["reader"])
    response = client.get(reverse("council:open_decisions_docx"))
    assert response.status_code == 200
    document = read_docx(response.content)
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
