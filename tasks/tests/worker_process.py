"""A worker process for the tests: `python -m tasks.tests.worker_process`.

It runs `manage.py run_worker` with one extra kind of job whose body waits until the file named
in the job's parameters exists, so a test can kill the worker while the job runs."""

import os
import sys
import time

import django


def wait_for_release(job, progress):
    from tasks.results import ResultFile

    progress(50, "Wartet auf Freigabe")
    while not os.path.exists(job.params["release"]):
        time.sleep(0.05)
        progress(50, "Wartet auf Freigabe")
    return ResultFile("ergebnis.txt", "text/plain", b"fertig")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartkreis.settings")
    django.setup()
    from django.core.management import call_command

    from tasks.kinds import KINDS, JobKind

    KINDS["test_wait_for_release"] = JobKind(body=wait_for_release, failure_message="Ging nicht.")
    call_command("run_worker", *sys.argv[1:])
