"""The register's sections of the organisation's pages: a body's and a unit's initiatives."""

import pytest

from accounts.tests.factories import UserFactory
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from portfolio.queries import initiatives_of_body_visible_to
from portfolio.tests.factories import InitiativeFactory


@pytest.mark.django_db
def test_a_body_lists_its_own_initiatives_first_then_those_it_takes_part_in():
    county = CountyFactory()
    municipality = MunicipalityFactory(parent=county)
    shared = InitiativeFactory(title="A: Breitband", owner_body=county)
    shared.participating_bodies.add(municipality)
    own = InitiativeFactory(
        title="Z: Bürger-App", owner_body=municipality, owner_unit=OrgUnitFactory(body=municipality)
    )
    InitiativeFactory(title="Fremd", owner_body=county)

    excerpt = initiatives_of_body_visible_to(UserFactory(body=county), municipality)

    assert excerpt.initiatives == [own, shared]
    assert excerpt.total == 2
