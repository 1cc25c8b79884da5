"""What the public portal shows, and only that.

`published_goals`, `published_initiatives` and `public_council_decisions` are the portal's
public selection; the open-data app reads the same functions, so both publish the same. A
published goal's or initiative's approved summary is `obj.publication.summary` (loaded with
it), approved on `obj.publication.approved_at`.

Everything else a public page shows is read from that selection: the published initiatives'
milestones and grants, the public decisions on them, the published goals' indicators. Nothing
here reads a status report, an internal note, a draft or a person responsible. Every page runs
a fixed number of queries, whatever the size of the register.
"""

import copy
import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Max,
    Min,
    Prefetch,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.queries import last_change_at
from council.actions import OPEN_STATES
from council.models import CouncilDecision
from governance.models import Decision, Organization
from online_services import analysis
from online_services.models import (
    MaturityAssessment,
    MaturityLevel,
    MaturityModel,
    ServiceOffer,
)
from oparl.queries import public_consultations, public_organizations, public_papers
from papers.queries import paper_heading
from portfolio.models import BudgetLine, Initiative, Milestone
from reports.models import ProgressReport
from smartkreis import charts
from strategy import rules
from strategy.models import FieldOfAction, Goal, IndicatorValue
from strategy.queries import indicator_chart, indicators_with_latest_value

from .forms import DecisionFilterForm, ServiceSearchForm
from .models import Publication

PUBLISHED = Publication.State.PUBLISHED
DECISIONS_PAGE_SIZE = 25
SERVICES_PAGE_SIZE = 25
PAPERS_PAGE_SIZE = 25
RECENT_CHANGES = 8
FEED_ENTRIES = 30
STATUS_COLOURS = ["#4d4d4d", "#6b3fa0", "#005a9c", "#1f7a3a", "#b3261e"]


def published_goals():
    """The goals whose summary is published, with their publication and field loaded."""
    return Goal.objects.filter(publication__state=PUBLISHED).select_related(
        "publication", "field", "owner_unit"
    )


def published_initiatives():
    """The initiatives whose summary is published, with their publication, responsible body
    and unit loaded."""
    return Initiative.objects.filter(publication__state=PUBLISHED).select_related(
        "publication", "owner_body", "owner_unit"
    )


def public_council_decisions():
    """The council decisions the public may read: taken in a public consultation (not the
    steering group's) of a published public paper, as the OParl API publishes them."""
    return CouncilDecision.objects.filter(
        consultation__in=public_consultations().filter(is_public=True)
    ).select_related(
        "consultation__paper__published_version",
        "consultation__organization",
        "owner_unit",
    )


def public_steering_decisions():
    """The steering group's decisions on agenda items it marked public."""
    return Decision.objects.filter(agenda_item__is_public=True).select_related(
        "agenda_item__meeting__organization"
    )


def public_progress_reports():
    """Progress reports issued to a public committee (not the steering group)."""
    return ProgressReport.objects.filter(
        status=ProgressReport.Status.ISSUED, committee__in=public_organizations()
    ).select_related("committee")


# Decisions as the public reads them ---------------------------------------------------------


@dataclass
class PublicDecision:
    decision: CouncilDecision
    heading: object  # papers.queries.PaperHeading of the published version
    committee: Organization
    is_overdue: bool
    initiatives: list


def _public_decision_rows(decisions, today):
    anonymous = AnonymousUser()
    return [
        PublicDecision(
            decision=decision,
            heading=paper_heading(anonymous, decision.consultation.paper),
            committee=decision.consultation.organization,
            is_overdue=decision.state in OPEN_STATES
            and decision.deadline is not None
            and decision.deadline < today,
            initiatives=decision.public_initiatives,
        )
        for decision in decisions
    ]


def _with_public_initiatives(decisions):
    return decisions.prefetch_related(
        Prefetch(
            "initiatives",
            queryset=published_initiatives().order_by("title", "pk"),
            to_attr="public_initiatives",
        )
    )


def _decisions_behind(initiative_ids, today):
    """(council decisions, steering-group decisions) on the given initiatives, public only."""
    council = _with_public_initiatives(
        public_council_decisions()
        .filter(initiatives__in=initiative_ids)
        .distinct()
        .order_by("-decided_on", "-pk")
    )
    steering = public_steering_decisions().filter(initiative__in=initiative_ids)
    return (
        _public_decision_rows(council, today),
        list(steering.select_related("initiative").order_by("-decided_on", "-pk")),
    )


