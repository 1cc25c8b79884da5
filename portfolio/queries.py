"""Reads of the register for its pages and exports; each runs a fixed number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, Value, When
from django.db.models.query import prefetch_related_objects
from django.utils import timezone

from audit.queries import audit_entries_for
from organisations.models import Body, OrgUnit
from organisations.queries import unit_lineage
from smartkreis.contributions import page_sections
from strategy.models import FieldOfAction, Goal, Indicator

from .filters import InitiativeFilter
from .models import Initiative, InitiativeLink, InitiativeRollout
from .permissions import (
    can_delete_initiative,
    can_edit_initiative,
    can_report_on_initiative,
    can_set_initiative_rollout,
    can_view_initiative,
    visible_initiatives,
    visible_initiatives_filter,
)


def _fields_prefetch():
    return Prefetch("fields", queryset=FieldOfAction.objects.order_by("position", "name"))


def _with_overdue_flag(queryset, today):
    return queryset.annotate(
        report_overdue=Case(
            When(next_report_due__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def initiative_list_queryset(user, filters, *, today=None):
    """The initiatives `user` may read, filtered and sorted as `filters` (a QueryDict) asks.

    Returns (filterset, queryset); the filterset carries the form and the chosen sort key.
    """
    today = today or timezone.localdate()
    filterset = InitiativeFilter(
        filters, queryset=visible_initiatives(user), user=user, today=today
    )
    queryset = filterset.qs.select_related("owner_body", "owner_unit").prefetch_related(
        _fields_prefetch()
    )
    return filterset, _with_overdue_flag(queryset, today)


@dataclass(frozen=True)
class ExportRow:
    """An initiative as the export writes it: plain values, names joined, no model."""

    pk: int
    title: str
    status: str
    status_changed_on: datetime.date | None
    priority: str
    traffic_light: str
    progress: int | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    last_report_on: datetime.date | None
    next_report_due: datetime.date | None
    report_overdue: bool
    owner_body_name: str
    owner_unit_id: int | None
    owner_unit: str = ""
    participating_bodies: str = ""
    fields: str = ""

    @property
    def reference(self):
        return Initiative.reference_of(self.pk)


# The ExportRow fields read as they are stored.
_EXPORT_VALUES = (
    "pk", "title", "status", "status_changed_on", "priority", "traffic_light", "progress",
    "start_date", "end_date", "last_report_on", "next_report_due", "report_overdue",
    "owner_unit_id",
)  # fmt: skip


def _names_per_initiative(through, initiative_ids, name, *ordering):
    names = defaultdict(list)
    rows = through.objects.filter(initiative_id__in=initiative_ids).order_by(*ordering, "pk")
    for initiative_id, text in rows.values_list("initiative_id", name):
        names[initiative_id].append(text)
    return {pk: ", ".join(texts) for pk, texts in names.items()}


def initiative_count(user, filters):
    """How many initiatives the list shows `user` for `filters` (what an export would hold)."""
    _filterset, queryset = initiative_list_queryset(user, filters)
    return queryset.order_by().count()


@dataclass(frozen=True)
class InitiativeExport:
    count: int
    rows: list | None  # None: more than the request writes (a background job writes them)


def initiative_export(user, filters, *, limit):
    """The export the list's filters select for `user`: its rows, if at most `limit`."""
    _filterset, queryset = initiative_list_queryset(user, filters)
    count = queryset.order_by().count()
    return InitiativeExport(count=count, rows=_export_rows(queryset) if count <= limit else None)


def initiative_export_rows(user, filters, *, today=None):
    """The rows of initiative_list_queryset for the export (ExportRow each)."""
    _filterset, queryset = initiative_list_queryset(user, filters, today=today)
    return _export_rows(queryset)


def _export_rows(queryset):
    """The initiatives of `queryset` as ExportRows, read as plain values in four queries:
    model instances and prefetched relations cost more than the writing for thousands of
    rows."""
    queryset = queryset.prefetch_related(None)
    ids = queryset.order_by().values("pk")
    participants = _names_per_initiative(
        Initiative.participating_bodies.through, ids, "body__name", "body__name"
    )
    fields = _names_per_initiative(
        Initiative.fields.through,
        ids,
        "fieldofaction__name",
        "fieldofaction__position",
        "fieldofaction__name",
    )
    rows = list(queryset.values(*_EXPORT_VALUES, owner_body_name=F("owner_body__name")))
    units = {
        unit.pk: str(unit)
        for unit in OrgUnit.objects.filter(pk__in={row["owner_unit_id"] for row in rows})
    }
    return [
        ExportRow(
            **row,
            owner_unit=units.get(row["owner_unit_id"], ""),
            participating_bodies=participants.get(row["pk"], ""),
            fields=fields.get(row["pk"], ""),
        )
        for row in rows
    ]


# Detail page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetSum:
    year: int | None
    amount: Decimal
    grant: Decimal

    @property
    def own_share(self):
        return self.amount - self.grant


@dataclass(frozen=True)
class UnitPredecessor:
    unit: OrgUnit
    until: datetime.date


def _budget_sums(lines):
    per_year = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for line in lines:
        per_year[line.year][0] += line.amount
        per_year[line.year][1] += line.grant_amount or Decimal(0)
    years = [BudgetSum(year, amount, grant) for year, (amount, grant) in sorted(per_year.items())]
    total = BudgetSum(
        None, sum((s.amount for s in years), Decimal(0)), sum((s.grant for s in years), Decimal(0))
    )
    return years, total


def milestone_state(milestone, today):
    """'reached', 'overdue' (planned date passed, not reached) or 'upcoming'."""
    if milestone.actual_date is not None:
        return "reached"
    if milestone.planned_date < today:
        return "overdue"
    return "upcoming"


