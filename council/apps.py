from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Council decisions")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        return [
            NavigationItem(
                "council:decision_list", _("Council decisions"), "/kreistagsbeschluesse/", 70
            )
        ]

    def initiative_sections(self, *, user, initiative, today):
        """The council decisions an initiative implements, for its page in the register."""
        from smartkreis.contributions import PageSection

        from .queries import decisions_for_initiative

        decisions = decisions_for_initiative(user, initiative, today=today)
        return [
            PageSection(
                "council/_initiative_decisions.html",
                {"council_decisions": decisions},
                position=20,
            )
        ]
