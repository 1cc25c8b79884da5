"""The Land bench (`run_bench --size land`): its generator at a tiny size, the county-to-Land
comparison table and the command's refusals. The real run is `make bench SIZE=land`."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F

from demo import benchmark
from demo.bench_county import BenchSize
from demo.bench_land import LandTooSmall, generate_land, municipalities_per_county
from organisations.models import Body
from portfolio.models import Initiative, StatusReport


def test_the_first_county_keeps_its_municipalities_and_the_others_share_the_rest():
    assert municipalities_per_county(counties=31, municipalities=396) == [
        19,
        *([13] * 17),
        *([12] * 13),
    ]
    assert municipalities_per_county(counties=1, municipalities=19) == [19]
    with pytest.raises(LandTooSmall, match="21 Kommunen reichen nicht für 4 Kreise"):
        municipalities_per_county(counties=4, municipalities=21)


def test_a_tiny_land_has_its_counties_each_municipality_in_one_and_the_register_spread(db):
    land = generate_land(
        size=BenchSize.scaled(60),
        today=datetime.date(2026, 11, 24),
        counties=3,
        municipalities=25,
    )

    counties = Body.objects.filter(kind=Body.Kind.COUNTY)
    municipalities = Body.objects.filter(kind=Body.Kind.MUNICIPALITY)
    assert counties.count() == 3
    assert municipalities.count() == 25
    assert not municipalities.exclude(parent__kind=Body.Kind.COUNTY).exists()
    assert sorted(counties.annotate(size=Count("members")).values_list("size", flat=True)) == [
        3,
        3,
        19,
    ]
    assert land.counts["Kreise"] == 3
    assert land.counts["Kommunen"] == 25
    assert Initiative.objects.count() == land.counts["Vorhaben"] == 60
    assert StatusReport.objects.count() == land.counts["Statusberichte"] == 600
    # Every county owns a share of the register, itself or through its municipalities.
    for county in counties:
        assert Initiative.objects.filter(owner_body__in=[county, *county.members.all()]).exists()
    # Municipalities take part only in initiatives of their own county.
    participations = Initiative.participating_bodies.through.objects
    assert participations.exists()
    assert not participations.exclude(body__parent=F("initiative__owner_body")).exclude(
        body__parent=F("initiative__owner_body__parent")
    )
    assert land.staff_unit_user.body.name == "Rhein-Sieg-Kreis"
    assert land.municipality_user.body.parent == land.staff_unit_user.body


def _measurement(page, queries, p95_ms):
    return benchmark.Measurement(page, "Stabsstelle", 200, p95_ms, p95_ms, queries)


def test_the_comparison_marks_pages_whose_queries_grow_and_slow_pages():
    county = [
        _measurement("Übersicht", 11, 40.0),
        _measurement("Zielliste", 6, 10.0),
        _measurement("Vorhabenliste", 9, 10.0),
    ]
    land = [
        _measurement("Übersicht", 11, 250.0),
        _measurement("Zielliste", 7, 12.0),
        _measurement("Vorhabenliste", 8, 12.0),  # fewer is no growth
    ]

    table, differing = benchmark.format_comparison(county, land, limit_ms=100)

    assert differing == ["Zielliste (Stabsstelle)"]
    overview, goals, initiatives = table.splitlines()[2:]
    assert overview.endswith("über 100 ms")
    assert goals.endswith("mehr SQL-Abfragen")
    assert initiatives.rstrip().endswith("8")
    assert "Kreis p95 ms" in table


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--land-database=sqlite:////tmp/bench.sqlite3"], "postgres://-Adresse"),
        (["--land-database=postgres://postgres@127.0.0.1:5432/smartkreis"], "'bench' im Namen"),
        # Port 1: nothing listens there.
        (
            ["--land-database=postgres://postgres@127.0.0.1:1/smartkreis_bench_land"],
            "Kein PostgreSQL-Server erreichbar für 127.0.0.1:1",
        ),
        (["--counties=30", "--municipalities=40"], "40 Kommunen reichen nicht für 30 Kreise"),
    ],
)
def test_the_land_bench_refuses_other_databases_and_impossible_sizes(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("run_bench", "--size=land", *arguments)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the configured database is SQLite")
def test_the_land_bench_refuses_the_configured_database(db):
    configured = connection.settings_dict["NAME"]
    with pytest.raises(CommandError, match="nicht die konfigurierte Datenbank"):
        call_command(
            "run_bench", "--size=land", f"--land-database=postgres://127.0.0.1/{configured}"
        )