def _owner_unit_history(initiative):
    """The owner unit's predecessors that still existed while the initiative ran."""
    unit = initiative.owner_unit
    if unit is None:
        return []
    history = []
    for predecessor in unit_lineage(unit):
        until = predecessor.valid_until
        if until is None:
            continue
        if initiative.start_date is None or until >= initiative.start_date:
            history.append(UnitPredecessor(unit=predecessor, until=until))
    return sorted(history, key=lambda item: item.until, reverse=True)


def initiative_detail_context(*, user, initiative, today=None):
    """Everything the detail page shows of `initiative` (already checked readable by `user`)."""
    today = today or timezone.localdate()
    prefetch_related_objects(
        [initiative],
        Prefetch("participating_bodies", queryset=Body.objects.order_by("name")),
        _fields_prefetch(),
        Prefetch("goals", queryset=Goal.objects.order_by("position", "title")),
        Prefetch("indicators", queryset=Indicator.objects.order_by("name")),
        Prefetch("links", queryset=InitiativeLink.objects.order_by("title", "id")),
    )
    unit = initiative.owner_unit
    successors = (
        list(unit.successors.select_related("body").order_by("name"))
        if unit is not None and unit.valid_until is not None
        else []
    )
    parent = initiative.parent
    if parent is not None and not can_view_initiative(user, parent):
        parent = None
    children = list(
        visible_initiatives(user)
        .filter(parent=initiative)
        .select_related("owner_body", "owner_unit")
        .order_by("title", "id")
    )
    rollouts = {rollout.body_id: rollout for rollout in initiative.rollouts.all()}
    rollout_rows = [
        (body, rollouts.get(body.pk), can_set_initiative_rollout(user, initiative, body))
        for body in initiative.participating_bodies.all()
    ]
    lines = list(initiative.budget_lines.order_by("year", "id"))
    budget_years, budget_total = _budget_sums(lines)
    milestones = [
        (milestone, milestone_state(milestone, today))
        for milestone in initiative.milestones.order_by("planned_date", "id")
    ]
    return {
        "initiative": initiative,
        "today": today,
        "report_overdue": initiative.next_report_due is not None
        and initiative.next_report_due < today,
        "owner_unit_history": _owner_unit_history(initiative),
        "owner_unit_successors": successors,
        "parent": parent,
        "children": children,
        "budget_lines": lines,
        "budget_years": budget_years,
        "budget_total": budget_total,
        "milestones": milestones,
        # Where the initiative stands in each participating body: (body, rollout, can_set).
        "rollout_rows": rollout_rows,
        "status_reports": list(
            initiative.status_reports.select_related("author").order_by("-reported_on", "-id")
        ),
        # What the apps built on the register know of it: the papers on the initiative, the
        # council decisions it implements (smartkreis.contributions).
        "contributed_sections": page_sections(
            "initiative_sections", user=user, initiative=initiative, today=today
        ),
        "audit_entries": audit_entries_for(initiative),
        "can_edit": can_edit_initiative(user, initiative),
        "can_delete": can_delete_initiative(user, initiative),
        "can_report": can_report_on_initiative(user, initiative),
    }


# The initiatives on a body's or unit's page (contributed to the organisation's pages by
# PortfolioConfig); the register shows them all.
INITIATIVES_SHOWN = 20


@dataclass
class InitiativeExcerpt:
    """The first initiatives of a list and how many there are in all."""

    initiatives: list
    total: int

    @property
    def is_complete(self):
        return len(self.initiatives) == self.total


def _excerpt(queryset):
    queryset = queryset.select_related("owner_body", "owner_unit").distinct()
    return InitiativeExcerpt(initiatives=list(queryset[:INITIATIVES_SHOWN]), total=queryset.count())


def initiatives_of_body_visible_to(user, body):
    """The initiatives `body` is responsible for or takes part in, as far as `user` may read
    them; the body's own first, then by title."""
    queryset = (
        Initiative.objects.filter(visible_initiatives_filter(user))
        .filter(Q(owner_body=body) | Q(participating_bodies=body))
        .annotate(
            is_owner=Case(
                When(owner_body=body, then=Value(True)),
                default=Value(False),
            )
        )
        .order_by("-is_owner", "title", "id")
    )
    return _excerpt(queryset)


def initiatives_of_unit_visible_to(user, unit):
    """The initiatives `unit` is responsible for, as far as `user` may read them."""
    queryset = (
        Initiative.objects.filter(visible_initiatives_filter(user))
        .filter(owner_unit=unit)
        .order_by("title", "id")
    )
    return _excerpt(queryset)


def initiatives_serving(user, **relation):
    """The initiatives `user` may see that serve a goal (`goals=goal`) or an indicator
    (`indicators=indicator`), by title."""
    return list(
        Initiative.objects.filter(visible_initiatives_filter(user))
        .filter(**relation)
        .select_related("owner_body", "owner_unit")
        .distinct()
        .order_by("title", "pk")
    )


def initiative_counts_per_goal(user, goals):
    """{goal pk: how many of the initiatives `user` may see serve it} for `goals`, one query."""
    links = Initiative.goals.through.objects.filter(goal__in=[goal.pk for goal in goals])
    visibility = visible_initiatives_filter(user)
    if visibility:  # empty where the user reads every initiative
        links = links.filter(initiative__in=Initiative.objects.filter(visibility).values("pk"))
    # A plain count: the link table holds each pair of initiative and goal once. (Counting
    # distinct initiatives through the visibility subquery took 87 ms at Land size, this 12.)
    return dict(links.values("goal").annotate(count=Count("pk")).values_list("goal", "count"))


def rollout_in(initiative, body):
    """The status of the shared `initiative` in `body`, or None while none has been set."""
    return InitiativeRollout.objects.filter(initiative=initiative, body=body).first()
