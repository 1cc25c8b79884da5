"""The apps build on one another one way: the organisation, the strategy and the register
below everything that works with them. A lower app shows what a higher one knows through
smartkreis.contributions, never by importing it (tests, migrations and commands aside)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = {"smartkreis", "accounts", "audit"}
# Each foundation app and the apps it may import.
ALLOWED = {
    "organisations": BASE,
    "strategy": BASE | {"organisations"},
    "portfolio": BASE | {"organisations", "strategy"},
}


def _imported_apps(app):
    imported = {}
    for path in (settings.BASE_DIR / app).rglob("*.py"):
        if {"tests", "migrations", "management"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != app and (settings.BASE_DIR / top / "apps.py").exists():
                    imported.setdefault(top, str(Path(path).relative_to(settings.BASE_DIR)))
    return imported


@pytest.mark.parametrize("app", ALLOWED)
def test_a_foundation_app_imports_no_app_built_on_it(app):
    upward = {
        other: where for other, where in _imported_apps(app).items() if other not in ALLOWED[app]
    }
    assert upward == {}
