import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import (
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from organisations.actions import dissolve_org_unit
from organisations.models import Body, OrgUnit
from organisations.tests.factories import (
    CountyFactory,
    FunctionFactory,
    MunicipalityFactory,
    OrgUnitFactory,
    PersonFactory,
)
from portfolio.models import TrafficLight
from portfolio.tests.factories import InitiativeFactory
from strategy.tests.factories import FieldOfActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    return CountyFactory(
        name="Rhein-Sieg-Kreis",
        ags="05382000",
        ars="053820000000",
        population=600_764,
        population_date=datetime.date(2023, 12, 31),
        area_km2="1153.20",
        website="https://www.rhein-sieg-kreis.de",
    )


@pytest.fixture
def reorganisation(county):
    """March 2022: office 10 is split, 10.2 becomes office 12 (as in the county's paper)."""
    office_10 = OrgUnitFactory(
        body=county, number="10", name="Zentrale Dienste", valid_from=datetime.date(2010, 1, 1)
    )
    division = OrgUnitFactory(
        body=county,
        number="10.2",
        name="Informations- und Kommunikationstechnik",
        kind=OrgUnit.Kind.DIVISION,
        parent=office_10,
        valid_from=datetime.date(2010, 1, 1),
    )
    office_12 = OrgUnitFactory(
        body=county,
        number="12",
        name="IT und Digitalisierung",
        valid_from=datetime.date(2022, 3, 1),
    )
    staff_unit = OrgUnitFactory(
        body=county,
        number="12.0",
        name="Stabsstelle Digitalisierung",
        kind=OrgUnit.Kind.STAFF_UNIT,
        parent=office_12,
        valid_from=datetime.date(2022, 3, 1),
    )
    dissolve_org_unit(
        acting_user=StaffUnitUserFactory(body=county),
        unit=division,
        last_day=datetime.date(2022, 2, 28),
        successors=[office_12],
        initiatives_to=None,
    )
    return {
        "office_10": office_10,
        "division": division,
        "office_12": office_12,
        "staff_unit": staff_unit,
    }


def test_anonymous_users_are_sent_to_the_login(client, county):
    for url in (
        reverse("organisations:body_list"),
        reverse("organisations:body_detail", args=[county.pk]),
        reverse("organisations:org_unit_detail", args=[OrgUnitFactory(body=county).pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_body_list_groups_bodies_by_kind_with_german_numbers(client, county):
    MunicipalityFactory(name="Siegburg", ags="05382068", population=41_234, parent=county)
    Body.objects.create(name="civitec", kind=Body.Kind.ASSOCIATION)
    client.force_login(UserFactory(body=county))

    response = client.get(reverse("organisations:body_list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in content
    assert "Organisation</h1>" in content
    assert content.index("Kreis") < content.index("Kommunen") < content.index("Zweckverbände")
    assert "05382068" in content
    assert "41.234" in content
    assert "civitec" in content
    assert "1 Kommune" in content


def test_body_detail_shows_keys_units_tree_functions_and_former_units(
    client, county, reorganisation
):
    MunicipalityFactory(name="Siegburg", parent=county, population=41_234)
    FunctionFactory(
        body=county,
        title="Chief Digital Officer",
        org_unit=reorganisation["staff_unit"],
        person=PersonFactory(given_name="Erika", family_name="Muster"),
    )
    client.force_login(UserFactory(body=county))

    response = client.get(reverse("organisations:body_detail", args=[county.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "05382000",
        "053820000000",
        "600.764",
        "1.153,20",
        "31.12.2023",
        "https://www.rhein-sieg-kreis.de",
        "Siegburg",
        "Erika Muster",
        "Chief Digital Officer",
    ):
        assert text in content, text
    current_part, former_part = content.split('id="former-units-heading"')
    # The staff unit is nested under office 12 in the tree of current units.
    assert current_part.index("IT und Digitalisierung") < current_part.index(
        "Stabsstelle Digitalisierung"
    )
    assert "Informations- und Kommunikationstechnik" not in current_part
    assert (
        "Abteilung 10.2 – Informations- und Kommunikationstechnik</a> – aufgelöst am 01.03.2022"
        in former_part
    )
    assert "Nachfolger: <a" in former_part
    assert "Amt 12 – IT und Digitalisierung" in former_part


def test_org_unit_detail_shows_history_with_dates(client, county, reorganisation):
    client.force_login(UserFactory(body=county))

    new_office = client.get(
        reverse("organisations:org_unit_detail", args=[reorganisation["office_12"].pk])
    ).content.decode()
    old_division = client.get(
        reverse("organisations:org_unit_detail", args=[reorganisation["division"].pk])
    ).content.decode()

    assert "Vorgänger" in new_office
    assert (
        "Abteilung 10.2 – Informations- und Kommunikationstechnik</a> – aufgelöst am 01.03.2022"
        in new_office
    )
    assert "Stabsstelle 12.0 – Stabsstelle Digitalisierung" in new_office
    assert "seit 01.03.2022" in new_office
    assert "Diese Einheit wurde am 01.03.2022 aufgelöst." in old_division
    assert "Nachfolger" in old_division
    assert "Amt 12 – IT und Digitalisierung</a> – seit 01.03.2022" in old_division
    assert "vom 01.01.2010 bis 28.02.2022" in old_division


def test_org_unit_detail_lists_its_visible_initiatives_and_functions(client, county):
    unit = OrgUnitFactory(body=county, number="12", name="IT und Digitalisierung")
    InitiativeFactory(
        title="Dokumentenmanagement",
        owner_body=county,
        owner_unit=unit,
        traffic_light=TrafficLight.YELLOW,
    )
    FunctionFactory(body=county, org_unit=unit, title="Amtsleitung", person=None)
    client.force_login(UserFactory(body=county))

    content = client.get(reverse("organisations:org_unit_detail", args=[unit.pk])).content.decode()

    assert "Dokumentenmanagement" in content
    assert "sk-light--YELLOW" in content
    assert "Amtsleitung" in content
    assert "unbesetzt" in content


def test_municipality_user_sees_reference_data_but_only_visible_initiatives(client, county):
    own = MunicipalityFactory(name="Siegburg", parent=county)
    other = MunicipalityFactory(name="Troisdorf", parent=county, ags="05382072", population=75_000)
    other_unit = OrgUnitFactory(body=other, name="Amt für Digitales")
    InitiativeFactory(title="Troisdorfer Geheimvorhaben", owner_body=other, owner_unit=other_unit)
    InitiativeFactory(
        title="Gemeinsamer Breitbandausbau",
        owner_body=county,
        owner_unit=OrgUnitFactory(body=county),
    ).participating_bodies.add(other, own)
    client.force_login(MunicipalityEditorFactory(body=own))

    response = client.get(reverse("organisations:body_detail", args=[other.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "05382072" in content
    assert "75.000" in content
    assert "Gemeinsamer Breitbandausbau" in content
    assert "Troisdorfer Geheimvorhaben" not in content
    assert "Amt für Digitales" not in content
    assert "nur für deren Nutzende sichtbar" in content
    unit_response = client.get(reverse("organisations:org_unit_detail", args=[other_unit.pk]))
    assert unit_response.status_code == 403
    assert "Zugriff verweigert" in unit_response.content.decode()


def test_municipality_user_reads_the_county_organisation(client, county):
    unit = OrgUnitFactory(body=county, name="Amt für Schulen")
    client.force_login(MunicipalityEditorFactory(body=MunicipalityFactory(parent=county)))

    assert (
        "Amt für Schulen"
        in client.get(reverse("organisations:body_detail", args=[county.pk])).content.decode()
    )
    assert client.get(reverse("organisations:org_unit_detail", args=[unit.pk])).status_code == 200


def test_body_detail_links_to_the_register_filtered_by_body(client, county):
    InitiativeFactory(owner_body=county)
    client.force_login(UnitEditorFactory())

    content = client.get(reverse("organisations:body_detail", args=[county.pk])).content.decode()

    assert f'href="{reverse("portfolio:initiative_list")}?body={county.pk}"' in content


def test_missing_objects_give_404(client):
    client.force_login(UserFactory())

    assert client.get(reverse("organisations:body_detail", args=[999_999])).status_code == 404
    assert client.get(reverse("organisations:org_unit_detail", args=[999_999])).status_code == 404


def _populate(county, root, field, count):
    """`count` more sub-units (every second one dissolved with a successor), predecessors,
    functions, initiatives and municipalities around `root`."""
    for index in range(count):
        unit = OrgUnitFactory(body=county, parent=root, kind=OrgUnit.Kind.DIVISION)
        if index % 2:
            unit.valid_until = datetime.date(2022, 2, 28)
            unit.save()
            OrgUnitFactory(body=county, parent=root).predecessors.add(unit)
            root.predecessors.add(unit)
        FunctionFactory(body=county, org_unit=root)
        InitiativeFactory(owner_body=county, owner_unit=root, fields=[field])
        MunicipalityFactory(parent=county)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_data(client, county):
    root = OrgUnitFactory(body=county, number="1")
    field = FieldOfActionFactory()
    client.force_login(UserFactory(body=county))
    urls = [
        reverse("organisations:body_list"),
        reverse("organisations:body_detail", args=[county.pk]),
        reverse("organisations:org_unit_detail", args=[root.pk]),
    ]

    _populate(county, root, field, 10)
    with_10 = {url: _count_queries(client, url) for url in urls}
    _populate(county, root, field, 190)
    with_200 = {url: _count_queries(client, url) for url in urls}

    assert with_10 == with_200, (with_10, with_200)
    assert max(with_10.values()) <= 15
