from django.apps import AppConfig


class SmartkreisConfig(AppConfig):
    """The project package: base templates, components, static files, project-wide locale."""

    name = "smartkreis"
    verbose_name = "smartkreis"

    def navigation_items(self):
        from django.utils.translation import gettext_lazy as _

        from smartkreis.navigation import NavigationItem

        return [
            NavigationItem(
                "admin:index", _("Administration"), "/admin/", 1000, may_open=_django_admin_user
            )
        ]


def _django_admin_user(user):
    return user.is_active and user.is_staff
