from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Register of initiatives")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [NavigationItem("portfolio:initiative_list", _("Initiatives"), "/vorhaben/", 20)]

    def body_sections(self, *, user, body):
        """A body's initiatives, for the body's page in the organisation (a lower app)."""
        from smartkreis.contributions import PageSection

        from .queries import initiatives_of_body_visible_to

        initiatives = initiatives_of_body_visible_to(user, body)
        return [PageSection("portfolio/_body_initiatives.html", {"initiatives": initiatives})]

    def org_unit_sections(self, *, user, unit):
        """The initiatives a unit is responsible for, for the unit's page."""
        from smartkreis.contributions import PageSection

        from .queries import initiatives_of_unit_visible_to

        initiatives = initiatives_of_unit_visible_to(user, unit)
        return [PageSection("portfolio/_unit_initiatives.html", {"initiatives": initiatives})]

    def org_unit_handed_over(self, *, acting_user, unit, successor, audit_source, audit_label):
        """A dissolved unit's initiatives go to its successor (organisations.dissolve_org_unit)."""
        from .actions import change_owner_unit
        from .models import Initiative

        change_owner_unit(
            acting_user=acting_user,
            initiatives=list(Initiative.objects.filter(owner_unit=unit)),
            new_unit=successor,
            audit_source=audit_source,
            audit_label=audit_label,
        )

    def goal_sections(self, *, user, goal):
        """The initiatives serving a goal, for the goal's page in the strategy (a lower app)."""
        from smartkreis.contributions import PageSection

        from .queries import initiatives_serving

        initiatives = initiatives_serving(user, goals=goal)
        return [PageSection("portfolio/_goal_initiatives.html", {"initiatives": initiatives})]

    def indicator_sections(self, *, user, indicator):
        """The initiatives contributing to an indicator, for the indicator's page."""
        from smartkreis.contributions import PageSection

        from .queries import initiatives_serving

        initiatives = initiatives_serving(user, indicators=indicator)
        return [PageSection("portfolio/_indicator_initiatives.html", {"initiatives": initiatives})]

    def goal_list_columns(self, *, user, goals):
        """How many of the initiatives `user` may see serve each goal, for the goal tables."""
        from django.utils.translation import gettext

        from smartkreis.contributions import TableColumn

        from .queries import initiative_counts_per_goal

        return [TableColumn(gettext("Initiatives"), initiative_counts_per_goal(user, goals))]
