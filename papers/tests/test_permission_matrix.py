"""Role × page and action: who may read and change papers; refusals change nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from papers.models import Consultation, DocumentTemplate, Paper, PaperBlock, PaperFile

from .conftest import minimal_pdf, papers_state
from .factories import publish

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN, NOT_FOUND = "allowed", "forbidden", "login", "not_found"
A, F, L, N = ALLOWED, FORBIDDEN, LOGIN, NOT_FOUND

READS = ("list", "public_detail", "internal_detail", "public_docx")
WRITES = (
    "create_paper",
    "edit_paper",
    "link_initiatives",
    "add_consultation",
    "add_file",
    "add_block",
    "finalise",
    "upload_template",
)
ACTIONS = READS + WRITES
STAFF = (A,) * len(ACTIONS)
MATRIX = {
    "anonymous": (A, A, L, A) + (L,) * len(WRITES),
    "reader": (A, A, A, A) + (F,) * len(WRITES),
    "unit_editor": (A, A, A, A) + (F,) * len(WRITES),
    "municipality_editor": (A, A, N, A) + (F,) * len(WRITES),
    "staff": STAFF,
    "admin": STAFF,
}
CASES = [
    pytest.param(role, action, outcome, id=f"{role}-{action}")
    for role, outcomes in MATRIX.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


def _request(client, world, action):
    """Send the action's request; return the response and a check that it took effect."""
    paper = world.public_paper
    gets = {
        "list": reverse("papers:paper_list"),
        "public_detail": reverse("papers:paper_detail", args=[paper.pk]),
        "internal_detail": reverse("papers:paper_detail", args=[world.internal_paper.pk]),
        "public_docx": reverse("papers:paper_docx", args=[paper.pk]),
    }
    if action in gets:
        return client.get(gets[action]), None
    if action == "create_paper":
        response = client.post(
            reverse("papers:paper_create"),
            {
                "kind": "INFORMATION",
                "reference": "MV/0001/2024",
                "date": "2024-05-01",
                "subject": "Neue Mitteilung",
                "is_public": "on",
                "originator_unit": world.office.pk,
                "affects_budget": "unknown",
                "funds_available": "unknown",
                "unplanned_spending": "unknown",
            },
        )
        return response, lambda: Paper.objects.filter(reference="MV/0001/2024").exists()
    if action == "edit_paper":
        response = client.post(
            reverse("papers:paper_edit", args=[paper.pk]),
            {
                "version": paper.version,
                "kind": paper.kind,
                "reference": paper.reference,
                "date": "2021-02-03",
                "subject": "Geänderter Betreff",
                "is_public": "on",
                "originator_unit": world.office.pk,
                "affects_budget": "false",
                "funds_available": "unknown",
                "unplanned_spending": "unknown",
            },
        )
        return response, lambda: Paper.objects.get(pk=paper.pk).subject == "Geänderter Betreff"
    if action == "link_initiatives":
        response = client.post(
            reverse("papers:paper_links", args=[paper.pk]), {"initiatives": [world.initiative.pk]}
        )
        return response, lambda: paper.initiatives.filter(pk=world.initiative.pk).exists()
    if action == "add_consultation":
        response = client.post(
            reverse("papers:consultation_create", args=[paper.pk]),
            {
                "position": 3,
                "organization": world.committee.pk,
                "role": "Entscheidung",
                "is_public": "on",
            },
        )
        return response, lambda: Consultation.objects.filter(role="Entscheidung").exists()
    if action == "add_file":
        upload = SimpleUploadedFile("anlage.pdf", minimal_pdf("Anlage"))
        response = client.post(
            reverse("papers:file_create", args=[paper.pk]), {"upload": upload, "name": "Anlage 1"}
        )
        return response, lambda: PaperFile.objects.filter(name="Anlage 1").exists()
    if action == "add_block":
        response = client.post(
            reverse("papers:block_create", args=[paper.pk]),
            {"kind": "TRAFFIC_LIGHTS", "title": "Ampel"},
        )
        return response, lambda: PaperBlock.objects.filter(title="Ampel").exists()
    if action == "finalise":
        response = client.post(reverse("papers:paper_finalise", args=[paper.pk]))
        return response, lambda: paper.versions.count() == 1
    if action == "upload_template":
        from papers.documents import DEFAULT_TEMPLATE

        upload = SimpleUploadedFile("hausvorlage.docx", DEFAULT_TEMPLATE.read_bytes())
        response = client.post(
            reverse("papers:template_list"), {"upload": upload, "name": "Hausvorlage"}
        )
        return response, lambda: DocumentTemplate.objects.filter(is_active=True).exists()
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_role_action_matrix(client, world, role, action, outcome):
    if role != "anonymous":
        client.force_login(world.users[role])
    if action in READS:
        # The public reads a public paper once it is published; the writes need a draft.
        publish(world.public_paper)
    before = papers_state()

    response, took_effect = _request(client, world, action)

    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    elif outcome == NOT_FOUND:
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 302), response.content.decode()[:3000]
        if took_effect is not None:
            assert response.status_code == 302, response.content.decode()[:5000]
            assert took_effect()
    if outcome != ALLOWED or took_effect is None:
        assert papers_state() == before


@pytest.mark.parametrize("role", ["anonymous", "municipality_editor"])
def test_the_public_sees_no_internal_papers_or_consultations(client, world, role):
    publish(world.public_paper)
    if role != "anonymous":
        client.force_login(world.users[role])
    html = client.get(reverse("papers:paper_list")).content.decode()
    assert world.public_paper.subject in html
    assert world.internal_paper.subject not in html
    detail = client.get(world.public_paper.get_absolute_url()).content.decode()
    assert "Vertraulich" not in detail


def test_readers_of_the_county_see_internal_papers(client, world):
    client.force_login(world.users["reader"])
    html = client.get(reverse("papers:paper_list")).content.decode()
    assert world.internal_paper.subject in html
    detail = client.get(world.public_paper.get_absolute_url()).content.decode()
    assert "Vertraulich" in detail
    assert reverse("papers:paper_edit", args=[world.public_paper.pk]) not in detail


def test_an_imported_paper_cannot_be_edited_but_linked(client, world):
    paper = world.public_paper
    Paper.objects.filter(pk=paper.pk).update(external_id="https://ris.example/paper/7")
    client.force_login(world.users["staff"])
    assert client.get(reverse("papers:paper_edit", args=[paper.pk])).status_code == 403
    assert client.get(reverse("papers:block_create", args=[paper.pk])).status_code == 403
    response = client.post(
        reverse("papers:paper_links", args=[paper.pk]), {"initiatives": [world.initiative.pk]}
    )
    assert response.status_code == 302
    assert paper.initiatives.count() == 1
