from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from smartkreis.forms import action_errors_on
from smartkreis.views import form_page

from . import actions, queries
from .forms import GoalForm, IndicatorForm, IndicatorValueForm
from .models import Goal
from .permissions import (
    can_change_strategy,
    can_view_strategy,
    check_can_change_strategy,
    get_goal_for_user,
    get_indicator_for_user,
    get_indicator_value_for_user,
)


@login_required
def goal_list(request):
    if not can_view_strategy(request.user):
        raise PermissionDenied
    page = queries.goal_list_page(user=request.user)
    context = {"page": page, "can_change": can_change_strategy(request.user)}
    return render(request, "strategy/goal_list.html", context)


@login_required
def goal_detail(request, pk):
    goal = get_goal_for_user(request.user, pk)
    page = queries.goal_page(user=request.user, goal=goal)
    context = {"page": page, "goal": goal, "can_change": can_change_strategy(request.user)}
    return render(request, "strategy/goal_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request):
    check_can_change_strategy(request.user)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            goal = actions.create_goal(acting_user=request.user, **form.action_values())
            messages.success(request, _("The goal has been created."))
            return redirect("strategy:goal_detail", pk=goal.pk)
    back = reverse("strategy:goal_list")
    return form_page(
        request,
        form=form,
        heading=_("New goal"),
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_("Back to %(target)s") % {"target": _("Strategy")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = get_goal_for_user(request.user, pk, for_edit=True)
    form = GoalForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_goal(
                acting_user=request.user,
                goal=goal,
                expected_version=form.expected_version(),
                **form.action_values(),
            )
            messages.success(request, _("The goal has been saved."))
            return redirect("strategy:goal_detail", pk=goal.pk)
    back = reverse("strategy:goal_detail", args=[goal.pk])
    return form_page(
        request,
        form=form,
        heading=_("Edit goal “%(title)s”") % {"title": goal.title},
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_("Back to %(target)s") % {"target": goal.title},
    )


@login_required
def indicator_detail(request, pk):
    indicator = get_indicator_for_user(request.user, pk)
    page = queries.indicator_page(
        user=request.user, indicator=indicator, today=timezone.localdate()
    )
    can_change = can_change_strategy(request.user)
    context = {
        "page": page,
        "indicator": indicator,
        "can_change": can_change,
        "value_form": IndicatorValueForm() if can_change else None,
    }
    return render(request, "strategy/indicator_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request):
    check_can_change_strategy(request.user)
    goal_id = request.GET.get("ziel", "")
    initial = {}
    if goal_id.isdigit():
        initial["goal"] = Goal.objects.filter(pk=goal_id).first()
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            indicator = actions.create_indicator(acting_user=request.user, **form.action_values())
            messages.success(request, _("The indicator has been created."))
            return redirect("strategy:indicator_detail", pk=indicator.pk)
    goal = initial.get("goal")
    back = (
        reverse("strategy:goal_detail", args=[goal.pk]) if goal else reverse("strategy:goal_list")
    )
    return form_page(
        request,
        form=form,
        heading=_("New indicator"),
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_("Back to %(target)s") % {"target": goal.title if goal else _("Strategy")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = get_indicator_for_user(request.user, pk, for_edit=True)
    form = IndicatorForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_indicator(
                acting_user=request.user,
                indicator=indicator,
                expected_version=form.expected_version(),
                **form.action_values(),
            )
            messages.success(request, _("The indicator has been saved."))
            return redirect("strategy:indicator_detail", pk=indicator.pk)
    back = reverse("strategy:indicator_detail", args=[indicator.pk])
    return form_page(
        request,
        form=form,
        heading=_("Edit indicator “%(name)s”") % {"name": indicator.name},
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_("Back to %(target)s") % {"target": indicator.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value_create(request, pk):
    indicator = get_indicator_for_user(request.user, pk, for_edit=True)
    form = IndicatorValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.add_indicator_value(
                acting_user=request.user, indicator=indicator, **form.action_values()
            )
            messages.success(request, _("The measured value has been recorded."))
            return redirect("strategy:indicator_detail", pk=indicator.pk)
    back = reverse("strategy:indicator_detail", args=[indicator.pk])
    return form_page(
        request,
        form=form,
        heading=_("New measured value for “%(name)s”") % {"name": indicator.name},
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_("Back to %(target)s") % {"target": indicator.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value_edit(request, pk):
    indicator_value = get_indicator_value_for_user(request.user, pk, for_edit=True)
    indicator = indicator_value.indicator
    form = IndicatorValueForm(request.POST or None, indicator_value=indicator_value)
    if request.method == "POST" and form.is_valid():
        with action_errors_on(form):
            actions.update_indicator_value(
                acting_user=request.user,
                indicator_value=indicator_value,
                **form.action_values(),
            )
            messages.success(request, _("The measured value has been saved."))
            return redirect("strategy:indicator_detail", pk=indicator.pk)
    back = reverse("strategy:indicator_detail", args=[indicator.pk])
    return form_page(
        request,
        form=form,
        heading=_("Edit measured value of %(date)s")
        % {"date": formats.date_format(indicator_value.measured_on, "SHORT_DATE_FORMAT")},
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_("Back to %(target)s") % {"target": indicator.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value_delete(request, pk):
    indicator_value = get_indicator_value_for_user(request.user, pk, for_edit=True)
    indicator = indicator_value.indicator
    if request.method == "POST":
        actions.delete_indicator_value(acting_user=request.user, indicator_value=indicator_value)
        messages.success(request, _("The measured value has been deleted."))
        return redirect("strategy:indicator_detail", pk=indicator.pk)
    context = {
        "indicator": indicator,
        "indicator_value": indicator_value,
        "cancel_url": reverse("strategy:indicator_detail", args=[indicator.pk]),
    }
    return render(request, "strategy/indicator_value_confirm_delete.html", context)
