"""Fetching OParl objects and list pages over HTTP (standard library only).

A council information system is a server on the internet that may be slow, broken or hostile,
so every request is bounded: only http(s) on the hosts the run allows (redirects included),
a socket timeout, a total time per request (a server dripping one byte a second never trips
the socket timeout), a maximum response size. HTTP 5xx answers are retried with backoff.
"""

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

from django.conf import settings

RETRIED_STATUSES = {500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024


class FetchError(Exception):
    """A request failed; `message` is German, for the command's user."""

    def __init__(self, message, *, status=None):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Limits:
    """What one run may take from a source; the defaults come from the settings."""

    pages: int
    objects: int
    response_bytes: int
    request_seconds: float
    timeout: float
    retries: int
    retry_delay: float

    @classmethod
    def from_settings(cls, **overrides):
        values = {
            "pages": settings.OPARL_IMPORT_MAX_PAGES,
            "objects": settings.OPARL_IMPORT_MAX_OBJECTS,
            "response_bytes": settings.OPARL_IMPORT_MAX_RESPONSE_BYTES,
            "request_seconds": settings.OPARL_IMPORT_REQUEST_SECONDS,
            "timeout": settings.OPARL_IMPORT_TIMEOUT,
            "retries": settings.OPARL_IMPORT_RETRIES,
            "retry_delay": settings.OPARL_IMPORT_RETRY_DELAY,
        }
        return cls(**(values | {name: value for name, value in overrides.items() if value}))


def host_of(url):
    """The host (with a port, if the URL names one) by which URLs are allowed, lower case."""
    return urllib.parse.urlsplit(url).netloc.lower().rsplit("@", 1)[-1]


class OParlClient:
    def __init__(self, *, limits=None, timeout=None):
        self.limits = limits or Limits.from_settings(timeout=timeout)
        self.allowed_hosts = set()
        self.denied_hosts = set()
        self._allowed_origins = {}
        self.requests = 0
        self.fetch_seconds = 0.0
        self.parse_seconds = 0.0

    def restrict(self, *, allowed_hosts, denied_hosts):
        """Fetch from and accept objects of `allowed_hosts` only, never of `denied_hosts`."""
        self.allowed_hosts, self.denied_hosts = set(allowed_hosts), set(denied_hosts)
        self._allowed_origins = {}

    def allows(self, url):
        # Decided once per scheme and host: the part up to the path's first slash holds both.
        start = url.find("//")
        end = url.find("/", start + 2) if start >= 0 else -1
        origin = url if end < 0 else url[:end]
        allowed = self._allowed_origins.get(origin)
        if allowed is None:
            allowed = self._allowed_origins[origin] = self._allows(origin)
        return allowed

    def _allows(self, url):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = host_of(url)
        if host in self.denied_hosts:
            return False
        return host in self.allowed_hosts or parts.hostname in self.allowed_hosts

    def get(self, url, params=None):
        """The parsed JSON (an object, or a list where a broken server sends one)."""
        if params:
            separator = "&" if urllib.parse.urlsplit(url).query else "?"
            url = f"{url}{separator}{urllib.parse.urlencode(params)}"
        if not self.allows(url):
            raise FetchError(
                f"{url} liegt nicht auf dem Host der Quelle oder einem für sie zugelassenen "
                "Host (http oder https); die Adresse wird nicht abgerufen."
            )
        started = time.perf_counter()
        try:
            body = self._get_with_retries(url)
        finally:
            self.fetch_seconds += time.perf_counter() - started
        started = time.perf_counter()
        try:
            # strict=False: real servers send unescaped control characters inside strings.
            data = json.loads(body, strict=False)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise FetchError(f"Die Antwort von {url} ist kein gültiges JSON: {error}.") from error
        finally:
            self.parse_seconds += time.perf_counter() - started
        if not isinstance(data, dict | list):
            raise FetchError(f"Die Antwort von {url} ist kein OParl-Objekt.")
        return data

    def _get_with_retries(self, url):
        attempt = 0
        while True:
            try:
                return self._get_following_redirects(url)
            except FetchError as error:
                if error.status not in RETRIED_STATUSES or attempt >= self.limits.retries:
                    raise
            time.sleep(self.limits.retry_delay * 2**attempt)
            attempt += 1

    def _get_following_redirects(self, url):
        for _redirect in range(MAX_REDIRECTS + 1):
            status, location, body = self._request(url)
            if status not in REDIRECT_STATUSES:
                return body
            target = urllib.parse.urljoin(url, location or "")
            if not location or not self.allows(target):
                raise FetchError(
                    f"{url} leitet auf {target or '(keine Adresse)'} weiter; Weiterleitungen "
                    "sind nur per http oder https auf den Host der Quelle oder einen für sie "
                    "zugelassenen Host erlaubt.",
                    status=status,
                )
            url = target
        raise FetchError(f"{url}: mehr als {MAX_REDIRECTS} Weiterleitungen.")

    def _request(self, url):
        """(status, Location header, body) of one GET, within the limits."""
        parts = urllib.parse.urlsplit(url)
        limits = self.limits
        connection_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = connection_class(parts.hostname, parts.port, timeout=limits.timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        expired = threading.Event()
        opened = []  # the socket; the connection forgets it once the response has it

        def expire():
            # Wakes a read blocked on a server that sends slowly but never stops.
            expired.set()
            for sock in opened:
                with contextlib.suppress(OSError):  # closed already
                    sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(limits.request_seconds, expire)
        timer.daemon = True
        self.requests += 1
        timer.start()
        try:
            connection.connect()
            opened.append(connection.sock)
            connection.request(
                "GET",
                path,
                headers={"Accept": "application/json", "User-Agent": "smartkreis-oparl-import"},
            )
            response = connection.getresponse()
            status = response.status
            if status in REDIRECT_STATUSES:
                return status, response.getheader("Location"), b""
            if status >= 400:
                raise FetchError(
                    f"Der OParl-Server antwortete mit HTTP {status} ({response.reason}) auf {url}.",
                    status=status,
                )
            return status, None, self._read(response, url, expired)
        except TimeoutError as error:
            if expired.is_set():
                raise self._too_slow(url) from error
            raise FetchError(
                f"Zeitüberschreitung: {url} hat nicht innerhalb von {limits.timeout:g} Sekunden "
                "geantwortet."
            ) from error
        except (OSError, http.client.HTTPException) as error:
            if expired.is_set():
                raise self._too_slow(url) from error
            raise FetchError(f"{url} ist nicht erreichbar oder brach ab: {error}.") from error
        finally:
            timer.cancel()
            connection.close()

    def _read(self, response, url, expired):
        limit = self.limits.response_bytes
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > limit:
            raise self._too_large(url)
        chunks, size = [], 0
        while chunk := response.read1(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise self._too_large(url)
            chunks.append(chunk)
        if expired.is_set():
            raise self._too_slow(url)
        return b"".join(chunks)

    def _too_slow(self, url):
        return FetchError(
            f"Zeitüberschreitung: {url} hat nicht innerhalb von "
            f"{self.limits.request_seconds:g} Sekunden vollständig geantwortet "
            "(OPARL_IMPORT_REQUEST_SECONDS)."
        )

    def _too_large(self, url):
        return FetchError(
            f"Die Antwort von {url} ist größer als {self.limits.response_bytes:,} Bytes "
            "(OPARL_IMPORT_MAX_RESPONSE_BYTES).".replace(",", ".")
        )
