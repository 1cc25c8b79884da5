"""A county with two municipalities, a committee, public and internal papers, initiatives of
the county and of each municipality, and users of every role."""

import datetime
from dataclasses import dataclass

import pytest

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from governance.models import Organization
from governance.tests.factories import OrganizationFactory
from organisations.tests.factories import CountyFactory, MunicipalityFactory
from papers.models import Paper
from portfolio.tests.factories import InitiativeFactory
from strategy.tests.factories import FieldOfActionFactory

from .factories import ConsultationFactory, PaperFactory, PaperFileFactory


@dataclass
class World:
    county: object
    town: object
    other_town: object
    committee: object
    public_paper: object
    internal_paper: object
    county_initiative: object
    town_initiative: object
    other_town_initiative: object
    users: dict


@pytest.fixture
def world(db):
    county = CountyFactory()
    town = MunicipalityFactory(name="Sankt Augustin", parent=county)
    other_town = MunicipalityFactory(name="Troisdorf", parent=county)
    committee = OrganizationFactory(
        body=county,
        name="Ausschuss für Wirtschaft, Digitalisierung und Tourismus",
        kind=Organization.Kind.COMMITTEE,
    )
    public_paper = PaperFactory(
        body=county,
        kind=Paper.Kind.MOTION,
        reference="AN/0057/2020",
        date=datetime.date(2020, 5, 25),
        subject="Smarter Rhein-Sieg-Kreis 4.0",
        explanation="Der Breitband-Ausbau an den Schulen soll beschleunigt werden.",
    )
    ConsultationFactory(paper=public_paper, organization=committee)
    internal_paper = PaperFactory(
        body=county,
        reference="BV/0099/2021",
        date=datetime.date(2021, 2, 3),
        subject="Personalplanung Breitband",
        is_public=False,
        explanation="Vertraulich: Geheimprojekt Wolkenkuckucksheim.",
    )
    PaperFileFactory(paper=internal_paper, name="Stellenplan", text="Breitband Stellenanteile")
    field = FieldOfActionFactory()
    county_initiative = InitiativeFactory(
        title="Breitband für alle Schulen",
        description="Glasfaser für jede Schule im Kreis.",
        owner_body=county,
        fields=[field],
        start_date=datetime.date(2022, 1, 1),
    )
    town_initiative = InitiativeFactory(
        title="Breitband im Rathaus Sankt Augustin",
        owner_body=town,
        fields=[field],
    )
    other_town_initiative = InitiativeFactory(
        title="Breitband Troisdorf",
        description="Troisdorfer Geheimprojekt Wolkenkuckucksheim.",
        owner_body=other_town,
        fields=[field],
    )
    users = {
        "reader": UserFactory(body=county),
        "unit_editor": UnitEditorFactory(body=county),
        "staff": StaffUnitUserFactory(body=county),
        "admin": AdministratorFactory(body=county),
        "municipality_editor": MunicipalityEditorFactory(body=town),
        "municipality_reader": UserFactory(body=town),
    }
    return World(
        county=county,
        town=town,
        other_town=other_town,
        committee=committee,
        public_paper=public_paper,
        internal_paper=internal_paper,
        county_initiative=county_initiative,
        town_initiative=town_initiative,
        other_town_initiative=other_town_initiative,
        users=users,
    )
