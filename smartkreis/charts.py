"""Charts rendered on the server: Vega-Lite specs built with Altair, turned into SVG by vl-convert.

Every chart travels with its data as rows for an accessible table (components/chart.html shows
both), so nothing is said only by the picture. The SVG is cleaned for the page: the root gets
role="img" with a <title> and <desc>, the inner ARIA markup of Vega is removed (it would make
axe-core complain inside an image), and style attributes are stripped (the CSP forbids them).

Bars and points carry a dark outline, so every mark has enough contrast against the white
background whatever its fill (WCAG 1.4.11); colour is never the only carrier of meaning, since
the table repeats every value.

Drawing is cached by what a chart shows: its kind, its data and labels, the language, this
module's code and the library versions. Building the Vega-Lite spec with Altair alone takes
30–70 ms a chart, so a page with several charts would spend most of its time redrawing
pictures whose data did not change. The cache is Django's (Redis with several web servers).
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import altair as alt
import vl_convert
from django.core.cache import cache
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

OUTLINE = "#1d2034"
# Fills with at least 3:1 contrast against white, in an order that keeps neighbours distinct.
PALETTE = ["#005a9c", "#b35900", "#1f7a3a", "#6b3fa0", "#b3261e", "#4d4d4d", "#00727a"]
TRAFFIC_LIGHT_COLOURS = {"GREEN": "#1f7a3a", "YELLOW": "#f2c200", "RED": "#bd0f09", "": "#ffffff"}

_WIDTH = 640
_FONT = "Fira Sans, Arial, sans-serif"
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z-]+)="[^"]*"')
_STYLE = re.compile(r'\sstyle="[^"]*"')
_ROOT = re.compile(r"<svg\b([^>]*)>")
_LOCALES = {"de": "de-DE", "en": "en-US"}
# A drawing stays valid until the code that draws it changes: any edit of this module or
# another Altair or vl-convert gives new cache keys.
_DRAWING_VERSION = hashlib.sha256(
    Path(__file__).read_bytes() + f"{alt.__version__}/{vl_convert.__version__}".encode()
).hexdigest()[:16]
DRAWING_CACHE_SECONDS = 7 * 24 * 60 * 60


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass
class Chart:
    """A rendered chart: the SVG (safe to output), its title and summary, and its data rows.

    `rows` hold display strings; the first cell of each row names it (a row header).
    """

    chart_id: str
    title: str
    summary: str
    columns: list[Column]
    rows: list[list[str]]
    svg: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def is_empty(self):
        return not self.rows

    @property
    def table_rows(self):
        """The rows as (text, is numeric) pairs, for the table of components/chart.html."""
        return [
            [(text, column.numeric) for text, column in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]


def _locale():
    return _LOCALES.get((get_language() or "de")[:2], "de-DE")


def _draw(spec):
    svg = vl_convert.vegalite_to_svg(
        spec,
        format_locale=_locale(),
        time_format_locale=_locale(),
        allowed_base_urls=[],
    )
    svg = _INNER_ARIA.sub("", svg)
    return _STYLE.sub("", svg)


def _drawing(kind, inputs, build_spec):
    """The cleaned SVG of the chart of `kind` with `inputs` (everything its spec is built
    from), from the cache or drawn with `build_spec()` (~30–70 ms, ~0.5 s the first time)."""
    key_data = json.dumps([kind, inputs, _locale()], sort_keys=True, default=str)
    key = f"chart-svg:{_DRAWING_VERSION}:{hashlib.sha256(key_data.encode()).hexdigest()}"
    svg = cache.get(key)
    if svg is None:
        svg = _draw(build_spec())
        cache.set(key, svg, DRAWING_CACHE_SECONDS)
    return svg


def _labelled(svg, *, chart_id, title, summary):
    """The SVG for embedding: an image labelled by its title and summary."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    root_match = _ROOT.search(svg)
    opening = (
        f'<svg{root_match.group(1)} role="img" aria-labelledby="{title_id} {desc_id}" '
        f'focusable="false">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(summary)}</desc>'
    )
    return mark_safe(svg[: root_match.start()] + opening + svg[root_match.end() :])


def format_number(value, decimal_places=None):
    """A number as a German (or the active language's) string with thousands separators."""
    if value is None:
        return "–"
    if decimal_places is None and isinstance(value, Decimal):
        decimal_places = 0 if value == value.to_integral() else 2
    if decimal_places is not None:
        # number_format cuts the further digits off: 2/3 would read 66,6 %.
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimal_places), ROUND_HALF_UP)
    return formats.number_format(
        value, decimal_pos=decimal_places, use_l10n=True, force_grouping=True
    )


