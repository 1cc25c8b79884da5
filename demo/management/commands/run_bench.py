"""`manage.py run_bench`: response times of the main pages on a large benchmark county.

The command never touches the configured database. It deletes and re-creates a separate SQLite
file (default var/bench.sqlite3) and runs itself again in a subprocess whose DATABASE_URL points
at that file (`--worker`): that process migrates it, generates the county
(demo.bench_county), and measures the pages with the test client (demo.benchmark), with DEBUG
off as in production.
"""

import argparse
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

from demo import bench_county, benchmark
from oparl_import import benchmark as import_benchmark
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
        parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["warmups"] < 1 or options["runs"] < 1:
            raise CommandError("--runs und --warmups müssen mindestens 1 sein.")
        database = Path(options["database"]).resolve()
        if options["worker"]:
            self._work(database, options)
        else:
            self._start_worker(database, options)

    # The calling process: fresh file, subprocess, relay its output ------------------------

    def _start_worker(self, database, options):
        configured = connection.settings_dict.get("NAME")
        if configured and Path(str(configured)).resolve() == database:
            raise CommandError(
                "Die Bench-Datenbank darf nicht die konfigurierte Datenbank sein: "
                f"{database}. Bitte --database ändern."
            )
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "run_bench",
            "--worker",
            f"--database={database}",
            f"--initiatives={options['initiatives']}",
            f"--runs={options['runs']}",
            f"--warmups={options['warmups']}",
            f"--seed={options['seed']}",
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

    # The worker: runs against the bench file only -----------------------------------------

    def _work(self, database, options):
        configured = Path(str(connection.settings_dict["NAME"])).resolve()
        if configured != database:
            raise CommandError(
                f"Worker läuft nicht auf der Bench-Datenbank ({configured} statt {database})."
            )
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        migrated = time.perf_counter()
        size = bench_county.BenchSize.scaled(
            options["initiatives"], reports=options["reports"], indicator_values=options["values"]
        )
        county = bench_county.generate_county(
            size=size, today=timezone.localdate(), seed=options["seed"]
        )
        generated = time.perf_counter()
        self.stdout.write(f"Bench-Datenbank: {database}")
        self.stdout.write(
            "Bench-Kreis: "
            + ", ".join(
                f"{count:,} {label}".replace(",", ".") for label, count in county.counts.items()
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
            pages=[*benchmark.main_pages(county.detail_initiative_id), *search_pages()],
            users=[
                ("Stabsstelle", county.staff_unit_user),
                ("Kommune (Siegburg)", county.municipality_user),
            ],
            runs=options["runs"],
            warmups=options["warmups"],
        )
        self.stdout.write("")
        self.stdout.write(benchmark.format_table(results))

        # Last: the import adds a second body's council data to the bench database.
        self.stdout.write("\nOParl-Import eines erzeugten Endpunkts (lokaler HTTP-Server):")
        self.stdout.write(import_benchmark.format_table(import_benchmark.run_import_benchmark()))
        self.stdout.write(f"\nGesamtdauer: {time.perf_counter() - started:.1f} s")
