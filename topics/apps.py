from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    """Topic submissions to the steering group, their preparation, prioritisation, sign-offs."""

    name = "topics"
    verbose_name = _("Topic submissions")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("topics:topic_list", _("Topics"), "/themen/", 40)]
