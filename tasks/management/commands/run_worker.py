"""`manage.py run_worker`: work off the job queue, whichever backend holds it.

With the database queue (the default) this is django-tasks-db's `db_worker`; with
TASKS_BACKEND=redis it is an RQ worker (django-rq's `rqworker`). Beside either, a thread does
the housekeeping (tasks.runner.housekeeping): jobs of lost workers run again, retries go back
on the queue when their backoff is over, scheduled imports start. Start as many workers, on
as many machines, as the load needs; SIGTERM or Ctrl-C lets the current task finish.
"""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.tasks import task_backends

from tasks.runner import guard_forks, housekeeping_loop


class Command(BaseCommand):
    help = "Run a worker for the background jobs (documents, imports, mails)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Run the tasks queued now, then stop (e.g. from cron or in a test).",
        )

    def handle(self, *args, burst=False, **options):
        backend = task_backends["default"]
        backend_path = f"{type(backend).__module__}.{type(backend).__qualname__}"
        if backend_path.startswith("django_tasks_db."):
            worker_arguments = ["db_worker", "--queue-name", settings.TASKS_QUEUE, "--no-reload"]
            worker_arguments += ["--batch"] if burst else []
        elif backend_path.startswith("django_tasks_rq."):
            # The backend's own job class runs django.tasks' Task objects.
            worker_arguments = [
                "rqworker",
                settings.TASKS_QUEUE,
                "--job-class",
                "django_tasks_rq.backend.Job",
            ]
            worker_arguments += ["--burst"] if burst else []
            # RQ runs every job in a forked work horse.
            guard_forks()
        else:
            raise CommandError(
                f"TASKS_BACKEND={settings.TASKS_BACKEND} runs tasks without a worker; "
                "choose database or redis."
            )
        stopped = threading.Event()
        thread = threading.Thread(
            target=housekeeping_loop, args=(stopped,), daemon=True, name="housekeeping"
        )
        thread.start()
        try:
            call_command(*worker_arguments, verbosity=options["verbosity"])
        finally:
            stopped.set()
