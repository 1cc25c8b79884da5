"""A local OParl server for tests and the benchmark: JSON from memory on 127.0.0.1.

Objects keep their source's absolute ids (e.g. https://oparl.example.org/body/1); the server
answers their paths and rewrites the given origins in everything it sends to its own address,
so the importer follows the links to it. Lists are paginated and honour `modified_since`
(unless `ignores_modified_since`; `rejects_modified_since` answers such requests with 400).

It also plays the broken and hostile servers the importer must survive:
- `failures` makes the next request of a path misbehave, once per entry (a list: one request
  each): "error" (HTTP 500), "malformed" (cut-off JSON), "slow" (answers after
  `slow_seconds`), "drip" (sends its answer one byte every `drip_seconds`), "huge" (an answer
  of `huge_bytes`), "control" (raw control characters inside JSON strings), "bare-list"
  (a list's data as a bare JSON array, `[]` when empty);
- `redirects` answers a path with 302 to a location: {"/path": "file:///etc/passwd"};
- `next_links` replaces the `next` link of a list page: {"/path?page=2": "https://.../?page=2"}.
"""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils.dateparse import parse_datetime

# Origin of generated endpoints (RFC 2606: .invalid never resolves).
GENERATED_ORIGIN = "https://oparl.invalid"
FILTER_PARAMETERS = ("modified_since", "page")


