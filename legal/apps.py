from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    """What a public body publishes beside its portal: imprint, privacy notice, accessibility
    statement with its feedback form (each message a case with a one-month deadline), and a
    page in Leichte Sprache."""

    name = "legal"
    verbose_name = _("Legal information and accessibility")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        from .permissions import can_handle_feedback

        return [
            NavigationItem(
                "legal:feedback_list",
                _("Accessibility feedback"),
                "/rueckmeldungen/",
                130,
                may_open=can_handle_feedback,
            )
        ]

    def due_reminders(self, *, today):
        """The reminders of open feedback for notifications' `send_reminders`."""
        from .reminders import due_reminders

        return due_reminders(today=today)
