"""Real council data arrives whole: optional fields, the quirks of real endpoints, participants."""

import pytest
from django.utils import timezone

from governance.models import AgendaItem, Attendance, Meeting, Organization
from oparl_import.models import ImportRun
from oparl_import.testserver import GENERATED_ORIGIN
from organisations.models import Person
from papers.models import Consultation, Paper, PaperFile

from .conftest import run_import

pytestmark = pytest.mark.django_db


def papers(server):
    return server.lists["/body/1/papers"]


def meetings(server):
    return server.lists["/body/1/meetings"]


def local(server, source_id):
    return source_id.replace(GENERATED_ORIGIN, server.base_url)


def test_a_paper_without_date_or_name_is_kept_with_its_consultation(generated):
    undated, unnamed = papers(generated)[0], papers(generated)[1]
    del undated["date"]
    del unnamed["name"], unnamed["reference"]

    run_import(generated.system_url)

    paper = Paper.objects.get(external_id=local(generated, undated["id"]))
    assert paper.date is None
    assert paper.consultations.count() == 1
    assert Paper.objects.get(external_id=local(generated, unnamed["id"])).subject == ""
    assert Paper.objects.count() == Consultation.objects.count() == 25
    assert not ImportRun.objects.get().problems.exists()


def test_missing_types_and_embedded_objects_where_urls_belong(generated):
    organization = generated.lists["/body/1/organizations"][1]
    for data in papers(generated):
        del data["type"]
        del data["consultation"][0]["type"], data["mainFile"]["type"]
    first = papers(generated)[0]
    # The consultation embeds its meeting, the paper its originator, the meeting its committee.
    meeting_data = meetings(generated)[1]
    first["consultation"][0]["meeting"] = dict(meeting_data)
    first["originatorOrganization"] = [dict(organization)]
    meetings(generated)[0]["organization"] = [dict(organization)]

    run_import(generated.system_url)

    paper = Paper.objects.get(external_id=local(generated, first["id"]))
    assert paper.originator_organization.name == organization["name"]
    assert paper.consultations.get().meeting.external_id == local(generated, meeting_data["id"])
    assert (
        Meeting.objects.get(
            external_id=local(generated, meetings(generated)[0]["id"])
        ).organization.name
        == organization["name"]
    )
    assert (Paper.objects.count(), Consultation.objects.count(), PaperFile.objects.count()) == (
        25,
        25,
        25,
    )
    assert Organization.objects.count() == 3
    assert not ImportRun.objects.get().problems.exists()


def test_a_bare_list_and_control_characters_are_read(generated):
    generated.failures["/body/1/organizations"] = "bare-list"
    papers(generated)[0]["name"] = "Vorlage mit\tTabulator und \x01 Steuerzeichen"
    generated.failures["/body/1/papers"] = "control"
    # An empty list as `[]` instead of a list object.
    generated.lists["/body/1/people"] = []
    generated.failures["/body/1/people"] = "bare-list"

    run_import(generated.system_url)

    assert Organization.objects.count() == 3
    assert not Person.objects.exists()
    assert Paper.objects.filter(subject__contains="\tTabulator und \x01").exists()
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED


def test_http_500_is_retried_with_backoff(generated, settings):
    generated.failures["/body/1/papers?page=2"] = ["error"] * settings.OPARL_IMPORT_RETRIES

    run_import(generated.system_url)

    assert generated.requests.count("/body/1/papers?page=2") == settings.OPARL_IMPORT_RETRIES + 1
    assert Paper.objects.count() == 25


def test_a_server_rejecting_modified_since_is_read_whole_adding_nothing_twice(generated):
    run_import(generated.system_url)
    before = {model: model.objects.count() for model in (Paper, Consultation, AgendaItem)}
    generated.rejects_modified_since = True
    papers(generated)[3]["name"] = "Neuer Betreff"
    generated.requests.clear()

    output = run_import(generated.system_url)

    assert "lehnt modified_since ab (HTTP 400); lese die Liste vollständig" in output
    assert "/body/1/papers" in generated.requests
    assert {model: model.objects.count() for model in before} == before
    assert Paper.objects.filter(subject="Neuer Betreff").count() == 1
    counts = ImportRun.objects.first().counts["papers.Paper"]
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (0, 1, 24)


def test_a_server_ignoring_modified_since_adds_nothing_twice(generated):
    run_import(generated.system_url)
    before = {model: model.objects.count() for model in (Paper, Consultation, PaperFile)}
    generated.ignores_modified_since = True

    run_import(generated.system_url)

    assert {model: model.objects.count() for model in before} == before
    counts = ImportRun.objects.first().counts
    assert all(numbers["created"] == 0 for numbers in counts.values())


def test_meeting_participants_become_attendances(generated):
    meeting = meetings(generated)[0]
    people = [f"{GENERATED_ORIGIN}/person/{n}" for n in (1, 2, 3)]
    meeting["participant"] = people

    run_import(generated.system_url)

    local_meeting = Meeting.objects.get(external_id=local(generated, meeting["id"]))
    attendances = Attendance.objects.filter(meeting=local_meeting)
    assert {a.person.external_id for a in attendances} == {local(generated, p) for p in people}
    assert {a.status for a in attendances} == {Attendance.Status.PRESENT}

    own = Person.objects.create(given_name="Eigene", family_name="Protokollführerin")
    Attendance.objects.create(meeting=local_meeting, person=own, status="PRESENT")
    meeting["participant"] = people[:1]
    meeting["modified"] = timezone.now().isoformat()

    run_import(generated.system_url)

    assert {a.person.family_name for a in attendances.all()} == {"Nachname1", "Protokollführerin"}
