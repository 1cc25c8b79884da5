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


def _imported_apps(app, skip=frozenset()):
    """The apps that `app` imports, each with one file that does; `skip` names files (relative
    to the project) that are left out."""
    imported = {}
    for path in (settings.BASE_DIR / app).rglob("*.py"):
        if {"tests", "migrations", "management"} & set(path.parts):
            continue
        if path.relative_to(settings.BASE_DIR) in skip:
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


# The project's wiring, which names every app by design: the root URLconf and the settings.
WIRING = {Path("smartkreis/urls.py"), Path("smartkreis/settings.py")}


def _import_graph():
    apps = sorted(
        path.parent.name
        for path in settings.BASE_DIR.glob("*/apps.py")
        if path.parent.name != "tests"
    )
    return {app: set(_imported_apps(app, skip=WIRING)) & set(apps) for app in apps}


def _cycle_through(graph, start):
    """A shortest import path from `start` back to itself, or None."""
    paths = [[start]]
    seen = set()
    while paths:
        path = paths.pop(0)
        for other in sorted(graph[path[-1]]):
            if other == start:
                return [*path, start]
            if other not in seen:
                seen.add(other)
                paths.append([*path, other])
    return None


def test_no_two_apps_import_each_other_even_through_others():
    graph = _import_graph()
    cycles = {" → ".join(cycle) for app in graph if (cycle := _cycle_through(graph, app))}
    assert cycles == set()


def test_the_cycle_search_finds_a_cycle_through_a_third_app():
    graph = {"portfolio": {"papers"}, "papers": {"council"}, "council": {"portfolio"}, "x": set()}

    assert _cycle_through(graph, "portfolio") == ["portfolio", "papers", "council", "portfolio"]
    assert _cycle_through(graph, "x") is None
