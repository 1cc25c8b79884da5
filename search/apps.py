from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    """Full-text search over papers, their files and initiatives."""

    name = "search"
    verbose_name = pgettext_lazy("noun", "Search")
