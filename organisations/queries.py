"""Reads of the organisation that take more than one query.

Each page's reads run a fixed number of queries, however many units or functions a body has:
related objects come with select_related/prefetch_related, trees are built in Python. What
the apps built on the organisation show on its pages (the initiatives) they contribute
themselves (smartkreis.contributions).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

from smartkreis.contributions import page_sections

from .models import Body, Function, OrgUnit
from .permissions import can_view_body_internals


def region_body_ids(county_id):
    """The ids of a county and of the bodies that belong to it, as a subquery."""
    return Body.objects.filter(Q(pk=county_id) | Q(parent_id=county_id)).values("pk")


def unit_lineage(unit):
    """The units this unit came from, nearest first, each with its own predecessors."""
    lineage, frontier, seen = [], [unit], {unit.pk}
    while frontier:
        step = []
        for current in frontier:
            for predecessor in current.predecessors.all():
                if predecessor.pk not in seen:
                    seen.add(predecessor.pk)
                    step.append(predecessor)
        lineage.extend(step)
        frontier = step
    return lineage


def unit_sort_key(unit):
    """Units in the order of their numbers, read as numbers ("10.2" before "12", "9" before
    "10"); units without a number last, by name."""
    parts = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.split(r"(\d+)", unit.number)
        if part
    )
    return (not unit.number, parts, unit.name.lower())


def is_current_unit(unit, today):
    """Not dissolved yet on `today` (units that start later count as current: they are planned)."""
    return unit.valid_until is None or unit.valid_until >= today


@dataclass
class UnitNode:
    unit: OrgUnit
    children: list["UnitNode"] = field(default_factory=list)


def unit_tree(units):
    """Nest `units` by their parent; a unit whose parent is not among them becomes a root."""
    ids = {unit.pk for unit in units}
    by_parent = defaultdict(list)
    for unit in sorted(units, key=unit_sort_key):
        by_parent[unit.parent_id if unit.parent_id in ids else None].append(unit)

    placed = set()

    def build(parent_id):
        nodes = []
        for unit in by_parent.get(parent_id, []):
            if unit.pk in placed:  # defensive: a cycle in the data must not loop forever
                continue
            placed.add(unit.pk)
            nodes.append(UnitNode(unit=unit, children=build(unit.pk)))
        return nodes

    return build(None)


def _units_with_history():
    """Units with their predecessors and successors (each in number order) prefetched."""
    linked = OrgUnit.objects.order_by("number", "name")
    return OrgUnit.objects.select_related("parent").prefetch_related(
        Prefetch("predecessors", queryset=linked), Prefetch("successors", queryset=linked)
    )


def _current_functions(today):
    kind_order = Case(
        *[When(kind=kind, then=Value(index)) for index, kind in enumerate(Function.Kind.values)],
        output_field=IntegerField(),
    )
    return (
        Function.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .select_related("person", "org_unit")
        .annotate(kind_order=kind_order)
        .order_by("kind_order", "title", "id")
    )


def bodies_by_kind():
    """All bodies in three groups: counties, municipalities, associations and companies."""
    groups = {"counties": [], "municipalities": [], "others": []}
    for body in Body.objects.select_related("parent").order_by("name", "id"):
        if body.kind == Body.Kind.COUNTY:
            groups["counties"].append(body)
        elif body.kind == Body.Kind.MUNICIPALITY:
            groups["municipalities"].append(body)
        else:
            groups["others"].append(body)
    return groups


@dataclass
class BodyPage:
    body: Body
    today: object
    members: list
    shows_internals: bool
    unit_tree: list
    former_units: list
    functions: list
    # What the apps built on the organisation show on the page (the body's initiatives).
    sections: list


def body_page(*, user, body, today=None):
    """Everything the page of `body` shows to `user`."""
    today = today or timezone.localdate()
    members = list(body.members.order_by("name", "id"))
    shows_internals = can_view_body_internals(user, body)
    units, functions = [], []
    if shows_internals:
        units = list(_units_with_history().filter(body=body))
        functions = list(_current_functions(today).filter(body=body))
    current = [unit for unit in units if is_current_unit(unit, today)]
    former = sorted(
        (unit for unit in units if not is_current_unit(unit, today)),
        key=lambda unit: (-unit.valid_until.toordinal(), unit_sort_key(unit)),
    )
    return BodyPage(
        body=body,
        today=today,
        members=members,
        shows_internals=shows_internals,
        unit_tree=unit_tree(current),
        former_units=former,
        functions=functions,
        sections=page_sections("body_sections", user=user, body=body),
    )


@dataclass
class UnitPage:
    unit: OrgUnit
    is_current: bool
    children: list
    former_children: list
    predecessors: list
    successors: list
    functions: list
    # What the apps built on the organisation show on the page (the unit's initiatives).
    sections: list


def unit_page(*, user, unit, today=None):
    """Everything the page of `unit` shows to `user` (who may read its body's internals)."""
    today = today or timezone.localdate()
    children = sorted(_units_with_history().filter(parent=unit), key=unit_sort_key)
    predecessors = sorted(_units_with_history().filter(successors=unit), key=unit_sort_key)
    successors = sorted(unit.successors.all(), key=unit_sort_key)
    return UnitPage(
        unit=unit,
        is_current=is_current_unit(unit, today),
        children=[child for child in children if is_current_unit(child, today)],
        former_children=[child for child in children if not is_current_unit(child, today)],
        predecessors=predecessors,
        successors=successors,
        functions=list(_current_functions(today).filter(org_unit=unit)),
        sections=page_sections("org_unit_sections", user=user, unit=unit),
    )
