"""The browser-test harness: a logged-in browser session on the live server, axe-core runs
and console-error collection. Fixtures using it are in conftest.py."""

import json
import os
import re
from pathlib import Path

from django.urls import reverse

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "test-password-123"  # the password of the accounts factories
# Chromium reports the HTTP status of an error page (404, 403) as a console error of the
# document itself; that is no fault of the page. A failing stylesheet or script still counts.
_STATUS_MESSAGE = re.compile(r"Failed to load resource: the server responded with a status of")


def chromium_path():
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class BrowserSession:
    """One browser context (own cookies) on the live server, collecting console errors."""

    def __init__(self, browser, base_url, *, viewport=None):
        self.base_url = base_url
        options = {"viewport": viewport} if viewport else {}
        self.context = browser.new_context(base_url=base_url, locale="de-DE", **options)
        # How long a step may wait, not how fast it must be: a PDF made on a loaded two-core
        # CI machine took longer than 10 s (speed is measured by `make bench`).
        self.context.set_default_timeout(30_000)
        self.page = self.context.new_page()
        self.console_errors = []
        self.page.on("console", self._on_console)
        self.page.on(
            "pageerror", lambda error: self.console_errors.append((self.page.url, str(error)))
        )

    def _on_console(self, message):
        if message.type != "error":
            return
        if _STATUS_MESSAGE.search(message.text) and message.location.get("url") == self.page.url:
            return
        source = message.location.get("url")
        self.console_errors.append((self.page.url, f"{message.text} ({source})"))

    def goto(self, url):
        return self.page.goto(url, wait_until="load")

    def log_in(self, user, password=PASSWORD):
        self.goto(reverse("login"))
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation():
            self.page.click("form.sk-login button[type=submit]")
        assert "/konto/anmelden/" not in self.page.url, "login failed"

    def axe_violations(self):
        """Run axe-core (WCAG 2.0/2.1 A and AA) on the current page; the violations found.

        axe is evaluated through the DevTools protocol, which the page's CSP does not govern,
        so the page itself needs no exception in its policy.
        """
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE_SOURCE_PATH.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async (tags) => await window.axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return result["violations"]

    def close(self):
        self.context.close()


def format_violations(url, violations):
    """Axe's violations of one page as readable text: rule, impact, help and the elements."""
    lines = [f"{url}:"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"      at {json.dumps(node['target'])}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"         {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"      … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)
