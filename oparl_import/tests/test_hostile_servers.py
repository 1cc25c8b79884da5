"""Hostile and broken servers: every run ends with a German message, the data as before the
page that failed, and the next run resumes there."""

import pytest
from django.core.management.base import CommandError

from oparl_import.models import ImportRun, OParlSource
from oparl_import.testserver import GENERATED_ORIGIN
from papers.models import Paper, PaperFile
from papers.tests.factories import PaperFactory

from .conftest import GENERATED_COUNTS, run_import, table_counts

pytestmark = pytest.mark.django_db

PAPERS = "/body/1/papers"
THIRD_PAGE = f"{PAPERS}?page=3"


def self_referencing_next(server, settings):
    server.next_links[f"{PAPERS}?page=2"] = f"{GENERATED_ORIGIN}{PAPERS}?page=2"


def cycle_of_two_pages(server, settings):
    server.next_links[f"{PAPERS}?page=2"] = f"{GENERATED_ORIGIN}{PAPERS}?page=1"


def next_on_a_foreign_host(server, settings):
    server.next_links[f"{PAPERS}?page=2"] = f"https://ris.fremd.invalid{PAPERS}?page=3"


def redirect_to_a_file(server, settings):
    server.redirects[THIRD_PAGE] = "file:///etc/passwd"


def redirect_to_a_foreign_host(server, settings):
    server.redirects[THIRD_PAGE] = "http://169.254.169.254/latest/meta-data/"


def hanging_server(server, settings):
    settings.OPARL_IMPORT_TIMEOUT = 0.3
    server.failures[THIRD_PAGE] = "slow"


def hanging_within_the_socket_timeout(server, settings):
    settings.OPARL_IMPORT_REQUEST_SECONDS = 0.4
    server.failures[THIRD_PAGE] = "slow"


def slowly_dripping_server(server, settings):
    # One byte every 50 ms never trips the socket timeout; the total time per request does.
    settings.OPARL_IMPORT_REQUEST_SECONDS = 0.5
    server.failures[THIRD_PAGE] = "drip"


def oversized_response(server, settings):
    settings.OPARL_IMPORT_MAX_RESPONSE_BYTES = 100_000
    server.failures[THIRD_PAGE] = "huge"


