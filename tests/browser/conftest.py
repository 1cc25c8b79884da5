"""End-to-end tests in headless Chromium (Playwright, sync API) against pytest-django's live server.

Debian's Chromium at /usr/bin/chromium is used (CHROMIUM_PATH overrides); Playwright's own
browser downloads are never needed. Without Chromium the tests are skipped, except under CI=true
where they fail. Every test module here sets
`pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]`, so one xdist worker
runs the journeys one after the other; the every-page check (test_accessibility.py), the
longest, has a group of its own that the other worker can run meanwhile.
"""

import os

import pytest
from django.db import connections

from .harness import CHROMIUM_ARGS, BrowserSession, chromium_path


@pytest.fixture
def browser(monkeypatch):
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        reason = (
            f"Chromium not found at {path}: install it (apt-get install chromium) "
            "or set CHROMIUM_PATH"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls of the test
    # itself are still synchronous, so Django's guard against async use must stand aside.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        # While Playwright's event loop is set, Django keeps this thread's database
        # connections in context-local storage, which close_all() after the `with` no longer
        # sees; left open, PostgreSQL would refuse to drop the test database at the end.
        connections.close_all()
        browser.close()


@pytest.fixture
def open_session(seed_rows_restored, browser, live_server, transactional_db):
    """A factory of browser sessions; every session is closed after the test."""
    sessions = []

    def open_new(viewport=None):
        session = BrowserSession(browser, live_server.url, viewport=viewport)
        sessions.append(session)
        return session

    yield open_new
    for session in sessions:
        session.close()


@pytest.fixture
def session(open_session):
    return open_session()
