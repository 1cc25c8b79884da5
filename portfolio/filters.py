"""Filters and sort orders of the initiative list (and of its export, which takes the same)."""

import re

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.forms.models import ModelChoiceIterator
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisations.models import Body, OrgUnit
from organisations.queries import region_body_ids
from strategy.models import FieldOfAction

from .models import Initiative, Milestone, TrafficLight
from .permissions import is_municipality_user, org_units_visible_to

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
    # Chosen in the register's county switcher (CountyScopeForm) and carried by the filter
    # form as a hidden field; left out where the installation has a single county. Its
    # choices are the counties read once for the switcher, so choosing costs no query.
    county = django_filters.ChoiceFilter(
        label=_("County"), choices=(), method="filter_county", widget=forms.HiddenInput
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

    def __init__(self, data=None, *args, user, today=None, **kwargs):
        self.counties = counties_to_choose(user)
        if self.counties:
            data = _with_default_county(data, user, self.counties)
        super().__init__(data, *args, **kwargs)
        self.today = today or timezone.localdate()
        if self.counties:
            self.filters["county"].extra["choices"] = [
                (str(body.pk), body.name) for body in self.counties
            ]
        else:
            del self.filters["county"]
        region = self._region(user)
        self.county = next((body for body in self.counties if body.pk == region), None)
        units = self.form.fields["owner_unit"]
        # The iterator first: setting the queryset hands the widget its choices.
        units.iterator = _UnitChoices
        units.queryset = org_units_visible_to(user).order_by("body__name", "number", "name")
        if region is not None:
            # A Land's lists would offer thousands of units and hundreds of bodies: the form
            # offers those of the county in view.
            region_bodies = region_body_ids(region)
            units.queryset = units.queryset.filter(body_id__in=region_bodies)
            bodies = self.form.fields["body"]
            bodies.queryset = bodies.queryset.filter(pk__in=region_bodies)
        elif self.counties:
            # All counties' units (a Land's 2,511) make a select nobody can use, and most of
            # the page: "all counties" offers units once a county is chosen, and keeps a unit
            # that the address asks for.
            chosen = str((self.data or {}).get("owner_unit") or "")
            # A number of ten digits or more is no unit's, and could overflow the column.
            units.queryset = (
                units.queryset.filter(pk=int(chosen))
                if chosen.isdecimal() and len(chosen) < 10
                else units.queryset.none()
            )
            units.help_text = _("Choose a county above to filter by unit.")

    def _region(self, user):
        """The county whose bodies the form offers: the one chosen, or a municipality's own."""
        if self.counties:
            chosen = str((self.data or {}).get("county") or "")
            return next((body.pk for body in self.counties if str(body.pk) == chosen), None)
        if is_municipality_user(user) and user.body.parent_id:
            return user.body.parent_id
        return None

    def filter_county(self, queryset, name, value):
        # One subquery, a union: an OR of the two conditions could use no index.
        region = region_body_ids(int(value))
        owned = Initiative.objects.filter(owner_body_id__in=region)
        participating = Initiative.participating_bodies.through.objects.filter(body_id__in=region)
        return queryset.filter(
            pk__in=owned.values("pk").union(participating.values("initiative_id"))
        )

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


def counties_to_choose(user):
    """The counties the register lets `user` switch between: every county where the
    installation holds several (a Land, a regional IT provider), none where it holds one.
    A municipality's users see their county's register only, so they have no switch."""
    if is_municipality_user(user):
        return []
    counties = list(
        Body.objects.filter(kind=Body.Kind.COUNTY).only("pk", "name").order_by("name", "id")
    )
    return counties if len(counties) > 1 else []


def _with_default_county(data, user, counties):
    """A county's users start in their county's register; "all counties" is an empty choice."""
    if data is not None and "county" in data:
        return data
    if not any(body.pk == user.body_id for body in counties):
        return data
    data = data.copy() if data is not None else QueryDict(mutable=True)
    data["county"] = str(user.body_id)
    return data


class CountyScopeForm(forms.Form):
    """The register's county switcher; its empty choice shows every county."""

    county = forms.ChoiceField(label=_("County (with its municipalities)"), required=False)

    def __init__(self, *, counties, county, errors=None):
        super().__init__({"county": county.pk if county else ""}, auto_id="scope_%s")
        self.fields["county"].choices = [
            ("", _("All counties")),
            *((body.pk, body.name) for body in counties),
        ]
        if errors:
            # The filter refused the county it carries: say so where it is chosen.
            self.full_clean()
            self.add_error("county", errors)


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
        kind_labels = OrgUnit.kind_labels()
        for pk, kind, number, name, body_short_name, body_name in rows:
            unit = OrgUnit.label(kind=kind, number=number, name=name, kind_labels=kind_labels)
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