@pytest.mark.parametrize(
    ("hostility", "message", "papers_written"),
    [
        # A page whose `next` is wrong is not written: the rerun reads it again.
        (self_referencing_next, "verweist mit „next“ auf die schon gelesene Seite", 10),
        (cycle_of_two_pages, "verweist mit „next“ auf die schon gelesene Seite", 20),
        (next_on_a_foreign_host, "nicht auf dem Host der Quelle", 10),
        (redirect_to_a_file, "leitet auf file:///etc/passwd weiter", 20),
        (redirect_to_a_foreign_host, "leitet auf http://169.254.169.254/latest/meta-data/", 20),
        (hanging_server, "nicht innerhalb von 0.3 Sekunden geantwortet", 20),
        (hanging_within_the_socket_timeout, "nicht innerhalb von 0.4 Sekunden vollständig", 20),
        (slowly_dripping_server, "nicht innerhalb von 0.5 Sekunden vollständig", 20),
        (oversized_response, "größer als 100.000 Bytes", 20),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_hostile_server_stops_the_run_which_resumes_later(
    generated, settings, hostility, message, papers_written
):
    hostility(generated, settings)

    with pytest.raises(CommandError) as error:
        run_import(generated.system_url)

    assert message in str(error.value)
    assert "setzt an der abgebrochenen Seite fort" in str(error.value)
    assert table_counts() == GENERATED_COUNTS | dict.fromkeys(
        ["Paper", "Consultation", "PaperFile"], papers_written
    )
    assert message in ImportRun.objects.get().error
    generated.next_links.clear()
    generated.redirects.clear()
    generated.requests.clear()

    output = run_import(generated.system_url)

    assert "Setze den unterbrochenen Import fort." in output
    assert table_counts() == GENERATED_COUNTS
    assert not any(
        path.startswith(("/body/1/people", "/body/1/meetings")) for path in generated.requests
    )


def test_objects_from_foreign_hosts_change_and_delete_nothing(generated):
    neighbour = OParlSource.objects.create(system_url="https://ris.nachbar.invalid/oparl/system")
    # The staff unit allowed a file host and, by mistake, the neighbour's host too.
    OParlSource.objects.create(
        system_url=generated.system_url, allowed_hosts="dateien.invalid\nris.nachbar.invalid"
    )
    theirs = PaperFactory(external_id="https://ris.nachbar.invalid/paper/1", subject="Nachbar")
    ours = PaperFactory(subject="Eigene Vorlage")
    run_import(generated.system_url)
    before = list(Paper.objects.order_by("pk").values())
    hostile = [
        {
            "id": "https://ris.nachbar.invalid/paper/1",
            "type": "https://schema.oparl.org/1.1/Paper",
            "name": "Überschrieben",
            "date": "2024-01-01",
        },
        {"id": "https://ris.nachbar.invalid/paper/1", "deleted": True},
        {"id": "https://ris.fremd.invalid/paper/7", "name": "Untergeschoben", "date": "2024-01-01"},
        {"id": "file:///etc/passwd", "name": "Datei", "date": "2024-01-01"},
    ]
    papers = generated.lists[PAPERS]
    papers[:0] = hostile
    papers.append(
        {
            "id": f"{GENERATED_ORIGIN}/paper/99",
            "name": "Mit Datei auf dem zugelassenen Host",
            "mainFile": {"id": "https://dateien.invalid/file/99", "accessUrl": "https://x"},
        }
    )

    run_import(generated.system_url, "--full")

    added = Paper.objects.get(subject="Mit Datei auf dem zugelassenen Host")
    assert list(Paper.objects.exclude(pk=added.pk).order_by("pk").values()) == before
    assert Paper.objects.get(pk=theirs.pk).subject == "Nachbar"
    assert Paper.objects.get(pk=ours.pk).subject == "Eigene Vorlage"
    assert not Paper.objects.filter(
        subject__in=["Überschrieben", "Untergeschoben", "Datei"]
    ).exists()
    assert PaperFile.objects.filter(external_id="https://dateien.invalid/file/99").exists()
    problems = ImportRun.objects.first().problems.values_list("object_id", flat=True)
    assert sorted(problems) == sorted(
        ["https://ris.nachbar.invalid/paper/1"] * 2
        + ["https://ris.fremd.invalid/paper/7", "file:///etc/passwd"]
    )
    assert neighbour.pk  # the neighbour source itself is untouched


@pytest.mark.parametrize(
    ("setting", "limit", "message"),
    [
        ("OPARL_IMPORT_MAX_PAGES", 3, "Mehr als 3 Listenseiten in einem Lauf"),
        ("OPARL_IMPORT_MAX_OBJECTS", 15, "Mehr als 15 Objekte in einem Lauf"),
    ],
)
def test_runs_stop_at_their_limits_and_the_next_runs_go_on(
    generated, settings, setting, limit, message
):
    setattr(settings, setting, limit)
    failures = 0
    for _attempt in range(10):
        before = table_counts()
        try:
            run_import(generated.system_url)
            break
        except CommandError as error:
            message_seen = f"{message} " in str(error) and f"bei {generated.base_url}/" in str(
                error
            )
        assert message_seen
        assert table_counts() != before, "each run gets further"
        failures += 1

    assert failures >= 2
    assert table_counts() == GENERATED_COUNTS
    assert ImportRun.objects.first().status == ImportRun.Status.SUCCEEDED


def test_an_object_deleted_again_on_its_own_page_is_not_written(generated):
    papers = generated.lists[PAPERS]
    last = papers[-1]
    papers.append({"id": last["id"], "type": last["type"], "deleted": True})
    related = papers[-3]  # related to the deleted one, which it names
    related["relatedPaper"] = [last["id"]]

    run_import(generated.system_url)

    assert table_counts() == GENERATED_COUNTS | dict.fromkeys(
        ["Paper", "Consultation", "PaperFile"], 24
    )
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED
