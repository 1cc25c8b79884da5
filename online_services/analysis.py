"""The read side of the online services: matrix, coverage, trend, gaps and the map's figures.

Visibility (decided for issue 5): an offer's status and maturity level are not secret between
the county and its municipalities – comparing them is how they learn from each other – so every
logged-in (internal) user sees them for the county and all its municipalities. Assessment notes
are the assessing body's internal remarks: nothing here reads `MaturityAssessment.note`.

Coverage is the share of the catalogue's OZG services a body offers online; mean maturity is
the mean current level of a body's offers assessed in one maturity model (levels of different
models are not comparable, so the pages let the user choose the model).

Every function runs a fixed number of queries, whatever the number of bodies and services.
"""

import datetime
import hashlib
import html
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import TruncQuarter
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from audit.queries import last_change_at
from organisations.models import Body
from smartkreis import charts

from . import map as area_map
from .models import (
    LeikaService,
    LifeSituation,
    MaturityAssessment,
    MaturityModel,
    OZGService,
    ServiceOffer,
    ServiceTopic,
)
from .permissions import can_view_body

MATRIX_PAGE_SIZE = 50
GAPS_PAGE_SIZE = 50
TREND_QUARTERS = 12
# A safety net: a change the audit trail missed shows after this long at the latest.
COVERAGE_CACHE_SECONDS = 600
ONLINE = ServiceOffer.Status.ONLINE

# A shape per status, so the matrix never says anything by colour alone.
STATUS_SYMBOLS = {
    ServiceOffer.Status.ONLINE: "●",
    ServiceOffer.Status.IN_PROGRESS: "◐",
    ServiceOffer.Status.PLANNED: "○",
}
NO_OFFER_SYMBOL = "–"


def analysis_bodies(user):
    """The county the user belongs to (or the first county) and its municipalities, in order.

    One query: the candidates are few (a county has some dozen municipalities).
    """
    candidates = list(
        Body.objects.filter(kind__in=[Body.Kind.COUNTY, Body.Kind.MUNICIPALITY]).order_by(
            "kind", "name"
        )
    )
    counties = [body.pk for body in candidates if body.kind == Body.Kind.COUNTY]
    # Anonymous visitors (the public portal) have no body: they see the first county.
    own = next((body for body in candidates if body.pk == getattr(user, "body_id", None)), None)
    if own is not None and own.kind == Body.Kind.COUNTY:
        county_id = own.pk
    elif own is not None and own.parent_id in counties:
        county_id = own.parent_id
    else:
        county_id = counties[0] if counties else None
    return [
        body
        for body in candidates
        if body.pk == county_id
        or (body.kind == Body.Kind.MUNICIPALITY and body.parent_id == county_id)
    ]


def _percent(part, whole):
    return 100 * part / whole if whole else 0.0


# Matrix -----------------------------------------------------------------------------------


class LifeSituationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.topic.name})"


class MatrixFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        ServiceTopic.objects.order_by("name"), required=False, label=gettext_lazy("OZG topic")
    )
    life_situation = LifeSituationChoiceField(
        LifeSituation.objects.select_related("topic").order_by("name", "topic__name"),
        required=False,
        label=gettext_lazy("Life situation"),
    )
    responsibility = forms.ChoiceField(
        choices=[("", gettext_lazy("- Select an option -")), *LeikaService.Responsibility.choices],
        required=False,
        label=gettext_lazy("Responsibility"),
        help_text=gettext_lazy("By the LeiKa services the OZG service bundles."),
    )
    offered = forms.BooleanField(
        required=False, label=gettext_lazy("Only services offered online somewhere")
    )


@dataclass(frozen=True)
class MatrixWords:
    """The matrix's words, translated once per page: a page has up to 1,000 cells."""

    statuses: dict
    not_offered: str
    with_level: str

    @classmethod
    def in_current_language(cls):
        return cls(
            statuses={status: str(status.label) for status in ServiceOffer.Status},
            not_offered=_("not offered"),
            with_level=_("%(status)s, maturity level %(level)s (%(model)s)"),
        )


