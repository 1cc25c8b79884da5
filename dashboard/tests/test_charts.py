"""smartkreis.charts: server-rendered SVG that passes the CSP and axe-core, with its data table."""

import datetime
import re
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from smartkreis import charts


def _bar(**changes):
    return charts.bar_chart(
        **{
            "chart_id": "chart-test",
            "title": "Ampeln",
            "items": [("grün", 3), ("gelb", 1200), ("rot", 0)],
            "category_title": "Ampel",
            "value_title": "Anzahl",
            "colours": ["#1f7a3a", "#f2c200", "#bd0f09"],
            **changes,
        }
    )


def test_a_bar_chart_is_an_svg_image_labelled_by_its_title_and_summary():
    chart = _bar()
    svg = str(chart.svg)
    assert svg.startswith("<svg")
    root = re.match(r"<svg[^>]*>", svg).group(0)
    assert 'role="img"' in root
    assert 'aria-labelledby="chart-test-title chart-test-desc"' in root
    assert '<title id="chart-test-title">Ampeln</title>' in svg
    assert '<desc id="chart-test-desc">grün: 3; gelb: 1.200; rot: 0</desc>' in svg


def test_the_svg_has_no_inner_aria_roles_and_no_style_attributes():
    svg = str(_bar().svg)
    assert svg.count('role="') == 1
    assert "aria-roledescription" not in svg
    assert "aria-hidden" not in svg
    assert "style=" not in svg
    assert "<script" not in svg


def test_numbers_in_the_svg_and_the_table_are_german():
    chart = _bar()
    assert "1.200" in str(chart.svg)
    assert chart.rows == [["grün", "3"], ["gelb", "1.200"], ["rot", "0"]]


def test_figures_are_rounded_to_their_decimal_places_not_cut_off():
    assert charts.format_number(200 / 3, decimal_places=1) == "66,7"
    assert charts.format_number(0.05, decimal_places=1) == "0,1"
    assert charts.format_number(Decimal("1234.565")) == "1.234,57"
    assert charts.format_number(Decimal("1234.564")) == "1.234,56"
    assert charts.format_number(2.449, decimal_places=1) == "2,4"


def test_the_component_shows_figure_caption_image_and_data_table():
    with translation.override("de"):
        html = render_to_string("components/chart.html", {"chart": _bar()})
    assert "<figure" in html
    assert '<figcaption class="kern-title" id="chart-test-caption">Ampeln</figcaption>' in html
    assert '<table class="kern-table' in html
    assert "<caption" in html
    assert "Ampeln: Datentabelle" in html
    assert html.count('<th scope="col"') == 2
    assert html.count('<th scope="row"') == 3
    assert "kern-table__cell--numeric" in html
    assert 'style="' not in html


def test_an_empty_chart_renders_no_image_but_a_message():
    chart = charts.bar_chart(
        chart_id="chart-empty", title="Leer", items=[], category_title="A", value_title="B"
    )
    assert chart.is_empty
    assert str(chart.svg) == ""
    with translation.override("de"):
        html = render_to_string(
            "components/chart.html", {"chart": chart, "empty_text": "Nichts da."}
        )
    assert "Nichts da." in html
    assert "<svg" not in html
    assert "<table" not in html


def test_a_stacked_bar_chart_has_a_row_per_category_and_a_total():
    chart = charts.stacked_bar_chart(
        chart_id="chart-stacked",
        title="Vorhaben",
        categories=[(1, "Verwaltung"), (2, "Bildung")],
        series=[("IDEA", "Idee"), ("IN_PROGRESS", "In Umsetzung")],
        counts={(1, "IDEA"): 2, (1, "IN_PROGRESS"): 3, (2, "IN_PROGRESS"): 1},
        category_title="Handlungsfeld",
        series_title="Status",
        value_title="Anzahl",
        total_title="Summe",
    )
    assert [c.label for c in chart.columns] == ["Handlungsfeld", "Idee", "In Umsetzung", "Summe"]
    assert chart.rows == [["Verwaltung", "2", "3", "5"], ["Bildung", "0", "1", "1"]]
    svg = str(chart.svg)
    assert 'role="img"' in svg
    assert "Verwaltung" in svg
    assert "style=" not in svg


def test_a_target_line_chart_lists_baseline_values_and_target_by_date():
    chart = charts.target_line_chart(
        chart_id="chart-line",
        title="Haushalte",
        baseline=(datetime.date(2015, 1, 1), Decimal("0")),
        target=(datetime.date(2025, 12, 31), Decimal("25000")),
        measurements=[(datetime.date(2020, 6, 30), Decimal("12500.50"))],
        date_title="Datum",
        value_title="Wert",
        kind_title="Art",
        baseline_label="Ausgangswert",
        target_label="Zielwert",
        measured_label="Messwert",
        planned_label="Planpfad",
        unit="Haushalte",
    )
    assert chart.rows == [
        ["01.01.2015", "Ausgangswert", "0 Haushalte"],
        ["30.06.2020", "Messwert", "12.500,50 Haushalte"],
        ["31.12.2025", "Zielwert", "25.000 Haushalte"],
    ]
    assert "Messwert: 12.500,50 Haushalte (30.06.2020)" in chart.summary
    svg = str(chart.svg)
    assert 'role="img"' in svg
    assert "style=" not in svg


def test_a_chart_is_drawn_once_for_the_same_data_and_language(monkeypatch):
    drawn = []
    draw = charts.vl_convert.vegalite_to_svg
    monkeypatch.setattr(
        charts.vl_convert,
        "vegalite_to_svg",
        lambda spec, **options: drawn.append(options["format_locale"]) or draw(spec, **options),
    )
    first, again = _bar(), _bar()
    assert drawn == ["de-DE"]
    assert str(again.svg) == str(first.svg)

    changed = _bar(items=[("grün", 4), ("gelb", 1200), ("rot", 0)])
    with translation.override("en"):
        _bar()
    assert drawn == ["de-DE", "de-DE", "en-US"]
    assert str(changed.svg) != str(first.svg)


def test_a_cached_drawing_is_labelled_for_each_chart():
    first = _bar()
    second = _bar(chart_id="chart-other", title="Andere Ampeln", summary="Eine eigene Beschreibung")
    assert '<title id="chart-test-title">Ampeln</title>' in str(first.svg)
    assert '<title id="chart-other-title">Andere Ampeln</title>' in str(second.svg)
    assert '<desc id="chart-other-desc">Eine eigene Beschreibung</desc>' in str(second.svg)
    assert 'aria-labelledby="chart-other-title chart-other-desc"' in str(second.svg)


def test_titles_are_escaped_inside_the_svg():
    chart = charts.bar_chart(
        chart_id="chart-escape",
        title="<b>Ziele & Kennzahlen</b>",
        items=[("A", 1)],
        category_title="Ziel",
        value_title="Fortschritt",
    )
    assert "&lt;b&gt;Ziele &amp; Kennzahlen&lt;/b&gt;" in str(chart.svg)
