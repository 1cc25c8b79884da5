"""The API's own links: every id and link of every answer points back to the server it came
from (the request's address, or SITE_URL where configured), so a client can follow them."""

import os
import subprocess
import sys
from urllib.parse import urlsplit

from django.conf import settings

from .oparl_client import path_of

SERVED_AT = "http://127.0.0.1:8150"


def _urls_in(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls_in(item)
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        yield value


def _crawl(client, start, *, host):
    """Every JSON answer reachable from `start` through the API links it hands out (bounded)."""
    api = start
    seen, queue, answers = set(), [start], {}
    while queue and len(seen) < 500:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(path_of(url), HTTP_HOST=host)
        if not response["Content-Type"].startswith("application/json"):
            continue  # a file's content
        answers[url] = response.json()
        queue.extend(
            link for link in _urls_in(answers[url]) if link.startswith(api) and link not in seen
        )
    return answers


def test_every_link_points_to_the_address_the_api_was_asked_at(client, world, settings):
    settings.SITE_URL = ""
    answers = _crawl(client, f"{SERVED_AT}/oparl/v1.1/", host=urlsplit(SERVED_AT).netloc)
    links = {link for answer in answers.values() for link in _urls_in(answer)}
    assert len(answers) > 20  # system, body, lists and every object type of the world
    # Besides its own links, an answer names its schema and may name a body's website.
    elsewhere = {
        link
        for link in links
        if not link.startswith((f"{SERVED_AT}/", "https://schema.oparl.org/"))
    }
    assert elsewhere <= {world.county.website} - {""}, elsewhere


def test_every_link_uses_the_site_url_where_configured(client, world, settings):
    settings.SITE_URL = "https://ris.example.de/"
    answers = _crawl(client, "https://ris.example.de/oparl/v1.1/", host="127.0.0.1:8150")
    links = {link for answer in answers.values() for link in _urls_in(answer)}
    assert len(answers) > 20
    assert {link for link in links if "127.0.0.1" in link} == set()


def test_debug_mode_guesses_no_site_address():
    """`runserver 8150` in debug once answered with ids on port 8000: the default guessed it."""
    environment = {**os.environ, "DJANGO_DEBUG": "1"}
    environment.pop("SITE_URL", None)
    printed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "smartkreis.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert printed.stdout.strip() == ""
