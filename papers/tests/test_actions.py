"""The rules of papers.actions: validation, imported papers, consultations, files, blocks,
versions; every change audited, every refusal saving nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from papers import actions
from papers.content import display, paper_content
from papers.models import Consultation, Paper, PaperBlock, PaperFile
from portfolio.models import TrafficLight
from portfolio.tests.factories import InitiativeFactory

from .conftest import minimal_pdf, papers_state
from .factories import PaperFactory

pytestmark = pytest.mark.django_db


def _create(world, **values):
    defaults = {
        "kind": Paper.Kind.DRAFT_RESOLUTION,
        "reference": "BV/0099/2021",
        "date": datetime.date(2021, 2, 3),
        "subject": "Digitalisierungsstrategie",
        "originator_unit": world.office,
    }
    return actions.create_paper(
        acting_user=world.users["staff"], body=world.county, **(defaults | values)
    )


def test_create_paper_is_audited(world):
    paper = _create(world)
    entry = AuditEntry.objects.get(subject_id=str(paper.pk), action=AuditEntry.Action.CREATE)
    assert entry.changes["subject"] == [None, "Digitalisierungsstrategie"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"reference": "BV/0777/2021"}, "reference"),
        ({"kind": Paper.Kind.MOTION}, "originator_organization"),
        ({"originator_organization": "group"}, "originator_organization"),
    ],
)
def test_invalid_papers_are_refused_in_german_and_save_nothing(world, values, field):
    PaperFactory(body=world.county, reference="BV/0777/2021")
    if values.get("originator_organization") == "group":
        values = {"originator_organization": world.council_group}
    before = papers_state()
    with pytest.raises(ValidationError) as caught:
        _create(world, **values)
    assert field in caught.value.error_dict
    assert papers_state() == before


def test_a_motion_comes_from_a_council_group(world):
    paper = _create(
        world,
        kind=Paper.Kind.MOTION,
        originator_unit=None,
        originator_organization=world.council_group,
    )
    assert paper.originator_organization == world.council_group


def test_imported_papers_are_read_only_except_for_initiatives(world):
    paper = PaperFactory(body=world.county, external_id="https://ris.example/paper/1")
    before = papers_state()
    with pytest.raises(ValidationError):
        actions.update_paper(acting_user=world.users["staff"], paper=paper, subject="Neu")
    with pytest.raises(ValidationError):
        actions.add_consultation(
            acting_user=world.users["staff"], paper=paper, organization=world.committee
        )
    assert papers_state() == before
    actions.link_initiatives(
        acting_user=world.users["staff"], paper=paper, initiatives=[world.initiative]
    )
    assert list(paper.initiatives.all()) == [world.initiative]


def test_a_stale_edit_is_refused(world):
    paper = world.public_paper
    with pytest.raises(ValidationError) as caught:
        actions.update_paper(
            acting_user=world.users["staff"],
            paper=paper,
            expected_version=paper.version - 1,
            subject="Alt",
        )
    assert caught.value.error_dict["__all__"][0].code == "stale"


def test_consultations_are_added_in_order_edited_and_removed(world):
    paper = _create(world)
    staff = world.users["staff"]
    first = actions.add_consultation(
        acting_user=staff, paper=paper, organization=world.committee, role="Vorberatung"
    )
    second = actions.add_consultation(
        acting_user=staff,
        paper=paper,
        organization=world.committee,
        role="Entscheidung",
        authoritative=True,
    )
    assert (first.position, second.position) == (1, 2)
    actions.update_consultation(
        acting_user=staff, consultation=second, result=Consultation.Result.APPROVED
    )
    actions.remove_consultation(acting_user=staff, consultation=first)
    assert list(paper.consultations.values_list("role", "result")) == [("Entscheidung", "APPROVED")]
    kinds = set(AuditEntry.objects.filter(scope_id=str(paper.pk)).values_list("action", flat=True))
    assert kinds == {"CREATE", "UPDATE", "DELETE"}


def test_an_agenda_item_of_another_meeting_is_refused(world):
    from governance.tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(organization=world.committee)
    other = AgendaItemFactory(meeting=MeetingFactory(organization=world.committee), position=1)
    with pytest.raises(ValidationError) as caught:
        actions.add_consultation(
            acting_user=world.users["staff"],
            paper=world.public_paper,
            organization=world.committee,
            meeting=meeting,
            agenda_item=other,
        )
    assert "agenda_item" in caught.value.error_dict


def test_a_pdf_attachment_is_stored_with_its_text(world):
    upload = SimpleUploadedFile("anlage.pdf", minimal_pdf("Breitbandausbau im Kreis"))
    paper_file = actions.add_file(
        acting_user=world.users["staff"], paper=world.public_paper, upload=upload
    )
    assert paper_file.mime_type == "application/pdf"
    assert "Breitbandausbau im Kreis" in paper_file.text
    with paper_file.content.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")
    assert AuditEntry.objects.filter(subject_id=str(paper_file.pk)).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00", "nicht erlaubt"),
        ("bild.png", b"GIF89a....", "passt nicht"),
        ("kaputt.pdf", b"%PDF-1.4 kaputt", "kann nicht gelesen werden"),
    ],
)
def test_bad_attachments_are_refused_in_german(world, name, content, message):
    before = papers_state()
    with pytest.raises(ValidationError) as caught:
        actions.add_file(
            acting_user=world.users["staff"],
            paper=world.public_paper,
            upload=SimpleUploadedFile(name, content),
        )
    assert message in caught.value.error_dict["upload"][0].messages[0]
    assert papers_state() == before
    assert PaperFile.objects.count() == 0


def test_an_attachment_over_20_mb_is_refused(world):
    upload = SimpleUploadedFile("gross.png", b"\x89PNG\r\n\x1a\n" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        actions.add_file(acting_user=world.users["staff"], paper=world.public_paper, upload=upload)
    assert "20 MB" in caught.value.error_dict["upload"][0].messages[0]


def test_a_block_needs_its_parameters(world):
    with pytest.raises(ValidationError) as caught:
        actions.add_block(
            acting_user=world.users["staff"],
            paper=world.public_paper,
            kind=PaperBlock.Kind.INITIATIVE_STATUS,
            title="Status quo",
            parameters={"fields": []},
        )
    assert "fields" in caught.value.error_dict


def _add_status_block(world, paper):
    return actions.add_block(
        acting_user=world.users["staff"],
        paper=paper,
        kind=PaperBlock.Kind.INITIATIVE_STATUS,
        title="Status quo",
        parameters={"fields": [world.field.pk, world.other_field.pk]},
    )


def test_blocks_evaluate_the_register_of_the_papers_body(world):
    paper = world.public_paper
    # A municipality's own initiative is not part of the county's paper.
    InitiativeFactory(
        title="Digitale Bauakte der Stadt", owner_body=world.town, fields=[world.field]
    )
    _add_status_block(world, paper)
    for kind, parameters in (
        (PaperBlock.Kind.TRAFFIC_LIGHTS, {"fields": []}),
        (PaperBlock.Kind.INDICATOR_CHART, {"indicator": world.indicator.pk}),
        (PaperBlock.Kind.STEERING_DECISIONS, {"since": "2020-01-01"}),
    ):
        actions.add_block(
            acting_user=world.users["staff"],
            paper=paper,
            kind=kind,
            title=str(kind.label),
            parameters=parameters,
        )
    shown = display(paper_content(paper), include_internal=True)
    status, lights, chart, decisions = shown["blocks"]
    figures = status["tables"][0]["rows"]
    assert figures[0][:6] == [
        "Verwaltung",
        "1",
        "1",
        "1.000.000,00\u00a0€",
        "800.000,00\u00a0€",
        "40\u00a0%",
    ]
    assert figures[1][0] == "Bildung"
    assert lights["tables"][0]["rows"][0][2] == "gelb"
    assert chart["chart"].svg.startswith("<svg")
    assert "1.000 Haushalte" in str(chart["tables"][0]["rows"])
    assert decisions["empty"] == "Keine Einträge."
    assert "Digitale Bauakte der Stadt" not in str(shown)


def test_a_finalised_version_never_changes(world):
    paper = world.public_paper
    _add_status_block(world, paper)
    staff = world.users["staff"]
    first = actions.finalise_paper(acting_user=staff, paper=paper)
    assert first.number == 1
    paper.refresh_from_db()
    assert paper.is_finalised
    with pytest.raises(ValidationError):
        actions.finalise_paper(acting_user=staff, paper=paper)

    # The register changes afterwards.
    world.initiative.progress = 90
    world.initiative.traffic_light = TrafficLight.GREEN
    world.initiative.save()

    frozen = display(first.content, include_internal=True)["blocks"][0]["tables"][0]["rows"][0]
    assert frozen[5] == "40\u00a0%"
    live = display(paper_content(paper), include_internal=True)["blocks"][0]["tables"][0]["rows"]
    assert live[0][5] == "90\u00a0%"

    actions.update_paper(acting_user=staff, paper=paper, subject="Neuer Betreff")
    paper.refresh_from_db()
    assert not paper.is_finalised
    second = actions.finalise_paper(acting_user=staff, paper=paper)
    assert second.number == 2
    first.refresh_from_db()
    assert first.content["subject"] == "Smarter Rhein-Sieg-Kreis 4.0"
    assert second.content["subject"] == "Neuer Betreff"
    assert AuditEntry.objects.filter(subject_id=str(second.pk), action="CREATE").exists()


def test_a_change_of_a_block_reopens_a_finalised_paper(world):
    paper = world.public_paper
    block = _add_status_block(world, paper)
    actions.finalise_paper(acting_user=world.users["staff"], paper=paper)
    actions.update_block(acting_user=world.users["staff"], block=block, title="Neu")
    paper.refresh_from_db()
    assert not paper.is_finalised
