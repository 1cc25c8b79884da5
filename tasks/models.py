"""Jobs: long work (documents, imports, mails) that a worker does off the web request.

A Job is this app's record of one piece of work: who started it, what kind, how far it is, and
how it ended (a result file or a German message). The queue itself is django.tasks' backend
(the database or Redis); its task only carries the job's id, so everything the user and the
staff unit see is here, whichever backend runs it.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Kind(models.TextChoices):
        REPORT_PDF = "report_pdf", _("Progress report as PDF")
        REPORT_DOCX = "report_docx", _("Progress report as Word document")
        PAPER_PDF = "paper_pdf", _("Paper as PDF")
        PAPER_DOCX = "paper_docx", _("Paper as Word document")
        MINUTES_PDF = "minutes_pdf", _("Minutes as PDF")
        MINUTES_DOCX = "minutes_docx", _("Minutes as Word document")
        OPEN_DECISIONS_PDF = "open_decisions_pdf", _("Open council decisions as PDF")
        OPEN_DECISIONS_DOCX = "open_decisions_docx", _("Open council decisions as Word document")
        # Documents that no longer change, rendered once and kept (smartkreis.frozen).
        VERSION_DOCUMENTS = "version_documents", _("Files of a finalised paper version")
        PUBLIC_REPORT_PDF = "public_report_pdf", _("Public edition of a progress report")
        OPARL_IMPORT = "oparl_import", _("OParl import")
        SEND_MAILS = "send_mails", _("Sending mails")
        SEND_REMINDERS = "send_reminders", _("Sending reminders")
        BODY_IMPORT = "body_import", _("Excel import of online offers and processes")
        INITIATIVES_XLSX = "initiatives_xlsx", _("Register of initiatives as Excel workbook")
        INITIATIVES_CSV = "initiatives_csv", _("Register of initiatives as CSV file")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind)
    # What the job works on, e.g. {"report": 12}; each kind reads its own keys (tasks.kinds).
    params = models.JSONField(_("parameters"), default=dict)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=8, choices=State, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    # For the user: what went wrong, in German; the technical cause is for the staff unit.
    message = models.TextField(_("message"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=3)
    result_file = models.FileField(_("result file"), upload_to="jobs/", blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_content_type = models.CharField(_("content type"), max_length=100, blank=True)
    # When the result file was deleted, TASKS_RESULT_DAYS after the job finished.
    result_removed_at = models.DateTimeField(_("file removed"), null=True, blank=True)
    # What a job found that its page shows, e.g. an Excel import's report (tasks.kinds).
    report = models.JSONField(_("report"), null=True, blank=True)
    # The attempt that holds the job: a worker's claim, renewed by its heartbeat. A worker whose
    # claim was taken over (its heartbeat stopped for longer than the lease) writes nothing.
    run_token = models.UUIDField(_("run token"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # When a queued job is due to be handed to the queue (a retry after its backoff, or a job
    # whose worker was lost); empty once handed over.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    # A job to be started once only, e.g. "reminders:2026-12-03": however many workers queue
    # it at once, the unique key lets one of them succeed.
    once_key = models.CharField(_("once key"), max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "due_at"], name="tasks_job_state_due_idx"),
            # Only the jobs that still keep a file: the housekeeping's look for expired ones,
            # every few seconds, stays small however many jobs have run.
            models.Index(
                fields=["finished_at"],
                condition=Q(state="done") & ~Q(result_file=""),
                name="tasks_job_kept_file_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="tasks_job_progress_at_most_100"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}" if self.subject else self.kind

    def get_absolute_url(self):
        return reverse("tasks:job_detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def file_kept_until(self):
        """Until when the job's file is kept (TASKS_RESULT_DAYS after it finished); None
        without a file."""
        if self.state != self.State.DONE or not self.result_file or self.finished_at is None:
            return None
        return self.finished_at + datetime.timedelta(days=settings.TASKS_RESULT_DAYS)


class ImportSchedule(models.Model):
    """When an OParl source is imported on its own: daily at `hour` (local time), or never."""

    source = models.OneToOneField(
        "oparl_import.OParlSource",
        verbose_name=_("OParl source"),
        on_delete=models.CASCADE,
        related_name="schedule",
    )
    hour = models.PositiveSmallIntegerField(_("daily at (hour)"), null=True, blank=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True)

    class Meta:
        verbose_name = _("import schedule")
        verbose_name_plural = _("import schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(hour__isnull=True) | Q(hour__lte=23), name="tasks_schedule_hour_0_23"
            )
        ]

    def __str__(self):
        return str(self.source)