@dataclass(frozen=True)
class MatrixCell:
    """A body's offer of a service as the matrix shows it; status None: not offered."""

    status: str | None
    level: int | None
    model_name: str
    words: MatrixWords
    # The offer's page, where the user may open it (details stay with the body and county).
    url: str = ""

    @property
    def symbol(self):
        return STATUS_SYMBOLS[self.status] if self.status else NO_OFFER_SYMBOL

    @property
    def text(self):
        """The whole cell in words: status and maturity level with its model."""
        if self.status is None:
            return self.words.not_offered
        status = self.words.statuses[self.status]
        if self.level is None:
            return status
        return self.words.with_level % {
            "status": status,
            "level": self.level,
            "model": self.model_name,
        }

    @property
    def html(self):
        """Symbol and level for the eye, the words for screen readers, linked where allowed.
        Plain string formatting with html.escape (what Django's escape does): a page has up
        to 1,000 cells, and templates or format_html took most of the page's time."""
        shown = self.symbol if self.level is None else f"{self.symbol} {self.level}"
        content = (
            f'<span aria-hidden="true">{shown}</span>'
            f'<span class="sk-visually-hidden">{html.escape(self.text)}</span>'
        )
        if self.url:
            return f'<a class="kern-link" href="{html.escape(self.url)}">{content}</a>'
        return content


@dataclass(frozen=True)
class MatrixRow:
    service: OZGService
    cells: list

    @property
    def cells_html(self):
        # Safe: every text in a cell's html is escaped there.
        return mark_safe(
            "".join(f'<td class="kern-table__cell">{cell.html}</td>' for cell in self.cells)
        )


def _offer_urls():
    """pk -> the offer's page, reversed once (a reverse() per linked cell cost ~25 ms)."""
    placeholder = "2147483647"
    prefix, suffix = reverse("online_services:offer_detail", args=[placeholder]).split(placeholder)
    return lambda pk: f"{prefix}{pk}{suffix}"


def filter_services(services, form, bodies):
    """The services narrowed by a valid MatrixFilterForm."""
    data = form.cleaned_data
    if data["topic"]:
        services = services.filter(topic=data["topic"])
    if data["life_situation"]:
        services = services.filter(life_situation=data["life_situation"])
    if data["responsibility"]:
        services = services.filter(
            Exists(
                LeikaService.objects.filter(
                    ozg_service=OuterRef("pk"), responsibility=data["responsibility"]
                )
            )
        )
    if data["offered"]:
        services = services.filter(
            Exists(
                ServiceOffer.objects.filter(
                    service=OuterRef("pk"), status=ONLINE, body__in=[body.pk for body in bodies]
                )
            )
        )
    return services


def matrix(*, user, params, page_number):
    """The form, the bodies (columns) and one page of rows (services with a cell per body)."""
    bodies = analysis_bodies(user)
    form = MatrixFilterForm(params)
    services = OZGService.objects.order_by("name", "pk")
    services = filter_services(services, form, bodies) if form.is_valid() else services.none()
    page_obj = Paginator(services, MATRIX_PAGE_SIZE).get_page(page_number)
    offers = {
        (service_id, body_id): offer
        for service_id, body_id, *offer in ServiceOffer.objects.filter(
            service__in=[service.pk for service in page_obj.object_list],
            body__in=[body.pk for body in bodies],
        ).values_list(
            "service_id", "body_id", "pk", "status", "current_level", "current_model__name"
        )
    }
    openable = {body.pk for body in bodies if can_view_body(user, body)}
    words = MatrixWords.in_current_language()
    offer_url = _offer_urls()

    def cell(service, body):
        offer = offers.get((service.pk, body.pk))
        if offer is None:
            return MatrixCell(None, None, "", words)
        pk, status, level, model_name = offer
        url = offer_url(pk) if body.pk in openable else ""
        return MatrixCell(status, level, model_name or "", words, url)

    rows = [
        MatrixRow(service=service, cells=[cell(service, body) for body in bodies])
        for service in page_obj.object_list
    ]
    return {"form": form, "bodies": bodies, "page_obj": page_obj, "rows": rows}


