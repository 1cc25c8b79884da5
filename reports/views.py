"""Pages of the progress reports. Each view checks access, makes one call, renders or redirects.

Refusals: anonymous visitors are sent to the login, logged-in users without the right get 403
(via reports.permissions); neither changes anything.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartkreis.contributions import page_sections
from smartkreis.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE
from smartkreis.forms import action_errors_on
from smartkreis.views import form_page

from . import actions, content, documents
from .forms import ReportForm
from .permissions import can_manage_reports, get_report_for_user_or_404, reports_visible_to

PAGE_SIZE = 25


@require_GET
@login_required
def report_list(request):
    reports = reports_visible_to(request.user).order_by("-period_end", "-pk")
    page_obj = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/report_list.html",
        {"page_obj": page_obj, "query": "", "can_manage": can_manage_reports(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_create(request):
    if not can_manage_reports(request.user):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            report = actions.create_progress_report(acting_user=request.user, **form.values())
            messages.success(request, _("The draft report has been created."))
            return redirect(report)
    return form_page(
        request,
        form=form,
        heading=_("New progress report"),
        submit_label=_("Create draft"),
        cancel_url=reverse("reports:report_list"),
        back_url=reverse("reports:report_list"),
        back_label=_("Progress reports"),
    )


@require_GET
@login_required
def report_detail(request, pk):
    report = get_report_for_user_or_404(request.user, pk)
    context = content.report_context(report)
    context.update(
        {
            "report": report,
            "can_edit": can_manage_reports(request.user) and not report.is_issued,
            # Where the background jobs are installed, they write the files (tasks app).
            "document_sections": page_sections("report_document_sections", report=report),
        }
    )
    return render(request, "reports/report_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(request, pk):
    report = get_report_for_user_or_404(request.user, pk, manage=True)
    form = ReportForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_progress_report(
                acting_user=request.user,
                report=report,
                expected_version=form.expected_version,
                **form.values(),
            )
            messages.success(request, _("The report has been saved."))
            return redirect(report)
    return form_page(
        request,
        form=form,
        heading=_("Edit “%(title)s”") % {"title": report.title},
        submit_label=_("Save changes"),
        cancel_url=report.get_absolute_url(),
        back_url=reverse("reports:report_list"),
        back_label=_("Progress reports"),
    )


@login_required
@require_POST
def report_issue(request, pk):
    report = get_report_for_user_or_404(request.user, pk, manage=True)
    try:
        actions.issue_progress_report(acting_user=request.user, report=report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report has been issued; its data is frozen from now on."))
    return redirect(report)


def _document(request, pk, *, render_file, extension, content_type):
    report = get_report_for_user_or_404(request.user, pk)
    response = HttpResponse(render_file(content.report_context(report)), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=documents.filename(report, extension)
    )
    return response


@require_GET
@login_required
def report_pdf(request, pk):
    return _document(
        request,
        pk,
        render_file=documents.render_pdf,
        extension="pdf",
        content_type=PDF_CONTENT_TYPE,
    )


@require_GET
@login_required
def report_docx(request, pk):
    return _document(
        request,
        pk,
        render_file=documents.render_docx,
        extension="docx",
        content_type=DOCX_CONTENT_TYPE,
    )
