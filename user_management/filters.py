"""Filters of the user list."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User

from . import permissions

ACTIVE_CHOICES = [("yes", _("Active")), ("no", _("Deactivated"))]


class UserFilter(django_filters.FilterSet):
    """The list's filter form. Build it with the users the manager manages as its queryset."""

    body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=None, empty_label=_("All bodies")
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=User.Role.choices, empty_label=_("All roles")
    )
    active = django_filters.ChoiceFilter(
        label=pgettext_lazy("account", "State"),
        choices=ACTIVE_CHOICES,
        empty_label=_("Active and deactivated"),
        method="filter_active",
    )

    class Meta:
        model = User
        fields = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if permissions.manages_body_only(user):
            # Only one body to choose from: the filter would offer nothing.
            del self.filters["body"]
        else:
            self.filters["body"].queryset = permissions.assignable_bodies(user).order_by(
                "kind", "name"
            )

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")
