from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Outgoing mail with retries, meeting invitations, reminders, personal iCal feeds."""

    name = "notifications"
    verbose_name = _("Notifications")
