"""Pages of the register. Each view checks access, makes one call, renders or redirects.

Refusals: anonymous visitors are sent to the login, logged-in users without the right get
403 (via portfolio.permissions); neither changes anything.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartkreis.contributions import page_sections
from smartkreis.forms import action_errors_on
from smartkreis.views import delete_flow, form_flow

from . import actions, exports, queries
from .filters import CountyScopeForm, sort_links
from .forms import (
    BudgetLineForm,
    InitiativeForm,
    LinkForm,
    MilestoneForm,
    RolloutForm,
    StatusReportForm,
)
from .models import BudgetLine, InitiativeLink, Milestone
from .permissions import (
    can_create_initiative,
    can_delete_initiative,
    can_set_initiative_rollout,
    get_initiative_for_user,
)

PAGE_SIZE = 25
EXPORT_FORMATS = {
    "xlsx": (exports.initiatives_xlsx, exports.XLSX_CONTENT_TYPE),
    "csv": (exports.initiatives_csv, exports.CSV_CONTENT_TYPE),
}


def _query_without(params, *names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _section_url(initiative, section):
    return f"{initiative.get_absolute_url()}#{section}"


# List, export, detail ---------------------------------------------------------------------


@require_GET
@login_required
def initiative_list(request):
    filterset, initiatives = queries.initiative_list_queryset(request.user, request.GET)
    page_obj = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    filter_query = _query_without(request.GET, "page", "format")
    export_in_request = page_obj.paginator.count <= settings.EXPORT_ROWS_IN_REQUEST
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "query": _query_without(request.GET, "page"),
        "export_query": f"{filter_query}&" if filter_query else "",
        # Larger exports are written off the request, by the app that runs background jobs.
        "export_sections": []
        if export_in_request
        else page_sections(
            "initiative_export_sections", filters=filter_query, count=page_obj.paginator.count
        ),
        "sort_links": sort_links(request.GET, filterset.sort_key),
        "can_create": can_create_initiative(request.user),
        "county_scope_form": (
            CountyScopeForm(
                counties=filterset.counties,
                county=filterset.county,
                errors=filterset.form.errors.get("county"),
            )
            if filterset.counties
            else None
        ),
    }
    template = "portfolio/initiative_list.html"
    if request.htmx:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def initiative_export(request):
    export_format = request.GET.get("format", "xlsx")
    if export_format not in EXPORT_FORMATS:
        return HttpResponseBadRequest(_("Unknown export format."))
    write, content_type = EXPORT_FORMATS[export_format]
    export = queries.initiative_export(
        request.user, request.GET, limit=settings.EXPORT_ROWS_IN_REQUEST
    )
    if export.rows is None:
        # An old link to a large export: the list offers to write it in the background.
        messages.info(
            request,
            _(
                "The export holds %(count)s initiatives. Files of more than %(limit)s "
                "initiatives are created in the background: choose “Create Excel file” or "
                "“Create CSV file” below."
            )
            % {
                "count": number_format(export.count, force_grouping=True),
                "limit": number_format(settings.EXPORT_ROWS_IN_REQUEST, force_grouping=True),
            },
        )
        query = _query_without(request.GET, "format")
        return redirect(
            f"{reverse('portfolio:initiative_list')}{'?' if query else ''}{query}#results"
        )
    response = HttpResponse(write(export.rows), content_type=content_type)
    filename = exports.filename(timezone.localdate(), export_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def initiative_detail(request, pk):
    initiative = get_initiative_for_user(request.user, pk)
    context = queries.initiative_detail_context(user=request.user, initiative=initiative)
    return render(request, "portfolio/initiative_detail.html", context)


# Initiatives ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def initiative_create(request):
    if not can_create_initiative(request.user):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            initiative = actions.create_initiative(acting_user=request.user, **form.values())
            messages.success(
                request,
                _("The initiative “%(title)s” has been created.") % {"title": initiative.title},
            )
            return redirect(initiative)
    return render(
        request,
        "portfolio/initiative_form.html",
        {"form": form, "cancel_url": reverse("portfolio:initiative_list")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def initiative_edit(request, pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    form = InitiativeForm(request.POST or None, user=request.user, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_initiative(
                acting_user=request.user,
                initiative=initiative,
                expected_version=form.expected_version,
                **form.values(),
            )
            messages.success(
                request,
                _("Your changes to “%(title)s” have been saved.")
                % {"title": form.cleaned_data["title"]},
            )
            return redirect(initiative)
    return render(
        request,
        "portfolio/initiative_form.html",
        {"form": form, "initiative": initiative, "cancel_url": initiative.get_absolute_url()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def initiative_delete(request, pk):
    initiative = get_initiative_for_user(request.user, pk)
    if not can_delete_initiative(request.user, initiative):
        raise PermissionDenied
    return delete_flow(
        request,
        delete=lambda: actions.delete_initiative(acting_user=request.user, initiative=initiative),
        deleted_message=_("The initiative “%(title)s” has been deleted.")
        % {"title": initiative.title},
        success_url=reverse("portfolio:initiative_list"),
        template="portfolio/confirm_delete.html",
        context={
            "initiative": initiative,
            "heading": _("Delete initiative “%(title)s”?") % {"title": initiative.title},
            "text": _(
                "The initiative is deleted with its milestones, budget lines, links and status "
                "reports. Its change history is kept."
            ),
            "cancel_url": initiative.get_absolute_url(),
        },
    )


def _delete_part(request, *, initiative, delete, deleted_message, section, heading, text):
    """The confirmation and deletion of a part of an initiative (milestone, budget line,
    link): both ways lead back to the initiative's `section`."""
    return delete_flow(
        request,
        delete=delete,
        deleted_message=deleted_message,
        success_url=_section_url(initiative, section),
        template="portfolio/confirm_delete.html",
        context={
            "initiative": initiative,
            "heading": heading,
            "text": text,
            "cancel_url": _section_url(initiative, section),
        },
    )