# Goals and indicators ------------------------------------------------------------------------


def _indicators_prefetch():
    return Prefetch(
        "indicators",
        queryset=indicators_with_latest_value().order_by("name", "pk"),
        to_attr="indicator_list",
    )


def _with_progress(goal):
    for indicator in goal.indicator_list:
        indicator.progress = rules.indicator_progress(
            baseline=indicator.baseline_value,
            target=indicator.target_value,
            latest=indicator.latest_value,
        )
    goal.progress = rules.goal_progress(i.progress for i in goal.indicator_list)
    goal.as_of = max(
        (i.latest_measured_on for i in goal.indicator_list if i.latest_measured_on), default=None
    )
    return goal


@dataclass
class FieldSection:
    field: FieldOfAction
    goals: list
    chart: charts.Chart


def _field_sections():
    fields = {f.pk: f for f in FieldOfAction.objects.order_by("is_cross_cutting", "position")}
    goals = [
        _with_progress(goal)
        for goal in published_goals()
        .prefetch_related(_indicators_prefetch())
        .order_by("position", "title", "pk")
    ]
    by_field = {}
    for goal in goals:
        by_field.setdefault(goal.field_id, []).append(goal)
    return [
        FieldSection(
            field=fields[field_id],
            goals=field_goals,
            chart=charts.bar_chart(
                chart_id=f"field-{field_id}-progress",
                title=_("Progress of the goals: %(field)s") % {"field": fields[field_id].name},
                items=[(goal.title, goal.progress) for goal in field_goals],
                category_title=_("Goal"),
                value_title=_("Progress (%)"),
                value_max=100,
                value_suffix=" %",
            ),
        )
        for field_id in fields
        if (field_goals := by_field.get(field_id))
    ]


# Key figures ----------------------------------------------------------------------------------


@dataclass
class KeyFigures:
    initiatives: int
    by_field_and_status: charts.Chart
    grant_total: object
    grant_programmes: int


def _key_figures():
    published = published_initiatives()
    counts = {
        (row["fields"], row["status"]): row["count"]
        for row in Initiative.objects.filter(pk__in=published.values("pk"))
        .values("fields", "status")
        .annotate(count=Count("pk"))
    }
    grants = BudgetLine.objects.filter(
        initiative__in=published.values("pk"), funding_source=BudgetLine.FundingSource.GRANT
    ).aggregate(total=Sum("grant_amount"), programmes=Count("grant_programme", distinct=True))
    field_choices = [
        (f.pk, f.name) for f in FieldOfAction.objects.order_by("is_cross_cutting", "position")
    ]
    chart = charts.stacked_bar_chart(
        chart_id="initiatives-by-field",
        title=_("Published initiatives by field of action and status"),
        categories=field_choices,
        series=list(Initiative.Status.choices),
        counts=counts,
        category_title=_("Field of action"),
        series_title=_("Status"),
        value_title=_("Initiatives"),
        total_title=_("Total"),
        colours=STATUS_COLOURS,
    )
    return KeyFigures(
        initiatives=published.count(),
        by_field_and_status=chart,
        grant_total=grants["total"] or 0,
        grant_programmes=grants["programmes"],
    )


# What changed ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One published change, for the start page and the Atom feed."""

    at: datetime.datetime
    kind: str
    title: str
    url: str
    text: str = ""
    key: str = ""


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def recent_changes(limit):
    """The newest published changes: summaries approved, progress reports issued, papers
    published. Three queries."""
    changes = []
    for publication in (
        Publication.objects.filter(state=PUBLISHED)
        .select_related("goal", "initiative")
        .order_by("-approved_at", "-pk")[:limit]
    ):
        subject = publication.subject
        is_goal = publication.goal_id is not None
        changes.append(
            Change(
                at=publication.approved_at,
                kind=_("Goal") if is_goal else _("Initiative"),
                title=subject.title,
                url=public_url(subject),
                text=publication.summary,
                key=f"publication-{publication.pk}-{publication.approved_at:%Y%m%d%H%M%S}",
            )
        )
    for report in public_progress_reports().order_by("-issued_on", "-pk")[:limit]:
        changes.append(
            Change(
                at=_midnight(report.issued_on),
                kind=_("Progress report"),
                title=report.title,
                url=report_pdf_url(report),
                text=_("Issued to %(committee)s") % {"committee": report.committee.name},
                key=f"report-{report.pk}",
            )
        )
    anonymous = AnonymousUser()
    for paper in (
        public_papers()
        .select_related("published_version")
        .order_by("-published_version__finalised_at", "-pk")[:limit]
    ):
        heading = paper_heading(anonymous, paper)
        changes.append(
            Change(
                at=paper.published_version.finalised_at,
                kind=heading.kind,
                title=str(heading),
                url=paper.get_absolute_url(),
                key=f"paper-{paper.pk}-{paper.published_version.number}",
            )
        )
    return sorted(changes, key=lambda change: change.at, reverse=True)[:limit]


