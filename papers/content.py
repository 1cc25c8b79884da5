"""A paper's content in two steps, so a finalised version renders like the day it was frozen.

1. `paper_content(paper)` evaluates everything a paper shows, live-data blocks included, into
   plain JSON data (codes, ISO dates, decimals as strings). This is what a PaperVersion keeps.
2. `display(content, ...)` turns such data into labelled, formatted rows for the web page, the
   PDF and the Word file (one source for all three). Labels are translated at display time;
   the figures come only from the content.

Each block is evaluated in a fixed number of queries, whatever the size of the register. Blocks
show the initiatives of the paper's own body only (a county's paper never shows a
municipality's initiatives, which the public and other municipalities may not read).
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.models import Decision
from portfolio.models import BudgetLine, Initiative, TrafficLight
from smartkreis import charts
from strategy.models import FieldOfAction, Indicator

from .models import Consultation, Paper, PaperBlock

LIGHT_ORDER = {TrafficLight.RED: 0, TrafficLight.YELLOW: 1, TrafficLight.GREEN: 2, "": 3}
SECTIONS = ("resolution_proposal", "preliminary_remark", "explanation")


def _money(value):
    return str(value if value is not None else Decimal(0))


def _iso(day):
    return day.isoformat() if day else None


# 1. Evaluation ---------------------------------------------------------------------------


def _field_ids(block):
    return [int(pk) for pk in block.parameters.get("fields", [])]


def _initiative_row(initiative, field_name=""):
    return {
        "field": field_name,
        "reference": initiative.reference,
        "title": initiative.title,
        "owner": str(initiative.owner_unit or initiative.owner_body),
        "status": initiative.status,
        "progress": initiative.progress,
        "traffic_light": initiative.traffic_light,
        "last_report_on": _iso(initiative.last_report_on),
    }


def _initiative_status(block, body_id):
    ids = _field_ids(block)
    own = Initiative.objects.filter(owner_body_id=body_id)
    fields = list(FieldOfAction.objects.filter(pk__in=ids).order_by("position", "name", "pk"))
    in_progress = Q(status=Initiative.Status.IN_PROGRESS)
    figures = {
        row["fields"]: row
        for row in own.filter(fields__in=ids)
        .values("fields")
        .annotate(
            count=Count("pk", distinct=True),
            in_progress=Count("pk", filter=in_progress, distinct=True),
            green=Count("pk", filter=Q(traffic_light=TrafficLight.GREEN), distinct=True),
            yellow=Count("pk", filter=Q(traffic_light=TrafficLight.YELLOW), distinct=True),
            red=Count("pk", filter=Q(traffic_light=TrafficLight.RED), distinct=True),
            progress=Avg("progress"),
        )
        .order_by()
    }
    money = {
        row["initiative__fields"]: row
        for row in BudgetLine.objects.filter(
            initiative__fields__in=ids, initiative__owner_body_id=body_id
        )
        .values("initiative__fields")
        .annotate(budget=Sum("amount"), grants=Sum("grant_amount"))
        .order_by()
    }
    members = defaultdict(list)
    for initiative in (
        own.filter(fields__in=ids)
        .distinct()
        .select_related("owner_body", "owner_unit")
        .prefetch_related("fields")
        .order_by("title", "pk")
    ):
        for field in initiative.fields.all():
            if field.pk in ids:
                members[field.pk].append(initiative)
    rows = []
    for field in fields:
        counts, sums = figures.get(field.pk, {}), money.get(field.pk, {})
        progress = counts.get("progress")
        rows.append(
            {
                "field": field.name,
                "count": counts.get("count", 0),
                "in_progress": counts.get("in_progress", 0),
                "budget": _money(sums.get("budget")),
                "grants": _money(sums.get("grants")),
                "progress": round(progress) if progress is not None else None,
                "green": counts.get("green", 0),
                "yellow": counts.get("yellow", 0),
                "red": counts.get("red", 0),
                "initiatives": [_initiative_row(i, field.name) for i in members[field.pk]],
            }
        )
    return {"fields": rows}


def _traffic_lights(block, body_id):
    ids = _field_ids(block)
    initiatives = Initiative.objects.filter(
        status=Initiative.Status.IN_PROGRESS, owner_body_id=body_id
    )
    if ids:
        initiatives = initiatives.filter(fields__in=ids).distinct()
    rows = [
        _initiative_row(i)
        for i in initiatives.select_related("owner_body", "owner_unit").order_by("title", "pk")
    ]
    rows.sort(key=lambda row: LIGHT_ORDER.get(row["traffic_light"], 3))
    return {"initiatives": rows}


def _indicator_chart(block, body_id):
    indicator = Indicator.objects.filter(pk=block.parameters.get("indicator")).first()
    if indicator is None:
        return {"indicator": None}
    return {
        "indicator": {
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline": [_iso(indicator.baseline_date), str(indicator.baseline_value)],
            "target": [_iso(indicator.target_date), str(indicator.target_value)],
            "values": [
                [_iso(value.measured_on), str(value.value)]
                for value in indicator.values.order_by("measured_on", "pk")
            ],
        }
    }


def _steering_decisions(block, body_id):
    since = datetime.date.fromisoformat(block.parameters["since"])
    decisions = (
        Decision.objects.filter(decided_on__gte=since)
        .select_related("agenda_item__meeting__organization", "initiative")
        .order_by("decided_on", "pk")
    )
    return {
        "since": since.isoformat(),
        "decisions": [
            {
                "decided_on": decision.decided_on.isoformat(),
                "committee": decision.agenda_item.meeting.organization.name,
                "item": decision.agenda_item.title,
                "outcome": decision.outcome,
                "text": decision.text,
                "initiative": f"{decision.initiative.reference} {decision.initiative.title}"
                if decision.initiative
                else "",
            }
            for decision in decisions
        ],
    }


EVALUATORS = {
    PaperBlock.Kind.INITIATIVE_STATUS: _initiative_status,
    PaperBlock.Kind.TRAFFIC_LIGHTS: _traffic_lights,
    PaperBlock.Kind.INDICATOR_CHART: _indicator_chart,
    PaperBlock.Kind.STEERING_DECISIONS: _steering_decisions,
}


def evaluate_block(block, *, body_id):
    """The block's data now; initiatives are those of the paper's body (`body_id`)."""
    data = EVALUATORS[block.kind](block, body_id)
    return {"kind": block.kind, "title": block.title, "data": data}


def _originator(paper):
    return str(paper.originator_organization or paper.originator_unit or "")


def paper_content(paper):
    """Everything `paper` shows, evaluated now, as JSON data (what a version freezes)."""
    consultations = paper.consultations.select_related("organization", "meeting").order_by(
        "position", "pk"
    )
    return {
        "reference": paper.reference,
        "kind": paper.kind,
        "paper_type": paper.paper_type,
        "date": _iso(paper.date),
        "subject": paper.subject,
        "is_public": paper.is_public,
        "originator": _originator(paper),
        "sections": {name: getattr(paper, name) for name in SECTIONS},
        "financial": {
            "affects_budget": paper.affects_budget,
            "budget_effect": paper.budget_effect,
            "budget_amount": str(paper.budget_amount) if paper.budget_amount is not None else None,
            "funds_available": paper.funds_available,
            "unplanned_spending": paper.unplanned_spending,
            "cover_proposal": paper.cover_proposal,
            "follow_up_costs": paper.follow_up_costs,
        },
        "consultations": [
            {
                "committee": str(c.organization or ""),
                "date": _iso(timezone.localdate(c.meeting.start) if c.meeting else c.planned_date),
                "role": c.role,
                "authoritative": c.authoritative,
                "is_public": c.is_public,
                "result": c.result,
            }
            for c in consultations
        ],
        "files": [
            {"name": f.name, "file_name": f.file_name, "size": f.size}
            for f in paper.files.order_by("-is_main_file", "name", "pk")
        ],
        # The names of the linked initiatives, which the public reads only from a version.
        "initiatives": [
            f"{initiative.reference} {initiative.title}"
            for initiative in paper.initiatives.order_by("title", "pk")
        ],
        "blocks": [
            evaluate_block(block, body_id=paper.body_id)
            for block in paper.blocks.order_by("position", "pk")
        ],
    }


# 2. Display ------------------------------------------------------------------------------


def _date(iso):
    return formats.date_format(datetime.date.fromisoformat(iso), "SHORT_DATE_FORMAT") if iso else ""


def _number(value, decimal_places=None):
    return charts.format_number(Decimal(value) if isinstance(value, str) else value, decimal_places)


def _euro(value):
    return charts.with_unit(_number(value, 2), "€") if value is not None else "–"


def _yes_no(value):
    return {True: _("yes"), False: _("no"), None: _("not stated")}[value]


def _light(code):
    return TrafficLight(code).label if code else _("no report yet")


def _percent(value):
    return charts.with_unit(str(value), "%") if value is not None else "–"


def _paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _table(caption, columns, rows, numeric=()):
    return {
        "caption": caption,
        "columns": [str(column) for column in columns],
        "numeric": [index in numeric for index in range(len(columns))],
        "rows": [[str(cell) for cell in row] for row in rows],
    }


def _display_initiative_status(data, index):
    figures = _table(
        _("Key figures per field of action"),
        [
            _("Field of action"),
            _("Initiatives"),
            _("in progress"),
            _("Budget"),
            _("Grants"),
            _("Average progress"),
            _("green"),
            _("yellow"),
            _("red"),
        ],
        [
            [
                row["field"],
                row["count"],
                row["in_progress"],
                _euro(row["budget"]),
                _euro(row["grants"]),
                _percent(row["progress"]),
                row["green"],
                row["yellow"],
                row["red"],
            ]
            for row in data["fields"]
        ],
        numeric=range(1, 9),
    )
    initiatives = _table(
        _("Initiatives per field of action"),
        [_("Field of action"), _("Initiative"), _("Status"), _("Progress"), _("Traffic light")],
        [
            [
                row["field"],
                f"{row['reference']} {row['title']}",
                Initiative.Status(row["status"]).label,
                _percent(row["progress"]),
                _light(row["traffic_light"]),
            ]
            for field in data["fields"]
            for row in field["initiatives"]
        ],
        numeric=(3,),
    )
    return {"tables": [figures, initiatives]}


def _display_traffic_lights(data, index):
    return {
        "tables": [
            _table(
                _("Traffic lights of the initiatives in progress"),
                [
                    _("Initiative"),
                    _("Responsible"),
                    _("Traffic light"),
                    _("Progress"),
                    _("Last status report"),
                ],
                [
                    [
                        f"{row['reference']} {row['title']}",
                        row["owner"],
                        _light(row["traffic_light"]),
                        _percent(row["progress"]),
                        _date(row["last_report_on"]) or "–",
                    ]
                    for row in data["initiatives"]
                ],
                numeric=(3,),
            )
        ]
    }


def _display_indicator_chart(data, index):
    indicator = data["indicator"]
    if indicator is None:
        return {"tables": [], "empty": _("The indicator has been deleted.")}
    unit = indicator["unit"]

    def point(pair):
        return datetime.date.fromisoformat(pair[0]), Decimal(pair[1])

    chart = charts.target_line_chart(
        chart_id=f"block-{index}-chart",
        title=_("Measured values of “%(name)s” against baseline and target")
        % {"name": indicator["name"]},
        baseline=point(indicator["baseline"]),
        target=point(indicator["target"]),
        measurements=[point(pair) for pair in indicator["values"]],
        date_title=_("Date"),
        value_title=_("Value (%(unit)s)") % {"unit": unit} if unit else _("Value"),
        kind_title=_("Kind"),
        baseline_label=_("Baseline"),
        target_label=_("Target"),
        measured_label=_("Measured value"),
        planned_label=_("Planned path"),
        unit=unit,
    )
    table = _table(
        _("%(title)s: data table") % {"title": chart.title},
        [column.label for column in chart.columns],
        chart.rows,
        numeric=(2,),
    )
    return {"tables": [table], "chart": chart}


def _display_steering_decisions(data, index):
    return {
        "tables": [
            _table(
                _("Decisions of the steering group since %(date)s")
                % {"date": _date(data["since"])},
                [_("Decided on"), _("Committee"), _("Item"), _("Outcome"), _("Decision")],
                [
                    [
                        _date(row["decided_on"]),
                        row["committee"],
                        row["item"],
                        Decision.Outcome(row["outcome"]).label,
                        row["text"]
                        + (
                            f" ({_('Initiative')}: {row['initiative']})"
                            if row["initiative"]
                            else ""
                        ),
                    ]
                    for row in data["decisions"]
                ],
            )
        ]
    }


DISPLAYS = {
    PaperBlock.Kind.INITIATIVE_STATUS: _display_initiative_status,
    PaperBlock.Kind.TRAFFIC_LIGHTS: _display_traffic_lights,
    PaperBlock.Kind.INDICATOR_CHART: _display_indicator_chart,
    PaperBlock.Kind.STEERING_DECISIONS: _display_steering_decisions,
}


def section_headings():
    return {
        "resolution_proposal": _("Proposed resolution"),
        "preliminary_remark": _("Preliminary remark"),
        "explanation": _("Facts and explanations"),
    }


def _financial_rows(financial):
    effect = financial["budget_effect"]
    rows = [
        (_("Affects the budget"), _yes_no(financial["affects_budget"])),
        (_("Income or expense"), Paper.BudgetEffect(effect).label if effect else "–"),
        (
            _("Amount"),
            _euro(financial["budget_amount"]) if financial["budget_amount"] else "–",
        ),
        (_("Funds available"), _yes_no(financial["funds_available"])),
        (_("Unplanned or extra-budgetary spending"), _yes_no(financial["unplanned_spending"])),
        (_("Cover proposal"), financial["cover_proposal"] or "–"),
        (_("Follow-up costs"), financial["follow_up_costs"] or "–"),
    ]
    return [{"label": str(label), "value": str(value)} for label, value in rows]


def _consultation_rows(consultations, include_internal):
    return [
        {
            "position": str(number),
            "committee": row["committee"] or "–",
            "date": _date(row["date"]) or "–",
            "role": row["role"] or "–",
            "authoritative": _("decides") if row["authoritative"] else _("advises"),
            "public": _("public") if row["is_public"] else _("non-public"),
            "result": Consultation.Result(row["result"]).label if row["result"] else "–",
        }
        for number, row in enumerate(
            (row for row in consultations if include_internal or row["is_public"]), start=1
        )
    ]


def kind_label(content):
    return content["paper_type"] or str(Paper.Kind(content["kind"]).label)


def display(content, *, include_internal):
    """`content` (from paper_content or a version) as labelled rows for page, PDF and DOCX.

    `include_internal`: whether non-public consultations are shown (not to the public).
    """
    headings = section_headings()
    sections = [
        {"heading": str(headings[name]), "paragraphs": _paragraphs(content["sections"][name])}
        for name in SECTIONS
        if content["sections"][name].strip()
    ]
    blocks = []
    for index, block in enumerate(content["blocks"], start=1):
        shown = {"heading": block["title"], "chart": None, "empty": ""}
        shown.update(DISPLAYS[block["kind"]](block["data"], index))
        for table in shown["tables"]:
            if not table["rows"] and not shown["empty"]:
                shown["empty"] = _("No entries.")
        blocks.append(shown)
    title = " ".join(part for part in (kind_label(content), content["reference"]) if part)
    facts = [
        (_("Kind"), kind_label(content)),
        (_("Reference number"), content["reference"] or "–"),
        (_("Date"), _date(content["date"])),
        (_("Originator"), content["originator"] or "–"),
        (_("Public"), _yes_no(content["is_public"])),
    ]
    return {
        "title": f"{title}: {content['subject']}",
        "subject": content["subject"],
        "kind_label": kind_label(content),
        "facts": [{"label": str(label), "value": str(value)} for label, value in facts],
        "sections": sections,
        "blocks": blocks,
        "financial": _financial_rows(content["financial"]),
        "consultations": _consultation_rows(content["consultations"], include_internal),
        "files": [row["name"] for row in content["files"]],
        # Versions finalised before the names were kept have none.
        "initiatives": content.get("initiatives", []),
    }


def labels():
    """Headings and column titles of the files and the page (translated)."""
    return {
        "facts": _("Details of the paper"),
        "subject": _("Subject"),
        "blocks": _("Data from the register"),
        "financial": _("Financial effects"),
        "consultations": _("Consultation sequence"),
        "position": _("No."),
        "committee": _("Committee"),
        "date": _("Session date"),
        "role": _("Role"),
        "authoritative": _("Competence"),
        "public": _("Public"),
        "result": _("Result"),
        "no_consultations": _("No consultations planned yet."),
        "files": _("Attachments"),
        "label": _("Detail"),
        "value": _("Value"),
    }
