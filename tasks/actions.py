"""Every change to a job: started by a user (audited), then claimed, advanced, finished or failed
by a worker (no user acts there; the job's fields are its record).

A job goes queued → running → done or failed. The queue's task carries only the job's id and is
handed over after the transaction that created the job commits. A worker claims the job with a
fresh run token; every later write of that attempt names the token and is void once another
attempt took the job over, so a job is finished at most once and its file written once.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.models import AuditEntry
from audit.recording import record_change, snapshot
from notifications import actions as notification_actions
from notifications import mails
from portal import queries as portal_queries
from smartkreis.files import remove_partials, save_whole

from . import queries
from .kinds import KINDS
from .models import ImportSchedule, Job
from .schedules import next_run

logger = logging.getLogger(__name__)


def _hand_over(job_id):
    """Put the job's task on the queue (after the surrounding transaction committed)."""
    from .runner import enqueue

    transaction.on_commit(lambda: enqueue(job_id))


@transaction.atomic
def start_job(
    *, acting_user, kind, params, subject="", source=AuditEntry.Source.WEB, once_key=None
):
    """A queued job of `kind` for `acting_user` (None: the schedule); its task runs once this
    transaction commits. With `once_key`, an IntegrityError if a job had that key already."""
    job = Job.objects.create(
        kind=kind,
        params=params,
        subject=subject[:300],
        once_key=once_key,
        started_by=acting_user,
        max_attempts=settings.TASKS_MAX_ATTEMPTS,
        step=_("Waiting for a free worker"),
    )
    record_change(actor=acting_user, action=AuditEntry.Action.CREATE, obj=job, source=source)
    _hand_over(job.pk)
    return job


@transaction.atomic
def record_task_id(*, job_id, task_id):
    Job.objects.filter(pk=job_id).update(task_id=str(task_id)[:64])


@transaction.atomic
def claim_job(*, job_id):
    """Take the queued job for one attempt; its run token, or None if it is not queued (done,
    failed, or held by another worker: a task delivered twice then does nothing)."""
    token = uuid.uuid4()
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING,
        attempts=F("attempts") + 1,
        run_token=token,
        heartbeat_at=now,
        started_at=now,
        due_at=None,
        progress=0,
        step=_("Started"),
    )
    return token if claimed else None


@transaction.atomic
def report_progress(*, job_id, token, percent, step):
    """Note how far the attempt is (percent None: not measured); False if it lost the job."""
    values = {"step": step[:200], "heartbeat_at": timezone.now()}
    if percent is not None:
        values["progress"] = max(0, min(100, int(percent)))
    return bool(
        Job.objects.filter(pk=job_id, run_token=token, state=Job.State.RUNNING).update(**values)
    )


@transaction.atomic
def renew_lease(*, job_id, token):
    return bool(
        Job.objects.filter(pk=job_id, run_token=token, state=Job.State.RUNNING).update(
            heartbeat_at=timezone.now()
        )
    )


def _held(job_id, token):
    return (
        Job.objects.select_for_update()
        .filter(pk=job_id, run_token=token, state=Job.State.RUNNING)
        .first()
    )


def _tell_who_started(job):
    """A mail to who started `job`, now ended, if it ran so long (TASKS_MAIL_AFTER_SECONDS)
    that they may have left its page. Queued in the job's transaction, sent after it; an
    invalid address on the account never fails the job."""
    user = job.started_by
    if user is None or not user.is_active or not user.email:
        return
    if (job.finished_at - job.created_at).total_seconds() < settings.TASKS_MAIL_AFTER_SECONDS:
        return
    with mails.in_site_language():
        subject, body = mails.job_ended_text(
            job, succeeded=job.state == Job.State.DONE, file_kept_until=job.file_kept_until
        )
    try:
        notification_actions.queue_mail(
            dedup_key=f"job-ended:{job.pk}", recipients=[user.email], subject=subject, body=body
        )
    except ValidationError:
        logger.warning("No mail for job %s: the address of user %s is invalid", job.pk, user.pk)


def complete_job(*, job_id, token, result):
    """Done, with `result` stored: a ResultFile (the file and the row together), a report (a
    dict for the job's page) or None; nothing at all if the attempt no longer holds the job."""
    stored = None
    try:
        with transaction.atomic():
            job = _held(job_id, token)
            if job is None:
                return None
            if isinstance(result, dict):
                job.report = result
            elif result is not None:
                stored = save_whole(default_storage, f"jobs/{job.pk}/{result.name}", result.content)
                job.result_file.name = stored
                job.result_name = result.name
                job.result_content_type = result.content_type
            job.state = Job.State.DONE
            job.progress = 100
            job.step = _("Done")
            job.message = ""
            job.run_token = None
            job.finished_at = timezone.now()
            job.save()
            _tell_who_started(job)
    except BaseException:
        # The row was not written: the file must not stay behind without it.
        if stored is not None:
            default_storage.delete(stored)
        raise
    return job


