"""The benchmark of the report generation runs and returns rows for `manage.py run_bench`."""

import pytest

from demo.benchmark import format_table
from demo.benchmark_reports import measure_report_generation

pytestmark = pytest.mark.django_db


@pytest.mark.xdist_group("pdf")
def test_the_benchmark_measures_context_both_pdf_engines_and_docx(world):
    rows = measure_report_generation(
        user=world.users["staff"],
        user_label="Stabsstelle",
        period_start=world.start,
        period_end=world.end,
        runs=1,
    )
    assert [row.page for row in rows] == [
        "Fortschrittsbericht: Kontext",
        "Fortschrittsbericht: PDF (Typst)",
        "Fortschrittsbericht: PDF (WeasyPrint, Vergleich)",
        "Fortschrittsbericht: DOCX",
    ]
    assert all(row.status == 200 and row.queries > 0 for row in rows)
    assert "Fortschrittsbericht: PDF (WeasyPrint, Vergleich)" in format_table(rows)
