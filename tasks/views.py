"""Pages of the jobs: start a document (a report's, a paper's draft, minutes, the open council
decisions), follow a job, fetch its file; the staff unit's queue, its OParl imports and their
schedules. Each view checks access, makes one call, renders or redirects.

Refusals: anonymous visitors are sent to the login, users without the right get 403 (via
tasks.permissions), a download that is not (or no longer) allowed 404; none changes anything.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portfolio import queries as portfolio_queries
from smartkreis.views import form_flow

from . import actions, queries
from .forms import ImportScheduleForm, InitiativeExportForm
from .models import Job
from .permissions import (
    can_see_queue,
    get_job_for_user_or_404,
    get_meeting_to_render_or_404,
    get_paper_to_render_or_404,
    get_report_to_render_or_404,
    get_source_for_staff_or_404,
    may_download,
)

DOCUMENT_KINDS = {
    "report": {"pdf": Job.Kind.REPORT_PDF, "docx": Job.Kind.REPORT_DOCX},
    "paper": {"pdf": Job.Kind.PAPER_PDF, "docx": Job.Kind.PAPER_DOCX},
    "minutes": {"pdf": Job.Kind.MINUTES_PDF, "docx": Job.Kind.MINUTES_DOCX},
    "open_decisions": {"pdf": Job.Kind.OPEN_DECISIONS_PDF, "docx": Job.Kind.OPEN_DECISIONS_DOCX},
}


@login_required
@require_POST
def report_document_start(request, pk, extension):
    report = get_report_to_render_or_404(request.user, pk)
    job = actions.start_report_document(
        acting_user=request.user, report=report, kind=DOCUMENT_KINDS["report"][extension]
    )
    return redirect(job)


@login_required
@require_POST
def paper_document_start(request, pk, extension):
    paper = get_paper_to_render_or_404(request.user, pk)
    job = actions.start_paper_document(
        acting_user=request.user, paper=paper, kind=DOCUMENT_KINDS["paper"][extension]
    )
    return redirect(job)


@login_required
@require_POST
def minutes_document_start(request, pk, extension):
    meeting = get_meeting_to_render_or_404(request.user, pk)
    job = actions.start_minutes_document(
        acting_user=request.user, meeting=meeting, kind=DOCUMENT_KINDS["minutes"][extension]
    )
    return redirect(job)


@login_required
@require_POST
def open_decisions_document_start(request, extension):
    job = actions.start_open_decisions_document(
        acting_user=request.user, kind=DOCUMENT_KINDS["open_decisions"][extension]
    )
    return redirect(job)


EXPORT_KINDS = {"xlsx": Job.Kind.INITIATIVES_XLSX, "csv": Job.Kind.INITIATIVES_CSV}


@login_required
@require_POST
def initiative_export_start(request, extension):
    """A large export of the register, with the list's filters; it holds what the user may
    read, so anyone logged in may start one."""
    form = InitiativeExportForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The filters of the export are not valid."))
    filters = form.cleaned_data["filters"]
    job = actions.start_initiative_export(
        acting_user=request.user,
        kind=EXPORT_KINDS[extension],
        filters=filters,
        count=portfolio_queries.initiative_count(request.user, QueryDict(filters)),
    )
    return redirect(job)


@require_GET
@login_required
def job_detail(request, pk):
    job = get_job_for_user_or_404(request.user, pk)
    page = queries.job_page(request.user, job)
    template = "tasks/_job_progress.html" if request.htmx else "tasks/job_detail.html"
    return render(request, template, {"page": page, "job": job})


@require_GET
@login_required
def job_download(request, pk):
    job = get_job_for_user_or_404(request.user, pk)
    if job.state != Job.State.DONE or not may_download(request.user, job):
        raise Http404
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_content_type,
    )


@require_GET
@login_required
def queue(request):
    if not can_see_queue(request.user):
        raise PermissionDenied
    overview = queries.queue_overview(state=request.GET.get("state", ""))
    return render(request, "tasks/queue.html", overview)


@require_GET
@login_required
def import_list(request):
    if not can_see_queue(request.user):
        raise PermissionDenied
    return render(request, "tasks/import_list.html", {"rows": queries.import_sources()})


@login_required
@require_POST
def import_start(request, pk):
    source = get_source_for_staff_or_404(request.user, pk)
    try:
        job = actions.start_oparl_import(
            acting_user=request.user, source=source, full=request.POST.get("full") == "1"
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("tasks:import_list")
    return redirect(job)


@require_http_methods(["GET", "POST"])
@login_required
def import_schedule(request, pk):
    source = get_source_for_staff_or_404(request.user, pk)
    current = getattr(source, "schedule", None)
    form = ImportScheduleForm(
        request.POST or None, initial={"hour": current.hour if current else None}
    )
    return form_flow(
        request,
        form=form,
        save=lambda: actions.set_import_schedule(
            acting_user=request.user, source=source, hour=form.cleaned_data["hour"]
        ),
        saved_message=_("The schedule has been saved."),
        success_url=reverse("tasks:import_list"),
        heading=_("Schedule of “%(source)s”") % {"source": source},
        submit_label=_("Save schedule"),
        cancel_url=reverse("tasks:import_list"),
        back_url=reverse("tasks:import_list"),
        back_label=_("OParl imports"),
    )
