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

    def consultation_columns(self, *, user, paper, consultations):
        """The council decision taken in each consultation, a column of the paper's consultation
        sequence (a lower app's page) for internal users: a link to it, or to record it."""
        from django.utils.translation import gettext

        from smartkreis.contributions import PageSection, TableColumn

        from .permissions import can_manage_council_decisions, can_view_council_decision
        from .queries import decisions_in_consultations

        if not (user.is_authenticated and user.is_active):
            return []
        decisions = decisions_in_consultations(consultations)
        record = can_manage_council_decisions(user)
        cells = {}
        for consultation in consultations:
            decision = decisions.get(consultation.pk)
            shown = decision is not None and can_view_council_decision(user, decision)
            if shown or (decision is None and record):
                cells[consultation.pk] = PageSection(
                    "council/_consultation_decision.html",
                    {"consultation": consultation, "decision": decision if shown else None},
                )
        return [
            TableColumn(
                gettext("Council decision and implementation"),
                cells,
                default=None,
                numeric=False,
            )
        ]
