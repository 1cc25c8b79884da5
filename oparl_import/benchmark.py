"""`make bench`: objects per second of the OParl import on a large generated endpoint.

The endpoint (by default 1 body, 50 organizations, 2,000 persons with a membership each, 1,000
meetings with 10 agenda items each, 5,000 papers with a consultation and a main file each:
about 30,000 objects; `endpoint_size` scales it by the number of papers) is served by the
local test server and imported into the current database, twice: the first run creates
everything, the second (full) finds everything unchanged.
"""

import time
from dataclasses import dataclass

from .client import OParlClient
from .importer import Importer
from .testserver import OParlTestServer, generate_endpoint


@dataclass(frozen=True)
class ImportMeasurement:
    label: str
    objects: int
    seconds: float
    objects_per_second: float


def endpoint_size(papers):
    """The generated endpoint's counts for `papers` papers, in the default's proportions."""
    return {
        "organizations": max(1, papers // 100),
        "persons": papers * 2 // 5,
        "meetings": papers // 5,
        "agenda_items": 10,
        "papers": papers,
    }


def run_import_benchmark(
    *, organizations=50, persons=2000, meetings=1000, agenda_items=10, papers=5000, page_size=100
):
    """Import the generated endpoint twice; returns one ImportMeasurement per run."""
    rows = []
    with OParlTestServer(page_size=page_size) as server:
        system_url = generate_endpoint(
            server,
            organizations=organizations,
            persons=persons,
            meetings=meetings,
            agenda_items=agenda_items,
            papers=papers,
        )
        for label, full in (
            ("OParl-Import, erster Lauf", False),
            ("OParl-Import, Wiederholung", True),
        ):
            started = time.perf_counter()
            run = Importer(system_url, client=OParlClient(timeout=60), full=full).execute()
            seconds = time.perf_counter() - started
            objects = sum(sum(numbers.values()) for numbers in run.counts.values())
            rows.append(ImportMeasurement(label, objects, seconds, objects / seconds))
    return rows


def format_table(rows):
    header = ("Lauf", "Objekte", "Sekunden", "Objekte/s")
    lines = [
        (row.label, str(row.objects), f"{row.seconds:.1f}", f"{row.objects_per_second:.0f}")
        for row in rows
    ]
    widths = [max(len(line[i]) for line in (header, *lines)) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in (header, *lines)
    )
