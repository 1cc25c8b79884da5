import pytest

from oparl_import.benchmark import endpoint_size, format_table, run_import_benchmark
from papers.models import Paper


@pytest.mark.django_db
def test_benchmark_imports_the_generated_endpoint_first_and_again():
    rows = run_import_benchmark(
        runs=2,
        organizations=2,
        persons=3,
        meetings=2,
        agenda_items=4,
        papers=4,
        consultations=5,
        files=6,
        page_size=2,
    )

    # 1 body, 2 organizations, 3 persons + 3 memberships, 2 meetings + 4 agenda items,
    # 4 papers + 5 consultations + 6 files.
    assert [(row.label, row.objects) for row in rows] == [
        ("OParl-Import, erster Lauf", 30),
        ("Wiederholung (alles lesen)", 30),
        ("Wiederholung (nur Geändertes)", 1),  # the body list is always read whole
    ]
    for row in rows:
        assert row.objects_per_second > 0
        assert row.cpu_seconds > 0
        parts = row.fetch_seconds + row.parse_seconds + row.write_seconds
        assert parts == pytest.approx(row.seconds, rel=0.5)
    # Each round serves the endpoint on a new port: a first import again, from a new source.
    assert Paper.objects.count() == 8
    assert format_table(rows).splitlines()[0].split()[:4] == [
        "Lauf",
        "Objekte",
        "Sekunden",
        "(Median)",
    ]


def test_endpoint_size_keeps_the_real_endpoints_shape():
    assert endpoint_size(2100) == {
        "organizations": 22,
        "persons": 49,
        "meetings": 367,
        "agenda_items": 5100,
        "papers": 2100,
        "consultations": 2200,
        "files": 4100,
    }
    assert endpoint_size(210)["agenda_items"] == 510
