"""Pages of the council decisions. Each view checks access, makes one call, renders or redirects.

Refusals: anonymous visitors are sent to the login, logged-in users without the right get 403
(via council.permissions); neither changes anything.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.models import ActionItem
from portfolio.models import Initiative
from smartkreis.contributions import page_sections
from smartkreis.forms import action_errors_on
from smartkreis.views import form_page

from . import actions, queries
from .forms import (
    ImplementationForm,
    LinkActionItemForm,
    LinkInitiativeForm,
    MarkDoneForm,
    RecordDecisionForm,
    RegisterFilterForm,
)
from .permissions import (
    can_manage_council_decisions,
    get_council_decision_for_user_or_404,
)

PAGE_SIZE = 25


def _require_manage(user):
    if not can_manage_council_decisions(user):
        raise PermissionDenied


@require_GET
@login_required
def decision_list(request):
    form = RegisterFilterForm(request.GET or None)
    today = timezone.localdate()
    decisions = queries.decision_register(request.user, today=today, **form.filters())
    page_obj = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "council/decision_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "query": params.urlencode(),
            "today": today,
            "can_manage": can_manage_council_decisions(request.user),
            "document_sections": page_sections("open_decisions_document_sections"),
        },
    )


@require_GET
@login_required
def decision_detail(request, pk):
    decision = get_council_decision_for_user_or_404(request.user, pk)
    manage = can_manage_council_decisions(request.user)
    context = queries.decision_page(
        user=request.user, decision=decision, today=timezone.localdate(), manage=manage
    )
    if manage:
        context["initiative_form"] = LinkInitiativeForm(
            queryset=context.pop("linkable_initiatives")
        )
        context["action_item_form"] = LinkActionItemForm(
            queryset=context.pop("linkable_action_items")
        )
    return render(request, "council/decision_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def decision_create(request, consultation_pk):
    _require_manage(request.user)
    consultation = queries.consultation_or_404(consultation_pk)
    form = RecordDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            decision = actions.record_council_decision(
                acting_user=request.user, consultation=consultation, **form.values()
            )
            messages.success(request, _("The council decision has been recorded."))
            return redirect(decision)
    return form_page(
        request,
        form=form,
        heading=_("Record the council decision on “%(paper)s”") % {"paper": consultation.paper},
        submit_label=_("Record council decision"),
        cancel_url=consultation.paper.get_absolute_url(),
        back_url=reverse("council:decision_list"),
        back_label=_("Council decisions"),
        intro=str(consultation.organization or ""),
    )


@require_http_methods(["GET", "POST"])
@login_required
def decision_edit(request, pk):
    decision = get_council_decision_for_user_or_404(request.user, pk, manage=True)
    form = ImplementationForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_implementation(
                acting_user=request.user,
                decision=decision,
                expected_version=form.expected_version,
                **form.values(),
            )
            messages.success(request, _("The implementation has been saved."))
            return redirect(decision)
    return form_page(
        request,
        form=form,
        heading=_("Implementation of “%(paper)s”") % {"paper": decision.consultation.paper},
        submit_label=_("Save changes"),
        cancel_url=decision.get_absolute_url(),
        back_url=reverse("council:decision_list"),
        back_label=_("Council decisions"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def decision_done(request, pk):
    decision = get_council_decision_for_user_or_404(request.user, pk, manage=True)
    form = MarkDoneForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.mark_done(
                acting_user=request.user,
                decision=decision,
                done_on=form.cleaned_data["done_on"],
                expected_version=form.expected_version,
            )
            messages.success(request, _("The council decision is marked as implemented."))
            return redirect(decision)
    return form_page(
        request,
        form=form,
        heading=_("Mark “%(paper)s” as implemented") % {"paper": decision.consultation.paper},
        submit_label=_("Mark as implemented"),
        cancel_url=decision.get_absolute_url(),
        back_url=reverse("council:decision_list"),
        back_label=_("Council decisions"),
    )


def _run_link_action(request, decision, action, field, obj, success):
    try:
        action(acting_user=request.user, decision=decision, **{field: obj})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(decision)


def _link(request, pk, *, form_class, field, action, queryset, success):
    decision = get_council_decision_for_user_or_404(request.user, pk, manage=True)
    form = form_class(request.POST, queryset=queryset(decision))
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(decision)
    return _run_link_action(request, decision, action, field, form.cleaned_data[field], success)


def _unlink(request, pk, *, model, field, action, success):
    decision = get_council_decision_for_user_or_404(request.user, pk, manage=True)
    obj = get_object_or_404(model, pk=request.POST.get(field))
    return _run_link_action(request, decision, action, field, obj, success)


@login_required
@require_POST
def initiative_link(request, pk):
    return _link(
        request,
        pk,
        form_class=LinkInitiativeForm,
        field="initiative",
        action=actions.link_initiative,
        queryset=lambda decision: queries.linkable_initiatives(request.user, decision),
        success=_("The initiative has been linked."),
    )


@login_required
@require_POST
def initiative_unlink(request, pk):
    return _unlink(
        request,
        pk,
        model=Initiative,
        field="initiative",
        action=actions.unlink_initiative,
        success=_("The initiative is no longer linked."),
    )


@login_required
@require_POST
def action_item_link(request, pk):
    return _link(
        request,
        pk,
        form_class=LinkActionItemForm,
        field="action_item",
        action=actions.link_action_item,
        queryset=queries.linkable_action_items,
        success=_("The action item has been linked."),
    )


@login_required
@require_POST
def action_item_unlink(request, pk):
    return _unlink(
        request,
        pk,
        model=ActionItem,
        field="action_item",
        action=actions.unlink_action_item,
        success=_("The action item is no longer linked."),
    )
