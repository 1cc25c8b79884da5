"""An RQ worker forks a work horse for every job while its housekeeping thread uses the
database. A fork in the middle of a housekeeping round waits for its end, so the horse starts
with no connection or lock of the parent's and can write (without the guard SQLite refuses
every write of the horse: "database is locked")."""

import os
import subprocess
import sys
import textwrap

from django.conf import settings

FORK_DURING_HOUSEKEEPING = textwrap.dedent(
    """
    import os, sys, threading, time

    import django

    django.setup()
    from django.db import connection, transaction

    from tasks import runner

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE beat (n integer)")
    connection.close()
    in_round = threading.Event()

    def writing_round():
        if in_round.is_set():
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO beat VALUES (1)")
            in_round.set()
            time.sleep(0.3)

    runner.housekeeping = writing_round
    runner.guard_forks()
    stopped = threading.Event()
    threading.Thread(target=runner.housekeeping_loop, args=(stopped,), daemon=True).start()
    in_round.wait()
    pid = os.fork()
    if pid == 0:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("INSERT INTO beat VALUES (2)")
        except Exception as error:
            print(f"horse: {error}", flush=True)
            os._exit(1)
        os._exit(0)
    _pid, status = os.waitpid(pid, 0)
    stopped.set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM beat ORDER BY n")
        print([n for (n,) in cursor.fetchall()])
    sys.exit(os.waitstatus_to_exitcode(status))
    """
)


def test_a_fork_during_a_housekeeping_round_gives_the_child_a_database_it_can_write(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", FORK_DURING_HOUSEKEEPING],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "smartkreis.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'fork.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[1, 2]"
