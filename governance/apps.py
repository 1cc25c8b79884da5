from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Committees (OParl Organization), meetings, agendas, minutes, decisions, action items."""

    name = "governance"
    verbose_name = _("Steering and committees")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("governance:organization_list", _("Committees"), "/gremien/", 50)]

    def chairs_steering_group(self, *, user):
        """For the topic submissions, a lower app: does `user` chair a steering group (and so
        read every topic and waive missing statements)?"""
        from .permissions import chairs_a_steering_group

        return chairs_a_steering_group(user)
