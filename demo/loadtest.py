"""Load test (`manage.py run_bench --load`, `make bench LOAD=1`): simulated users against
gunicorn, as production serves, on a database of its own.

The run resets its database (PostgreSQL by default; the name must contain "loadtest"), migrates
and fills it with the benchmark county in a subprocess (`python -m demo.loadtest --prepare`),
collects the static files, starts gunicorn on a free port and lets N users (threads with a
requests session each) call pages for T seconds: every second user logged in (staff unit or
Siegburg) on dashboard, register list, an initiative and the goal list, the others on the
public portal. Each user waits a random think time (mean --think seconds, seeded) between
pages. Any answer but 200, a timeout or a refused connection is an error; the run fails if
there is one.
"""

import argparse
import contextlib
import json
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests
from django.urls import reverse

from demo.benchmark import percentile

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/smartkreis_loadtest"
LOGIN = "Anmeldung"
LOGINS_AT_ONCE = 4
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class UnsafeDatabase(ValueError):
    """The database named is not one the load test may drop."""


@dataclass(frozen=True)
class Target:
    label: str
    path: str


@dataclass(frozen=True)
class Plan:
    """What the simulated users call and with which accounts the logged-in ones log in."""

    logged_in_pages: list
    public_pages: list
    logins: list


@dataclass
class Results:
    durations: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, label, milliseconds, error=None):
        with self.lock:
            self.durations.setdefault(label, []).append(milliseconds)
            if error is not None:
                self.errors.setdefault(label, []).append(error)

    @property
    def error_count(self):
        return sum(len(errors) for errors in self.errors.values())


# In the prepared database -----------------------------------------------------------------


def prepare_data(*, initiatives, seed):
    """The benchmark county with its published summaries and a password for its two users;
    returns the ids and accounts the plan needs (JSON-ready)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
    from django.utils import timezone

    from demo import bench_county
    from demo.benchmark_portal import publish_summaries

    county = bench_county.generate_county(
        size=bench_county.BenchSize.scaled(initiatives), today=timezone.localdate(), seed=seed
    )
    _, goal_id, published_initiative_id = publish_summaries(user=county.staff_unit_user)
    password = secrets.token_urlsafe(16)
    logins = []
    for user in (county.staff_unit_user, county.municipality_user):
        # The hasher production uses, whatever the calling process (a test) is set to.
        user.password = make_password(password, hasher=PBKDF2PasswordHasher())
        user.save(update_fields=["password"])
        logins.append([user.username, password])
    return {
        "initiative_id": county.detail_initiative_id,
        "portal_goal_id": goal_id,
        "portal_initiative_id": published_initiative_id,
        "logins": logins,
    }


def plan_for(prepared):
    return Plan(
        logged_in_pages=[
            Target("Übersicht", reverse("dashboard")),
            Target("Vorhabenliste", reverse("portfolio:initiative_list")),
            Target(
                "Vorhaben-Detail",
                reverse("portfolio:initiative_detail", args=[prepared["initiative_id"]]),
            ),
            Target("Zielliste", reverse("strategy:goal_list")),
        ],
        public_pages=[
            Target("Portal: Startseite", reverse("home")),
            Target("Portal: Ziel", reverse("portal:goal", args=[prepared["portal_goal_id"]])),
            Target(
                "Portal: Projekt",
                reverse("portal:initiative", args=[prepared["portal_initiative_id"]]),
            ),
            Target("Portal: Beschlüsse", reverse("portal:decisions")),
            Target("Portal: Online erledigen", reverse("portal:services")),
        ],
        logins=[tuple(login) for login in prepared["logins"]],
    )


# The server ---------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, database_url, workers, threads, static_root=None, startup_seconds=90):
    """gunicorn (threaded workers) serving the app on a free local port; yields its base URL."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: cookies marked secure would not come back.
        "SECURE_COOKIES": "0",
        "DJANGO_SETTINGS_MODULE": "smartkreis.settings",
    }
    environment.pop("DJANGO_DEBUG", None)
    if static_root is not None:
        environment["STATIC_ROOT"] = str(static_root)
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "smartkreis.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        "--timeout=120",
        # Longer than any pause between a user's pages, as behind a load balancer (whose idle
        # timeout it must outlast): a connection closed just as the next request is sent on
        # it would count as an error the server did not make.
        "--keep-alive=75",
        # Several servers (a test beside a bench) would share the default control socket.
        "--no-control-socket",
    ]
    server = subprocess.Popen(command, env=environment, cwd=BASE_DIR)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn ended at start (return code {server.returncode})")
            with contextlib.suppress(requests.ConnectionError):
                status = requests.get(f"{base_url}/", timeout=30).status_code
                if status == 200:
                    break
                raise RuntimeError(f"gunicorn answers the start page with HTTP {status}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {startup_seconds} s")
            time.sleep(0.3)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# The simulated users ------------------------------------------------------------------------


