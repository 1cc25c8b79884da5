from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from smartkreis.views import delete_flow, form_flow

from . import actions, queries
from .forms import GoalForm, IndicatorForm, IndicatorValueForm
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


def _back_to(target):
    return _("Back to %(target)s") % {"target": target}


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request):
    check_can_change_strategy(request.user)
    form = GoalForm(request.POST or None)
    back = reverse("strategy:goal_list")
    return form_flow(
        request,
        form=form,
        save=lambda: actions.create_goal(acting_user=request.user, **form.action_values()),
        saved_message=_("The goal has been created."),
        success_url=lambda goal: goal,
        heading=_("New goal"),
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_back_to(_("Strategy")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = get_goal_for_user(request.user, pk, for_edit=True)
    form = GoalForm(request.POST or None, goal=goal)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_goal(
            acting_user=request.user,
            goal=goal,
            expected_version=form.expected_version(),
            **form.action_values(),
        ),
        saved_message=_("The goal has been saved."),
        success_url=goal,
        heading=_("Edit goal “%(title)s”") % {"title": goal.title},
        submit_label=pgettext("button", "Save"),
        cancel_url=goal.get_absolute_url(),
        back_url=goal.get_absolute_url(),
        back_label=_back_to(goal.title),
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
    goal = queries.goal_or_none(request.GET.get("ziel", ""))
    form = IndicatorForm(request.POST or None, initial={"goal": goal} if goal else {})
    back = goal.get_absolute_url() if goal else reverse("strategy:goal_list")
    return form_flow(
        request,
        form=form,
        save=lambda: actions.create_indicator(acting_user=request.user, **form.action_values()),
        saved_message=_("The indicator has been created."),
        success_url=lambda indicator: indicator,
        heading=_("New indicator"),
        submit_label=pgettext("button", "Save"),
        cancel_url=back,
        back_url=back,
        back_label=_back_to(goal.title if goal else _("Strategy")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = get_indicator_for_user(request.user, pk, for_edit=True)
    form = IndicatorForm(request.POST or None, indicator=indicator)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_indicator(
            acting_user=request.user,
            indicator=indicator,
            expected_version=form.expected_version(),
            **form.action_values(),
        ),
        saved_message=_("The indicator has been saved."),
        success_url=indicator,
        heading=_("Edit indicator “%(name)s”") % {"name": indicator.name},
        **_indicator_page(indicator),
    )


def _indicator_page(indicator):
    """The submit label and the ways back of a form page that belongs to `indicator`."""
    back = indicator.get_absolute_url()
    return {
        "submit_label": pgettext("button", "Save"),
        "cancel_url": back,
        "back_url": back,
        "back_label": _back_to(indicator.name),
    }


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value_create(request, pk):
    indicator = get_indicator_for_user(request.user, pk, for_edit=True)
    form = IndicatorValueForm(request.POST or None)
    return form_flow(
        request,
        form=form,
        save=lambda: actions.add_indicator_value(
            acting_user=request.user, indicator=indicator, **form.action_values()
        ),
        saved_message=_("The measured value has been recorded."),
        success_url=indicator,
        heading=_("New measured value for “%(name)s”") % {"name": indicator.name},
        **_indicator_page(indicator),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value_edit(request, pk):
    indicator_value = get_indicator_value_for_user(request.user, pk, for_edit=True)
    indicator = indicator_value.indicator
    form = IndicatorValueForm(request.POST or None, indicator_value=indicator_value)
    measured_on = formats.date_format(indicator_value.measured_on, "SHORT_DATE_FORMAT")
    return form_flow(
        request,
        form=form,
        save=lambda: actions.update_indicator_value(
            acting_user=request.user, indicator_value=indicator_value, **form.action_values()
        ),
        saved_message=_("The measured value has been saved."),
        success_url=indicator,
        heading=_("Edit measured value of %(date)s") % {"date": measured_on},
        **_indicator_page(indicator),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_value_delete(request, pk):
    indicator_value = get_indicator_value_for_user(request.user, pk, for_edit=True)
    indicator = indicator_value.indicator
    return delete_flow(
        request,
        delete=lambda: actions.delete_indicator_value(
            acting_user=request.user, indicator_value=indicator_value
        ),
        deleted_message=_("The measured value has been deleted."),
        success_url=indicator,
        template="strategy/indicator_value_confirm_delete.html",
        context={
            "indicator": indicator,
            "indicator_value": indicator_value,
            "cancel_url": indicator.get_absolute_url(),
        },
    )
