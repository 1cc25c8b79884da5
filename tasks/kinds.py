"""What each kind of job does, who may see its result, and what a user reads when it failed.

A body takes the job and a `progress(percent, step)` callable and returns a ResultFile, a
report for the job's page (a dict), or None. It raises JobRefused for what no retry can mend
(the report is gone); any other error is retried (tasks.runner). The bodies are the apps' own
code: the document functions of reports, papers, governance (minutes) and council (open
decisions), the kept documents of smartkreis.frozen, the OParl importer, the notifications'
outbox, the online offers' Excel import.

A document for a user (a report, a paper's draft, minutes, the open decisions) is a kind per
document and format, like the report's: the kind names the job on its page and in the queue,
and carries its own rule of who reads the file; one generic kind would need a second dispatch
on its parameters for both.
"""

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council import documents as council_documents
from governance import documents as minutes_documents
from governance.models import Meeting
from governance.permissions import FULL, meeting_access
from notifications import actions as notification_actions
from online_services import excel
from online_services.permissions import can_edit_body_offers
from oparl_import.client import OParlClient
from oparl_import.importer import Importer, ImportFailure
from oparl_import.models import OParlSource
from organisations.models import Body
from papers import documents as paper_documents
from papers import queries as paper_queries
from papers.models import Paper, PaperVersion
from papers.permissions import can_view_internal
from portal import queries as portal_queries
from portal.documents import public_report_pdf
from portfolio import exports as initiative_exports
from portfolio import queries as portfolio_queries
from reports import content as report_content
from reports import documents as report_documents
from reports.models import ProgressReport
from reports.permissions import can_view_report
from smartkreis import frozen
from smartkreis.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, DocumentTemplateError

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


def _document_body(read, content_type):
    """A body that writes one document for the user: `read(job)` checks what the document
    shows and returns its file name and the function that renders it (bytes)."""

    def body(job, progress):
        progress(10, _("Reading the data"))
        name, render = read(job)
        progress(40, _("Writing the document"))
        try:
            content = render()
        except DocumentTemplateError as error:
            raise JobRefused(str(error)) from error
        progress(90, _("Saving the file"))
        return ResultFile(name, content_type, content)

    return body


def _only_who_started(may_still_read):
    """Only who started the job reads its file, and only while `may_still_read(user, job)`:
    the file shows what they could read when it was written."""
    return lambda user, job: user.pk == job.started_by_id and may_still_read(user, job)


def _report(job):
    report = ProgressReport.objects.select_related("committee").filter(pk=job.params.get("report"))
    if not report.exists():
        raise JobRefused(_("The report no longer exists."))
    return report.get()


def _read_report(extension, render):
    def read(job):
        report = _report(job)
        return report_documents.filename(report, extension), lambda: render(
            report_content.report_context(report)
        )

    return read


def _may_read_report(user, job):
    report = ProgressReport.objects.filter(pk=job.params.get("report")).first()
    return report is not None and can_view_report(user, report)


def _paper(job):
    paper = Paper.objects.filter(pk=job.params.get("paper")).first()
    if paper is None:
        raise JobRefused(_("The paper no longer exists."))
    return paper


def _read_paper(extension, render):
    """What the paper's page shows who started the job: its draft with the register's data of
    now, or its last version, with the internal content (only internal readers start it)."""

    def read(job):
        paper = _paper(job)
        if job.started_by is None or not can_view_internal(job.started_by, paper):
            raise JobRefused(_("You may no longer read this paper's internal content."))
        version, content = paper_queries.shown_content(job.started_by, paper)
        return paper_documents.paper_filename(content, extension, version), lambda: render(
            content, include_internal=True, version=version
        )

    return read


def _may_read_paper(user, job):
    paper = Paper.objects.filter(pk=job.params.get("paper")).first()
    return paper is not None and can_view_internal(user, paper)


def _meeting(job):
    meeting = (
        Meeting.objects.select_related("organization", "minutes_approved_in")
        .filter(pk=job.params.get("meeting"))
        .first()
    )
    if meeting is None:
        raise JobRefused(_("The meeting no longer exists."))
    return meeting


def _read_minutes(extension, render):
    def read(job):
        meeting = _meeting(job)
        return minutes_documents.minutes_filename(meeting, extension), lambda: render(meeting)

    return read


def _may_read_minutes(user, job):
    meeting = (
        Meeting.objects.select_related("organization").filter(pk=job.params.get("meeting")).first()
    )
    return meeting is not None and meeting_access(user, meeting) == FULL


def _read_open_decisions(extension, render):
    """The decisions who started the job may read, as of the day it runs."""

    def read(job):
        if job.started_by is None:
            raise JobRefused(_("The user who asked for the document no longer exists."))
        return council_documents.filename(extension), lambda: render(
            council_documents.open_decisions_context(job.started_by)
        )

    return read


def _may_read_open_decisions(user, job):
    # The file holds only the decisions its reader could read when it was written.
    return True


