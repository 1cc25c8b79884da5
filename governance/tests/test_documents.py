"""The minutes as files, written by a background job: read back the PDF (pypdf) and the Word
document (python-docx)."""

import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from governance import documents
from governance.models import Attendance, Decision, Membership
from smartkreis.testing.documents import assert_accessible_archivable_pdf, read_pdf
from smartkreis.testing.jobs import download_by_job
from tasks.models import Job

from .conftest import governance_state
from .factories import ActionItemFactory, AgendaItemFactory, DecisionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TRICKY_MINUTES = 'Kosten < 5.000 € & "{{ 7 * 7 }}" {% if x %}geheim{% endif %} <b>fett</b>'
DECISION_TEXT = "Die Lenkungsgruppe beschließt die Einführung der E-Akte im Schulamt."


@pytest.fixture
def minutes_world(world):
    meeting = world.meeting
    meeting.name = "3. Sitzung der Lenkungsgruppe"
    meeting.start = timezone.make_aware(datetime.datetime(2021, 3, 15, 10, 0))
    meeting.end = meeting.start + datetime.timedelta(hours=2)
    meeting.save()
    world.guest_item.minutes = "Die Stabsstelle berichtet.\nFragen wurden beantwortet."
    world.guest_item.save()
    world.other_item.minutes = TRICKY_MINUTES
    world.other_item.save()
    decision = DecisionFactory(
        agenda_item=world.guest_item,
        outcome=Decision.Outcome.APPROVED,
        priority=Decision.Priority.A,
        text=DECISION_TEXT,
    )
    ActionItemFactory(
        meeting=meeting,
        decision=decision,
        title="Projektplan E-Akte vorlegen",
        owner_person=world.people["member"],
    )
    Attendance.objects.create(
        meeting=meeting, person=world.people["chair"], status=Attendance.Status.PRESENT
    )
    Attendance.objects.create(
        meeting=meeting, person=world.people["member"], status=Attendance.Status.EXCUSED
    )
    return world


def _download(client, user, url_name, meeting, django_capture_on_commit_callbacks):
    client.force_login(user)
    url = reverse(f"tasks:{url_name}", args=[meeting.pk])
    response = download_by_job(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    return response


# PDF -----------------------------------------------------------------------------------------


@pytest.mark.xdist_group("pdf")
def test_the_pdf_is_tagged_pdf_a_and_ua_with_the_minutes_text(
    client, minutes_world, django_capture_on_commit_callbacks
):
    """One rendering (WeasyPrint takes about a second), read back in every respect."""
    world = minutes_world
    response = _download(
        client,
        world.users["member"],
        "minutes_pdf_start",
        world.meeting,
        django_capture_on_commit_callbacks,
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="niederschrift-lenkungsgruppe-digitalisierung-2021-03-15.pdf"'
    )
    content = response.getvalue()

    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Niederschrift der Sitzung Lenkungsgruppe Digitalisierung am 15.03.2021" in text
    assert "3. Sitzung der Lenkungsgruppe" in text
    assert "TOP 1: Bericht der Stabsstelle" in text
    assert "TOP 2: Vertrauliches" in text
    assert DECISION_TEXT in text
    assert "Projektplan E-Akte vorlegen" in text
    assert "Sebastian Schuster" in text
    assert "anwesend" in text
    # User input is printed as it was typed, not interpreted as markup or template code.
    assert 'Kosten < 5.000 € & "{{ 7 * 7 }}" {% if x %}geheim{% endif %} <b>fett</b>' in text

    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "de"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == (
        "Niederschrift der Sitzung Lenkungsgruppe Digitalisierung am 15.03.2021"
    )
    assert reader.metadata.author == "smartkreis"
    assert_accessible_archivable_pdf(read_pdf(content))

    # The structure tree has real headings and tables, and the fonts are embedded.
    structure_types = set()
    pending = [catalog["/StructTreeRoot"].get_object()]
    while pending:
        node = pending.pop()
        if "/S" in node:
            structure_types.add(node["/S"])
        kids = node.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        pending.extend(kid.get_object() for kid in kids if hasattr(kid.get_object(), "keys"))
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD"} <= structure_types
    fonts = {
        font.get_object()["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts
    # Subsets of the vendored font (Typst names them by their PostScript names).
    assert all(font.split("+")[1].startswith("FiraSans-") for font in fonts), fonts
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object().get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font.get_object())[
                "/FontDescriptor"
            ]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())


# DOCX ----------------------------------------------------------------------------------------


def test_the_word_file_has_real_headings_and_the_minutes_text(
    client, minutes_world, django_capture_on_commit_callbacks
):
    world = minutes_world
    response = _download(
        client,
        world.users["staff"],
        "minutes_docx_start",
        world.meeting,
        django_capture_on_commit_callbacks,
    )
    assert response["Content-Type"] == documents.DOCX_CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="niederschrift-lenkungsgruppe-digitalisierung-2021-03-15.docx"'
    )

    document = docx.Document(io.BytesIO(response.getvalue()))
    headings = [
        (paragraph.style.name, paragraph.text)
        for paragraph in document.paragraphs
        if paragraph.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Niederschrift der Sitzung Lenkungsgruppe Digitalisierung am 15.03.2021"),
        ("Heading 2", "Anwesenheit"),
        ("Heading 2", "TOP 1: Bericht der Stabsstelle"),
        ("Heading 3", "Beschluss: Beschlossen – Priorität A – hoch"),
        ("Heading 2", "TOP 2: Vertrauliches"),
        ("Heading 2", "Beschlüsse"),
        ("Heading 2", "Aufträge"),
    ]
    body = [p.text for p in document.paragraphs]
    assert "Die Stabsstelle berichtet." in body
    assert "Fragen wurden beantwortet." in body
    assert DECISION_TEXT in body
    # No template tag is left over.
    assert not any("{%" in text or "{{" in text for text in body if text != TRICKY_MINUTES)

    attendance, decisions, action_items = document.tables
    assert [cell.text for cell in attendance.rows[0].cells] == ["Name", "Rolle", "Anwesenheit"]
    rows = [[cell.text for cell in row.cells] for row in attendance.rows[1:]]
    assert ["Sebastian Schuster", "Vorsitz", "anwesend"] in rows
    assert ["Petra Mitglied", "Mitglied", "entschuldigt"] in rows
    assert [cell.text for cell in decisions.rows[1].cells][:2] == ["1", "Beschlossen"]
    assert [cell.text for cell in action_items.rows[0].cells] == [
        "Aufgabe",
        "Verantwortlich",
        "Fällig",
        "Status",
    ]
    assert action_items.rows[1].cells[0].text == "Projektplan E-Akte vorlegen"
    assert document.core_properties.title == (
        "Niederschrift der Sitzung Lenkungsgruppe Digitalisierung am 15.03.2021"
    )
    assert document.core_properties.author == "smartkreis"