def with_unit(number, unit):
    """`number` and its `unit`. A sign or short abbreviation (%, €, km) is bound to the figure
    by a no-break space, so a table cell never breaks "3.240.000,00 / €"; a word may wrap."""
    if not unit:
        return number
    separator = "\u00a0" if len(unit) <= 3 else " "
    return f"{number}{separator}{unit}"


def format_date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "–"


def _config(chart):
    return chart.configure(
        font=_FONT,
        background="#ffffff",
        axis={
            "labelColor": "#1d2034",
            "titleColor": "#1d2034",
            "labelFontSize": 12,
            "titleFontSize": 12,
            "domainColor": "#4d4d4d",
            "tickColor": "#4d4d4d",
        },
        legend={
            "labelColor": "#1d2034",
            "titleColor": "#1d2034",
            "labelFontSize": 12,
            "titleFontSize": 12,
            "orient": "bottom",
            "columns": 3,
            "labelLimit": 260,
        },
        view={"stroke": None},
    )


def _summary_of_pairs(pairs, limit=12):
    parts = [f"{label}: {value}" for label, value in pairs[:limit]]
    if len(pairs) > limit:
        parts.append("…")
    return "; ".join(parts)


def bar_chart(
    *,
    chart_id,
    title,
    items,
    category_title,
    value_title,
    colours=None,
    value_max=None,
    decimal_places=0,
    value_suffix="",
    summary=None,
):
    """Horizontal bars, one per (label, value) in `items`, in the given order.

    `colours` optionally gives each bar its fill (same order as items); `value_max` fixes the
    end of the value axis (e.g. 100 for percentages).
    """
    labels = [str(label) for label, _value in items]
    displayed = [
        format_number(value, decimal_places) + value_suffix if value is not None else "–"
        for _label, value in items
    ]
    rows = [[label, shown] for label, shown in zip(labels, displayed, strict=True)]
    chart = Chart(
        chart_id=chart_id,
        title=str(title),
        summary=summary or _summary_of_pairs(rows),
        columns=[Column(str(category_title)), Column(str(value_title), numeric=True)],
        rows=rows,
    )
    if chart.is_empty:
        return chart
    values = [
        {"label": label, "value": float(value or 0), "shown": shown}
        for label, (_l, value), shown in zip(labels, items, displayed, strict=True)
    ]
    fills = list(colours) if colours else [PALETTE[0]] * len(values)

    def build_spec():
        colour = alt.Color(
            "label:N",
            scale=alt.Scale(domain=labels, range=fills),
            legend=None,
        )
        scale = alt.Scale(domain=[0, value_max]) if value_max is not None else alt.Scale(zero=True)
        base = alt.Chart(alt.Data(values=values)).encode(
            y=alt.Y("label:N", sort=labels, title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X(
                "value:Q",
                title=str(value_title),
                scale=scale,
                axis=alt.Axis(format=f",.{decimal_places}f", tickMinStep=10**-decimal_places),
            ),
        )
        bars = base.mark_bar(stroke=OUTLINE, strokeWidth=1).encode(color=colour)
        text = base.mark_text(align="left", dx=4, color=OUTLINE, fontSize=12).encode(text="shown:N")
        return _config(
            alt.layer(bars, text).properties(width=_WIDTH - 240, height=alt.Step(28))
        ).to_dict()

    inputs = [values, fills, value_max, decimal_places, str(value_title)]
    chart.svg = _labelled(
        _drawing("bar", inputs, build_spec),
        chart_id=chart_id,
        title=chart.title,
        summary=chart.summary,
    )
    return chart


def stacked_bar_chart(
    *,
    chart_id,
    title,
    categories,
    series,
    counts,
    category_title,
    series_title,
    value_title,
    total_title,
    colours=None,
    summary=None,
):
    """Horizontal stacked bars: one bar per category, one segment per series.

    `categories` and `series` are lists of (key, label); `counts` maps (category key, series
    key) to a number; `colours` optionally gives each series its fill (same order). The table
    shows categories as rows, series as columns, plus a total.
    """
    rows, values = [], []
    for category_key, category_label in categories:
        row = [str(category_label)]
        total = 0
        for position, (series_key, series_label) in enumerate(series):
            count = counts.get((category_key, series_key), 0)
            total += count
            row.append(format_number(count, 0))
            if count:
                values.append(
                    {
                        "category": str(category_label),
                        "series": str(series_label),
                        "order": position,
                        "value": count,
                    }
                )
        row.append(format_number(total, 0))
        rows.append(row)
    columns = [Column(str(category_title))]
    columns += [Column(str(label), numeric=True) for _key, label in series]
    columns.append(Column(str(total_title), numeric=True))
    chart = Chart(
        chart_id=chart_id,
        title=str(title),
        summary=summary or _summary_of_pairs([(row[0], row[-1]) for row in rows]),
        columns=columns,
        rows=rows if values else [],
    )
    if not values:
        return chart

    def build_spec():
        series_labels = [str(label) for _key, label in series]
        return _config(
            alt.Chart(alt.Data(values=values))
            .mark_bar(stroke="#ffffff", strokeWidth=1)
            .encode(
                y=alt.Y(
                    "category:N",
                    sort=[str(label) for _key, label in categories],
                    title=None,
                    axis=alt.Axis(labelLimit=240),
                ),
                x=alt.X(
                    "value:Q",
                    stack="zero",
                    title=str(value_title),
                    axis=alt.Axis(format=",d", tickMinStep=1),
                ),
                color=alt.Color(
                    "series:N",
                    title=str(series_title),
                    scale=alt.Scale(
                        domain=series_labels, range=list(colours or PALETTE[: len(series_labels)])
                    ),
                ),
                order=alt.Order("order:Q"),
            )
            .properties(width=_WIDTH - 240, height=alt.Step(28))
        ).to_dict()

    inputs = [
        values,
        [str(label) for _key, label in categories],
        [str(label) for _key, label in series],
        colours,
        str(value_title),
        str(series_title),
    ]
    chart.svg = _labelled(
        _drawing("stacked_bar", inputs, build_spec),
        chart_id=chart_id,
        title=chart.title,
        summary=chart.summary,
    )
    return chart


def target_line_chart(
    *,
    chart_id,
    title,
    baseline,
    target,
    measurements,
    date_title,
    value_title,
    kind_title,
    baseline_label,
    target_label,
    measured_label,
    planned_label,
    unit="",
    summary=None,
):
    """Measured values over time against the planned path from baseline to target.

    `baseline` and `target` are (date, value); `measurements` a list of (date, value) in date
    order. The table lists baseline, every measurement and the target, by date.
    """

    def shown(value):
        return f"{format_number(value)} {unit}".strip()

    table = [(baseline[0], str(baseline_label), baseline[1])]
    table += [(day, str(measured_label), value) for day, value in measurements]
    table.append((target[0], str(target_label), target[1]))
    table.sort(key=lambda row: row[0])
    rows = [[format_date(day), kind, shown(value)] for day, kind, value in table]
    if summary is None:
        parts = [
            f"{baseline_label}: {shown(baseline[1])} ({format_date(baseline[0])})",
            f"{target_label}: {shown(target[1])} ({format_date(target[0])})",
        ]
        if measurements:
            day, value = measurements[-1]
            parts.append(f"{measured_label}: {shown(value)} ({format_date(day)})")
        summary = "; ".join(parts)
    chart = Chart(
        chart_id=chart_id,
        title=str(title),
        summary=summary,
        columns=[Column(str(date_title)), Column(str(kind_title)), Column(str(value_title), True)],
        rows=rows,
    )

    def point(day, value, series):
        return {"date": day.isoformat(), "value": float(value), "series": str(series)}

    planned = [point(baseline[0], baseline[1], planned_label)]
    planned.append(point(target[0], target[1], planned_label))
    measured = [point(baseline[0], baseline[1], measured_label)]
    measured += [point(day, value, measured_label) for day, value in measurements]

    def build_spec():
        series_domain = [str(measured_label), str(planned_label)]
        series_colours = alt.Scale(domain=series_domain, range=[PALETTE[0], "#4d4d4d"])
        base = alt.Chart(alt.Data(values=planned + measured)).encode(
            x=alt.X(
                "date:T",
                title=str(date_title),
                scale=alt.Scale(type="utc"),
                axis=alt.Axis(format="%m/%Y", labelAngle=0, tickCount=6),
            ),
            y=alt.Y("value:Q", title=str(value_title), scale=alt.Scale(zero=False)),
            color=alt.Color(
                "series:N",
                title=str(kind_title),
                scale=series_colours,
                legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2, symbolSize=300),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                title=str(kind_title),
                scale=alt.Scale(domain=series_domain, range=[[1, 0], [6, 4]]),
            ),
        )
        lines = base.mark_line(strokeWidth=2)
        points = base.mark_point(
            filled=True, opacity=1, size=60, stroke=OUTLINE, strokeWidth=1
        ).encode(color=alt.Color("series:N", scale=series_colours, legend=None))
        return _config(alt.layer(lines, points).properties(width=_WIDTH, height=260)).to_dict()

    inputs = [planned, measured, str(date_title), str(value_title), str(kind_title)]
    chart.svg = _labelled(
        _drawing("target_line", inputs, build_spec),
        chart_id=chart_id,
        title=chart.title,
        summary=chart.summary,
    )
    return chart
