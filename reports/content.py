"""What a progress report says: collected once as plain data, presented for web, PDF and Word.

- `collect` reads the register for the report's committee and period into JSON-friendly data
  (codes, ISO dates, numbers as text). Issuing a report stores exactly this as its snapshot,
  so an issued report never changes, and the next report compares its initiatives with it.
- `report_context` is the one context of the web page, the PDF and the Word file: the
  collected data (live for a draft, frozen for an issued report) with formatted, translated
  values and the indicator charts.

The reads are a fixed number of queries whatever the size of the register.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from governance.models import ActionItem, Decision, Organization
from portfolio.models import Initiative, Milestone, TrafficLight
from smartkreis import charts
from smartkreis.documents import AUTHOR
from strategy.models import FieldOfAction, Indicator, IndicatorValue

from .models import ProgressReport

LIST_LIMIT = 25
NEXT_MILESTONES = 15
ACTIVE = (Initiative.Status.PLANNED, Initiative.Status.IN_PROGRESS)
FINISHED = (Initiative.Status.COMPLETED, Initiative.Status.STOPPED)
OPEN_ACTION_ITEMS = (ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS)


def _iso(day):
    return day.isoformat() if day else None


def _day(text):
    return datetime.date.fromisoformat(text) if text else None


def _date(value):
    day = _day(value) if isinstance(value, str) else value
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "–"


def previous_report(report):
    """The committee's last issued report before `report` (for a draft: its last one)."""
    reports = ProgressReport.objects.filter(
        committee_id=report.committee_id, status=ProgressReport.Status.ISSUED
    ).exclude(pk=report.pk)
    if report.is_issued:
        reports = reports.filter(
            Q(issued_on__lt=report.issued_on) | Q(issued_on=report.issued_on, pk__lt=report.pk)
        )
    return reports.order_by("-issued_on", "-pk").first()


# Collecting ----------------------------------------------------------------------------------


def _initiatives(body_id, start, end):
    """Top-level initiatives of the committee's body: active ones, and those finished within
    the period (their parts roll up into their traffic light and progress)."""
    return (
        Initiative.objects.filter(owner_body_id=body_id, parent__isnull=True)
        .filter(
            Q(status__in=ACTIVE)
            | Q(status__in=FINISHED, status_changed_on__gte=start, status_changed_on__lte=end)
        )
        .prefetch_related(Prefetch("fields", queryset=FieldOfAction.objects.only("id")))
        .order_by("title", "pk")
    )


def _change(before, now):
    if before is None:
        return {"new": True}
    return {
        name: [before.get(name), now[name]]
        for name in ("status", "traffic_light", "progress")
        if before.get(name) != now[name]
    }


def _indicators(end):
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk"), measured_on__lte=end).order_by(
        "-measured_on", "-pk"
    )
    indicators = (
        Indicator.objects.filter(goal__isnull=False)
        .annotate(
            actual=Subquery(latest.values("value")[:1]),
            actual_on=Subquery(latest.values("measured_on")[:1]),
        )
        .select_related("goal")
        .order_by("goal__field__position", "goal__position", "name", "pk")
    )
    return [
        {
            "field": indicator.goal.field_id,
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline": str(indicator.baseline_value),
            "target": str(indicator.target_value),
            "target_date": _iso(indicator.target_date),
            "actual": None if indicator.actual is None else str(indicator.actual),
            "actual_on": _iso(indicator.actual_on),
        }
        for indicator in indicators
    ]


def _milestone(milestone):
    return {
        "initiative": f"{milestone.initiative.reference} {milestone.initiative.title}",
        "title": milestone.title,
        "planned": _iso(milestone.planned_date),
        "actual": _iso(milestone.actual_date),
    }


def _limited(queryset, row):
    # Always counted, so the number of queries does not depend on the data.
    return {"count": queryset.count(), "rows": [row(obj) for obj in queryset[:LIST_LIMIT]]}


def _owner(action_item):
    owners = (action_item.owner_person, action_item.owner_unit)
    return ", ".join(str(owner) for owner in owners if owner is not None)


