from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UserManagementConfig(AppConfig):
    """Managing the users in the app: invitations by e-mail, role, body and unit, deactivation.
    Administrators and the staff unit manage everyone; a body's own user manager
    (`accounts.User.manages_body_users`) manages the users of that body only."""

    name = "user_management"
    verbose_name = _("User management")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        from .permissions import can_manage_users

        return [
            NavigationItem(
                "user_management:user_list",
                _("Users"),
                "/benutzer/",
                120,
                may_open=can_manage_users,
            )
        ]
