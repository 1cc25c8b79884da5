"""Pages of the business process analysis. Each view checks access, makes one call, renders or
redirects. Anonymous visitors go to the login; users without the right get 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.queries import audit_entries_for
from smartkreis.forms import action_errors_on
from smartkreis.views import delete_flow, form_page

from . import actions, queries
from .forms import ProcessFilterForm, ProcessForm
from .permissions import (
    can_create_process,
    can_edit_process,
    can_submit_process_topic,
    get_process_for_user_or_404,
    visible_processes_filter,
)

PAGE_SIZE = 25


def _query_without(params, name):
    query = params.copy()
    query.pop(name, None)
    return query.urlencode()


@require_GET
@login_required
def process_list(request):
    visible_processes_filter(request.user)  # refuses inactive users
    filter_form = ProcessFilterForm(request.GET or None, user=request.user)
    filters = filter_form.filters() if request.GET else {}
    processes = queries.process_list(request.user, **filters)
    page_obj = Paginator(processes, PAGE_SIZE).get_page(request.GET.get("page"))
    editable = {p.pk for p in page_obj.object_list if can_edit_process(request.user, p)}
    return render(
        request,
        "processes/process_list.html",
        {
            "filter_form": filter_form,
            "page_obj": page_obj,
            "editable": editable,
            "query": _query_without(request.GET, "page"),
            "can_create": can_create_process(request.user),
        },
    )


@require_GET
@login_required
def ranking(request):
    visible_processes_filter(request.user)
    processes = queries.ranking(request.user)
    submittable = {p.pk for p in processes if can_submit_process_topic(request.user, p)}
    return render(
        request,
        "processes/ranking.html",
        {"processes": processes, "submittable": submittable, "size": queries.RANKING_SIZE},
    )


@require_GET
@login_required
def process_detail(request, pk):
    process = get_process_for_user_or_404(request.user, pk)
    return render(
        request,
        "processes/process_detail.html",
        {
            "process": process,
            "minutes_saved": process.minutes_per_case - process.target_minutes_per_case,
            "can_edit": can_edit_process(request.user, process),
            "can_submit": can_submit_process_topic(request.user, process),
            "audit_entries": audit_entries_for(process),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def process_create(request):
    if not can_create_process(request.user):
        raise PermissionDenied
    form = ProcessForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            process = actions.create_process(acting_user=request.user, **form.values())
            messages.success(
                request, _("The process “%(name)s” has been recorded.") % {"name": process.name}
            )
            return redirect("processes:process_detail", process.pk)
    return form_page(
        request,
        form=form,
        heading=_("Record a business process"),
        submit_label=pgettext("button", "Save"),
        back_url=reverse("processes:process_list"),
        back_label=_("Business processes"),
        cancel_url=reverse("processes:process_list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def process_edit(request, pk):
    process = get_process_for_user_or_404(request.user, pk, for_edit=True)
    form = ProcessForm(request.POST or None, user=request.user, process=process)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_process(
                acting_user=request.user,
                process=process,
                expected_version=form.expected_version,
                **form.values(),
            )
            messages.success(
                request,
                _("Your changes to “%(name)s” have been saved.")
                % {"name": form.cleaned_data["name"]},
            )
            return redirect("processes:process_detail", process.pk)
    return form_page(
        request,
        form=form,
        heading=_("Edit business process"),
        submit_label=pgettext("button", "Save"),
        back_url=reverse("processes:process_list"),
        back_label=_("Business processes"),
        cancel_url=reverse("processes:process_detail", args=[process.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def process_delete(request, pk):
    process = get_process_for_user_or_404(request.user, pk, for_edit=True)
    return delete_flow(
        request,
        delete=lambda: actions.delete_process(acting_user=request.user, process=process),
        deleted_message=_("The process “%(name)s” has been deleted.") % {"name": process.name},
        success_url=reverse("processes:process_list"),
        template="processes/process_delete.html",
        context={
            "process": process,
            "cancel_url": reverse("processes:process_detail", args=[process.pk]),
        },
    )


@require_POST
@login_required
def process_submit_topic(request, pk):
    """One step from the analysis to the steering group: submit, link, show the topic."""
    process = get_process_for_user_or_404(request.user, pk)
    if process.topic_id is None and not can_submit_process_topic(request.user, process):
        raise PermissionDenied
    try:
        topic = actions.submit_process_topic(acting_user=request.user, process=process)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("processes:process_detail", process.pk)
    messages.success(
        request,
        _("The process has been submitted to the steering group as topic %(reference)s.")
        % {"reference": topic.reference},
    )
    return redirect(topic)