def test_user_input_in_the_word_file_is_text_not_template_code(minutes_world):
    """<, & and template tags in the minutes come out literally; the file stays valid XML."""
    world = minutes_world
    world.other_item.title = "Haushalt <2022> & {{ meeting }}"
    world.other_item.save()
    content = documents.render_minutes_docx(world.meeting)

    document = docx.Document(io.BytesIO(content))
    body = [p.text for p in document.paragraphs]
    assert TRICKY_MINUTES in body
    assert "TOP 2: Haushalt <2022> & {{ meeting }}" in body
    assert "49" not in " ".join(body)
    assert "geheim" not in body  # the {% if %} was not evaluated


def test_an_empty_meeting_gives_a_word_file_that_says_so(world):
    meeting = MeetingFactory(organization=world.committee)
    document = docx.Document(io.BytesIO(documents.render_minutes_docx(meeting)))
    body = [p.text for p in document.paragraphs]
    assert "Die Tagesordnung ist leer." in body
    assert "Noch keine Aufträge." in body
    assert "Keine Beschlüsse erfasst." in body
    # Only the attendance table: the members expected, with no attendance recorded yet.
    (attendance,) = document.tables
    assert [cell.text for cell in attendance.rows[1].cells][2] == "nicht erfasst"


def test_the_context_takes_a_constant_number_of_queries(world):
    def count_queries(meeting):
        with CaptureQueriesContext(connection) as queries:
            context = documents.minutes_context(meeting)
        return len(queries), context

    def meeting_with(items):
        meeting = MeetingFactory(organization=world.committee)
        for position in range(1, items + 1):
            item = AgendaItemFactory(
                meeting=meeting, position=position, guests=[world.people["guest"]]
            )
            decision = DecisionFactory(agenda_item=item)
            ActionItemFactory(meeting=meeting, decision=decision)
        return meeting

    few, few_context = count_queries(meeting_with(2))
    many, many_context = count_queries(meeting_with(20))
    assert len(few_context["items"]) == 2
    assert len(many_context["action_items"]) == 20
    assert few == many


# Links and permissions -----------------------------------------------------------------------


def test_the_minutes_page_offers_both_files_as_jobs(client, world):
    client.force_login(world.users["member"])
    html = client.get(reverse("governance:meeting_minutes", args=[world.meeting.pk])).content
    html = html.decode()
    assert "PDF erstellen (barrierefrei)" in html
    assert "Word-Dokument erstellen" in html
    assert reverse("tasks:minutes_pdf_start", args=[world.meeting.pk]) in html
    assert reverse("tasks:minutes_docx_start", args=[world.meeting.pk]) in html


@pytest.mark.parametrize("url_name", ["minutes_pdf_start", "minutes_docx_start"])
@pytest.mark.parametrize(
    "role", ["guest", "reader", "other_member", "former_member", "municipality_editor"]
)
def test_others_are_refused_the_files(client, world, url_name, role):
    # Logged in first: the login is audited, the refusal must add nothing.
    client.force_login(world.users[role])
    before = governance_state()
    response = client.post(reverse(f"tasks:{url_name}", args=[world.meeting.pk]))
    assert response.status_code == 403
    assert governance_state() == before
    assert not Job.objects.exists()


@pytest.mark.parametrize("url_name", ["minutes_pdf_start", "minutes_docx_start"])
def test_anonymous_visitors_are_sent_to_the_login(client, world, url_name):
    url = reverse(f"tasks:{url_name}", args=[world.meeting.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Job.objects.exists()


def test_a_file_is_started_by_a_post_only(client, world):
    client.force_login(world.users["staff"])
    url = reverse("tasks:minutes_docx_start", args=[world.meeting.pk])
    assert client.get(url).status_code == 405
    assert not Job.objects.exists()


def test_only_who_started_the_minutes_downloads_them_while_still_a_member(
    client, world, django_capture_on_commit_callbacks
):
    member = world.users["member"]
    client.force_login(member)
    start = reverse("tasks:minutes_docx_start", args=[world.meeting.pk])
    assert download_by_job(client, start, django_capture_on_commit_callbacks).status_code == 200
    job = Job.objects.get(kind=Job.Kind.MINUTES_DOCX)
    download = reverse("tasks:job_download", args=[job.pk])

    client.force_login(world.users["other_member"])  # not their job
    assert client.get(download).status_code == 403
    client.force_login(world.users["staff"])
    assert client.get(download).status_code == 404
    Membership.objects.filter(person=world.people["member"]).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(member)
    assert client.get(download).status_code == 404
