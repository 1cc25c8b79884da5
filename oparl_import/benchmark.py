"""`make bench`: the OParl import's speed on a generated endpoint of a real one's shape.

The endpoint (by default the shape of a real municipal OParl 1.0 endpoint: 1 body, 22
organizations, 49 persons with a membership each, 367 meetings with 5,100 agenda items, 2,100
papers with 2,200 consultations and 4,100 files, about 14,000 objects; `endpoint_size` scales
it by the number of papers) is served by the local test server and imported into the current
database: a first run creates everything, a full repeat (`--full`) reads everything and
finds it unchanged, an incremental one (as `import_oparl` runs by default) asks only for what
changed since (nothing). Each
of `runs` rounds serves the endpoint on a new port, so its first run is a first import again.
Fetch (HTTP, including the in-process server's own work), parse (JSON) and write (mapping and
database) are timed apart.
"""

import statistics
import time
from dataclasses import dataclass

from .client import OParlClient
from .importer import Importer
from .testserver import OParlTestServer, generate_endpoint

# The real endpoint's counts per 2,100 papers.
REAL_SHAPE = {
    "organizations": 22,
    "persons": 49,
    "meetings": 367,
    "agenda_items": 5100,
    "papers": 2100,
    "consultations": 2200,
    "files": 4100,
}


@dataclass(frozen=True)
class ImportMeasurement:
    label: str
    objects: int
    seconds: float
    fetch_seconds: float
    parse_seconds: float
    write_seconds: float
    # CPU time of this process (importer and in-process server): on a busy machine the wall
    # clock also counts the waits for a core.
    cpu_seconds: float
    spread: str  # the runs' fastest and slowest, when there were several

    @property
    def objects_per_second(self):
        return self.objects / self.seconds


def endpoint_size(papers):
    """The generated endpoint's counts for `papers` papers, in the real endpoint's shape."""
    return {
        name: max(1, count * papers // REAL_SHAPE["papers"]) for name, count in REAL_SHAPE.items()
    }


def run_import_benchmark(*, runs=3, page_size=100, **size):
    """Import the generated endpoint `runs` times, first and repeat; the medians per kind."""
    timings = {"first": [], "repeat": [], "incremental": []}
    for _round in range(runs):
        with OParlTestServer(page_size=page_size) as server:
            system_url = generate_endpoint(server, **size)
            for kind, full in (("first", False), ("repeat", True), ("incremental", False)):
                client = OParlClient(timeout=60)
                started, cpu_started = time.perf_counter(), time.process_time()
                run = Importer(system_url, client=client, full=full).execute()
                seconds = time.perf_counter() - started
                cpu = time.process_time() - cpu_started
                objects = sum(sum(numbers.values()) for numbers in run.counts.values())
                timings[kind].append(
                    (seconds, objects, client.fetch_seconds, client.parse_seconds, cpu)
                )
    rows = []
    for kind, label in (
        ("first", "OParl-Import, erster Lauf"),
        ("repeat", "Wiederholung (alles lesen)"),
        ("incremental", "Wiederholung (nur Geändertes)"),
    ):
        measured = timings[kind]
        seconds = [row[0] for row in measured]
        fetch = statistics.median(row[2] for row in measured)
        parse = statistics.median(row[3] for row in measured)
        total = statistics.median(seconds)
        rows.append(
            ImportMeasurement(
                label=label,
                objects=measured[0][1],
                seconds=total,
                fetch_seconds=fetch,
                parse_seconds=parse,
                write_seconds=statistics.median(row[0] - row[2] - row[3] for row in measured),
                cpu_seconds=statistics.median(row[4] for row in measured),
                spread=f"{min(seconds):.2f}–{max(seconds):.2f}" if len(measured) > 1 else "",
            )
        )
    return rows


def format_table(rows):
    header = (
        "Lauf",
        "Objekte",
        "Sekunden (Median)",
        "Spanne",
        "Abruf",
        "Parsen",
        "Schreiben",
        "CPU",
        "Objekte/s",
    )
    lines = [
        (
            row.label,
            str(row.objects),
            f"{row.seconds:.2f}",
            row.spread,
            f"{row.fetch_seconds:.2f}",
            f"{row.parse_seconds:.2f}",
            f"{row.write_seconds:.2f}",
            f"{row.cpu_seconds:.2f}",
            # A rate of the incremental run's few objects would say nothing.
            f"{row.objects_per_second:.0f}" if row.objects >= 100 else "–",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in (header, *lines)) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in (header, *lines)
    )