@transaction.atomic
def fail_attempt(*, job_id, token, error, message="", final=False):
    """The attempt failed with `error` (technical, for the staff unit). Unless `final` or the
    job used its attempts up, it is queued again after a backoff that doubles each time;
    otherwise it failed for good with `message` for the user."""
    job = _held(job_id, token)
    if job is None:
        return None
    job.last_error = str(error)[:5000]
    job.run_token = None
    if final or job.attempts >= job.max_attempts:
        job.state = Job.State.FAILED
        job.message = message
        job.step = _("Failed")
        job.finished_at = timezone.now()
    else:
        delay = settings.TASKS_RETRY_DELAY * 2 ** (job.attempts - 1)
        job.state = Job.State.QUEUED
        job.due_at = timezone.now() + datetime.timedelta(seconds=delay)
        job.step = _("An attempt failed; trying again at %(time)s") % {
            "time": timezone.localtime(job.due_at).strftime("%H:%M:%S")
        }
    job.save()
    if job.state == Job.State.FAILED:
        _tell_who_started(job)
    return job


@transaction.atomic
def recover_lost_jobs(*, now=None):
    """Running jobs whose worker gave no sign of life within the lease (killed, machine gone):
    queued again at once, or failed if that was their last attempt. Their unfinished files
    are removed; the ids of the jobs queued again are returned."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.TASKS_LEASE_SECONDS)
    lost = list(
        Job.objects.select_for_update(skip_locked=True).filter(
            state=Job.State.RUNNING, heartbeat_at__lt=cutoff
        )
    )
    requeued = []
    for job in lost:
        remove_partials(default_storage, f"jobs/{job.pk}")
        job.run_token = None
        job.last_error = _("The worker stopped without finishing the job.")
        if job.attempts >= job.max_attempts:
            job.state = Job.State.FAILED
            job.message = str(KINDS[job.kind].failure_message) if job.kind in KINDS else ""
            job.step = _("Failed")
            job.finished_at = now
        else:
            job.state = Job.State.QUEUED
            job.due_at = now
            job.step = _("The worker was lost; the job runs again")
            requeued.append(job.pk)
        job.save()
        if job.state == Job.State.FAILED:
            _tell_who_started(job)
    return requeued


@transaction.atomic
def remove_expired_results(*, now=None):
    """The files of jobs finished more than TASKS_RESULT_DAYS ago are deleted (exports and
    documents hold the county's internal data; nobody should find them on the storage years
    later); the job stays with the day its file went. The number of files removed."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.TASKS_RESULT_DAYS)
    expired = list(
        Job.objects.select_for_update(skip_locked=True)
        .filter(state=Job.State.DONE, finished_at__lt=cutoff)
        .exclude(result_file="")
    )
    for job in expired:
        stored = job.result_file.name
        # Only once the row says so: a rollback keeps the file the row still names.
        transaction.on_commit(lambda stored=stored: default_storage.delete(stored))
        job.result_file = ""
        job.result_removed_at = now
        job.save(update_fields=["result_file", "result_removed_at"])
    return len(expired)


@transaction.atomic
def hand_over_due_jobs(*, now=None):
    """Queued jobs whose retry or recovery is due go to the queue, each once."""
    now = now or timezone.now()
    due = list(
        Job.objects.select_for_update(skip_locked=True)
        .filter(state=Job.State.QUEUED, due_at__lte=now)
        .values_list("pk", flat=True)
    )
    Job.objects.filter(pk__in=due).update(due_at=None)
    for job_id in due:
        _hand_over(job_id)
    return due


@transaction.atomic
def start_report_document(*, acting_user, report, kind):
    """A job that writes `report` as PDF or Word (kind REPORT_PDF or REPORT_DOCX)."""
    return start_job(
        acting_user=acting_user, kind=kind, params={"report": report.pk}, subject=report.title
    )


@transaction.atomic
def start_paper_document(*, acting_user, paper, kind):
    """A job that writes what `paper`'s page shows the user (kind PAPER_PDF or PAPER_DOCX)."""
    return start_job(
        acting_user=acting_user, kind=kind, params={"paper": paper.pk}, subject=str(paper)
    )


@transaction.atomic
def start_minutes_document(*, acting_user, meeting, kind):
    """A job that writes `meeting`'s minutes (kind MINUTES_PDF or MINUTES_DOCX)."""
    return start_job(
        acting_user=acting_user, kind=kind, params={"meeting": meeting.pk}, subject=str(meeting)
    )


@transaction.atomic
def start_open_decisions_document(*, acting_user, kind):
    """A job that writes the council decisions not yet implemented that the user may read, as
    an information paper (kind OPEN_DECISIONS_PDF or OPEN_DECISIONS_DOCX)."""
    return start_job(acting_user=acting_user, kind=kind, params={})


@transaction.atomic
def start_keeping_version_documents(*, version):
    """A job that renders the finalised `version`'s files once, to keep (smartkreis.frozen)."""
    return start_job(
        acting_user=None,
        kind=Job.Kind.VERSION_DOCUMENTS,
        params={"version": version.pk},
        subject=str(version),
        source=AuditEntry.Source.SYSTEM,
    )


