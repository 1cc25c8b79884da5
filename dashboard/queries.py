"""The overview's reads: aggregates over the initiatives a user may see, and the strategy.

A fixed number of queries whatever the size of the register: every figure is an aggregate
(Count/Sum with filters, values().annotate()), lists are single queries with select_related.
`today` comes from the caller, so the page and its tests agree on what is due.

What the register part shows depends only on what the user may see (all, or one
municipality's share), the day and the language: it is kept in the cache until the next change
anywhere (every change writes an audit entry), so the overview costs two queries while nothing
changed: the newest audit entry's time, and the user's overdue action items.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.queries import last_change_at
from governance import queries as governance_queries
from governance.permissions import can_view_decision_register
from portfolio.models import BudgetLine, Initiative, Milestone, TrafficLight
from portfolio.permissions import visible_initiatives_filter
from smartkreis import charts
from strategy.models import FieldOfAction
from strategy.queries import goal_progress_pairs

UPCOMING_DAYS = 90
LIST_LIMIT = 10
# A safety net: a change the audit trail missed shows after this long at the latest.
CACHE_SECONDS = 600

STATUS_COLOURS = {
    Initiative.Status.IDEA: "#4d4d4d",
    Initiative.Status.PLANNED: "#6b3fa0",
    Initiative.Status.IN_PROGRESS: "#005a9c",
    Initiative.Status.COMPLETED: "#1f7a3a",
    Initiative.Status.STOPPED: "#b3261e",
}


@dataclass
class KeyFigures:
    year: int
    initiatives: int
    in_progress: int
    budget_year: Decimal
    grants_year: Decimal
    grants_total: Decimal


@dataclass
class Overdue:
    """What is late, counted, for the top of the page: each count leads to its list."""

    reports: int
    milestones: int
    # None where the user may not see the committees' action items.
    action_items: int | None


@dataclass
class RegisterOverview:
    """The overview's figures, lists and charts of the initiatives one scope may see."""

    key_figures: KeyFigures
    reports_overdue: int
    milestones_overdue: int
    status_chart: charts.Chart
    traffic_light_chart: charts.Chart
    upcoming_milestones: list
    overdue_milestones: list
    overdue_reports: list
    goal_chart: charts.Chart


@dataclass
class Dashboard:
    today: datetime.date
    overdue: Overdue
    upcoming_until: datetime.date
    is_restricted: bool
    register: RegisterOverview
    list_limit: int = LIST_LIMIT


def _visible_ids(user):
    """The ids of the initiatives `user` may see, as a subquery (no duplicate rows)."""
    return Initiative.objects.filter(visible_initiatives_filter(user)).values("pk")


def _initiative_figures(visible, *, today):
    in_progress = Q(status=Initiative.Status.IN_PROGRESS)
    return Initiative.objects.filter(pk__in=visible).aggregate(
        total=Count("pk"),
        in_progress=Count("pk", filter=in_progress),
        # As the list's "status report overdue" filter counts them.
        reports_overdue=Count("pk", filter=Q(next_report_due__lt=today)),
        green=Count("pk", filter=in_progress & Q(traffic_light=TrafficLight.GREEN)),
        yellow=Count("pk", filter=in_progress & Q(traffic_light=TrafficLight.YELLOW)),
        red=Count("pk", filter=in_progress & Q(traffic_light=TrafficLight.RED)),
        no_report=Count("pk", filter=in_progress & Q(traffic_light="")),
    )


def _budget_figures(visible, *, year):
    sums = BudgetLine.objects.filter(initiative__in=visible).aggregate(
        budget_year=Sum("amount", filter=Q(year=year)),
        grants_year=Sum("grant_amount", filter=Q(year=year)),
        grants_total=Sum("grant_amount"),
    )
    return {name: value or Decimal(0) for name, value in sums.items()}


