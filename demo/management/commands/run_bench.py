"""`manage.py run_bench`: response times of the main pages on a large benchmark county.

The command never touches the configured database. It deletes and re-creates two separate
SQLite files and runs itself again in a subprocess for each, with DATABASE_URL pointing at
that file:
- `--demo-worker` (var/bench-demo.sqlite3): migrates, copies the migrated, still empty
  database to the bench file, loads the Rhein-Sieg demo and times a progress report (context,
  PDF, Word) on it;
- `--worker` (var/bench.sqlite3): migrates (nothing left to do there), generates the large
  county (demo.bench_county), measures the pages with the test client (demo.benchmark) and
  the progress report, then the OParl import of a generated endpoint.
  DEBUG is off, as in production.

`--size land` measures the same pages on PostgreSQL, in a database of its own
(`--land-database`, dropped and re-created; its name must contain "bench"): a worker first on
the bench county, then, after a fresh database, one on the Land (demo.bench_land: 31 counties,
396 municipalities, 50,000 initiatives). Each writes its measurements to a JSON file
(`--results-file`); the caller prints both side by side and fails if a page's SQL queries
differ between the two sizes. The progress report and the OParl import are left out there:
the first is a document of every initiative, the second does not depend on the register.
"""

import argparse
import dataclasses
import datetime
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from accounts.models import User
from demo import bench_county, bench_land, benchmark, loadtest
from demo.benchmark_offers import generate_offers, matrix_pages
from demo.benchmark_portal import portal_pages, publish_summaries
from demo.benchmark_reports import measure_report_generation
from demo.loading import load_demo
from oparl_import import benchmark as import_benchmark
from organisations.models import Body
from search.benchmark import search_pages
from smartkreis.serving import freeze_startup_objects

DEFAULT_DATABASE = Path(settings.BASE_DIR) / "var" / "bench.sqlite3"
DEFAULT_LAND_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/smartkreis_bench_land"
DEFAULT_INITIATIVES = {"county": 2000, "land": 50000}
# A main page should answer within this at Land size (issue 15); slower ones are marked.
PAGE_LIMIT_MS = 100


