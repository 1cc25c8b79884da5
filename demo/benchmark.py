"""Measuring the main pages with the test client: response times and SQL queries per request.

Pages are looked up by URL name when the benchmark runs; a page whose URL does not exist (yet)
is skipped with a note instead of failing the run.
"""

import math
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    args: tuple = ()
    query: str = ""


@dataclass(frozen=True)
class Measurement:
    page: str
    user: str
    status: int | None
    median_ms: float | None
    p95_ms: float | None
    queries: int | None
    note: str = ""


def main_pages(detail_initiative_id):
    return [
        Page("Übersicht", "dashboard"),
        Page("Vorhabenliste, Seite 1", "portfolio:initiative_list"),
        # Where the installation holds several counties, page 1 shows the user's county;
        # this is the list of all (the same page where it holds one).
        Page("Vorhabenliste, alle Kreise", "portfolio:initiative_list", query="county="),
        Page(
            "Vorhabenliste gefiltert",
            "portfolio:initiative_list",
            query="status=IN_PROGRESS&traffic_light=RED&sort=-progress",
        ),
        Page("Vorhaben-Detail", "portfolio:initiative_detail", args=(detail_initiative_id,)),
        Page("Zielliste", "strategy:goal_list"),
        Page("Export XLSX", "portfolio:initiative_export", query="format=xlsx"),
        Page("Export CSV", "portfolio:initiative_export", query="format=csv"),
    ]


class QueryCounter:
    """Counts the SQL statements run on a connection (use with connection.execute_wrapper)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def percentile(values, fraction):
    """Nearest-rank percentile of `values` (e.g. 0.95 for p95)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _url(page):
    url = reverse(page.url_name, args=page.args)
    return f"{url}?{page.query}" if page.query else url


def _get(client, url):
    # The test client closes the response itself; closing it again would fire
    # request_finished and close the database connection of the surrounding transaction.
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    else:
        response.content  # noqa: B018 – rendered already; read it as a browser would
    return response


def measure(*, pages, users, runs, warmups, slow_ms=1000, slow_runs=5):
    """Each page for each (label, user or None for anonymous): `warmups` unmeasured requests,
    then `runs` timed ones.

    The last warm-up counts the SQL queries (caches are warm by then). A page whose last warm-up
    takes longer than `slow_ms` gets only `slow_runs` timed requests, so the run stays short.
    """
    results = []
    for user_label, user in users:
        client = Client()
        if user is not None:  # None: an anonymous visitor (the public portal)
            client.force_login(user)
        for page in pages:
            try:
                url = _url(page)
            except NoReverseMatch:
                results.append(
                    _failed(page, user_label, f"übersprungen: URL „{page.url_name}“ fehlt (noch)")
                )
                continue
            try:
                for _ in range(warmups - 1):
                    _get(client, url)
                counter = QueryCounter()
                started = time.perf_counter()
                with connection.execute_wrapper(counter):
                    response = _get(client, url)
                is_slow = (time.perf_counter() - started) * 1000 > slow_ms
                page_runs = min(runs, slow_runs) if is_slow else runs
                timings = []
                for _ in range(page_runs):
                    started = time.perf_counter()
                    response = _get(client, url)
                    timings.append((time.perf_counter() - started) * 1000)
            except Exception as error:
                results.append(
                    _failed(page, user_label, f"Fehler: {type(error).__name__}: {error}")
                )
                continue
            notes = []
            if response.status_code != 200:
                notes.append(f"HTTP {response.status_code}")
            if is_slow and page_runs < runs:
                notes.append(f"langsam: nur {page_runs} Messungen")
            results.append(
                Measurement(
                    page.label,
                    user_label,
                    response.status_code,
                    statistics.median(timings) if timings else None,
                    percentile(timings, 0.95) if timings else None,
                    counter.count,
                    "; ".join(notes),
                )
            )
    return results


def _failed(page, user_label, note):
    return Measurement(page.label, user_label, None, None, None, None, note[:200])


def _plain_table(header, rows, numeric):
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells):
        return "  ".join(
            cell.rjust(width) if index in numeric else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join(
        [line(header), "  ".join("-" * width for width in widths), *(line(row) for row in rows)]
    )


def _number(value):
    return "–" if value is None else f"{value:.1f}"


def _count(value):
    return "–" if value is None else str(value)


def format_table(results):
    """The results as a plain-text table with German headings."""
    header = ("Seite", "Benutzer", "HTTP", "Median ms", "p95 ms", "SQL-Abfragen", "Hinweis")
    rows = [
        (
            result.page,
            result.user,
            "–" if result.status is None else str(result.status),
            _number(result.median_ms),
            _number(result.p95_ms),
            _count(result.queries),
            result.note,
        )
        for result in results
    ]
    return _plain_table(header, rows, numeric={2, 3, 4, 5})


def format_comparison(county, land, *, limit_ms):
    """The same pages measured at county and at Land size, side by side: a table, and the
    pages (with user) that make more SQL queries at Land size, which should be none. (Fewer
    may be right: the register's list of all counties offers no units, which a single county
    does.)"""
    header = (
        "Seite",
        "Benutzer",
        "Kreis p95 ms",
        "Land median ms",
        "Land p95 ms",
        "Kreis SQL",
        "Land SQL",
        "Hinweis",
    )
    at_county = {(result.page, result.user): result for result in county}
    rows, differing = [], []
    for result in land:
        small = at_county.get((result.page, result.user))
        notes = [result.note] if result.note else []
        grows = small is None or small.queries is None or (result.queries or 0) > small.queries
        if grows:
            differing.append(f"{result.page} ({result.user})")
            notes.append("mehr SQL-Abfragen")
        if result.p95_ms is not None and result.p95_ms > limit_ms:
            notes.append(f"über {limit_ms} ms")
        rows.append(
            (
                result.page,
                result.user,
                _number(small.p95_ms if small else None),
                _number(result.median_ms),
                _number(result.p95_ms),
                _count(small.queries if small else None),
                _count(result.queries),
                "; ".join(notes),
            )
        )
    return _plain_table(header, rows, numeric={2, 3, 4, 5, 6}), differing
