"""Filters and sort orders of the initiative list (and of its export, which takes the same)."""

import re

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisations.models import Body, OrgUnit
from strategy.models import FieldOfAction

from .models import Initiative, Milestone, TrafficLight
from .permissions import org_units_visible_to

NO_LIGHT = "NONE"

_STATUS_RANK = Case(
    *(When(status=status, then=Value(rank)) for rank, status in enumerate(Initiative.Status)),
    output_field=IntegerField(),
)
# Worst first: red, yellow, green; no report yet comes last either way (see _ordering).
_LIGHT_RANK = Case(
    When(traffic_light=TrafficLight.RED, then=Value(0)),
    When(traffic_light=TrafficLight.YELLOW, then=Value(1)),
    When(traffic_light=TrafficLight.GREEN, then=Value(2)),
    default=Value(None),
    output_field=IntegerField(),
)

# sort key: (label, order_by expressions); a trailing "id" keeps pages stable.
SORTS = {
    "title": (_("Title (A–Z)"), [F("title").asc()]),
    "-title": (_("Title (Z–A)"), [F("title").desc()]),
    "status": (_("Status (idea first)"), [_STATUS_RANK.asc(), F("title").asc()]),
    "-status": (_("Status (stopped first)"), [_STATUS_RANK.desc(), F("title").asc()]),
    "priority": (_("Priority (high first)"), [F("priority").asc(), F("title").asc()]),
    "-priority": (_("Priority (low first)"), [F("priority").desc(), F("title").asc()]),
    "progress": (_("Progress (lowest first)"), [F("progress").asc(), F("title").asc()]),
    "-progress": (_("Progress (highest first)"), [F("progress").desc(), F("title").asc()]),
    "traffic_light": (
        _("Traffic light (red first)"),
        [_LIGHT_RANK.asc(nulls_last=True), F("title").asc()],
    ),
    "-traffic_light": (
        _("Traffic light (green first)"),
        [_LIGHT_RANK.desc(nulls_last=True), F("title").asc()],
    ),
    "next_report_due": (
        _("Next report due (earliest first)"),
        [F("next_report_due").asc(nulls_last=True), F("title").asc()],
    ),
    "-next_report_due": (
        _("Next report due (latest first)"),
        [F("next_report_due").desc(nulls_last=True), F("title").asc()],
    ),
    "owner_body": (
        _("Responsible body (A–Z)"),
        [F("owner_body__name").asc(), F("title").asc()],
    ),
    "-owner_body": (
        _("Responsible body (Z–A)"),
        [F("owner_body__name").desc(), F("title").asc()],
    ),
}
DEFAULT_SORT = "title"

_REFERENCE = re.compile(r"^\s*V-?0*(\d{1,9})\s*$", re.IGNORECASE)


def order_initiatives(queryset, sort):
    """`queryset` in the order of the sort key (unknown keys fall back to the title)."""
    _label, ordering = SORTS.get(sort) or SORTS[DEFAULT_SORT]
    return queryset.order_by(*ordering, "id")


class InitiativeFilter(django_filters.FilterSet):
    """The list's filter form. Build it with the visible initiatives as its queryset."""

    q = django_filters.CharFilter(
        label=pgettext_lazy("noun", "Search"),
        method="filter_text",
        help_text=_("Words in title or description, or a reference such as V-0012."),
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field of action"),
        field_name="fields",
        queryset=FieldOfAction.objects.order_by("position", "name"),
        empty_label=_("All fields of action"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Initiative.Status.choices, empty_label=_("All statuses")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body (responsible or participating)"),
        queryset=Body.objects.order_by("kind", "name"),
        method="filter_body",
        empty_label=_("All bodies"),
    )
    owner_unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"),
        queryset=OrgUnit.objects.none(),  # set per user in __init__
        empty_label=_("All units"),
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=Initiative.Priority.choices, empty_label=_("All priorities")
    )
    traffic_light = django_filters.ChoiceFilter(
        label=_("Traffic light"),
        choices=[*TrafficLight.choices, (NO_LIGHT, _("no report yet"))],
        method="filter_traffic_light",
        empty_label=_("All traffic lights"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Status report overdue"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    milestone_overdue = django_filters.BooleanFilter(
        label=_("Milestone overdue"),
        method="filter_milestone_overdue",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _ordering) in SORTS.items()],
        method="keep_for_ordering",
        empty_label=None,
    )

    class Meta:
        model = Initiative
        fields = ()

    def __init__(self, *args, user, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        units = self.form.fields["owner_unit"]
        # The iterator first: setting the queryset hands the widget its choices.
        units.iterator = _UnitChoices
        units.queryset = org_units_visible_to(user).order_by("body__name", "number", "name")

    def filter_text(self, queryset, name, value):
        condition = Q(title__icontains=value) | Q(description__icontains=value)
        reference = _REFERENCE.match(value)
        if reference:
            condition |= Q(pk=int(reference.group(1)))
        return queryset.filter(condition)

    def filter_body(self, queryset, name, value):
        # A subquery, not a join: an initiative the body owns and takes part in is listed once.
        participating = Initiative.participating_bodies.through.objects.filter(body=value)
        return queryset.filter(
            Q(owner_body=value) | Q(pk__in=participating.values("initiative_id"))
        )

    def filter_traffic_light(self, queryset, name, value):
        return queryset.filter(traffic_light="" if value == NO_LIGHT else value)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(next_report_due__lt=self.today) if value else queryset

    def filter_milestone_overdue(self, queryset, name, value):
        if not value:
            return queryset
        overdue = Milestone.objects.overdue(self.today)
        return queryset.filter(pk__in=overdue.values("initiative_id"))

    def keep_for_ordering(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    @property
    def sort_key(self):
        """The chosen sort key; kept even when another filter field is invalid."""
        if not self.is_bound:
            return DEFAULT_SORT
        self.form.is_valid()
        return self.form.cleaned_data.get("sort") or DEFAULT_SORT

    def filter_queryset(self, queryset):
        return order_initiatives(super().filter_queryset(queryset), self.sort_key)


class _UnitChoices(ModelChoiceIterator):
    """The unit filter's options from plain values ("Rhein-Sieg-Kreis: Amt 10 – Digitales"):
    a model instance per option made this select the dearest part of the register page.
    Choosing still goes through the field's queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list(
            "pk", "kind", "number", "name", "body__short_name", "body__name"
        )
        for pk, kind, number, name, body_short_name, body_name in rows:
            unit = OrgUnit.label(kind=kind, number=number, name=name)
            yield (pk, f"{body_short_name or body_name}: {unit}")


def sort_links(params, current):
    """Per sortable column: the query string that sorts by it, and its aria-sort state.

    A column already sorted ascending links to its descending order, every other column to
    its ascending order; the other filters are kept, the page is reset.
    """
    links = {}
    for key in (k for k in SORTS if not k.startswith("-")):
        query = params.copy()
        query.pop("page", None)
        query["sort"] = f"-{key}" if current == key else key
        state = {key: "ascending", f"-{key}": "descending"}.get(current, "")
        links[key] = {"query": query.urlencode(), "aria_sort": state}
    return links
