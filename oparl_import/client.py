"""Fetching OParl objects and list pages over HTTP (standard library only)."""

import json
import socket
import urllib.error
import urllib.parse
import urllib.request


class FetchError(Exception):
    """A request failed; `message` is German, for the command's user."""

    def __init__(self, message, *, status=None):
        super().__init__(message)
        self.message = message
        self.status = status


class OParlClient:
    def __init__(self, *, timeout=30.0):
        self.timeout = timeout
        self.requests = 0

    def get(self, url, params=None):
        if params:
            separator = "&" if urllib.parse.urlsplit(url).query else "?"
            url = f"{url}{separator}{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": "smartkreis-oparl-import"}
        )
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            raise FetchError(
                f"Der OParl-Server antwortete mit HTTP {error.code} ({error.reason}) auf {url}.",
                status=error.code,
            ) from error
        except TimeoutError as error:
            raise FetchError(
                f"Zeitüberschreitung: {url} hat nicht innerhalb von {self.timeout:g} Sekunden "
                "geantwortet."
            ) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError | socket.timeout):
                raise FetchError(
                    f"Zeitüberschreitung: {url} hat nicht innerhalb von {self.timeout:g} "
                    "Sekunden geantwortet."
                ) from error
            raise FetchError(f"{url} ist nicht erreichbar: {error.reason}.") from error
        except OSError as error:
            raise FetchError(f"Fehler beim Abruf von {url}: {error}.") from error
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise FetchError(f"Die Antwort von {url} ist kein gültiges JSON: {error}.") from error
        if not isinstance(data, dict):
            raise FetchError(f"Die Antwort von {url} ist kein OParl-Objekt.")
        return data
