"""`manage.py run_bench`: response times of the main pages on a large benchmark county.

The command never touches the configured database. It deletes and re-creates two separate
SQLite files and runs itself again in a subprocess for each, with DATABASE_URL pointing at
that file:
- `--demo-worker` (var/bench-demo.sqlite3): migrates, loads the Rhein-Sieg demo and times a
  progress report (context, PDF, Word) on it;
- `--worker` (var/bench.sqlite3): migrates, generates the large county (demo.bench_county),
  measures the pages with the test client (demo.benchmark) and the progress report, then
  the OParl import of a generated endpoint. DEBUG is off, as in production.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from accounts.models import User
from demo import bench_county, benchmark, loadtest
from demo.benchmark_offers import generate_offers, matrix_pages
from demo.benchmark_portal import portal_pages, publish_summaries
from demo.benchmark_reports import measure_report_generation
from demo.loading import load_demo
from oparl_import import benchmark as import_benchmark
from organisations.models import Body
from search.benchmark import search_pages

DEFAULT_DATABASE = Path(settings.BASE_DIR) / "var" / "bench.sqlite3"


class Command(BaseCommand):
    help = (
        "Misst Antwortzeiten und SQL-Abfragen der Hauptseiten auf einem großen Bench-Kreis in "
        "einer eigenen SQLite-Datei (die Entwicklungsdatenbank bleibt unberührt)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=2000, help="Anzahl Vorhaben")
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
        loadtest.add_arguments(parser)
        parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--demo-worker", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["warmups"] < 1 or options["runs"] < 1:
            raise CommandError("--runs und --warmups müssen mindestens 1 sein.")
        if options["load"]:
            self._load_test(options)
            return
        database = Path(options["database"]).resolve()
        demo_database = database.with_name(f"{database.stem}-demo{database.suffix}")
        if options["worker"]:
            self._work(database, options)
        elif options["demo_worker"]:
            self._work_on_demo(demo_database, options)
        else:
            configured = connection.settings_dict.get("NAME")
            for path in (database, demo_database):
                if configured and Path(str(configured)).resolve() == path:
                    raise CommandError(
                        "Die Bench-Datenbank darf nicht die konfigurierte Datenbank sein: "
                        f"{path}. Bitte --database ändern."
                    )
            self._start_worker(demo_database, options, "--demo-worker")
            self._start_worker(database, options, "--worker")

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

    # The calling process: fresh file, subprocess, relay its output ------------------------

    def _start_worker(self, database, options, role):
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "run_bench",
            role,
            f"--database={options['database']}",
            f"--initiatives={options['initiatives']}",
            f"--runs={options['runs']}",
            f"--warmups={options['warmups']}",
            f"--seed={options['seed']}",
            f"--services={options['services']}",
            f"--oparl-papers={options['oparl_papers']}",
        ]
        for name in ("reports", "values"):
            if options[name] is not None:
                command.append(f"--{name}={options[name]}")
        environment = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
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

    # The workers: each runs against its bench file only ----------------------------------

    def _check_database(self, database):
        configured = Path(str(connection.settings_dict["NAME"])).resolve()
        if configured != database:
            raise CommandError(
                f"Worker läuft nicht auf der Bench-Datenbank ({configured} statt {database})."
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
        load_demo()
        settings.DEBUG = False
        self.stdout.write(f"Demo-Kreis (Rhein-Sieg-Kreis) in {database}:")
        staff = User.objects.get(username="stabsstelle")
        self.stdout.write(benchmark.format_table(self._measure_progress_report(staff, options)))
        self.stdout.write("")

    def _work(self, database, options):
        self._check_database(database)
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        migrated = time.perf_counter()
        size = bench_county.BenchSize.scaled(
            options["initiatives"], reports=options["reports"], indicator_values=options["values"]
        )
        county = bench_county.generate_county(
            size=size, today=timezone.localdate(), seed=options["seed"]
        )
        offers = generate_offers(
            bodies=list(Body.objects.filter(kind__in=[Body.Kind.COUNTY, Body.Kind.MUNICIPALITY])),
            services=options["services"],
            seed=options["seed"],
        )
        published, goal_id, initiative_id = publish_summaries(user=county.staff_unit_user)
        generated = time.perf_counter()
        self.stdout.write(f"Bench-Datenbank: {database}")
        self.stdout.write(
            "Bench-Kreis: "
            + ", ".join(
                f"{count:,} {label}".replace(",", ".")
                for label, count in (county.counts | offers | published).items()
            )
        )
        self.stdout.write(
            f"Migration {migrated - started:.1f} s, Erzeugung {generated - migrated:.1f} s; "
            f"Messung: {options['warmups']} Aufwärmaufrufe, {options['runs']} Messungen je Seite "
            "(Seiten über 1 s: 5 Messungen); SQL-Abfragen des letzten Aufwärmaufrufs"
        )

        # Measure as production runs: DEBUG off (templates without debug information, no SQL
        # log); the test client's host name allowed.
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
        results += self._measure_progress_report(county.staff_unit_user, options)
        self.stdout.write("")
        self.stdout.write(benchmark.format_table(results))

        # Last: the import adds a second body's council data to the bench database.
        import_runs = min(3, options["runs"])
        self.stdout.write(
            "\nOParl-Import eines erzeugten Endpunkts in der Form eines echten OParl-1.0-"
            f"Endpunkts (lokaler HTTP-Server; Median von {import_runs} Läufen, Sekunden):"
        )
        self.stdout.write(
            import_benchmark.format_table(
                import_benchmark.run_import_benchmark(
                    runs=import_runs, **import_benchmark.endpoint_size(options["oparl_papers"])
                )
            )
        )
        self.stdout.write(f"\nGesamtdauer: {time.perf_counter() - started:.1f} s")