def url_key(url):
    """The path and query by which the server finds an object or list."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path or '/'}?{parts.query}" if parts.query else parts.path or "/"


class OParlTestServer:
    def __init__(self, *, origins=(), page_size=100, slow_seconds=2.0):
        self.origins = [GENERATED_ORIGIN, *origins]
        self.page_size = page_size
        self.slow_seconds = slow_seconds
        self.drip_seconds = 0.05
        self.huge_bytes = 2_000_000
        self.ignores_modified_since = False
        self.rejects_modified_since = False
        self.objects = {}
        self.lists = {}
        self.failures = {}
        self.redirects = {}
        self.next_links = {}
        self.requests = []
        self._server = None

    # Content ---------------------------------------------------------------------------

    def add_object(self, data, url=None):
        self.objects[url_key(url or data["id"])] = data

    def add_list(self, url, items):
        self.lists[url_key(url)] = list(items)

    def url(self, source_url):
        """The address under which this server answers `source_url`."""
        return self._rewrite(source_url)

    def _rewrite(self, text):
        for origin in self.origins:
            text = text.replace(origin, self.base_url)
        return text

    # Serving ---------------------------------------------------------------------------

    def start(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server._answer(self)

            def log_message(self, format, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def _failure(self, path):
        failure = self.failures.get(path)
        if isinstance(failure, list):
            failure = failure.pop(0) if failure else None
            if not self.failures[path]:
                del self.failures[path]
        elif failure is not None:
            del self.failures[path]
        return failure

    def _answer(self, handler):
        self.requests.append(handler.path)
        failure = self._failure(handler.path)
        try:
            if handler.path in self.redirects:
                handler.send_response(302)
                handler.send_header("Location", self._rewrite(self.redirects[handler.path]))
                handler.send_header("Content-Length", "0")
                return handler.end_headers()
            if failure == "slow":
                time.sleep(self.slow_seconds)
            if failure == "error":
                return self._send(handler, 500, {"type": "Error", "message": "Testfehler"})
            if failure == "malformed":
                return self._send_text(handler, 200, '{"data": [ {"id": ')
            if failure == "huge":
                return self._send_text(handler, 200, f'{{"name": "{"x" * self.huge_bytes}"}}')
            if self.rejects_modified_since and "modified_since=" in handler.path:
                return self._send(handler, 400, {"type": "Error", "message": "unbekannt"})
            status, content = self._content(handler.path)
            if failure == "bare-list" and "data" in content:
                return self._send(handler, status, content["data"])
            text = json.dumps(content, ensure_ascii=False)
            if failure == "control":
                # Escaped tabs and U+0001 become raw ones, as broken servers send them.
                text = text.replace("\\t", "\t").replace("\\u0001", "\x01")
            self._send_text(handler, status, text, drip=failure == "drip")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def _content(self, path):
        parts = urllib.parse.urlsplit(path)
        query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        rest = [(name, value) for name, value in query if name not in FILTER_PARAMETERS]
        key = f"{parts.path}?{urllib.parse.urlencode(rest)}" if rest else parts.path
        if key in self.lists:
            page = self._page(key, dict(query))
            if path in self.next_links:
                page["links"]["next"] = self.next_links[path]
            return 200, page
        if not query and key in self.objects:
            return 200, self.objects[key]
        return 404, {"type": "https://schema.oparl.org/1.1/Error", "message": "Not found"}

    def _page(self, key, query):
        items = self.lists[key]
        since = (
            parse_datetime(query.get("modified_since", "")) if "modified_since" in query else None
        )
        if since is not None and not self.ignores_modified_since:
            items = [
                item
                for item in items
                if item.get("modified") and parse_datetime(item["modified"]) >= since
            ]
        page = int(query.get("page", 1))
        total_pages = max(1, -(-len(items) // self.page_size))
        start = (page - 1) * self.page_size
        links = {}
        if page < total_pages:
            carried = [("modified_since", query["modified_since"])] if since else []
            separator = "&" if "?" in key else "?"
            links["next"] = (
                f"{GENERATED_ORIGIN}{key}{separator}"
                f"{urllib.parse.urlencode([*carried, ('page', page + 1)])}"
            )
        return {
            "data": items[start : start + self.page_size],
            "pagination": {
                "totalElements": len(items),
                "elementsPerPage": self.page_size,
                "currentPage": page,
                "totalPages": total_pages,
            },
            "links": links,
        }

    def _send(self, handler, status, content):
        self._send_text(handler, status, json.dumps(content, ensure_ascii=False))

    def _send_text(self, handler, status, text, *, drip=False):
        body = self._rewrite(text).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if not drip:
            return handler.wfile.write(body)
        for offset in range(len(body)):
            handler.wfile.write(body[offset : offset + 1])
            handler.wfile.flush()
            time.sleep(self.drip_seconds)


def _spread(total, slots):
    """How many of `total` things each of `slots` gets, as evenly as possible."""
    share, extra = divmod(total, slots) if slots else (0, 0)
    return [share + (1 if slot < extra else 0) for slot in range(slots)]


def generate_endpoint(
    server,
    *,
    organizations=22,
    persons=49,
    meetings=367,
    agenda_items=5100,
    papers=2100,
    consultations=2200,
    files=4100,
    oparl_version="1.0",
    modified="2024-01-15T10:00:00+01:00",
):
    """Fill `server` with one body and generated objects; returns the System URL.

    The defaults have the shape of a real municipal OParl 1.0 endpoint of about 15,000
    objects: agenda items spread over the meetings, one consultation per paper and a second
    for some, a main file per paper and auxiliary files for some (`files` counts both).
    """
    base = GENERATED_ORIGIN
    body_id = f"{base}/body/1"
    stamp = {"created": modified, "modified": modified}
    schema = f"https://schema.oparl.org/{oparl_version}"

    def typed(kind, **fields):
        return {"type": f"{schema}/{kind}", **fields, **stamp}

    server.add_object(
        typed(
            "System",
            id=f"{base}/",
            oparlVersion=f"{schema}/",
            body=f"{base}/bodies",
            name="Bench-RIS",
        )
    )
    server.add_list(
        f"{base}/bodies",
        [
            typed(
                "Body",
                id=body_id,
                name="Bench-Kreis (OParl)",
                shortName="Bench",
                organization=f"{body_id}/organizations",
                person=f"{body_id}/people",
                meeting=f"{body_id}/meetings",
                paper=f"{body_id}/papers",
            )
        ],
    )
    organization_ids = [f"{base}/organization/{n}" for n in range(1, organizations + 1)]
    server.add_list(
        f"{body_id}/organizations",
        [
            typed(
                "Organization",
                id=url,
                body=body_id,
                name="Kreistag" if n == 0 else f"Ausschuss {n}",
                organizationType="Gremium",
                classification="Kreistag" if n == 0 else "Ausschuss",
            )
            for n, url in enumerate(organization_ids)
        ],
    )
    server.add_list(
        f"{body_id}/people",
        [
            typed(
                "Person",
                id=f"{base}/person/{n}",
                name=f"Vorname{n} Nachname{n}",
                membership=[
                    typed(
                        "Membership",
                        id=f"{base}/membership/{n}",
                        organization=organization_ids[n % organizations],
                        role="Mitglied",
                        startDate="2020-11-01",
                    )
                ],
            )
            for n in range(1, persons + 1)
        ],
    )
    items_per_meeting = _spread(agenda_items, meetings)
    server.add_list(
        f"{body_id}/meetings",
        [
            typed(
                "Meeting",
                id=f"{base}/meeting/{n}",
                name=f"{n}. Sitzung",
                start=f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}T17:00:00+01:00",
                organization=[organization_ids[n % organizations]],
                agendaItem=[
                    typed(
                        "AgendaItem",
                        id=f"{base}/agendaitem/{n}-{i}",
                        number=str(i),
                        order=i,
                        name=f"Tagesordnungspunkt {i} der Sitzung {n}",
                        public=i % 5 != 0,
                        result="Beschlossen" if i % 2 else "",
                    )
                    for i in range(1, items_per_meeting[n - 1] + 1)
                ],
            )
            for n in range(1, meetings + 1)
        ],
    )
    paper_types = ["Antrag", "Beschlussvorlage", "Mitteilungsvorlage", "Anfrage"]
    consultations_per_paper = [1 + extra for extra in _spread(consultations - papers, papers)]
    auxiliary_per_paper = _spread(max(0, files - papers), papers)

    def paper_links(n):
        """Every fifth paper answers the one before; every seventh is related to the next."""
        links = {}
        if n % 5 == 0 and n > 1:
            links["superordinatedPaper"] = f"{base}/paper/{n - 1}"
        if (n + 1) % 5 == 0 and n + 1 <= papers:
            links["subordinatedPaper"] = [f"{base}/paper/{n + 1}"]
        related = [m for m in (n - 1, n + 1) if 1 <= m <= papers and min(n, m) % 7 == 0]
        if related:
            links["relatedPaper"] = [f"{base}/paper/{m}" for m in related]
        return links

    def file(file_id, name):
        return typed(
            "File",
            id=f"{base}/file/{file_id}",
            name=name,
            fileName=f"{file_id}.pdf",
            mimeType="application/pdf",
            size=1000 + len(file_id),
            accessUrl=f"{base}/file/{file_id}.pdf",
        )

    server.add_list(
        f"{body_id}/papers",
        [
            typed(
                "Paper",
                id=f"{base}/paper/{n}",
                name=f"Vorlage {n} zur Digitalisierung der Verwaltung",
                reference=f"{n:04d}/2023",
                date=f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                paperType=paper_types[n % len(paper_types)],
                **paper_links(n),
                consultation=[
                    typed(
                        "Consultation",
                        id=f"{base}/consultation/{n}" + (f"-{c}" if c > 1 else ""),
                        meeting=f"{base}/meeting/{(n + c - 1) % meetings + 1}"
                        if meetings
                        else None,
                        organization=[organization_ids[(n + c - 1) % organizations]],
                        role="Entscheidung" if c == 1 else "Vorberatung",
                        authoritative=c == 1,
                    )
                    for c in range(1, consultations_per_paper[n - 1] + 1)
                ],
                mainFile=file(str(n), f"Vorlage {n}"),
                auxiliaryFile=[
                    file(f"{n}-{a}", f"Anlage {a} zu Vorlage {n}")
                    for a in range(1, auxiliary_per_paper[n - 1] + 1)
                ],
            )
            for n in range(1, papers + 1)
        ],
    )
    return server.url(f"{base}/")