def collect(report, *, today):
    """The report's data as JSON-friendly values (what issuing freezes)."""
    start, end = report.period_start, report.period_end
    body_id = report.committee.body_id
    previous = previous_report(report)
    before = previous.snapshot.get("initiatives", {}) if previous else {}
    initiatives = {}
    for initiative in _initiatives(body_id, start, end):
        now = {
            "reference": initiative.reference,
            "title": initiative.title,
            "fields": sorted(field.pk for field in initiative.fields.all()),
            "status": initiative.status,
            "traffic_light": initiative.traffic_light,
            "progress": initiative.progress,
        }
        now["change"] = _change(before.get(str(initiative.pk)), now) if previous else None
        initiatives[str(initiative.pk)] = now
    milestones = Milestone.objects.filter(initiative__owner_body_id=body_id).select_related(
        "initiative"
    )
    decisions = (
        Decision.objects.filter(
            agenda_item__meeting__organization__body_id=body_id,
            agenda_item__meeting__organization__kind=Organization.Kind.STEERING_GROUP,
            decided_on__gte=start,
            decided_on__lte=end,
        )
        .select_related("agenda_item", "agenda_item__meeting", "initiative")
        .order_by("decided_on", "pk")
    )
    overdue_reports = (
        Initiative.objects.filter(owner_body_id=body_id, next_report_due__lt=today)
        .exclude(status__in=FINISHED)
        .order_by("next_report_due", "pk")
    )
    overdue_milestones = milestones.filter(
        actual_date__isnull=True, planned_date__lt=today
    ).order_by("planned_date", "pk")
    overdue_action_items = (
        ActionItem.objects.filter(
            meeting__organization__body_id=body_id,
            status__in=OPEN_ACTION_ITEMS,
            due_date__lt=today,
        )
        .select_related("owner_person", "owner_unit")
        .order_by("due_date", "pk")
    )
    return {
        "taken_on": _iso(today),
        "previous": {"title": previous.title, "issued_on": _iso(previous.issued_on)}
        if previous
        else None,
        "fields": [
            {"id": field.pk, "name": field.name}
            for field in FieldOfAction.objects.order_by("position", "name", "pk")
        ],
        "initiatives": initiatives,
        "removed": sorted(
            f"{entry['reference']} {entry['title']}"
            for key, entry in before.items()
            if key not in initiatives
        ),
        "indicators": _indicators(end),
        "milestones_reached": [
            _milestone(milestone)
            for milestone in milestones.filter(
                actual_date__gte=start, actual_date__lte=end
            ).order_by("actual_date", "pk")
        ],
        "milestones_next": [
            _milestone(milestone)
            for milestone in milestones.filter(
                actual_date__isnull=True, planned_date__gt=end
            ).order_by("planned_date", "pk")[:NEXT_MILESTONES]
        ],
        "decisions": [
            {
                "decided_on": _iso(decision.decided_on),
                "meeting": str(decision.agenda_item.meeting),
                "item": decision.agenda_item.number,
                "title": decision.agenda_item.title,
                "outcome": decision.outcome,
                "priority": decision.priority,
                "text": decision.text,
                "initiative": f"{decision.initiative.reference} {decision.initiative.title}"
                if decision.initiative
                else "",
            }
            for decision in decisions
        ],
        "overdue_reports": _limited(
            overdue_reports,
            lambda initiative: {
                "initiative": f"{initiative.reference} {initiative.title}",
                "due": _iso(initiative.next_report_due),
            },
        ),
        "overdue_milestones": _limited(overdue_milestones, _milestone),
        "overdue_action_items": _limited(
            overdue_action_items,
            lambda item: {
                "title": item.title,
                "owner": _owner(item),
                "due": _iso(item.due_date),
                "status": item.status,
            },
        ),
    }


# Presenting ----------------------------------------------------------------------------------


def _status_label(code):
    return str(Initiative.Status(code).label) if code else "–"


def _light_label(code):
    return str(TrafficLight(code).label) if code else _("no report yet")


