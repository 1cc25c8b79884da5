"""Idempotent, incremental and resumable runs; clear errors that leave the data consistent."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from council.tests.factories import CouncilDecisionFactory
from governance.models import AgendaItem, Meeting, Organization
from oparl_import.models import ImportProblem, ImportRun, ListCheckpoint, OParlSource
from oparl_import.testserver import GENERATED_ORIGIN, OParlTestServer, generate_endpoint
from organisations.models import Body, Person
from papers.models import Consultation, Paper, PaperFile
from papers.tests.factories import PaperFactory
from portfolio.tests.factories import InitiativeFactory

from .conftest import GENERATED_COUNTS, run_import, table_counts

pytestmark = pytest.mark.django_db


def paper_list(server):
    return server.lists["/body/1/papers"]


def test_generated_endpoint_is_imported_completely(generated):
    output = run_import(generated.system_url)

    assert table_counts() == GENERATED_COUNTS
    assert "Vorlagen (Bench-Kreis (OParl)): Seite 3, 25 Objekte" in output
    kinds = dict(Paper.objects.values_list("reference", "kind"))
    assert (kinds["0001/2023"], kinds["0002/2023"], kinds["0003/2023"], kinds["0004/2023"]) == (
        Paper.Kind.DRAFT_RESOLUTION,
        Paper.Kind.INFORMATION,
        Paper.Kind.OTHER,
        Paper.Kind.MOTION,
    )
    assert Organization.objects.get(name="Kreistag").kind == Organization.Kind.COUNCIL


def test_second_run_adds_nothing_and_changes_nothing(generated):
    run_import(generated.system_url)
    initiative = InitiativeFactory()
    paper = Paper.objects.get(reference="0001/2023")
    paper.initiatives.add(initiative)
    before = table_counts()
    modified = dict(Paper.objects.values_list("pk", "modified"))

    run_import(generated.system_url, "--full")

    assert table_counts() == before
    assert dict(Paper.objects.values_list("pk", "modified")) == modified
    assert list(paper.initiatives.all()) == [initiative]
    counts = ImportRun.objects.first().counts
    assert all(numbers["created"] == numbers["updated"] == 0 for numbers in counts.values())
    assert counts["papers.Paper"]["unchanged"] == 25
    assert counts["governance.AgendaItem"]["unchanged"] == 15


def test_papers_are_linked_as_the_source_links_them(generated):
    run_import(generated.system_url)

    def by_reference(number):
        return Paper.objects.get(reference=f"{number:04d}/2023")

    # A child that came before its parent is linked from the parent's side, and vice versa.
    assert {
        child.reference: child.superordinated_paper.reference
        for child in Paper.objects.filter(superordinated_paper__isnull=False)
    } == {f"{n:04d}/2023": f"{n - 1:04d}/2023" for n in (5, 10, 15, 20, 25)}
    assert {p.reference for p in by_reference(7).related_papers.all()} == {"0008/2023"}
    assert {p.reference for p in by_reference(22).related_papers.all()} == {"0021/2023"}

    own = PaperFactory(body=by_reference(7).body)
    by_reference(7).related_papers.add(own)
    papers = paper_list(generated)
    for data in papers[6:8]:
        data.pop("relatedPaper")
    papers[4].pop("superordinatedPaper")
    papers[3].pop("subordinatedPaper")

    run_import(generated.system_url, "--full")

    assert set(by_reference(7).related_papers.all()) == {own}
    assert by_reference(5).superordinated_paper is None


def tombstone(data):
    """What an OParl 1.1 list says of a deleted object (spec 2.4.6, "Gelöschte Objekte")."""
    return {
        "id": data["id"],
        "type": data["type"],
        "created": data.get("created"),
        "modified": timezone.now().isoformat(),
        "deleted": True,
    }


def test_objects_deleted_at_the_source_go_unless_smartkreis_still_uses_them(generated):
    run_import(generated.system_url)
    papers = paper_list(generated)
    gone, linked, decided = papers[2], papers[3], papers[4]
    local = {
        data["id"]: Paper.objects.get(
            external_id=data["id"].replace(GENERATED_ORIGIN, generated.base_url)
        )
        for data in (gone, linked, decided)
    }
    local[linked["id"]].initiatives.add(InitiativeFactory())
    CouncilDecisionFactory(consultation=local[decided["id"]].consultations.get())
    papers[2:5] = [tombstone(data) for data in (gone, linked, decided)]
    before = table_counts()

    output = run_import(generated.system_url)

    assert not Paper.objects.filter(pk=local[gone["id"]].pk).exists()
    assert (
        Paper.objects.filter(pk__in=[local[linked["id"]].pk, local[decided["id"]].pk]).count() == 2
    )
    after = table_counts()
    assert (after["Paper"], after["Consultation"], after["PaperFile"]) == (
        before["Paper"] - 1,
        before["Consultation"] - 1,
        before["PaperFile"] - 1,
    )
    run = ImportRun.objects.first()
    assert run.counts["papers.Paper"]["deleted"] == 1
    kept = ImportProblem.objects.filter(run=run, message__startswith="In der Quelle gelöscht")
    assert sorted(problem.object_id for problem in kept) == sorted(
        local[data["id"]].external_id for data in (linked, decided)
    )
    assert "Zusammenfassung (neu / geändert / unverändert / gelöscht):" in output
    assert "Vorlagen: 0 / 0 / 0 / 1" in output


def test_next_run_asks_only_for_changes_since_the_last_run(generated):
    run_import(generated.system_url)
    source = OParlSource.objects.get()
    first_start = ImportRun.objects.get().started_at
    assert source.last_success_started_at == first_start
    changed = paper_list(generated)[7]
    changed["name"] = "Geänderter Betreff"
    changed["modified"] = timezone.now().isoformat()
    meeting = generated.lists["/body/1/meetings"][0]
    # The agenda is reordered: positions are unique per meeting, so they swap in two steps.
    first, _second, third = meeting["agendaItem"]
    first["order"], third["order"] = 3, 1
    meeting["modified"] = timezone.now().isoformat()
    generated.requests.clear()

    run_import(generated.system_url)

    assert any("modified_since=" in path for path in generated.requests)
    assert (
        Paper.objects.get(
            external_id=changed["id"].replace(GENERATED_ORIGIN, generated.base_url)
        ).subject
        == "Geänderter Betreff"
    )
    items = AgendaItem.objects.filter(meeting__name="1. Sitzung").order_by("position")
    assert [item.title for item in items] == [
        "Tagesordnungspunkt 3 der Sitzung 1",
        "Tagesordnungspunkt 2 der Sitzung 1",
        "Tagesordnungspunkt 1 der Sitzung 1",
    ]
    counts = ImportRun.objects.first().counts
    assert counts["papers.Paper"] == {"created": 0, "updated": 1, "unchanged": 0, "deleted": 0}
    assert "governance.Person" not in counts
    assert OParlSource.objects.get().last_success_started_at > first_start


def test_failed_page_is_rolled_back_and_the_rerun_resumes_there(generated, settings):
    # Page 2 of the papers: paper 15 (in the middle of the page) refers to an organization
    # whose request fails (also when retried), after papers 11-14 were written.
    paper_list(generated)[14]["originatorOrganization"] = [f"{GENERATED_ORIGIN}/organization/99"]
    generated.failures["/organization/99"] = ["error"] * (settings.OPARL_IMPORT_RETRIES + 1)

    with pytest.raises(CommandError) as error:
        run_import(generated.system_url)

    assert "HTTP 500" in str(error.value)
    assert "setzt an der abgebrochenen Seite fort" in str(error.value)
    assert sorted(Paper.objects.values_list("reference", flat=True)) == [
        f"{n:04d}/2023" for n in range(1, 11)
    ]
    assert Consultation.objects.count() == PaperFile.objects.count() == 10
    checkpoint = ListCheckpoint.objects.get(list_url__endswith="/papers")
    assert checkpoint.next_url.endswith("/body/1/papers?page=2")
    assert not checkpoint.done
    failed = ImportRun.objects.get()
    assert failed.status == ImportRun.Status.FAILED
    assert "HTTP 500" in failed.error
    generated.requests.clear()

    output = run_import(generated.system_url)

    assert "Setze den unterbrochenen Import fort." in output
    assert Paper.objects.count() == 25
    assert "/body/1/papers?page=2" in generated.requests
    assert not any(
        path.startswith(("/body/1/people", "/body/1/meetings", "/body/1/papers?page=1"))
        or path == "/body/1/papers"
        for path in generated.requests
    )
    rerun = ImportRun.objects.first()
    assert (rerun.status, rerun.resumed) == (ImportRun.Status.SUCCEEDED, True)
    # The organization is missing after all (404 now): a problem, not a failure.
    assert list(rerun.problems.values_list("message", flat=True)) == [
        f"Verweis auf fehlendes Objekt {generated.base_url}/organization/99 (HTTP 404)."
    ]
    source = OParlSource.objects.get()
    assert source.last_success_started_at == failed.started_at
    assert not source.checkpoints.exists()


def test_malformed_json_gives_a_clear_error_and_keeps_the_checkpoint(generated):
    generated.failures["/body/1/papers?page=3"] = "malformed"

    with pytest.raises(CommandError, match="ist kein gültiges JSON"):
        run_import(generated.system_url)

    assert Paper.objects.count() == 20
    checkpoint = ListCheckpoint.objects.get(list_url__endswith="/papers")
    assert checkpoint.next_url.endswith("/body/1/papers?page=3")
    run_import(generated.system_url)
    assert Paper.objects.count() == 25


def test_timeout_gives_a_clear_error(generated):
    generated.failures["/body/1/people"] = "slow"

    with pytest.raises(CommandError, match="Zeitüberschreitung"):
        call_command("import_oparl", generated.system_url, "--timeout=0.2", verbosity=0)

    assert Organization.objects.count() == 3
    assert not Person.objects.exists()
    run_import(generated.system_url)
    assert Person.objects.count() == 12


def test_meeting_without_start_is_skipped_with_a_problem(generated):
    del generated.lists["/body/1/meetings"][0]["start"]

    run_import(generated.system_url)

    assert Meeting.objects.count() == 4
    run = ImportRun.objects.get()
    assert ("Sitzung ohne Beginn übersprungen.") in run.problems.values_list("message", flat=True)


@pytest.mark.parametrize(
    ("url_path", "message"),
    [
        ("/kein-system", "antwortete mit HTTP 404"),
        ("/body/1/papers", "nennt keine Körperschaften"),
    ],
)
def test_a_wrong_system_url_gives_a_clear_error(generated, url_path, message):
    with pytest.raises(CommandError, match=message):
        run_import(generated.base_url + url_path)
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    assert not Body.objects.exists()


def test_an_address_that_is_no_url_is_refused():
    with pytest.raises(CommandError, match="vollständige URL des OParl-System-Objekts"):
        run_import("oparl.example.org")
    assert not OParlSource.objects.exists()


def test_repeat_run_queries_do_not_grow_with_the_objects():
    """A page's objects are loaded and compared with a constant number of queries."""

    def repeat_queries(server, factor):
        system_url = generate_endpoint(
            server,
            organizations=3 * factor,
            persons=10 * factor,
            meetings=5 * factor,
            agenda_items=15 * factor,
            papers=20 * factor,
            consultations=25 * factor,
            files=30 * factor,
        )
        server.page_size = 10 * factor  # the same number of pages
        run_import(system_url, "--full")
        with CaptureQueriesContext(connection) as queries:
            run_import(system_url, "--full")
        assert Paper.objects.count() == 20 * factor
        return len(queries)

    with OParlTestServer() as server:
        assert repeat_queries(server, 1) == repeat_queries(server, 3)