def _timed_get(session, url, *, label, results, timeout):
    started = time.perf_counter()
    error = None
    try:
        response = session.get(url, allow_redirects=False, timeout=timeout)
        if response.status_code != 200:
            error = f"HTTP {response.status_code} {url}"
    except requests.RequestException as failure:
        response = None
        error = f"{type(failure).__name__} {url}: {str(failure)[:200]}"
    results.record(label, (time.perf_counter() - started) * 1000, error)
    return response


def _log_in(session, base_url, login_path, username, password, *, results, timeout):
    page = _timed_get(session, base_url + login_path, label=LOGIN, results=results, timeout=timeout)
    token = page is not None and CSRF_FIELD.search(page.text)
    if not token:
        results.record(LOGIN, 0.0, f"no login form at {login_path}")
        return
    started = time.perf_counter()
    error = None
    try:
        answer = session.post(
            base_url + login_path,
            data={"username": username, "password": password, "csrfmiddlewaretoken": token[1]},
            allow_redirects=False,
            timeout=timeout,
        )
        # A successful login redirects; a refused one shows the form again (200).
        if answer.status_code != 302:
            error = f"login of {username}: HTTP {answer.status_code}"
    except requests.RequestException as failure:
        error = f"login of {username}: {type(failure).__name__}"
    results.record(LOGIN, (time.perf_counter() - started) * 1000, error)


def _browse(session, base_url, pages, *, start, deadline, think, rng, results, timeout):
    position = start
    while time.monotonic() < deadline:
        page = pages[position % len(pages)]
        position += 1
        _timed_get(
            session, base_url + page.path, label=page.label, results=results, timeout=timeout
        )
        pause = min(rng.uniform(0.5, 1.5) * think, deadline - time.monotonic())
        if pause > 0:
            time.sleep(pause)


