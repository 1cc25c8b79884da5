"""A real worker process, on the database queue and on Redis: killed with SIGKILL in the middle
of a job it leaves no file and no finished job behind; a worker started again takes the job
over once its lease ran out and finishes it, writing the file once.

One xdist worker runs these (they start processes); each run has its own queue name."""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from tasks.models import Job

pytestmark = [
    pytest.mark.xdist_group("task_workers"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KIND = "test_wait_for_release"


def redis_available():
    import redis

    try:
        return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture
def worker_database(seed_rows_restored, transactional_db, tmp_path):
    """The test's database as a worker process reaches it: PostgreSQL's test database by name;
    SQLite's in-memory one copied to a file, which the test then uses too."""
    if connection.vendor != "sqlite":
        values = connection.settings_dict
        yield (
            f"postgres://{values['USER']}:{values['PASSWORD']}@{values['HOST'] or '127.0.0.1'}:"
            f"{values['PORT'] or 5432}/{values['NAME']}"
        )
        return
    path = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    copy = sqlite3.connect(path)
    in_memory.backup(copy)
    copy.close()
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


@pytest.fixture
def start_worker(worker_database):
    processes = []

    def start(backend, queue):
        env = {
            **os.environ,
            "DATABASE_URL": worker_database,
            "TASKS_BACKEND": backend,
            "TASKS_QUEUE": queue,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "TASKS_LEASE_SECONDS": "1",
            "TASKS_HOUSEKEEPING_SECONDS": "0.2",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tasks.tests.worker_process"],
            cwd=settings.BASE_DIR,
            env=env,
            start_new_session=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        kill_session(process)


def kill_session(process):
    """SIGKILL to every process of the worker's session: RQ's work horse, which runs the job,
    leaves the worker's process group but not its session."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == process.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(stat.parent.name), signal.SIGKILL)
    process.wait()


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def job_state(job):
    job.refresh_from_db()
    return job.state, job.progress


def files_of(job):
    folder = settings.MEDIA_ROOT / "jobs" / str(job.pk)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@pytest.fixture(params=["database", "redis"])
def backend(request):
    if request.param == "redis" and not redis_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is needed at {settings.REDIS_URL} under CI")
        pytest.skip(f"no Redis at {settings.REDIS_URL}")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    yield request.param, queue
    if request.param == "redis":
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(f"*{queue}*"):
            client.delete(key)


def test_a_killed_worker_leaves_nothing_half_written_and_the_job_runs_again(
    backend, start_worker, tmp_path
):
    backend_name, queue = backend
    release = tmp_path / "release"
    job = Job.objects.create(kind=KIND, params={"release": str(release)}, due_at=timezone.now())

    worker = start_worker(backend_name, queue)
    wait_for(lambda: job_state(job) == ("running", 50))
    kill_session(worker)

    assert job_state(job)[0] == "running"
    assert files_of(job) == []
    assert not job.result_file

    release.touch()
    start_worker(backend_name, queue)
    wait_for(lambda: job_state(job)[0] == "done")
    assert job.attempts == 2
    assert files_of(job) == ["ergebnis.txt"]
    assert job.result_file.read() == b"fertig"
