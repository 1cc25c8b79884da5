import datetime

import pytest

from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from organisations.models import Body, OrgUnit
from organisations.permissions import can_view_body_internals
from organisations.queries import (
    bodies_by_kind,
    is_current_unit,
    unit_sort_key,
    unit_tree,
)
from organisations.tests.factories import CountyFactory, MunicipalityFactory


def _unit(pk, number, name="Einheit", parent_id=None):
    return OrgUnit(pk=pk, number=number, name=name, parent_id=parent_id)


def test_units_sort_by_their_numbers_read_as_numbers():
    units = [
        _unit(1, "12"),
        _unit(2, "10.2"),
        _unit(3, "9"),
        _unit(4, "", "Stabsstelle"),
        _unit(5, "10.10"),
        _unit(6, "10.1"),
    ]

    assert [u.number for u in sorted(units, key=unit_sort_key)] == [
        "9",
        "10.1",
        "10.2",
        "10.10",
        "12",
        "",
    ]


def test_unit_tree_nests_units_under_their_parents():
    units = [
        _unit(1, "10"),
        _unit(2, "10.2", parent_id=1),
        _unit(3, "10.1", parent_id=1),
        _unit(4, "12"),
        _unit(5, "10.1.1", parent_id=3),
        _unit(6, "13", parent_id=99),
    ]

    tree = unit_tree(units)

    assert [node.unit.number for node in tree] == ["10", "12", "13"]
    assert [node.unit.number for node in tree[0].children] == ["10.1", "10.2"]
    assert [node.unit.number for node in tree[0].children[0].children] == ["10.1.1"]


def test_a_unit_is_current_until_its_last_day():
    unit = OrgUnit(valid_until=datetime.date(2022, 2, 28))

    assert is_current_unit(unit, datetime.date(2022, 2, 28))
    assert not is_current_unit(unit, datetime.date(2022, 3, 1))
    assert is_current_unit(OrgUnit(), datetime.date(2030, 1, 1))


@pytest.mark.django_db
def test_bodies_are_grouped_by_kind():
    county = CountyFactory()
    municipality = MunicipalityFactory(parent=county)
    association = Body.objects.create(name="civitec", kind=Body.Kind.ASSOCIATION)
    company = Body.objects.create(name="regio iT GmbH", kind=Body.Kind.COMPANY)

    groups = bodies_by_kind()

    assert groups["counties"] == [county]
    assert groups["municipalities"] == [municipality]
    assert groups["others"] == [association, company]


@pytest.mark.django_db
def test_municipality_users_read_internals_of_their_own_body_and_the_county_only():
    county = CountyFactory()
    own, other = MunicipalityFactory(parent=county), MunicipalityFactory(parent=county)
    association = Body.objects.create(name="civitec", kind=Body.Kind.ASSOCIATION)
    user = MunicipalityEditorFactory(body=own)

    assert can_view_body_internals(user, own)
    assert can_view_body_internals(user, county)
    assert can_view_body_internals(user, association)
    assert not can_view_body_internals(user, other)
    assert can_view_body_internals(UserFactory(body=county), other)