def _change_text(change):
    if change is None:
        return "–"
    if change.get("new"):
        return _("new in this report")
    parts = []
    if "traffic_light" in change:
        old, new = change["traffic_light"]
        labels = {"old": _light_label(old), "new": _light_label(new)}
        parts.append(_("Traffic light: %(old)s → %(new)s") % labels)
    if "status" in change:
        old, new = change["status"]
        parts.append(
            _("Status: %(old)s → %(new)s") % {"old": _status_label(old), "new": _status_label(new)}
        )
    if "progress" in change:
        old, new = change["progress"]
        parts.append(_("Progress: %(old)s %% → %(new)s %%") % {"old": old, "new": new})
    return "; ".join(parts) or _("unchanged")


def _field_sections(data):
    sections = []
    for field in data["fields"]:
        rows = [
            {
                "reference": entry["reference"],
                "title": entry["title"],
                "status": _status_label(entry["status"]),
                "light": entry["traffic_light"],
                "light_label": _light_label(entry["traffic_light"]),
                "progress": charts.with_unit(str(entry["progress"]), "%"),
                "change": _change_text(entry["change"]),
            }
            for entry in data["initiatives"].values()
            if field["id"] in entry["fields"]
        ]
        if rows:
            sections.append({"name": field["name"], "initiatives": rows})
    return sections


def _number(text, unit=""):
    if text is None:
        return "–"
    return charts.with_unit(charts.format_number(Decimal(text)), unit)


def _achievement(indicator):
    if indicator["actual"] is None:
        return None
    baseline, target = Decimal(indicator["baseline"]), Decimal(indicator["target"])
    return round((Decimal(indicator["actual"]) - baseline) / (target - baseline) * 100)


def _indicator_sections(data, report_pk):
    names = {field["id"]: field["name"] for field in data["fields"]}
    by_field = {}
    for indicator in data["indicators"]:
        by_field.setdefault(indicator["field"], []).append(indicator)
    sections = []
    for field in data["fields"]:
        indicators = by_field.get(field["id"])
        if not indicators:
            continue
        achieved = [(indicator, _achievement(indicator)) for indicator in indicators]
        chart = charts.bar_chart(
            chart_id=f"report-{report_pk}-field-{field['id']}",
            title=_("Target achievement of the indicators: %(field)s")
            % {"field": names[field["id"]]},
            items=[
                (indicator["name"], None if value is None else max(0, min(100, value)))
                for indicator, value in achieved
            ],
            category_title=_("Indicator"),
            value_title=_("Target achieved (%)"),
            value_max=100,
            value_suffix=" %",
        )
        # The table says more than the bars: baseline, target and the measured value.
        chart.columns = [
            charts.Column(_("Indicator")),
            charts.Column(_("Baseline"), numeric=True),
            charts.Column(_("Target"), numeric=True),
            charts.Column(_("Actual"), numeric=True),
            charts.Column(_("Target achieved"), numeric=True),
        ]
        chart.rows = [
            [
                indicator["name"],
                _number(indicator["baseline"], indicator["unit"]),
                _("%(value)s by %(date)s")
                % {
                    "value": _number(indicator["target"], indicator["unit"]),
                    "date": _date(indicator["target_date"]),
                },
                _("%(value)s on %(date)s")
                % {
                    "value": _number(indicator["actual"], indicator["unit"]),
                    "date": _date(indicator["actual_on"]),
                }
                if indicator["actual"] is not None
                else _("not measured yet"),
                "–" if value is None else charts.with_unit(str(value), "%"),
            ]
            for indicator, value in achieved
        ]
        sections.append({"name": field["name"], "chart": chart})
    return sections


def _milestone_rows(rows):
    return [
        {
            "initiative": row["initiative"],
            "title": row["title"],
            "planned": _date(row["planned"]),
            "actual": _date(row["actual"]),
        }
        for row in rows
    ]


def _overdue(block, rows):
    shown = len(block["rows"])
    return {
        "rows": rows,
        "count": block["count"],
        "more": _("and %(count)s more") % {"count": block["count"] - shown}
        if block["count"] > shown
        else "",
    }


