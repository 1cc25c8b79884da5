"""Search pages for `manage.py run_bench`: add these to the pages demo.benchmark.measure times.

Words that occur in the demo's and the bench county's initiatives and papers, so the searches
rank, count and highlight many hits.
"""

from demo.benchmark import Page


def search_pages():
    return [
        Page("Suche „Digitalisierung“", "search:search", query="q=Digitalisierung"),
        Page(
            "Suche gefiltert (Vorhaben, Zeitraum)",
            "search:search",
            query="q=Digitalisierung+or+Schulen&kind=INITIATIVE&date_from=2020-01-01",
        ),
        Page("Suche „Schule“, Seite 2", "search:search", query="q=Schule&page=2"),
    ]
