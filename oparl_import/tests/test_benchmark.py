import pytest

from oparl_import.benchmark import format_table, run_import_benchmark
from papers.models import Paper


@pytest.mark.django_db
def test_benchmark_imports_the_generated_endpoint_twice():
    rows = run_import_benchmark(
        organizations=2, persons=3, meetings=2, agenda_items=2, papers=4, page_size=2
    )

    # 1 body, 2 organizations, 3 persons + 3 memberships, 2 meetings + 4 agenda items,
    # 4 papers + 4 consultations + 4 files.
    assert [(row.label, row.objects) for row in rows] == [
        ("OParl-Import, erster Lauf", 27),
        ("OParl-Import, Wiederholung", 27),
    ]
    assert all(row.objects_per_second > 0 for row in rows)
    assert Paper.objects.count() == 4
    assert format_table(rows).splitlines()[0].split() == [
        "Lauf",
        "Objekte",
        "Sekunden",
        "Objekte/s",
    ]