# Coverage and maturity ----------------------------------------------------------------------


class MaturityModelForm(forms.Form):
    """The maturity model whose levels are averaged."""

    model = forms.ModelChoiceField(
        MaturityModel.objects.order_by("code"),
        required=False,
        to_field_name="code",
        label=gettext_lazy("Maturity model"),
        empty_label=None,
    )


def chosen_model(params, bodies):
    """The model chosen in `params`, else the one most offers of `bodies` are currently
    assessed in (counting the analysed county's offers only, not every body's in the Land)."""
    form = MaturityModelForm(params)
    if form.is_valid() and form.cleaned_data["model"]:
        return form, form.cleaned_data["model"]
    most_used = (
        ServiceOffer.objects.filter(
            body__in=[body.pk for body in bodies], current_model__isnull=False
        )
        .values("current_model")
        .annotate(offers=Count("pk"))
        .order_by("-offers", "current_model")
        .first()
    )
    model = (
        MaturityModel.objects.filter(pk=most_used["current_model"]).first()
        if most_used
        else MaturityModel.objects.order_by("code").first()
    )
    form = MaturityModelForm(initial={"model": model.code if model else None})
    return form, model


@dataclass(frozen=True)
class BodyCoverage:
    body: Body
    online: int
    services: int
    mean_level: float | None

    @property
    def coverage(self):
        return _percent(self.online, self.services)


def body_coverage(bodies, model):
    """Per body: online offers, the catalogue's size, mean level in `model` (two queries)."""
    services = OZGService.objects.count()
    figures = {
        row["body"]: row
        for row in ServiceOffer.objects.filter(body__in=[body.pk for body in bodies])
        .values("body")
        .annotate(
            online=Count("pk", filter=Q(status=ONLINE)),
            mean_level=Avg("current_level", filter=Q(current_model=model)),
        )
        .order_by()
    }
    return [
        BodyCoverage(
            body=body,
            online=figures.get(body.pk, {}).get("online", 0),
            services=services,
            mean_level=figures.get(body.pk, {}).get("mean_level"),
        )
        for body in bodies
    ]


@dataclass(frozen=True)
class TopicCoverage:
    topic: ServiceTopic
    online: int
    possible: int
    mean_level: float | None

    @property
    def coverage(self):
        return _percent(self.online, self.possible)


def topic_coverage(bodies, model):
    """Per Themenfeld: online offers of all bodies against services × bodies; mean level."""
    topics = (
        ServiceTopic.objects.annotate(service_count=Count("services"))
        .filter(service_count__gt=0)
        .order_by("name")
    )
    figures = {
        row["service__topic"]: row
        for row in ServiceOffer.objects.filter(body__in=[body.pk for body in bodies])
        .values("service__topic")
        .annotate(
            online=Count("pk", filter=Q(status=ONLINE)),
            mean_level=Avg("current_level", filter=Q(current_model=model)),
        )
        .order_by()
    }
    return [
        TopicCoverage(
            topic=topic,
            online=figures.get(topic.pk, {}).get("online", 0),
            possible=topic.service_count * len(bodies),
            mean_level=figures.get(topic.pk, {}).get("mean_level"),
        )
        for topic in topics
    ]


def _quarter_start(day):
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(start):
    return datetime.date(start.year + start.month // 10, (start.month + 2) % 12 + 1, 1)


def quarter_label(start):
    return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}


@dataclass(frozen=True)
class QuarterFigures:
    start: datetime.date
    online: int
    coverage: float
    mean_level: float | None

    @property
    def label(self):
        return quarter_label(self.start)


