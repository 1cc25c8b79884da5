"""A real OpenID provider for the tests: node's oidc-provider (identity/tests/oidc_provider/),
started on a free port of 127.0.0.1 and ended after the test.

`scripts/setup.sh --browser` installs it with `npm ci` when node is there. Without node or the
package the tests that need it are skipped, except under CI=true where they fail.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

PROVIDER_DIR = Path(__file__).parent / "oidc_provider"
CLIENT_ID = "smartkreis"
CLIENT_SECRET = "smartkreis-test-secret"


def _node():
    node = shutil.which("node")
    if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        reason = (
            "The OpenID provider of the tests needs node and its package: run "
            "'scripts/setup.sh --browser' (npm ci in identity/tests/oidc_provider)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return node


def client(base_url, *, client_id=CLIENT_ID, client_secret=CLIENT_SECRET):
    """The provider's registration of smartkreis at `base_url` (with back-channel logout)."""
    base_url = base_url.rstrip("/")
    return {
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uris": [f"{base_url}/sso/callback/"],
        "post_logout_redirect_uris": [f"{base_url}/konto/anmelden/"],
        "token_endpoint_auth_method": "client_secret_post",
        "backchannel_logout_uri": f"{base_url}/sso/backchannel-logout/",
        "backchannel_logout_session_required": True,
    }


class OpenIDProvider:
    """A running provider: `url` is where it serves, `issuer` the issuer it names."""

    def __init__(self, *, clients, accounts, issuer=None, code_ttl=None, id_token_audience=None):
        config = {"clients": clients, "accounts": accounts}
        if issuer:
            config["issuer"] = issuer
        if code_ttl:
            config["codeTtl"] = code_ttl
        if id_token_audience:
            config["idTokenAudience"] = id_token_audience
        # The provider's warnings and errors, shown when it fails to start; closed in stop().
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        self._process = subprocess.Popen(
            [_node(), "provider.js", json.dumps(config)],
            cwd=PROVIDER_DIR,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        line = self._process.stdout.readline()
        if not line.startswith("listening "):
            self.stop()
            self._log.seek(0)
            raise RuntimeError(f"The OpenID provider did not start: {self._log.read()}")
        self.url = line.split()[1]
        self.issuer = issuer or self.url

    def stop(self):
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()
        self._log.close()

    def configure(self, settings, *, client_id=CLIENT_ID, client_secret=CLIENT_SECRET):
        """Point smartkreis (the test's `settings`) at this provider, as the OIDC_*
        environment variables would."""
        settings.OIDC_ISSUER = self.url
        settings.OIDC_RP_CLIENT_ID = client_id
        settings.OIDC_RP_CLIENT_SECRET = client_secret
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "identity.oidc.OIDCBackend",
        ]
        settings.SECURE_CSP = {
            **settings.SECURE_CSP,
            "form-action": [*settings.SECURE_CSP["form-action"], self.url],
        }


_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*method="post"', re.IGNORECASE)
_PROMPT = re.compile(r'name="prompt" value="(\w+)"')


def log_in_at_provider(authorization_url, *, login, stop_at, http=None):
    """Go through the provider's login and consent pages as `login` (over HTTP, as a browser
    without script would) and return the URL it sends the browser back to (starting with
    `stop_at`: smartkreis's callback with code and state). `http` is the browser's
    requests session at the provider (its cookies are the provider's session)."""
    http = http or requests.Session()
    response = http.get(authorization_url, allow_redirects=False, timeout=10)
    for _step in range(12):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(stop_at):
                return location
            response = http.get(location, allow_redirects=False, timeout=10)
            continue
        form = _FORM.search(response.text)
        prompt = _PROMPT.search(response.text)
        if response.status_code != 200 or form is None or prompt is None:
            raise AssertionError(
                f"Unexpected page at the provider ({response.status_code}): {response.text[-600:]}"
            )
        data = {"prompt": prompt.group(1)}
        if data["prompt"] == "login":
            data.update(login=login, password="any password")
        response = http.post(
            urljoin(response.url, unescape(form.group(1))),
            data=data,
            allow_redirects=False,
            timeout=10,
        )
    raise AssertionError("The provider never sent the browser back")
