"""Running jobs: the one django.tasks task, an attempt's heartbeat, and the housekeeping every
worker does between tasks (lost jobs, due retries, scheduled imports, the daily reminders).

Whichever backend delivers the task (the database, Redis, or in the process under test), the
attempt is the same: claim the job, run its kind's body with a heartbeat beside it, then finish,
retry after a backoff, or fail with the kind's German message.
"""

import functools
import logging
import os
import threading

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.tasks import task
from django.utils import translation

from . import actions
from .kinds import KINDS, JobRefused

logger = logging.getLogger(__name__)


@task(queue_name=settings.TASKS_QUEUE)
def run_job(job_id):
    execute(job_id)


def enqueue(job_id):
    result = run_job.using(queue_name=settings.TASKS_QUEUE).enqueue(job_id)
    actions.record_task_id(job_id=job_id, task_id=result.id)


class LostJob(Exception):
    """The attempt no longer holds its job (its lease ran out and another attempt took over)."""


class Heartbeat:
    """Renews the attempt's lease from a thread of its own while the body works, so a long
    document or import counts as alive and a killed worker's job is recognised as lost."""

    def __init__(self, job_id, token):
        self.job_id, self.token = job_id, token
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True, name=f"job-{job_id}")

    def _beat(self):
        interval = max(settings.TASKS_LEASE_SECONDS / 3, 0.5)
        try:
            while not self.stopped.wait(interval):
                try:
                    actions.renew_lease(job_id=self.job_id, token=self.token)
                except DatabaseError:
                    # A busy database (an import's long page on SQLite): the next beat will do.
                    logger.warning("Heartbeat of job %s skipped", self.job_id, exc_info=True)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()


def execute(job_id):
    """One attempt at the job; nothing if it is not queued (done already, or held by another)."""
    token = actions.claim_job(job_id=job_id)
    if token is None:
        return
    job = actions.Job.objects.get(pk=job_id)
    kind = KINDS[job.kind]

    def progress(percent, step):
        if not actions.report_progress(job_id=job_id, token=token, percent=percent, step=step):
            raise LostJob(job_id)

    with translation.override(settings.LANGUAGE_CODE), Heartbeat(job_id, token):
        try:
            result = kind.body(job, progress)
        except LostJob:
            return
        except JobRefused as refusal:
            actions.fail_attempt(
                job_id=job_id, token=token, error=refusal, message=refusal.message, final=True
            )
            return
        except Exception as error:
            logger.warning("Attempt %s of job %s failed", job.attempts, job_id, exc_info=True)
            actions.fail_attempt(
                job_id=job_id,
                token=token,
                error=f"{type(error).__name__}: {error}",
                message=str(kind.failure_message),
            )
            return
        actions.complete_job(job_id=job_id, token=token, result=result)


def housekeeping():
    """What any worker does every TASKS_HOUSEKEEPING_SECONDS; several workers at once do each
    thing once (rows are locked and skipped)."""
    with translation.override(settings.LANGUAGE_CODE):
        actions.recover_lost_jobs()
        actions.remove_expired_results()
        actions.enqueue_scheduled_imports()
        actions.enqueue_daily_reminders()
        actions.hand_over_due_jobs()


# Held by each round of housekeeping; a fork waits for it (see guard_forks). An RQ worker forks
# a work horse for every job, and a connection with a transaction open in another thread at
# that moment would be copied into the child with its locks: SQLite then refuses every write of
# the horse ("database is locked"), and a PostgreSQL socket would be shared by two processes.
_database_in_use = threading.Lock()


def housekeeping_loop(stopped):
    """Housekeeping until `stopped` is set, for a worker's background thread. The connection is
    closed after each round, so none is open while a fork may happen."""
    while True:
        with _database_in_use:
            try:
                housekeeping()
            except DatabaseError:
                logger.warning("Housekeeping skipped", exc_info=True)
            finally:
                connection.close()
        if stopped.wait(settings.TASKS_HOUSEKEEPING_SECONDS):
            break


def _before_fork():
    _database_in_use.acquire()
    # The forking thread's own connections must not cross into the child either.
    connections.close_all()


@functools.cache
def guard_forks():
    """From now on a fork of this process waits for the housekeeping round in progress and
    closes the forking thread's connections; once per process (run_worker calls it)."""
    os.register_at_fork(
        before=_before_fork,
        after_in_parent=_database_in_use.release,
        after_in_child=_database_in_use.release,
    )