def trend(bodies, model, *, today, quarters=TREND_QUARTERS):
    """The last `quarters` quarters up to today's: coverage and mean level at each quarter's end.

    Online offers count from their `online_since` (offers online without a date are left out);
    the level at a quarter's end is each offer's latest assessment in `model` up to that day.
    """
    body_ids = [body.pk for body in bodies]
    possible = OZGService.objects.count() * len(bodies)
    went_online = (
        ServiceOffer.objects.filter(body__in=body_ids, status=ONLINE, online_since__isnull=False)
        .annotate(quarter=TruncQuarter("online_since"))
        .values("quarter")
        .annotate(offers=Count("pk"))
        .order_by("quarter")
    )
    online_by_quarter = {row["quarter"]: row["offers"] for row in went_online}
    assessments = (
        MaturityAssessment.objects.filter(offer__body__in=body_ids, model=model)
        .order_by("assessed_on", "pk")
        .values_list("offer_id", "assessed_on", "level")
    )
    starts = [_quarter_start(today)]
    while len(starts) < quarters:
        previous = starts[0]
        starts.insert(0, _quarter_start(previous - datetime.timedelta(days=1)))
    online = sum(offers for start, offers in online_by_quarter.items() if start < starts[0])
    levels = {}
    pending = iter(assessments)
    assessment = next(pending, None)
    result = []
    for start in starts:
        end = _next_quarter(start)
        online += online_by_quarter.get(start, 0)
        while assessment is not None and assessment[1] < end:
            levels[assessment[0]] = assessment[2]
            assessment = next(pending, None)
        result.append(
            QuarterFigures(
                start=start,
                online=online,
                coverage=_percent(online, possible),
                mean_level=sum(levels.values()) / len(levels) if levels else None,
            )
        )
    return result


def _short(body):
    return body.short_name or body.name


def cached_coverage_charts(*, bodies, model, today):
    """coverage_charts(), kept in the cache until the next change anywhere (every change
    writes an audit entry): its trend reads every assessment of the county's offers, while
    the page is read far more often than offers change."""
    last_change = last_change_at()
    key = ":".join(
        [
            "online-services-coverage",
            hashlib.sha256(",".join(str(body.pk) for body in bodies).encode()).hexdigest()[:16],
            str(model.pk) if model else "-",
            today.isoformat(),
            get_language() or "",
            f"{last_change.timestamp():.6f}" if last_change else "-",
        ]
    )
    return cache.get_or_set(
        key,
        lambda: coverage_charts(bodies=bodies, model=model, today=today),
        COVERAGE_CACHE_SECONDS,
    )


def coverage_charts(*, bodies, model, today):
    """The coverage page's charts, each with its data table."""
    per_body = body_coverage(bodies, model)
    per_topic = topic_coverage(bodies, model)
    by_quarter = trend(bodies, model, today=today)
    model_name = model.name if model else _("no maturity model")
    return {
        "body_coverage": charts.bar_chart(
            chart_id="coverage-by-body",
            title=_("Share of OZG services offered online, per body"),
            items=[(_short(row.body), row.coverage) for row in per_body],
            category_title=_("Body"),
            value_title=_("Services online (%)"),
            value_max=100,
            decimal_places=1,
            value_suffix=" %",
        ),
        "body_maturity": charts.bar_chart(
            chart_id="maturity-by-body",
            title=_("Mean maturity level per body (%(model)s)") % {"model": model_name},
            items=[(_short(row.body), row.mean_level) for row in per_body],
            category_title=_("Body"),
            value_title=_("Mean maturity level"),
            decimal_places=1,
        ),
        "topic_coverage": charts.bar_chart(
            chart_id="coverage-by-topic",
            title=_("Share of possible offers online, per OZG topic"),
            items=[(row.topic.name, row.coverage) for row in per_topic],
            category_title=_("OZG topic"),
            value_title=_("Offers online (%)"),
            value_max=100,
            decimal_places=1,
            value_suffix=" %",
        ),
        "topic_maturity": charts.bar_chart(
            chart_id="maturity-by-topic",
            title=_("Mean maturity level per OZG topic (%(model)s)") % {"model": model_name},
            items=[(row.topic.name, row.mean_level) for row in per_topic],
            category_title=_("OZG topic"),
            value_title=_("Mean maturity level"),
            decimal_places=1,
        ),
        "trend_coverage": charts.bar_chart(
            chart_id="coverage-trend",
            title=_("Share of possible offers online at the end of each quarter"),
            items=[(row.label, row.coverage) for row in by_quarter],
            category_title=_("Quarter"),
            value_title=_("Offers online (%)"),
            value_max=100,
            decimal_places=1,
            value_suffix=" %",
        ),
        "trend_maturity": charts.bar_chart(
            chart_id="maturity-trend",
            title=_("Mean maturity level at the end of each quarter (%(model)s)")
            % {"model": model_name},
            items=[(row.label, row.mean_level) for row in by_quarter],
            category_title=_("Quarter"),
            value_title=_("Mean maturity level"),
            decimal_places=1,
        ),
    }


