"""A view checks access and makes one domain call for its page: the query that returns the
page's data (in the app's queries.py), never several reads stitched together in the view, nor
the ORM itself."""

import ast

import pytest
from django.conf import settings

VIEW_MODULES = sorted(
    path for path in settings.BASE_DIR.glob("*/views*.py") if (path.parent / "apps.py").exists()
)


def _view_functions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]


def _reads(function):
    """The calls of queries functions and the uses of a model manager in `function`."""
    query_calls, manager_uses = [], []
    for node in ast.walk(function):
        if not isinstance(node, ast.Attribute):
            continue
        is_name = isinstance(node.value, ast.Name)
        if is_name and node.value.id == "queries" and not node.attr.isupper():
            query_calls.append(node.attr)
        if node.attr == "objects":
            manager_uses.append(ast.unparse(node))
    return query_calls, manager_uses


@pytest.mark.parametrize(
    "path", VIEW_MODULES, ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_each_view_makes_at_most_one_domain_call(path):
    offenders = {}
    for function in _view_functions(path):
        query_calls, manager_uses = _reads(function)
        # A GET and a POST branch may each read once (e.g. the page, or the object to change).
        if len(set(query_calls)) > 1 or manager_uses:
            offenders[function.name] = query_calls + manager_uses
    assert offenders == {}