def _read_initiative_export(extension, write):
    """The register's initiatives as the filters of the job select them for who started it,
    with what they may read when it runs."""

    def read(job):
        if job.started_by is None:
            raise JobRefused(_("The user who asked for the export no longer exists."))
        filters = QueryDict(job.params.get("filters", ""))
        rows = portfolio_queries.initiative_export_rows(job.started_by, filters)
        return initiative_exports.filename(timezone.localdate(), extension), lambda: write(rows)

    return read


def _version_documents(job, progress):
    """A finalised version's files, kept for its readers (smartkreis.frozen): the internal
    edition, and the public one if the version was published."""
    version = (
        PaperVersion.objects.select_related("paper").filter(pk=job.params.get("version")).first()
    )
    if version is None:
        raise JobRefused(_("The version no longer exists."))
    editions = [True, False] if version.paper.published_version_id == version.pk else [True]
    files = [(internal, extension) for internal in editions for extension in ("pdf", "docx")]
    refusals = []
    for number, (include_internal, extension) in enumerate(files):
        progress(100 * number // len(files), _("Writing the document"))
        document = paper_documents.kept_document(
            version.paper,
            version.content,
            extension,
            include_internal=include_internal,
            version=version,
        )
        try:
            frozen.freeze(document)
        except DocumentTemplateError as error:
            refusals.append(str(error))
    if refusals:
        # The PDFs are kept; the Word files are rendered on request once the template is mended.
        raise JobRefused(refusals[0])
    return None


def _public_report_pdf(job, progress):
    progress(10, _("Writing the document"))
    report = portal_queries.public_report(job.params.get("report"))
    if report is None:
        raise JobRefused(_("The report is not public."))
    frozen.freeze(public_report_pdf(report))
    return None


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


def _export_kind(extension, write, content_type, failure_message):
    """A kind that writes the register's export; the file holds only what its reader could
    read when it was written, so only they fetch it."""
    return JobKind(
        body=_document_body(_read_initiative_export(extension, write), content_type),
        failure_message=failure_message,
        may_read=lambda user, job: user.pk == job.started_by_id,
    )


PDF_FAILED = gettext_lazy("The PDF could not be created.")
DOCX_FAILED = gettext_lazy("The Word document could not be created.")


def _document_kinds(kinds, read, may_read, *, pdf, docx):
    """The PDF and the Word kind (`kinds`) of one document: `read(extension, render)` gives
    _document_body its `read`, with each format's render function."""
    pdf_kind, docx_kind = kinds
    return {
        pdf_kind: JobKind(
            body=_document_body(read("pdf", pdf), PDF_CONTENT_TYPE),
            failure_message=PDF_FAILED,
            may_read=_only_who_started(may_read),
        ),
        docx_kind: JobKind(
            body=_document_body(read("docx", docx), DOCX_CONTENT_TYPE),
            failure_message=DOCX_FAILED,
            may_read=_only_who_started(may_read),
        ),
    }


KINDS = {
    **_document_kinds(
        (Job.Kind.REPORT_PDF, Job.Kind.REPORT_DOCX),
        _read_report,
        _may_read_report,
        pdf=report_documents.render_pdf,
        docx=report_documents.render_docx,
    ),
    **_document_kinds(
        (Job.Kind.PAPER_PDF, Job.Kind.PAPER_DOCX),
        _read_paper,
        _may_read_paper,
        pdf=paper_documents.render_paper_pdf,
        docx=paper_documents.render_paper_docx,
    ),
    **_document_kinds(
        (Job.Kind.MINUTES_PDF, Job.Kind.MINUTES_DOCX),
        _read_minutes,
        _may_read_minutes,
        pdf=minutes_documents.render_minutes_pdf,
        docx=minutes_documents.render_minutes_docx,
    ),
    **_document_kinds(
        (Job.Kind.OPEN_DECISIONS_PDF, Job.Kind.OPEN_DECISIONS_DOCX),
        _read_open_decisions,
        _may_read_open_decisions,
        pdf=council_documents.render_pdf,
        docx=council_documents.render_docx,
    ),
    Job.Kind.INITIATIVES_XLSX: _export_kind(
        "xlsx",
        initiative_exports.initiatives_xlsx,
        initiative_exports.XLSX_CONTENT_TYPE,
        gettext_lazy("The Excel workbook could not be created."),
    ),
    Job.Kind.INITIATIVES_CSV: _export_kind(
        "csv",
        initiative_exports.initiatives_csv,
        initiative_exports.CSV_CONTENT_TYPE,
        gettext_lazy("The CSV file could not be created."),
    ),
    Job.Kind.VERSION_DOCUMENTS: JobKind(
        body=_version_documents,
        failure_message=gettext_lazy("The files of the version could not be created."),
    ),
    Job.Kind.PUBLIC_REPORT_PDF: JobKind(
        body=_public_report_pdf,
        failure_message=PDF_FAILED,
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
