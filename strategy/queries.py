"""Reads of the strategy for its pages and the dashboard, in a constant number of queries.

Progress is computed in Python from annotated values with the pure rules of strategy.rules.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.queries import audit_entries_for, displayed_changes
from smartkreis import charts
from smartkreis.contributions import page_sections, table_columns

from . import rules
from .models import FieldOfAction, Goal, Indicator, IndicatorValue


def indicators_with_latest_value():
    """Indicators annotated with `latest_value` and `latest_measured_on` (None without values)."""
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on")
    return Indicator.objects.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_measured_on=Subquery(latest.values("measured_on")[:1]),
    )


def _with_progress(indicator):
    indicator.progress = rules.indicator_progress(
        baseline=indicator.baseline_value,
        target=indicator.target_value,
        latest=indicator.latest_value,
    )
    return indicator


def goals_with_progress():
    """All goals in field and goal order, each with `.indicator_list` (with `.progress`) and
    `.progress`.

    Two queries whatever the number of goals, indicators and values.
    """
    goals = Goal.objects.select_related("field", "owner_unit").order_by(
        "field__is_cross_cutting", "field__position", "field__name", "position", "title", "pk"
    )
    goals = goals.prefetch_related(
        Prefetch(
            "indicators",
            queryset=indicators_with_latest_value().order_by("name", "pk"),
            to_attr="indicator_list",
        )
    )
    result = list(goals)
    for goal in result:
        for indicator in goal.indicator_list:
            _with_progress(indicator)
        goal.progress = rules.goal_progress(i.progress for i in goal.indicator_list)
    return result


def goal_progress_pairs():
    """(title, progress) of every goal that has indicators, in the order of
    `goals_with_progress`, for charts: the same rules from two queries of plain values, no
    model instances (the overview draws it on every visit)."""
    progresses = {}
    for indicator in indicators_with_latest_value().values(
        "goal_id", "baseline_value", "target_value", "latest_value"
    ):
        progresses.setdefault(indicator["goal_id"], []).append(
            rules.indicator_progress(
                baseline=indicator["baseline_value"],
                target=indicator["target_value"],
                latest=indicator["latest_value"],
            )
        )
    goals = Goal.objects.order_by(
        "field__is_cross_cutting", "field__position", "field__name", "position", "title", "pk"
    ).values_list("pk", "title")
    return [(title, rules.goal_progress(progresses[pk])) for pk, title in goals if pk in progresses]


@dataclass
class FieldSection:
    field: FieldOfAction
    goals: list = field(default_factory=list)


@dataclass
class GoalListPage:
    columns: list
    fields: list
    cross_cutting: list
    unassigned_indicators: list


def goal_or_none(pk):
    """The goal with the primary key given as text (from a query string), or None."""
    return Goal.objects.filter(pk=pk).first() if pk.isdigit() else None


def goal_list_page(*, user):
    """The strategy overview: fields of action and cross-cutting themes with their goals."""
    sections = {
        fa.pk: FieldSection(field=fa)
        for fa in FieldOfAction.objects.order_by("is_cross_cutting", "position", "name", "pk")
    }
    goals = goals_with_progress()
    # Columns the apps built on the strategy add to the goal tables (the register: how many
    # initiatives serve each goal), one cell per goal.
    columns = table_columns("goal_list_columns", user=user, goals=goals)
    for goal in goals:
        goal.contributed_cells = [column.values.get(goal.pk, column.default) for column in columns]
        sections[goal.field_id].goals.append(goal)
    unassigned = [
        _with_progress(indicator)
        for indicator in indicators_with_latest_value()
        .filter(goal__isnull=True)
        .order_by("name", "pk")
    ]
    return GoalListPage(
        columns=columns,
        fields=[s for s in sections.values() if not s.field.is_cross_cutting],
        cross_cutting=[s for s in sections.values() if s.field.is_cross_cutting],
        unassigned_indicators=unassigned,
    )


@dataclass
class GoalPage:
    goal: Goal
    indicators: list
    progress: int | None
    # What the apps built on the strategy show on the page (the initiatives serving the goal).
    sections: list
    history: list


def goal_page(*, user, goal):
    """A goal with its indicators, the sections other apps add for `user`, its history."""
    indicators = [
        _with_progress(indicator)
        for indicator in indicators_with_latest_value().filter(goal=goal).order_by("name", "pk")
    ]
    return GoalPage(
        goal=goal,
        indicators=indicators,
        progress=rules.goal_progress(i.progress for i in indicators),
        sections=page_sections("goal_sections", user=user, goal=goal),
        history=audit_entries_for(goal),
    )


@dataclass
class IndicatorPage:
    indicator: Indicator
    values: list
    latest: IndicatorValue | None
    progress: int
    expected_progress: int
    # What the apps built on the strategy show on the page (the initiatives contributing).
    sections: list
    history: list
    chart: charts.Chart


def indicator_history(indicator, *, limit=200):
    """Newest first: the changes of the indicator itself and of its measured values.

    (An indicator's own entries are scoped to its goal, so audit_entries_for would miss them.)
    """
    indicator_type = ContentType.objects.get_for_model(Indicator)
    entries = list(
        AuditEntry.objects.filter(
            Q(scope_type=indicator_type, scope_id=str(indicator.pk))
            | Q(subject_type=indicator_type, subject_id=str(indicator.pk))
        )
        .select_related("subject_type")
        .order_by("-created_at", "-id")[:limit]
    )
    for entry in entries:
        entry.displayed_changes = displayed_changes(entry)
    return entries


def indicator_chart(indicator, values):
    """The line chart of measured values against the planned path from baseline to target."""
    unit = indicator.unit
    return charts.target_line_chart(
        chart_id=f"indicator-{indicator.pk}-chart",
        title=_("Measured values of “%(name)s” against baseline and target")
        % {"name": indicator.name},
        baseline=(indicator.baseline_date, indicator.baseline_value),
        target=(indicator.target_date, indicator.target_value),
        measurements=[(v.measured_on, v.value) for v in values],
        date_title=_("Date"),
        value_title=_("Value (%(unit)s)") % {"unit": unit} if unit else _("Value"),
        kind_title=_("Kind"),
        baseline_label=_("Baseline"),
        target_label=_("Target"),
        measured_label=_("Measured value"),
        planned_label=_("Planned path"),
        unit=unit,
    )


def indicator_page(*, user, indicator, today):
    """An indicator with its values in date order, progress against schedule, its history."""
    values = list(indicator.values.order_by("measured_on", "pk"))
    latest = values[-1] if values else None
    return IndicatorPage(
        indicator=indicator,
        values=values,
        latest=latest,
        progress=rules.indicator_progress(
            baseline=indicator.baseline_value,
            target=indicator.target_value,
            latest=latest.value if latest else None,
        ),
        expected_progress=rules.expected_progress(
            baseline_date=indicator.baseline_date,
            target_date=indicator.target_date,
            today=today,
        ),
        sections=page_sections("indicator_sections", user=user, indicator=indicator),
        history=indicator_history(indicator),
        chart=indicator_chart(indicator, values),
    )