def public_url(subject):
    name = "portal:goal" if isinstance(subject, Goal) else "portal:initiative"
    return reverse(name, args=[subject.pk])


def report_pdf_url(report):
    return reverse("portal:report_pdf", args=[report.pk])


# Pages ----------------------------------------------------------------------------------------


@dataclass
class StartPage:
    fields: list
    key_figures: KeyFigures
    changes: list
    as_of: datetime.datetime | None


def start_page():
    return StartPage(
        fields=_field_sections(),
        key_figures=_key_figures(),
        changes=recent_changes(RECENT_CHANGES),
        as_of=last_change_at(),
    )


# The measured values per indicator that a goal's page shows, the latest: an indicator read
# daily for years would make a chart nobody can read and a page of megabytes. The open data
# (dataset "kennzahlen") hold every value.
PUBLIC_SERIES_LENGTH = 60


@dataclass
class IndicatorSection:
    indicator: object
    chart: charts.Chart
    shown: int  # measured values in the chart and its table
    total: int  # measured values of the indicator


def _latest_values(indicator_ids, limit):
    """Per indicator: its latest `limit` values in date order, and how many it has (one
    query, the database ranks them)."""
    by_indicator = F("indicator_id")
    ranked = (
        IndicatorValue.objects.filter(indicator__in=indicator_ids)
        .annotate(
            newest_first=Window(
                RowNumber(),
                partition_by=by_indicator,
                order_by=[F("measured_on").desc(), F("pk").desc()],
            ),
            of_indicator=Window(Count("pk"), partition_by=by_indicator),
        )
        .filter(newest_first__lte=limit)
        .order_by("indicator_id", "measured_on", "pk")
    )
    values, totals = {}, {}
    for value in ranked:
        values.setdefault(value.indicator_id, []).append(value)
        totals[value.indicator_id] = value.of_indicator
    return values, totals


@dataclass
class GoalPage:
    goal: Goal
    indicators: list
    initiatives: list
    council_decisions: list
    steering_decisions: list


def goal_page(pk, *, today):
    goal = published_goals().filter(pk=pk).prefetch_related(_indicators_prefetch()).first()
    if goal is None:
        raise Http404
    _with_progress(goal)
    values, totals = _latest_values([i.pk for i in goal.indicator_list], PUBLIC_SERIES_LENGTH)
    initiatives = list(published_initiatives().filter(goals=goal).order_by("title", "pk"))
    council, steering = _decisions_behind([i.pk for i in initiatives], today)
    return GoalPage(
        goal=goal,
        indicators=[
            IndicatorSection(
                indicator=i,
                chart=indicator_chart(i, values.get(i.pk, [])),
                shown=len(values.get(i.pk, [])),
                total=totals.get(i.pk, 0),
            )
            for i in goal.indicator_list
        ],
        initiatives=initiatives,
        council_decisions=council,
        steering_decisions=steering,
    )


@dataclass
class Grant:
    programme: str
    amount: object
    years: str


@dataclass
class InitiativePage:
    initiative: Initiative
    fields: list
    goals: list
    milestones: list
    grants: list
    parent: Initiative | None
    children: list
    council_decisions: list
    steering_decisions: list


def _grants(initiative):
    rows = (
        initiative.budget_lines.filter(funding_source=BudgetLine.FundingSource.GRANT)
        .values("grant_programme")
        .annotate(amount=Sum("grant_amount"), first=Min("year"), last=Max("year"))
        .order_by("grant_programme")
    )
    return [
        Grant(
            programme=row["grant_programme"],
            amount=row["amount"],
            years=str(row["first"])
            if row["first"] == row["last"]
            else f"{row['first']}–{row['last']}",
        )
        for row in rows
    ]