def _item_form(request, *, initiative, form, save, saved_message, heading, submit_label, section):
    """The form page of a part of an initiative (milestone, budget line, link): success goes
    back to the initiative's `section`."""
    return form_flow(
        request,
        form=form,
        save=save,
        saved_message=saved_message,
        success_url=_section_url(initiative, section),
        heading=heading,
        submit_label=submit_label,
        cancel_url=_section_url(initiative, section),
        back_url=initiative.get_absolute_url(),
        back_label=f"{initiative.reference} {initiative.title}",
    )


# Milestones -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def milestone_create(request, pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    form = MilestoneForm(request.POST or None)
    return _item_form(
        request,
        initiative=initiative,
        form=form,
        save=lambda: actions.add_milestone(
            acting_user=request.user, initiative=initiative, **form.values()
        ),
        saved_message=lambda milestone: (
            _("The milestone “%(title)s” has been added.") % {"title": milestone.title}
        ),
        heading=_("Add milestone"),
        submit_label=_("Add milestone"),
        section="milestones",
    )


@require_http_methods(["GET", "POST"])
@login_required
def milestone_edit(request, pk, milestone_pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, initiative=initiative)
    form = MilestoneForm(request.POST or None, milestone=milestone)
    return _item_form(
        request,
        initiative=initiative,
        form=form,
        save=lambda: actions.update_milestone(
            acting_user=request.user,
            milestone=milestone,
            expected_version=form.expected_version,
            **form.values(),
        ),
        saved_message=lambda saved: (
            _("The milestone “%(title)s” has been saved.") % {"title": saved.title}
        ),
        heading=_("Edit milestone “%(title)s”") % {"title": milestone.title},
        submit_label=_("Save changes"),
        section="milestones",
    )


@require_http_methods(["GET", "POST"])
@login_required
def milestone_delete(request, pk, milestone_pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, initiative=initiative)
    return _delete_part(
        request,
        initiative=initiative,
        delete=lambda: actions.delete_milestone(acting_user=request.user, milestone=milestone),
        deleted_message=_("The milestone “%(title)s” has been deleted.")
        % {"title": milestone.title},
        section="milestones",
        heading=_("Delete milestone “%(title)s”?") % {"title": milestone.title},
        text=_("The milestone is removed from the initiative. Its change history is kept."),
    )


# Budget lines -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def budget_line_create(request, pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    form = BudgetLineForm(request.POST or None)
    return _item_form(
        request,
        initiative=initiative,
        form=form,
        save=lambda: actions.add_budget_line(
            acting_user=request.user, initiative=initiative, **form.values()
        ),
        saved_message=lambda line: (
            _("The budget line for %(year)s has been added.") % {"year": line.year}
        ),
        heading=_("Add budget line"),
        submit_label=_("Add budget line"),
        section="budget",
    )