def drive(*, base_url, plan, login_path, users, seconds, think, seed=2021, timeout=30):
    """`users` simulated users for `seconds`: every second one logged in (logins first, before
    the clock starts), each beginning at another page of its list."""
    results = Results()
    sessions = [requests.Session() for _ in range(users)]
    logged_in = range(0, users, 2)
    # A few logins at a time: each hashes a password on purpose slowly, and all of them at
    # once would time out on a small machine before the measurement even starts.
    with ThreadPoolExecutor(max_workers=LOGINS_AT_ONCE) as pool:
        for future in [
            pool.submit(
                _log_in,
                sessions[index],
                base_url,
                login_path,
                *plan.logins[(index // 2) % len(plan.logins)],
                results=results,
                timeout=timeout,
            )
            for index in logged_in
        ]:
            future.result()
    with ThreadPoolExecutor(max_workers=users) as pool:
        started = time.monotonic()
        deadline = started + seconds
        for future in [
            pool.submit(
                _browse,
                sessions[index],
                base_url,
                plan.logged_in_pages if index in logged_in else plan.public_pages,
                start=index // 2,
                deadline=deadline,
                think=think,
                rng=random.Random(seed + index),
                results=results,
                timeout=timeout,
            )
            for index in range(users)
        ]:
            future.result()
        elapsed = time.monotonic() - started
    for session in sessions:
        session.close()
    return results, elapsed


def format_report(results, *, elapsed):
    def row(label, values, errors):
        figures = [f"{percentile(values, share):9.0f}" for share in (0.5, 0.95, 0.99)]
        return f"{label:<28}{len(values):>9}{errors:>8}" + "".join(figures)

    lines = [f"{'Seite':<28}{'Anfragen':>9}{'Fehler':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"]
    for label, values in results.durations.items():
        lines.append(row(label, values, len(results.errors.get(label, []))))
    pages = [
        value for label in results.durations if label != LOGIN for value in results.durations[label]
    ]
    page_errors = sum(len(errors) for label, errors in results.errors.items() if label != LOGIN)
    if pages:
        lines.append(row("Seiten zusammen", pages, page_errors))
        lines.append(f"{len(pages) / elapsed:.1f} Seiten/s über {elapsed:.1f} s")
    for label, errors in results.errors.items():
        lines.append(f"Fehler bei {label} ({len(errors)}), z. B.: {'; '.join(errors[:3])}")
    return "\n".join(lines)


# The whole run ------------------------------------------------------------------------------


def reset_database(database_url, *, marker="loadtest", owner="des Lasttests"):
    """Drop and create the load test's (or a bench's) own database: only one whose name
    contains `marker`, so a mistyped URL cannot drop a database in use."""
    parts = urllib.parse.urlsplit(database_url)
    # sqlite:///relative/file or sqlite:////absolute/file; postgres://…/name
    name = parts.path[1:]
    if marker not in Path(name).name:
        raise UnsafeDatabase(f"Die Datenbank {owner} muss '{marker}' im Namen haben: {name}")
    if parts.scheme == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        return
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _in_subprocess(arguments, database_url, *, static_root=None):
    # Without DEBUG, as production: collectstatic then writes WhiteNoise's manifest.
    environment = {**os.environ, "DATABASE_URL": database_url}
    environment.pop("DJANGO_DEBUG", None)
    if static_root is not None:
        environment["STATIC_ROOT"] = str(static_root)
    finished = subprocess.run(
        [sys.executable, *arguments], env=environment, cwd=BASE_DIR, capture_output=True, text=True
    )
    if finished.returncode:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{finished.stderr[-3000:]}")
    return finished.stdout


def run(*, database_url, users, seconds, think, initiatives, workers, threads, write):
    """The whole load test; returns the number of errors."""
    started = time.perf_counter()
    reset_database(database_url)
    prepared = json.loads(
        _in_subprocess(
            ["-m", "demo.loadtest", "--prepare", f"--initiatives={initiatives}"], database_url
        ).splitlines()[-1]
    )
    static_root = BASE_DIR / "var" / "loadtest-static"
    shutil.rmtree(static_root, ignore_errors=True)
    _in_subprocess(
        ["manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        database_url,
        static_root=static_root,
    )
    write(
        f"Lasttest: {users} Nutzende ({(users + 1) // 2} angemeldet), {seconds} s, Denkpause "
        f"im Mittel {think} s; gunicorn {workers} Prozesse × {threads} Threads; "
        f"{initiatives} Vorhaben; vorbereitet in {time.perf_counter() - started:.0f} s"
    )
    with gunicorn(
        database_url=database_url, workers=workers, threads=threads, static_root=static_root
    ) as base_url:
        results, elapsed = drive(
            base_url=base_url,
            plan=plan_for(prepared),
            login_path=reverse("login"),
            users=users,
            seconds=seconds,
            think=think,
        )
    write(format_report(results, elapsed=elapsed))
    return results.error_count


def add_arguments(parser):
    """The load test's options of run_bench (which has --initiatives already)."""
    parser.add_argument("--users", type=int, default=50, help="gleichzeitige Nutzende")
    parser.add_argument("--seconds", type=int, default=60, help="Dauer in Sekunden")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mittlere Denkpause zwischen Seiten (s)"
    )
    parser.add_argument(
        "--load-database",
        default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="Datenbank des Lasttests (wird gelöscht und neu angelegt; Name mit 'loadtest')",
    )
    parser.add_argument(
        "--web-workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn-Prozesse"
    )
    parser.add_argument("--web-threads", type=int, default=4, help="Threads je gunicorn-Prozess")


def _prepare_main(initiatives):
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    print(json.dumps(prepare_data(initiatives=initiatives, seed=2021)))


if __name__ == "__main__":
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--prepare", action="store_true", required=True)
    arguments.add_argument("--initiatives", type=int, default=2000)
    _prepare_main(arguments.parse_args().initiatives)