def initiative_page(pk, *, today):
    initiative = published_initiatives().filter(pk=pk).first()
    if initiative is None:
        raise Http404
    published = published_initiatives()
    council, steering = _decisions_behind([initiative.pk], today)
    # Shown only while it is published itself; always asked, so the queries stay the same.
    parent = published.filter(pk=initiative.parent_id).first()
    return InitiativePage(
        initiative=initiative,
        fields=list(initiative.fields.order_by("is_cross_cutting", "position")),
        goals=list(published_goals().filter(initiatives=initiative).order_by("position", "pk")),
        milestones=list(
            Milestone.objects.filter(initiative=initiative).order_by("planned_date", "pk")
        ),
        grants=_grants(initiative),
        parent=parent,
        children=list(published.filter(parent=initiative).order_by("title", "pk")),
        council_decisions=council,
        steering_decisions=steering,
    )


@dataclass
class DecisionsPage:
    form: DecisionFilterForm
    page_obj: object
    rows: list


def decisions_page(params, *, page_number, today):
    """The public council decisions and their implementation, filtered; overdue and open
    ones first, by deadline, then the rest, newest first."""
    form = DecisionFilterForm(params or None)
    filters = form.filters()
    decisions = public_council_decisions()
    if "organization" in filters:
        decisions = decisions.filter(consultation__organization=filters["organization"])
    if "state" in filters:
        decisions = decisions.filter(state=filters["state"])
    if "year" in filters:
        decisions = decisions.filter(decided_on__year=filters["year"])
    decisions = _with_public_initiatives(
        decisions.annotate(
            is_open=Case(
                When(state__in=OPEN_STATES, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        ).order_by("-is_open", "deadline", "-decided_on", "-pk")
    )
    page_obj = Paginator(decisions, DECISIONS_PAGE_SIZE).get_page(page_number)
    return DecisionsPage(
        form=form, page_obj=page_obj, rows=_public_decision_rows(page_obj.object_list, today)
    )


# Online services -------------------------------------------------------------------------------

PORTAL_MODEL = "OZG-2.0"
# The levels of the OZG maturity model 2.0 in everyday words (its own names are technical).
PLAIN_LEVELS = {
    0: gettext_lazy("You can use the service only on paper or in person."),
    1: gettext_lazy("You find information about the service online."),
    2: gettext_lazy("You fill in and send the application online."),
    3: gettext_lazy(
        "Everything you do happens online: you prove who you are, send your documents and "
        "receive the answer online."
    ),
    4: gettext_lazy("Your application reaches the office's system without being typed in again."),
    5: gettext_lazy(
        "The office fetches documents it already holds itself: you need not send them."
    ),
    6: gettext_lazy(
        "The service is linked to the common building blocks: user account with mailbox, status "
        "of your application online, electronic file, online payment."
    ),
    7: gettext_lazy("The whole process is digital from your application to the answer."),
}


@dataclass
class BodyMaturity:
    body: object
    online: int
    coverage: str
    mean_level: str


@dataclass
class ServicesPage:
    form: ServiceSearchForm
    searched: bool
    page_obj: object
    overview: object  # ServicesOverview


def _maturity_model():
    return (
        MaturityModel.objects.filter(code=PORTAL_MODEL).first()
        or MaturityModel.objects.order_by("code").first()
    )


@dataclass
class ServicesOverview:
    model: object
    levels: list
    maturity: list
    map: dict
    as_of: datetime.date | None


def services_overview():
    """The maturity per body with the levels in plain words, and the map with its table."""
    bodies = analysis.analysis_bodies(AnonymousUser())
    model = _maturity_model()
    return ServicesOverview(
        model=model,
        levels=[
            {"level": level.level, "name": level.name, "plain": PLAIN_LEVELS.get(level.level, "")}
            for level in MaturityLevel.objects.filter(model=model).order_by("level")
        ],
        maturity=[
            BodyMaturity(
                body=row.body,
                online=row.online,
                coverage=charts.format_number(row.coverage, 1) + " %",
                mean_level=charts.format_number(row.mean_level, 1),
            )
            for row in analysis.body_coverage(bodies, model)
        ],
        map=analysis.coverage_map(bodies, model),
        as_of=MaturityAssessment.objects.filter(
            offer__body__in=[body.pk for body in bodies]
        ).aggregate(last=Max("assessed_on"))["last"],
    )


def services_page(params, *, page_number, cached):
    """Which services can be used online in which municipality: a search by service and
    municipality, and the overview (`cached(name, compute)` keeps it between changes)."""
    bodies = analysis.analysis_bodies(AnonymousUser())
    form = ServiceSearchForm(params or None, bodies=bodies)
    filters = form.filters()
    offers = ServiceOffer.objects.filter(
        body__in=[body.pk for body in bodies], status=ServiceOffer.Status.ONLINE
    ).exclude(url="")
    if "q" in filters:
        offers = offers.filter(
            Q(service__name__icontains=filters["q"])
            | Q(leika_service__name__icontains=filters["q"])
        )
    if "body" in filters:
        offers = offers.filter(body=filters["body"])
    offers = offers.select_related("body", "service", "leika_service").order_by(
        "service__name", "body__kind", "body__name", "pk"
    )
    return ServicesPage(
        form=form,
        searched=bool(filters),
        page_obj=Paginator(offers, SERVICES_PAGE_SIZE).get_page(page_number),
        overview=cached("services-overview", services_overview),
    )


# Documents -------------------------------------------------------------------------------------


@dataclass
class DocumentsPage:
    reports: list
    papers: object
    headings: list


def documents_page(*, page_number):
    """Issued progress reports (public edition) and published papers, as PDF downloads."""
    papers = public_papers().select_related("published_version").order_by("-date", "-pk")
    page_obj = Paginator(papers, PAPERS_PAGE_SIZE).get_page(page_number)
    anonymous = AnonymousUser()
    return DocumentsPage(
        reports=list(public_progress_reports().order_by("-issued_on", "-pk")),
        papers=page_obj,
        headings=[paper_heading(anonymous, paper) for paper in page_obj.object_list],
    )


def public_report_data(report):
    """The public edition of an issued report's frozen data: only published initiatives and
    goals' indicators and their milestones; without the steering group's internal decisions,
    the overdue lists and initiatives no longer in the report."""
    data = copy.deepcopy(report.snapshot)
    published = {str(pk): ref for pk, ref in _published_references()}
    indicators = set(
        published_goals()
        .values_list("indicators__name", flat=True)
        .exclude(indicators__isnull=True)
    )
    data["initiatives"] = {
        key: entry for key, entry in data["initiatives"].items() if key in published
    }
    data["removed"] = []
    data["indicators"] = [row for row in data["indicators"] if row["name"] in indicators]
    references = set(published.values())
    for name in ("milestones_reached", "milestones_next"):
        data[name] = [row for row in data[name] if row["initiative"].split(" ", 1)[0] in references]
    data["decisions"] = []
    empty = {"count": 0, "rows": []}
    for name in ("overdue_reports", "overdue_milestones", "overdue_action_items"):
        data[name] = empty
    return data


def _published_references():
    return [
        (pk, Initiative(pk=pk).reference)
        for pk in published_initiatives().values_list("pk", flat=True)
    ]


def public_report(pk):
    """An issued public report with its public edition as its snapshot (not saved), or None."""
    report = public_progress_reports().filter(pk=pk).first()
    if report is None:
        return None
    public = copy.copy(report)
    public.snapshot = public_report_data(report)
    return public


def public_report_or_404(pk):
    report = public_report(pk)
    if report is None:
        raise Http404
    return report


def feed_entries():
    return recent_changes(FEED_ENTRIES)


# The staff unit's pages ------------------------------------------------------------------------

MANAGE_PAGE_SIZE = 50


@dataclass
class ManageListPage:
    goals: list
    initiatives: object


def manage_list_page(*, page_number):
    """Every goal, and the initiatives page by page, each with its publication (or None)."""
    goals = list(
        Goal.objects.select_related("field", "publication").order_by(
            "field__is_cross_cutting", "field__position", "position", "pk"
        )
    )
    initiatives = Initiative.objects.select_related("owner_body", "publication").order_by(
        "title", "pk"
    )
    return ManageListPage(
        goals=goals, initiatives=Paginator(initiatives, MANAGE_PAGE_SIZE).get_page(page_number)
    )


SUBJECT_MODELS = {"goal": Goal, "initiative": Initiative}


@dataclass
class ManageSubjectPage:
    kind: str
    subject: object
    publication: Publication | None
    public_url: str


def manage_subject_page(kind, pk):
    """The goal or initiative `kind`/`pk` with its publication (None if never written)."""
    subject = SUBJECT_MODELS[kind].objects.select_related("publication").filter(pk=pk).first()
    if subject is None:
        raise Http404
    return ManageSubjectPage(
        kind=kind,
        subject=subject,
        publication=getattr(subject, "publication", None),
        public_url=public_url(subject),
    )
