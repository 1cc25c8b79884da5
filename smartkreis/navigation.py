"""The main navigation, contributed by the apps: each names its entry and who may open it.

An app's AppConfig defines `navigation_items()`, returning NavigationItems; the base layout
shows those the user may open, in the order of their `position`. Anonymous visitors see the
public pages' entries instead, from `public_navigation_items()`. So this lowest layer knows
no app's pages or permissions, and a menu never offers a page that answers 403.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


def _internal_user(user):
    return user.is_authenticated and user.is_active


@dataclass(frozen=True)
class NavigationItem:
    url_name: str
    label: str
    # Pages under this path mark the entry as the current one.
    prefix: str
    position: int
    may_open: Callable = _internal_user


@functools.cache
def _items(hook):
    items = [
        item
        for config in apps.get_app_configs()
        if hasattr(config, hook)
        for item in getattr(config, hook)()
    ]
    return sorted(items, key=lambda item: item.position)


def main_navigation(user, path):
    """The entries `user` may open, each with its URL and whether `path` lies under it."""
    if user.is_authenticated:
        items = [item for item in _items("navigation_items") if item.may_open(user)]
    else:
        items = _items("public_navigation_items")
    return [
        {
            "url": reverse(item.url_name),
            "label": item.label,
            "current": path.startswith(item.prefix),
        }
        for item in items
    ]