def _labels():
    return {
        "facts": _("About this report"),
        "committee": _("Committee"),
        "period": _("Period"),
        "status": _("Status"),
        "summary": _("Summary"),
        "no_summary": _("No summary written yet."),
        "initiatives": _("Initiatives by field of action"),
        "initiative": _("Initiative"),
        "initiative_status": _("Status"),
        "traffic_light": _("Traffic light"),
        "progress": _("Progress"),
        "change": _("Change since the last report"),
        "no_initiatives": _("No initiatives in this period."),
        "removed": _("No longer in the report"),
        "indicators": _("Indicators: target and actual"),
        "no_indicators": _("No indicators defined."),
        "milestones": _("Milestones"),
        "milestones_reached": _("Milestones reached in the period"),
        "milestones_next": _("Next milestones"),
        "milestone": _("Milestone"),
        "planned": _("Planned"),
        "reached": _("Reached"),
        "no_milestones": _("None."),
        "decisions": _("Decisions of the steering group in the period"),
        "decided_on": _("Decided on"),
        "item": _("Item"),
        "outcome": _("Outcome"),
        "decision_text": _("Decision"),
        "no_decisions": _("No decisions in the period."),
        "overdue": _("Overdue"),
        "overdue_reports": _("Overdue status reports"),
        "due": _("Due"),
        "overdue_milestones": _("Overdue milestones"),
        "overdue_action_items": _("Overdue action items"),
        "task": _("Task"),
        "responsible": _("Responsible"),
        "none_overdue": _("Nothing overdue."),
    }


def report_context(report, *, today=None):
    """The one context of the web page, the PDF and the Word file of `report`.

    `report` needs its committee loaded. A draft shows the current data; an issued report its
    snapshot.
    """
    today = today or timezone.localdate()
    data = report.snapshot if report.is_issued else collect(report, today=today)
    previous = data["previous"]
    if previous:
        comparison = _("Changes are shown against the report “%(title)s” of %(date)s.") % {
            "title": previous["title"],
            "date": _date(previous["issued_on"]),
        }
    else:
        comparison = _(
            "This is the first report issued for this committee: there is no earlier report to "
            "show changes against."
        )
    if report.is_issued:
        state = _("Issued on %(date)s") % {"date": _date(report.issued_on)}
    else:
        state = _("Draft with the current data of %(date)s") % {"date": _date(today)}
    decisions = [
        {
            "decided_on": _date(row["decided_on"]),
            "meeting": row["meeting"],
            "item": row["item"],
            "title": row["title"],
            "outcome": _("%(outcome)s, priority %(priority)s")
            % {"outcome": Decision.Outcome(row["outcome"]).label, "priority": row["priority"]}
            if row["priority"]
            else str(Decision.Outcome(row["outcome"]).label),
            "text": row["text"],
            "initiative": row["initiative"],
        }
        for row in data["decisions"]
    ]
    return {
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "title": report.title,
        "author": AUTHOR,
        "facts": [
            {"label": _("Committee"), "value": report.committee.name},
            {
                "label": _("Period"),
                "value": f"{_date(report.period_start)} – {_date(report.period_end)}",
            },
            {"label": _("Status"), "value": state},
        ],
        "summary": [line.strip() for line in report.summary.splitlines() if line.strip()],
        "comparison": comparison,
        "fields": _field_sections(data),
        "removed": data["removed"],
        "indicator_sections": _indicator_sections(data, report.pk),
        "milestones_reached": _milestone_rows(data["milestones_reached"]),
        "milestones_next": _milestone_rows(data["milestones_next"]),
        "decisions": decisions,
        "overdue_reports": _overdue(
            data["overdue_reports"],
            [
                {"initiative": row["initiative"], "due": _date(row["due"])}
                for row in data["overdue_reports"]["rows"]
            ],
        ),
        "overdue_milestones": _overdue(
            data["overdue_milestones"], _milestone_rows(data["overdue_milestones"]["rows"])
        ),
        "overdue_action_items": _overdue(
            data["overdue_action_items"],
            [
                {
                    "title": row["title"],
                    "owner": row["owner"],
                    "due": _date(row["due"]),
                    "status": str(ActionItem.Status(row["status"]).label),
                }
                for row in data["overdue_action_items"]["rows"]
            ],
        ),
        "labels": _labels(),
        "generated": _("Generated by smartkreis on %(date)s") % {"date": _date(today)},
    }
