"""What each kind of job does, who may see its result, and what a user reads when it failed.

A body takes the job and a `progress(percent, step)` callable and returns a ResultFile, a
report for the job's page (a dict), or None. It raises JobRefused for what no retry can mend
(the report is gone); any other error is retried (tasks.runner). The bodies are the same code
the synchronous paths run: the document functions of reports, the OParl importer, the
notifications' outbox, the online offers' Excel import.
"""

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications import actions as notification_actions
from online_services import excel
from online_services.permissions import can_edit_body_offers
from oparl_import.client import OParlClient
from oparl_import.importer import Importer, ImportFailure
from oparl_import.models import OParlSource
from organisations.models import Body
from reports import content as report_content
from reports import documents as report_documents
from reports.models import ProgressReport
from reports.permissions import can_view_report
from smartkreis.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE

from .models import Job
from .results import ResultFile


class JobRefused(Exception):
    """The job cannot be done, now or on a retry; `message` says why, in German."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class JobKind:
    body: Callable
    failure_message: str
    # Whether the body reports a percentage; otherwise the progress bar shows activity only.
    measured: bool = True
    may_read: Callable = lambda user, job: user.is_staff_unit


def _report(job):
    report = ProgressReport.objects.select_related("committee").filter(pk=job.params.get("report"))
    if not report.exists():
        raise JobRefused(_("The report no longer exists."))
    return report.get()


def _report_document(extension, render, content_type):
    def body(job, progress):
        progress(10, _("Reading the report's data"))
        report = _report(job)
        context = report_content.report_context(report)
        progress(40, _("Writing the document"))
        content = render(context)
        progress(90, _("Saving the file"))
        return ResultFile(report_documents.filename(report, extension), content_type, content)

    return body


def _may_read_report(user, job):
    """Only who started it, and only while they may still read the report."""
    if user.pk != job.started_by_id:
        return False
    report = ProgressReport.objects.filter(pk=job.params.get("report")).first()
    return report is not None and can_view_report(user, report)


def _oparl_import(job, progress):
    source = OParlSource.objects.filter(pk=job.params.get("source")).first()
    if source is None:
        raise JobRefused(_("The OParl source no longer exists."))
    importer = Importer(
        source.system_url,
        client=OParlClient(),
        full=bool(job.params.get("full")),
        progress=lambda line: progress(None, line[:200]),
    )
    try:
        importer.execute()
    except ImportFailure as failure:
        # The importer keeps what it saved and resumes at the failed page on the next attempt.
        raise RuntimeError(failure.message) from failure
    return None


def _send_mails(job, progress):
    progress(None, _("Sending the queued mails"))
    delivery = notification_actions.deliver_pending(mail_ids=job.params.get("mails"))
    if delivery.failed:
        # Retried with the job's backoff; the mails sent meanwhile are not sent again.
        raise RuntimeError(f"The mail server did not accept {delivery.failed} mail(s)")
    return None


def _send_reminders(job, progress):
    progress(30, _("Queueing the reminders"))
    # The day the job was queued for: a retry after midnight does not skip that day's reminders.
    notification_actions.queue_reminders(today=datetime.date.fromisoformat(job.params["day"]))
    progress(60, _("Sending the queued mails"))
    notification_actions.deliver_pending()
    return None


def import_report_data(report):
    """An online_services ImportReport as the job's report (JSON; see queries.job_page)."""
    return {
        "applied": report.applied,
        "valid_rows": report.valid_rows,
        "changes": [str(change) for change in report.changes],
        "errors": [dataclasses.asdict(error) for error in report.errors],
        "level_changes": [
            {**dataclasses.asdict(change), "assessed_on": change.assessed_on.isoformat()}
            for change in report.level_changes
        ],
    }


def _body_import(job, progress):
    """The synchronous import of online_services.excel: check every row, then apply a clean
    file, or its valid rows if the user chose so; it writes everything or nothing. The upload
    is removed once the import is done or refused, and kept for a retry."""
    upload = job.params["upload"]
    try:
        report = _import_workbook(job, upload, progress)
    except JobRefused:
        default_storage.delete(upload)
        raise
    default_storage.delete(upload)
    return import_report_data(report)


def _import_workbook(job, upload, progress):
    body = Body.objects.filter(pk=job.params.get("body")).first()
    if body is None:
        raise JobRefused(_("The body no longer exists."))
    if job.started_by is None or not can_edit_body_offers(job.started_by, body):
        raise JobRefused(_("You may no longer import the online offers of this body."))
    if not default_storage.exists(upload):
        raise JobRefused(_("The uploaded file is no longer there; please upload it again."))
    progress(10, _("Checking every row"))
    with default_storage.open(upload, "rb") as file:
        try:
            report = excel.check_file(file, body)
        except excel.ImportFileError as error:
            raise JobRefused(str(error)) from error
    only_valid_rows = bool(job.params.get("only_valid_rows"))
    if not report.errors or only_valid_rows:
        progress(60, _("Applying the rows"))
        try:
            excel.apply_import(
                acting_user=job.started_by,
                body=body,
                report=report,
                only_valid_rows=only_valid_rows,
            )
        except ValidationError as error:
            raise JobRefused(" ".join(error.messages)) from error
    return report


KINDS = {
    Job.Kind.REPORT_PDF: JobKind(
        body=_report_document("pdf", report_documents.render_pdf, PDF_CONTENT_TYPE),
        failure_message=gettext_lazy("The PDF could not be created."),
        may_read=_may_read_report,
    ),
    Job.Kind.REPORT_DOCX: JobKind(
        body=_report_document("docx", report_documents.render_docx, DOCX_CONTENT_TYPE),
        failure_message=gettext_lazy("The Word document could not be created."),
        may_read=_may_read_report,
    ),
    Job.Kind.OPARL_IMPORT: JobKind(
        body=_oparl_import,
        failure_message=gettext_lazy(
            "The OParl import failed. What was saved stays; the next run resumes where this "
            "one stopped."
        ),
        measured=False,
    ),
    Job.Kind.SEND_MAILS: JobKind(
        body=_send_mails,
        failure_message=gettext_lazy(
            "The mails could not be sent; the outbox keeps them for the next attempt."
        ),
        measured=False,
    ),
    Job.Kind.SEND_REMINDERS: JobKind(
        body=_send_reminders,
        failure_message=gettext_lazy("The reminders could not be sent."),
    ),
    Job.Kind.BODY_IMPORT: JobKind(
        body=_body_import,
        failure_message=gettext_lazy("The import failed; nothing has been changed."),
    ),
}
