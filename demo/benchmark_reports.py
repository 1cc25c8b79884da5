"""How long a progress report takes: building its context, the PDF and the Word file.

`measure_report_generation` returns rows shaped like demo.benchmark.Measurement (page, user,
status, median_ms, p95_ms, queries, note), for the lead's `manage.py run_bench` and `make bench`.
It writes one draft report (and, where the database has no committee of the county yet, one
committee) so it runs on the demo database as on the bench county.

The PDF is measured twice, side by side: through Typst, as the application prints it, and
through WeasyPrint from the HTML print template (reports/documents/progress_report.html), which
printed it and every other document before; the figures decided the change of engine (issue
15) and show whether it still holds.
"""

import statistics
import time

from django.db import connection

from governance.models import Organization
from organisations.models import Body
from reports import actions, content, documents
from reports.models import ProgressReport
from smartkreis import documents as shared_documents

from .benchmark import Measurement, QueryCounter, percentile

BENCH_COMMITTEE = "Ausschuss für Digitalisierung (Bench)"
WEASYPRINT_TEMPLATE = "reports/documents/progress_report.html"


STEPS = (
    ("Fortschrittsbericht: Kontext", lambda report: content.report_context(report)),
    (
        "Fortschrittsbericht: PDF (Typst)",
        lambda report: documents.render_pdf(content.report_context(report)),
    ),
    (
        "Fortschrittsbericht: PDF (WeasyPrint, Vergleich)",
        lambda report: shared_documents.render_pdf(
            WEASYPRINT_TEMPLATE, content.report_context(report)
        ),
    ),
    (
        "Fortschrittsbericht: DOCX",
        lambda report: documents.render_docx(content.report_context(report)),
    ),
)


def _committee():
    county = Body.objects.filter(kind=Body.Kind.COUNTY).order_by("pk").first()
    committee = (
        Organization.objects.filter(body=county, kind__in=actions.RECIPIENT_KINDS)
        .order_by("kind", "pk")
        .first()
    )
    if committee is None:
        committee = Organization.objects.create(
            body=county, name=BENCH_COMMITTEE, kind=Organization.Kind.COMMITTEE
        )
    return committee


def _report(user, *, period_start, period_end):
    committee = _committee()
    report = (
        ProgressReport.objects.filter(
            committee=committee, period_start=period_start, period_end=period_end
        )
        .select_related("committee")
        .first()
    )
    if report is None:
        report = actions.create_progress_report(
            acting_user=user,
            committee=committee,
            period_start=period_start,
            period_end=period_end,
            summary="Benchmark",
        )
    return report


def measure_report_generation(*, user, user_label, period_start, period_end, runs=3):
    """Median and p95 milliseconds (and SQL queries of the first run) of each step: the
    context, the PDF by Typst and by WeasyPrint and the DOCX (each with its context), over
    `runs` runs."""
    report = _report(user, period_start=period_start, period_end=period_end)
    results = []
    for label, step in STEPS:
        counter = QueryCounter()
        timings = []
        for run in range(runs):
            started = time.perf_counter()
            if run == 0:
                with connection.execute_wrapper(counter):
                    step(report)
            else:
                step(report)
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            Measurement(
                label,
                user_label,
                200,
                statistics.median(timings),
                percentile(timings, 0.95),
                counter.count,
                f"{runs} {'Messung' if runs == 1 else 'Messungen'}; {report.committee.name}",
            )
        )
    return results