# Offered by most others but not by us -------------------------------------------------------


class GapsForm(forms.Form):
    body = forms.TypedChoiceField(coerce=int, label=gettext_lazy("Body"))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(body.pk, body.name) for body in bodies]


def default_body(user, bodies):
    """The user's own body when it is among `bodies`, else the county."""
    return next((body for body in bodies if body.pk == user.body_id), bodies[0] if bodies else None)


def gaps(*, bodies, body):
    """Services other bodies offer online and `body` does not, the most offered first.

    Each service carries `offered_by` (how many of the others offer it online) and
    `own_status` (the body's own offer, planned or in progress, if any).
    """
    others = [other.pk for other in bodies if other.pk != body.pk]
    own = ServiceOffer.objects.filter(service=OuterRef("pk"), body=body)
    return (
        # The others' online offers joined in the join's own condition: a filter on the count
        # would join every body's offers first (the whole Land's, not the county's).
        OZGService.objects.alias(
            online_elsewhere=FilteredRelation(
                "offers", condition=Q(offers__status=ONLINE, offers__body__in=others)
            )
        )
        .annotate(
            offered_by=Count("online_elsewhere"),
            own_status=Subquery(own.values("status")[:1]),
        )
        .filter(offered_by__gt=0)
        .exclude(Exists(own.filter(status=ONLINE)))
        .select_related("topic")
        .order_by("-offered_by", "name", "pk")
    )


# Map ----------------------------------------------------------------------------------------


def municipality_coverage(bodies, model):
    """Coverage and mean level of the municipalities (the map's areas), by AGS."""
    return {
        row.body.ags: row
        for row in body_coverage(bodies, model)
        if row.body.kind == Body.Kind.MUNICIPALITY and row.body.ags
    }


def coverage_map(bodies, model):
    """The map of the municipalities' coverage with its table rows, title and attribution."""
    by_ags = municipality_coverage(bodies, model)
    bounds = area_map.class_bounds(max((row.coverage for row in by_ags.values()), default=0))
    labels = area_map.class_labels(bounds)
    rows = []
    for area in area_map.areas():
        row = by_ags.get(area.ags)
        index = area_map.class_of(row.coverage, bounds) if row else None
        rows.append(
            {
                "name": area.name,
                "coverage": charts.format_number(row.coverage, 1) + " %" if row else "–",
                "online": charts.format_number(row.online, 0) if row else "–",
                "mean_level": charts.format_number(row.mean_level, 1) if row else "–",
                "class_label": labels[index] if index is not None else _("no data"),
            }
        )
    title = _("Share of OZG services offered online per municipality")
    summary = "; ".join(f"{row['name']}: {row['coverage']}" for row in rows)
    return {
        "svg": area_map.render_map(
            figures={ags: (row.coverage, row.mean_level) for ags, row in by_ags.items()},
            bounds=bounds,
            title=title,
            summary=summary,
        ),
        "title": title,
        "rows": rows,
        "attribution": area_map.ATTRIBUTION,
        "attribution_url": area_map.ATTRIBUTION_URL,
        "licence": area_map.LICENCE,
        "licence_url": area_map.LICENCE_URL,
    }
