"""Every page of the app, found through the URL resolver, so new pages are tested unasked.

Patterns without arguments are taken as they are. For patterns with arguments, keyword arguments
named `<kind>_pk`/`<kind>_id` get the id of the scenario's object of that kind; a plain `pk`
is tried with the kind the pattern's name starts with, then the app's main kind, then every
other kind, and the first address that answers with an HTML page wins. An id under
"<pattern name>:<argument>" gives that pattern's argument another object than its kind's.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns that are no page to look at: actions answering POST only, redirects.
NOT_PAGES = {"logout", "set_language"}
MAIN_KIND = {
    "portfolio": "initiative",
    "strategy": "goal",
    "organisations": "body",
    "topics": "topic",
    "governance": "meeting",
    "papers": "paper",
    "council": "council_decision",
    "reports": "progress_report",
    "online_services": "offer",
    "processes": "process",
    "portal": "goal",
    "user_management": "user",
    "tasks": "job",
}


def _walk(patterns, namespace="", converters=()):
    for pattern in patterns:
        names = (*converters, *pattern.pattern.converters)
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or pattern.app_name == "admin":
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix, names)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in NOT_PAGES:
            yield f"{namespace}{pattern.name}", names


def app_url_patterns():
    """(full URL name, keyword argument names) of every named pattern outside the admin."""
    return sorted(set(_walk(get_resolver().url_patterns)))


def candidate_kwargs(name, kwarg_names, ids):
    """The keyword arguments to try for the pattern `name`, most likely first."""
    fixed, open_names = {}, []
    for kwarg in kwarg_names:
        kind = re.sub(r"_(pk|id)$", "", kwarg)
        if f"{name}:{kwarg}" in ids:  # the pattern needs another object of that kind
            fixed[kwarg] = ids[f"{name}:{kwarg}"]
        elif kind != kwarg and kind in ids:
            fixed[kwarg] = ids[kind]
        elif kwarg in ids:  # e.g. a version's `number`
            fixed[kwarg] = ids[kwarg]
        elif kwarg in ("pk", "id"):
            open_names.append(kwarg)
        else:
            return []
    if not open_names:
        return [fixed]
    namespace, _, short_name = name.rpartition(":")
    named = sorted(
        (kind for kind in ids if short_name.startswith(f"{kind}_")), key=len, reverse=True
    )
    kinds = list(dict.fromkeys([*named, MAIN_KIND.get(namespace, ""), *ids]))
    kinds = [kind for kind in kinds if ":" not in kind]
    return [fixed | {open_names[0]: ids[kind]} for kind in kinds if kind]