@transaction.atomic
def start_keeping_public_report(*, report):
    """A job that renders the issued `report`'s public edition once, to keep, if the portal
    shows it."""
    if not portal_queries.public_progress_reports().filter(pk=report.pk).exists():
        return None
    return start_job(
        acting_user=None,
        kind=Job.Kind.PUBLIC_REPORT_PDF,
        params={"report": report.pk},
        subject=report.title,
        source=AuditEntry.Source.SYSTEM,
    )


@transaction.atomic
def start_mail_delivery(*, mail_ids):
    """A job that sends the outbox's mails `mail_ids` (those not sent by then)."""
    return start_job(
        acting_user=None,
        kind=Job.Kind.SEND_MAILS,
        params={"mails": list(mail_ids)},
        subject=ngettext("%(count)d mail", "%(count)d mails", len(mail_ids))
        % {"count": len(mail_ids)},
        source=AuditEntry.Source.SYSTEM,
    )


@transaction.atomic
def start_body_import(*, acting_user, body, content, only_valid_rows):
    """A job that checks the uploaded workbook `content` (bytes) for `body` and applies it
    (with errors only its valid rows, and only if `only_valid_rows`)."""
    upload = default_storage.save(f"jobs/uploads/{uuid.uuid4().hex}.xlsx", ContentFile(content))
    return start_job(
        acting_user=acting_user,
        kind=Job.Kind.BODY_IMPORT,
        params={"body": body.pk, "upload": upload, "only_valid_rows": bool(only_valid_rows)},
        subject=body.name,
    )


@transaction.atomic
def start_initiative_export(*, acting_user, kind, filters, count):
    """A job that writes the register's `count` initiatives that the filters `filters` (a
    query string) select for `acting_user` (kind INITIATIVES_XLSX or INITIATIVES_CSV)."""
    return start_job(
        acting_user=acting_user,
        kind=kind,
        params={"filters": filters},
        subject=ngettext("%(count)d initiative", "%(count)d initiatives", count) % {"count": count},
    )


@transaction.atomic
def start_oparl_import(*, acting_user, source, full=False):
    """A job that imports `source`; refused while an import of it is queued or running."""
    if queries.import_pending(source):
        raise ValidationError(_("An import of this source is already queued or running."))
    return start_job(
        acting_user=acting_user,
        kind=Job.Kind.OPARL_IMPORT,
        params={"source": source.pk, "full": bool(full)},
        subject=str(source),
    )


@transaction.atomic
def set_import_schedule(*, acting_user, source, hour):
    """Import `source` daily at `hour` (0–23, local time), or never (None)."""
    if hour is not None and not 0 <= hour <= 23:
        raise ValidationError({"hour": _("Choose an hour from 0 to 23.")})
    schedule, created = ImportSchedule.objects.select_for_update().get_or_create(source=source)
    before = None if created else snapshot(schedule)
    schedule.hour = hour
    schedule.next_run_at = None if hour is None else next_run(hour, after=timezone.now())
    schedule.save()
    record_change(
        actor=acting_user,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=schedule,
        before=before,
    )
    return schedule


@transaction.atomic
def enqueue_scheduled_imports(*, now=None):
    """Queue the imports whose hour has come (unless one of the source is pending); each
    schedule then moves on to the next day. Returns the jobs."""
    now = now or timezone.now()
    due = ImportSchedule.objects.select_for_update(skip_locked=True).filter(
        hour__isnull=False, next_run_at__lte=now
    )
    jobs = []
    for schedule in due.select_related("source"):
        if not queries.import_pending(schedule.source):
            jobs.append(
                start_job(
                    acting_user=None,
                    kind=Job.Kind.OPARL_IMPORT,
                    params={"source": schedule.source.pk},
                    subject=str(schedule.source),
                    source=AuditEntry.Source.SYSTEM,
                )
            )
        schedule.next_run_at = next_run(schedule.hour, after=now)
        schedule.save(update_fields=["next_run_at"])
    return jobs


def reminders_key(day):
    return f"reminders:{day.isoformat()}"


@transaction.atomic
def enqueue_daily_reminders(*, now=None):
    """The day's reminders as a job, once the hour REMINDERS_HOUR (local time) has come; one
    job a day however many workers ask at once (its key is unique). The job, or None."""
    if settings.REMINDERS_HOUR is None:
        return None
    local = timezone.localtime(now or timezone.now())
    key = reminders_key(local.date())
    if local.hour < settings.REMINDERS_HOUR or queries.job_with_key_exists(key):
        return None
    try:
        with transaction.atomic():
            return start_job(
                acting_user=None,
                kind=Job.Kind.SEND_REMINDERS,
                params={"day": local.date().isoformat()},
                subject=date_format(local.date(), "SHORT_DATE_FORMAT"),
                source=AuditEntry.Source.SYSTEM,
                once_key=key,
            )
    except IntegrityError:
        # Another worker queued the day's reminders in the meantime.
        return None
