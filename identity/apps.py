from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    """Logins from outside smartkreis: the county's identity provider (OpenID Connect) and its
    directory (LDAP / Active Directory), and the rules that give their users a role."""

    name = "identity"
    verbose_name = _("Single sign-on and directory")

    def navigation_items(self):
        from smartkreis.navigation import NavigationItem

        from .permissions import can_manage_group_rules

        return [
            NavigationItem(
                "identity:group_rule_list",
                _("Group rules"),
                "/gruppenregeln/",
                125,
                may_open=can_manage_group_rules,
            )
        ]
