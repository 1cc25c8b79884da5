import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from demo import benchmark
from demo.bench_county import BenchSize, generate_county
from portfolio.actions import refresh_derived_state
from portfolio.models import Initiative, StatusReport
from strategy.models import IndicatorValue

DERIVED = ("progress", "traffic_light", "last_report_on", "next_report_due")


def test_percentile_is_nearest_rank():
    values = list(range(1, 21))
    assert benchmark.percentile(values, 0.95) == 19
    assert benchmark.percentile(values, 0.5) == 10
    assert benchmark.percentile([7.0], 0.95) == 7.0


def test_generated_county_has_the_size_and_consistent_derived_values(db):
    size = BenchSize.scaled(40)
    county = generate_county(size=size, today=datetime.date(2026, 11, 24))
    assert Initiative.objects.count() == 40
    assert StatusReport.objects.count() == 400
    assert IndicatorValue.objects.count() == 1000
    assert Initiative.objects.filter(parent__isnull=False).exists()
    assert county.municipality_user.body.name == "Siegburg"
    generated = {row["id"]: row for row in Initiative.objects.values("id", *DERIVED)}
    # The actions' own rule on every initiative, children before parents, changes nothing.
    for initiative in Initiative.objects.order_by("-parent_id", "id"):
        refresh_derived_state(initiative)
    recomputed = {row["id"]: row for row in Initiative.objects.values("id", *DERIVED)}
    assert recomputed == generated


def test_measure_skips_unknown_pages_and_counts_queries(db):
    size = BenchSize.scaled(20)
    county = generate_county(size=size, today=datetime.date(2026, 11, 24))
    pages = [
        benchmark.Page("Vorhabenliste", "portfolio:initiative_list"),
        benchmark.Page("Gibt es nicht", "no_such_page"),
    ]
    results = benchmark.measure(
        pages=pages, users=[("Stabsstelle", county.staff_unit_user)], runs=2, warmups=1
    )
    listed, missing = results
    assert listed.status == 200
    assert listed.median_ms > 0
    assert listed.queries > 0
    assert missing.median_ms is None
    assert "übersprungen" in missing.note
    table = benchmark.format_table(results)
    assert "Median ms" in table
    assert "SQL-Abfragen" in table


def test_refuses_the_configured_database(db):
    with pytest.raises(CommandError, match="konfigurierte Datenbank"):
        call_command("run_bench", database=str(connection.settings_dict["NAME"]))


@pytest.mark.slow
def test_run_bench_on_a_tiny_county(tmp_path):
    database = tmp_path / "bench.sqlite3"
    out = StringIO()
    call_command(
        "run_bench",
        initiatives=30,
        services=20,
        oparl_papers=50,
        runs=1,
        warmups=1,
        database=str(database),
        stdout=out,
    )
    text = out.getvalue()
    assert "Demo-Kreis (Rhein-Sieg-Kreis)" in text
    assert "30 Vorhaben" in text
    assert "300 Statusberichte" in text
    # The real endpoint's shape for 50 papers: 1 body, 1 organization, 1 person with a
    # membership, 8 meetings with 121 agenda items, 50 papers with 52 consultations, 97 files.
    assert re.search(r"OParl-Import, erster Lauf\s+332\s", text)
    assert "1 Messung; Ausschuss für Digitalisierung (Bench)" in text
    assert database.exists()
    rows = [line for line in text.splitlines() if line.startswith("Vorhabenliste, Seite 1")]
    assert len(rows) == 2  # staff unit and municipality editor
    for row in rows:
        median = re.split(r"\s{2,}", row)[3]
        assert float(median) > 0
