import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_send_security_headers_and_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_internal_pages_send_anonymous_visitors_to_the_login(client):
    for name in ("dashboard", "portfolio:initiative_list", "strategy:goal_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def _run_python(code, **env):
    clean = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    clean.pop("SECRET_KEY", None)
    clean.pop("DJANGO_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_serve_without_a_secret_key():
    for entry_point in ("smartkreis.wsgi", "smartkreis.asgi"):
        result = _run_python(f"import {entry_point}")
        assert result.returncode != 0
        assert "Set SECRET_KEY" in result.stderr
    assert _run_python("import smartkreis.wsgi", SECRET_KEY="x" * 50).returncode == 0


@pytest.mark.parametrize("entry_point", ["smartkreis.wsgi", "smartkreis.asgi"])
def test_the_entry_points_freeze_what_lives_as_long_as_the_server(entry_point):
    code = (
        f"import gc, sys; import {entry_point}; "
        "print(gc.get_freeze_count(), 'portfolio.views' in sys.modules)"
    )
    result = _run_python(code, SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    frozen, views_loaded = result.stdout.split()
    assert int(frozen) > 50_000  # Django and the apps, views included
    assert views_loaded == "True"


def test_production_defaults_use_secure_cookies():
    result = _run_python(
        "import smartkreis.settings as s; print(s.SESSION_COOKIE_SECURE)", SECRET_KEY="x" * 50
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_static_files_collect_for_production_with_hashed_names(tmp_path):
    """The manifest storage fails on any missing file a stylesheet refers to (fonts, icons)."""
    clean = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    clean.pop("DJANGO_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=clean | {"SECRET_KEY": "x" * 50, "STATIC_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("vendor/kern/kern.min.*.css"))
    assert (tmp_path / "staticfiles.json").exists()
