"""Filters of the topic list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from organisations.models import Body
from strategy.models import FieldOfAction

from .models import Topic


class TopicFilter(django_filters.FilterSet):
    """The list's filter form. Build it with the visible topics as its queryset."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Topic.Status.choices, empty_label=_("All statuses")
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field of action"),
        field_name="fields",
        queryset=FieldOfAction.objects.order_by("position", "name"),
        empty_label=_("All fields of action"),
        method="filter_field",
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Submitting body"),
        field_name="submitting_body",
        queryset=Body.objects.order_by("kind", "name"),
        empty_label=_("All bodies"),
    )

    class Meta:
        model = Topic
        fields = ()

    def filter_field(self, queryset, name, value):
        # A subquery, not a join: a topic in several fields is listed once.
        chosen = Topic.fields.through.objects.filter(fieldofaction=value)
        return queryset.filter(pk__in=chosen.values("topic_id"))