@require_http_methods(["GET", "POST"])
@login_required
def budget_line_edit(request, pk, budget_line_pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    line = get_object_or_404(BudgetLine, pk=budget_line_pk, initiative=initiative)
    form = BudgetLineForm(request.POST or None, budget_line=line)
    return _item_form(
        request,
        initiative=initiative,
        form=form,
        save=lambda: actions.update_budget_line(
            acting_user=request.user,
            budget_line=line,
            expected_version=form.expected_version,
            **form.values(),
        ),
        saved_message=lambda saved: (
            _("The budget line for %(year)s has been saved.") % {"year": saved.year}
        ),
        heading=_("Edit budget line %(year)s") % {"year": line.year},
        submit_label=_("Save changes"),
        section="budget",
    )


@require_http_methods(["GET", "POST"])
@login_required
def budget_line_delete(request, pk, budget_line_pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    line = get_object_or_404(BudgetLine, pk=budget_line_pk, initiative=initiative)
    return _delete_part(
        request,
        initiative=initiative,
        delete=lambda: actions.delete_budget_line(acting_user=request.user, budget_line=line),
        deleted_message=_("The budget line for %(year)s has been deleted.") % {"year": line.year},
        section="budget",
        heading=_("Delete budget line %(year)s?") % {"year": line.year},
        text=_("The budget line is removed from the initiative. Its change history is kept."),
    )


# Links ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def link_create(request, pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    form = LinkForm(request.POST or None)
    return _item_form(
        request,
        initiative=initiative,
        form=form,
        save=lambda: actions.add_link(
            acting_user=request.user, initiative=initiative, **form.values()
        ),
        saved_message=lambda link: (
            _("The link “%(title)s” has been added.") % {"title": link.title}
        ),
        heading=_("Add link"),
        submit_label=_("Add link"),
        section="links",
    )


@require_http_methods(["GET", "POST"])
@login_required
def link_edit(request, pk, link_pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    link = get_object_or_404(InitiativeLink, pk=link_pk, initiative=initiative)
    form = LinkForm(request.POST or None, link=link)
    return _item_form(
        request,
        initiative=initiative,
        form=form,
        save=lambda: actions.update_link(acting_user=request.user, link=link, **form.values()),
        saved_message=lambda saved: (
            _("The link “%(title)s” has been saved.") % {"title": saved.title}
        ),
        heading=_("Edit link “%(title)s”") % {"title": link.title},
        submit_label=_("Save changes"),
        section="links",
    )


@require_http_methods(["GET", "POST"])
@login_required
def link_delete(request, pk, link_pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    link = get_object_or_404(InitiativeLink, pk=link_pk, initiative=initiative)
    return _delete_part(
        request,
        initiative=initiative,
        delete=lambda: actions.delete_link(acting_user=request.user, link=link),
        deleted_message=_("The link “%(title)s” has been deleted.") % {"title": link.title},
        section="links",
        heading=_("Delete link “%(title)s”?") % {"title": link.title},
        text=_("The link is removed from the initiative. Its change history is kept."),
    )


# Status reports ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def status_report_create(request, pk):
    initiative = get_initiative_for_user(request.user, pk, for_edit=True)
    form = StatusReportForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.submit_status_report(
                acting_user=request.user, initiative=initiative, **form.values()
            )
            messages.success(request, _("The status report has been submitted."))
            return redirect(_section_url(initiative, "reports"))
    return render(
        request,
        "portfolio/status_report_form.html",
        {
            "initiative": initiative,
            "form": form,
            "cancel_url": _section_url(initiative, "reports"),
        },
    )


# Status per body ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def rollout_edit(request, pk, body_pk):
    """Set the status of a shared initiative in one of its participating bodies."""
    initiative = get_initiative_for_user(request.user, pk)
    body = get_object_or_404(initiative.participating_bodies.all(), pk=body_pk)
    if not can_set_initiative_rollout(request.user, initiative, body):
        raise PermissionDenied
    rollout = queries.rollout_in(initiative, body)
    form = RolloutForm(request.POST or None, rollout=rollout)
    rollout_section = reverse("portfolio:initiative_detail", args=[pk]) + "#rollout"
    return form_flow(
        request,
        form=form,
        save=lambda: actions.set_initiative_rollout(
            acting_user=request.user, initiative=initiative, body=body, **form.values()
        ),
        saved_message=_("The status in %(body)s has been saved.") % {"body": body.name},
        success_url=rollout_section,
        heading=_("Status in %(body)s") % {"body": body.name},
        submit_label=_("Save status"),
        cancel_url=rollout_section,
        back_url=initiative.get_absolute_url(),
        back_label=f"{initiative.reference} {initiative.title}",
    )