def _status_chart(visible):
    counts = {
        (row["fields"], row["status"]): row["count"]
        for row in Initiative.objects.filter(pk__in=visible)
        .values("fields", "status")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    }
    categories = [
        (field.pk, field.name)
        for field in FieldOfAction.objects.order_by("is_cross_cutting", "position", "name", "pk")
    ]
    if any(field_id is None for field_id, _status in counts):
        categories.append((None, _("without field of action")))
    return charts.stacked_bar_chart(
        chart_id="chart-status",
        title=_("Initiatives by field of action and status"),
        categories=categories,
        series=list(Initiative.Status.choices),
        counts=counts,
        category_title=_("Field of action"),
        series_title=_("Status"),
        value_title=_("Number of initiatives"),
        total_title=_("Total"),
        colours=[STATUS_COLOURS[status] for status in Initiative.Status.values],
    )


def _traffic_light_chart(figures):
    items = [
        (TrafficLight.GREEN.label, figures["green"]),
        (TrafficLight.YELLOW.label, figures["yellow"]),
        (TrafficLight.RED.label, figures["red"]),
        (_("no report yet"), figures["no_report"]),
    ]
    return charts.bar_chart(
        chart_id="chart-traffic-lights",
        title=_("Traffic lights of the initiatives in progress"),
        items=items if figures["in_progress"] else [],
        category_title=_("Traffic light"),
        value_title=_("Number of initiatives"),
        colours=[charts.TRAFFIC_LIGHT_COLOURS[key] for key in ("GREEN", "YELLOW", "RED", "")],
    )


def _goal_chart():
    return charts.bar_chart(
        chart_id="chart-goals",
        title=_("Progress of the goals by their indicators"),
        items=goal_progress_pairs(),
        category_title=_("Goal"),
        value_title=_("Progress (%)"),
        value_max=100,
        value_suffix=" %",
    )


def _milestones(visible):
    return (
        Milestone.objects.pending()
        .filter(initiative__in=visible)
        .select_related("initiative")
        .order_by("planned_date", "initiative__title", "pk")
    )


def _register_overview(user, *, today, upcoming_until):
    visible = _visible_ids(user)
    figures = _initiative_figures(visible, today=today)
    overdue_reports = list(
        Initiative.objects.filter(
            pk__in=visible,
            status=Initiative.Status.IN_PROGRESS,
            next_report_due__lt=today,
        )
        .select_related("owner_body", "owner_unit")
        .order_by("next_report_due", "title", "pk")[:LIST_LIMIT]
    )
    for initiative in overdue_reports:
        initiative.days_overdue = (today - initiative.next_report_due).days
    late_milestones = _milestones(visible).filter(planned_date__lt=today)
    overdue_milestones = list(late_milestones[:LIST_LIMIT])
    for milestone in overdue_milestones:
        milestone.days_overdue = (today - milestone.planned_date).days
    return RegisterOverview(
        key_figures=KeyFigures(
            year=today.year,
            initiatives=figures["total"],
            in_progress=figures["in_progress"],
            **_budget_figures(visible, year=today.year),
        ),
        reports_overdue=figures["reports_overdue"],
        milestones_overdue=late_milestones.count(),
        status_chart=_status_chart(visible),
        traffic_light_chart=_traffic_light_chart(figures),
        upcoming_milestones=list(
            _milestones(visible).filter(planned_date__range=(today, upcoming_until))[:LIST_LIMIT]
        ),
        overdue_milestones=overdue_milestones,
        overdue_reports=overdue_reports,
        goal_chart=_goal_chart(),
    )


def dashboard(*, user, today):
    """Everything the overview shows for `user` on `today`."""
    is_restricted = bool(visible_initiatives_filter(user))
    upcoming_until = today + datetime.timedelta(days=UPCOMING_DAYS)
    last_change = last_change_at()
    key = ":".join(
        [
            "dashboard",
            f"body-{user.body_id}" if is_restricted else "all",
            today.isoformat(),
            get_language() or "",
            f"{last_change.timestamp():.6f}" if last_change else "-",
        ]
    )
    register = cache.get(key)
    if register is None:
        register = _register_overview(user, today=today, upcoming_until=upcoming_until)
        cache.set(key, register, CACHE_SECONDS)
    return Dashboard(
        today=today,
        overdue=Overdue(
            reports=register.reports_overdue,
            milestones=register.milestones_overdue,
            action_items=governance_queries.overdue_action_items(user, today=today).count()
            if can_view_decision_register(user)
            else None,
        ),
        upcoming_until=upcoming_until,
        is_restricted=is_restricted,
        register=register,
    )