class Command(BaseCommand):
    help = (
        "Misst Antwortzeiten und SQL-Abfragen der Hauptseiten auf einem großen Bench-Kreis in "
        "einer eigenen SQLite-Datei (die Entwicklungsdatenbank bleibt unberührt)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=sorted(DEFAULT_INITIATIVES),
            default="county",
            help="county: Bench-Kreis auf SQLite; land: Kreis und Land auf PostgreSQL im Vergleich",
        )
        parser.add_argument(
            "--initiatives",
            type=int,
            default=None,
            help="Anzahl Vorhaben (Kreis 2.000, Land 50.000)",
        )
        parser.add_argument(
            "--counties", type=int, default=bench_land.COUNTIES, help="Kreise des Lands"
        )
        parser.add_argument(
            "--municipalities",
            type=int,
            default=bench_land.MUNICIPALITIES,
            help="Kommunen des Lands (19 im ersten Kreis, die übrigen gleich verteilt)",
        )
        parser.add_argument(
            "--reports", type=int, default=None, help="Anzahl Statusberichte (10 je Vorhaben)"
        )
        parser.add_argument(
            "--values", type=int, default=None, help="Anzahl Kennzahl-Messwerte (25 je Vorhaben)"
        )
        parser.add_argument(
            "--services", type=int, default=600, help="Anzahl Leistungen im Onlinedienste-Katalog"
        )
        parser.add_argument(
            "--oparl-papers",
            type=int,
            default=2100,
            help="Vorlagen des erzeugten OParl-Endpunkts (übrige Objekte im selben Verhältnis)",
        )
        parser.add_argument("--runs", type=int, default=20, help="gemessene Aufrufe je Seite")
        parser.add_argument(
            "--warmups", type=int, default=2, help="Aufwärmaufrufe je Seite (mindestens 1)"
        )
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument(
            "--database",
            default=str(DEFAULT_DATABASE),
            help="SQLite-Datei für den Bench (wird gelöscht und neu angelegt)",
        )
        parser.add_argument(
            "--load",
            action="store_true",
            help="statt der Seitenmessung: Lasttest mit gunicorn auf eigener Datenbank",
        )
        parser.add_argument(
            "--land-database",
            default=os.environ.get("LAND_DATABASE_URL", DEFAULT_LAND_DATABASE_URL),
            help="PostgreSQL-Datenbank des Land-Bench (wird gelöscht und neu angelegt; "
            "Name mit 'bench')",
        )
        loadtest.add_arguments(parser)
        parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--results-file", default=None, help=argparse.SUPPRESS)
        parser.add_argument("--demo-worker", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["warmups"] < 1 or options["runs"] < 1:
            raise CommandError("--runs und --warmups müssen mindestens 1 sein.")
        if options["initiatives"] is None:
            options["initiatives"] = DEFAULT_INITIATIVES[options["size"]]
        if options["load"]:
            self._load_test(options)
            return
        database = Path(options["database"]).resolve()
        demo_database = database.with_name(f"{database.stem}-demo{database.suffix}")
        if options["worker"]:
            self._work(options)
        elif options["demo_worker"]:
            self._work_on_demo(demo_database, options)
        elif options["size"] == "land":
            self._compare_county_and_land(options)
        else:
            configured = connection.settings_dict.get("NAME")
            for path in (database, demo_database):
                if configured and Path(str(configured)).resolve() == path:
                    raise CommandError(
                        "Die Bench-Datenbank darf nicht die konfigurierte Datenbank sein: "
                        f"{path}. Bitte --database ändern."
                    )
            bench_url = self._fresh_file(database)
            # The demo worker migrates first and copies the empty schema to the bench
            # database: one migration instead of two.
            self._start_worker(self._fresh_file(demo_database), options, ["--demo-worker"])
            self._start_worker(bench_url, options, ["--worker"])

    def _load_test(self, options):
        if min(options[name] for name in ("users", "seconds", "web_workers", "web_threads")) < 1:
            raise CommandError(
                "--users, --seconds, --web-workers und --web-threads müssen mindestens 1 sein."
            )
        if options["think"] < 0:
            raise CommandError("--think darf nicht negativ sein.")
        try:
            errors = loadtest.run(
                database_url=options["load_database"],
                users=options["users"],
                seconds=options["seconds"],
                think=options["think"],
                initiatives=options["initiatives"],
                workers=options["web_workers"],
                threads=options["web_threads"],
                write=self.stdout.write,
            )
        except loadtest.UnsafeDatabase as refusal:
            raise CommandError(str(refusal)) from refusal
        if errors:
            raise CommandError(f"Der Lasttest hatte {errors} Fehler.")

    # The calling process: fresh database, subprocess, relay its output --------------------

    def _fresh_file(self, database):
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{database}"

    def _fresh_land_database(self, url):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql"):
            raise CommandError(
                f"Der Land-Bench läuft auf PostgreSQL: --land-database muss eine "
                f"postgres://-Adresse sein, nicht {url}."
            )
        configured = connection.settings_dict
        if connection.vendor == "postgresql" and configured["NAME"] == parts.path[1:]:
            raise CommandError(
                "Die Land-Bench-Datenbank darf nicht die konfigurierte Datenbank sein: "
                f"{configured['NAME']}. Bitte --land-database ändern."
            )
        try:
            loadtest.reset_database(url, marker="bench", owner="des Land-Bench")
        except loadtest.UnsafeDatabase as refusal:
            raise CommandError(str(refusal)) from refusal
        except psycopg.OperationalError as failure:
            raise CommandError(
                f"Kein PostgreSQL-Server erreichbar für {parts.hostname}:{parts.port or 5432} "
                f"({str(failure).strip()}). Der Land-Bench braucht PostgreSQL: Server starten "
                "oder mit --land-database (LAND_DATABASE_URL) einen anderen angeben."
            ) from failure
        return url

    def _compare_county_and_land(self, options):
        """The pages on the bench county, then on the Land, each in a fresh PostgreSQL
        database; both sizes' figures side by side, failing if a page's queries differ."""
        try:
            bench_land.municipalities_per_county(
                counties=options["counties"],
                municipalities=options["municipalities"],
            )
        except bench_land.LandTooSmall as refusal:
            raise CommandError(str(refusal)) from refusal
        url = options["land_database"]
        results = {}
        for size in ("county", "land"):
            results_file = Path(settings.BASE_DIR) / "var" / f"bench-land-{size}.json"
            results_file.parent.mkdir(parents=True, exist_ok=True)
            results_file.unlink(missing_ok=True)
            initiatives = options["initiatives"] if size == "land" else DEFAULT_INITIATIVES[size]
            self._start_worker(
                self._fresh_land_database(url),
                {**options, "initiatives": initiatives},
                [
                    "--worker",
                    f"--size={size}",
                    f"--land-database={url}",
                    f"--results-file={results_file}",
                    f"--counties={options['counties']}",
                    f"--municipalities={options['municipalities']}",
                ],
                # The reports' and values' counts given are for the Land; the county keeps
                # its defaults, as in `make bench`.
                with_counts=size == "land",
            )
            results[size] = [
                benchmark.Measurement(**row) for row in json.loads(results_file.read_text())
            ]
        self.stdout.write(
            f"\nKreis und Land im Vergleich (PostgreSQL; p95 über {PAGE_LIMIT_MS} ms und "
            "beim Land mehr SQL-Abfragen markiert):"
        )
        table, differing = benchmark.format_comparison(
            results["county"], results["land"], limit_ms=PAGE_LIMIT_MS
        )
        self.stdout.write(table)
        if differing:
            raise CommandError(
                "Die SQL-Abfragen wachsen mit den Daten: " + "; ".join(differing) + "."
            )
        self.stdout.write(
            f"SQL-Abfragen: keine der {len(results['land'])} Messungen macht beim Land mehr "
            "als beim Kreis."
        )

    def _start_worker(self, database_url, options, arguments, *, with_counts=True):
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "run_bench",
            *arguments,
            f"--database={options['database']}",
            f"--initiatives={options['initiatives']}",
            f"--runs={options['runs']}",
            f"--warmups={options['warmups']}",
            f"--seed={options['seed']}",
            f"--services={options['services']}",
            f"--oparl-papers={options['oparl_papers']}",
        ]
        for name in ("reports", "values"):
            if with_counts and options[name] is not None:
                command.append(f"--{name}={options[name]}")
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            # For the settings import only (no SECRET_KEY needed, plain static files); the
            # worker switches DEBUG off before the first request.
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "smartkreis.settings"
            ),
            "PYTHONUNBUFFERED": "1",
        }
        with subprocess.Popen(
            command,
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as process:
            for line in process.stdout:
                self.stdout.write(line.rstrip("\n"))
        if process.returncode:
            raise CommandError(f"Der Bench ist fehlgeschlagen (Rückgabewert {process.returncode}).")

    # The workers: each runs against its bench database only ------------------------------

    def _check_database(self, expected):
        configured = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite":
            configured = Path(str(configured)).resolve()
        if configured != expected:
            raise CommandError(
                f"Worker läuft nicht auf der Bench-Datenbank ({configured} statt {expected})."
            )

    def _measure_progress_report(self, user, options):
        today = timezone.localdate()
        return measure_report_generation(
            user=user,
            user_label="Stabsstelle",
            period_start=today - datetime.timedelta(days=365),
            period_end=today,
            # A report takes seconds: three runs give a median, fewer when fewer are asked.
            runs=min(3, options["runs"]),
        )

    def _work_on_demo(self, database, options):
        """The demo county as `make run` loads it: the progress report's generation time."""
        self._check_database(database)
        call_command("migrate", interactive=False, verbosity=0)
        self._copy_schema(to=Path(options["database"]).resolve())
        load_demo()
        settings.DEBUG = False
        self.stdout.write(f"Demo-Kreis (Rhein-Sieg-Kreis) in {database}:")
        staff = User.objects.get(username="stabsstelle")
        self.stdout.write(benchmark.format_table(self._measure_progress_report(staff, options)))
        self.stdout.write("")

    def _copy_schema(self, *, to):
        """The migrated, still empty database into the (fresh) file `to`; the bench worker's
        migrate then finds nothing to do."""
        connection.ensure_connection()
        target = sqlite3.connect(to)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    def _work(self, options):
        on_land_database = options["results_file"] is not None
        if on_land_database:
            database = urllib.parse.urlsplit(options["land_database"]).path[1:]
        else:
            database = Path(options["database"]).resolve()
        self._check_database(database)
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        migrated = time.perf_counter()
        county = self._generate(options)
        offers = generate_offers(
            bodies=list(Body.objects.filter(kind__in=[Body.Kind.COUNTY, Body.Kind.MUNICIPALITY])),
            services=options["services"],
            seed=options["seed"],
        )
        published, goal_id, initiative_id = publish_summaries(user=county.staff_unit_user)
        generated = time.perf_counter()
        if connection.vendor == "postgresql":
            # Statistics and visibility map as a database in use has them (autovacuum would
            # get there only during the measurement): without, the planner guesses.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
                # The generation's written pages to disk now, not by the checkpointer during
                # the measurement.
                cursor.execute("CHECKPOINT")
        analysed = time.perf_counter()
        heading = "Bench-Land" if options["size"] == "land" else "Bench-Kreis"
        self.stdout.write(f"Bench-Datenbank: {database}")
        self.stdout.write(
            f"{heading}: "
            + ", ".join(
                f"{count:,} {label}".replace(",", ".")
                for label, count in (county.counts | offers | published).items()
            )
        )
        vacuum = (
            f", VACUUM ANALYZE {analysed - generated:.1f} s"
            if connection.vendor == "postgresql"
            else ""
        )
        self.stdout.write(
            f"Migration {migrated - started:.1f} s, Erzeugung {generated - migrated:.1f} s"
            f"{vacuum}; "
            f"Messung: {options['warmups']} Aufwärmaufrufe, {options['runs']} Messungen je Seite "
            "(Seiten über 1 s: 5 Messungen); SQL-Abfragen des letzten Aufwärmaufrufs"
        )

        # Measure as production runs: DEBUG off (templates without debug information, no SQL
        # log); the test client's host name allowed; what lives as long as the process frozen,
        # as the WSGI entry point does (the generation's leftovers too: a server has none).
        freeze_startup_objects()
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        results = benchmark.measure(
            pages=[
                *benchmark.main_pages(county.detail_initiative_id),
                *search_pages(),
                *matrix_pages(),
            ],
            users=[
                ("Stabsstelle", county.staff_unit_user),
                ("Kommune (Siegburg)", county.municipality_user),
            ],
            runs=options["runs"],
            warmups=options["warmups"],
        )
        results += benchmark.measure(
            pages=portal_pages(goal_id=goal_id, initiative_id=initiative_id),
            users=[("anonym (Portal)", None)],
            runs=options["runs"],
            warmups=options["warmups"],
        )
        if on_land_database:
            self.stdout.write("")
            self.stdout.write(benchmark.format_table(results))
            Path(options["results_file"]).write_text(
                json.dumps([dataclasses.asdict(result) for result in results])
            )
            self.stdout.write(f"Dauer: {time.perf_counter() - started:.1f} s\n")
            return
        results += self._measure_progress_report(county.staff_unit_user, options)
        self.stdout.write("")
        self.stdout.write(benchmark.format_table(results))

        # Last: the import adds a second body's council data to the bench database.
        import_runs = min(3, options["runs"])
        self.stdout.write(
            "\nOParl-Import eines erzeugten Endpunkts in der Form eines echten OParl-1.0-"
            f"Endpunkts (lokaler HTTP-Server; Median von {import_runs} "
            f"{'Lauf' if import_runs == 1 else 'Läufen'}, Sekunden):"
        )
        self.stdout.write(
            import_benchmark.format_table(
                import_benchmark.run_import_benchmark(
                    runs=import_runs, **import_benchmark.endpoint_size(options["oparl_papers"])
                )
            )
        )
        self.stdout.write(f"\nGesamtdauer: {time.perf_counter() - started:.1f} s")

    def _generate(self, options):
        size = bench_county.BenchSize.scaled(
            options["initiatives"], reports=options["reports"], indicator_values=options["values"]
        )
        if options["size"] == "county":
            return bench_county.generate_county(
                size=size, today=timezone.localdate(), seed=options["seed"]
            )
        return bench_land.generate_land(
            size=size,
            today=timezone.localdate(),
            counties=options["counties"],
            municipalities=options["municipalities"],
            seed=options["seed"],
        )
