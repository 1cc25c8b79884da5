"""The register in an installation of several counties (a Land, a regional IT provider):
a county's users start in their county, may switch to another or to all, and the filter
form offers the bodies and units of the county in view."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import MunicipalityEditorFactory, StaffUnitUserFactory
from organisations.models import Body
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from portfolio.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("portfolio:initiative_list")
EXPORT_URL = reverse("portfolio:initiative_export")


def _titles(response):
    html = response.content.decode()
    table = html[html.index('id="results"') :]
    return sorted(re.findall(r'<a class="kern-link" href="/vorhaben/\d+/">([^<]+)</a>', table))


def _options(response, select_id):
    html = response.content.decode()
    select = html[html.index(f'id="{select_id}"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'<option value="[^"]*"[^>]*>([^<]+)</option>', select)


@pytest.fixture
def land(world):
    """The world's county (Testkreis with two towns) and a second county with a town."""
    other_county = CountyFactory(name="Nachbarkreis", ags="05998000")
    other_town = MunicipalityFactory(name="Nachbarstadt", parent=other_county)
    OrgUnitFactory(body=other_county, number="30", name="Kreisentwicklung")
    InitiativeFactory(title="Nachbarkreis-Portal", owner_body=other_county, owner_unit=None)
    InitiativeFactory(title="Nachbarstadt-WLAN", owner_body=other_town, owner_unit=None)
    # A neighbour's initiative in which a town of the world's county takes part.
    shared = InitiativeFactory(title="Gemeinsame Leitstelle", owner_body=other_county)
    shared.participating_bodies.add(world.town)
    return other_county


COUNTY_TITLES = [
    "Bürgerbüro online",
    "DMS-Einführung",
    "Gemeinsame Leitstelle",
    "Troisdorfer Ratsinformation",
]


def test_a_county_staff_unit_starts_in_its_county(client, world, land):
    client.force_login(world.users["staff"])
    response = client.get(LIST_URL)
    assert _titles(response) == COUNTY_TITLES
    assert _options(response, "scope_county") == ["Alle Kreise", "Nachbarkreis", "Testkreis"]
    html = response.content.decode()
    assert re.search(rf'<option value="{world.county.pk}" selected>Testkreis</option>', html)
    # The live filter form carries the county, so filtering keeps it.
    assert f'<input type="hidden" name="county" value="{world.county.pk}"' in html
    assert "Kreis (mit seinen Kommunen)" in html


def test_the_filter_form_offers_the_bodies_and_units_of_the_county_in_view(client, world, land):
    client.force_login(world.users["staff"])
    own = client.get(LIST_URL)
    assert "Nachbarstadt" not in _options(own, "id_body")
    assert "Sankt Augustin" in _options(own, "id_body")
    assert not any("Kreisentwicklung" in unit for unit in _options(own, "id_owner_unit"))
    neighbour = client.get(LIST_URL, {"county": land.pk})
    assert _titles(neighbour) == [
        "Gemeinsame Leitstelle",
        "Nachbarkreis-Portal",
        "Nachbarstadt-WLAN",
    ]
    assert _options(neighbour, "id_body")[1:] == ["Nachbarkreis", "Nachbarstadt"]
    assert any("Kreisentwicklung" in unit for unit in _options(neighbour, "id_owner_unit"))


def test_all_counties_is_a_choice_of_its_own(client, world, land):
    client.force_login(world.users["staff"])
    response = client.get(LIST_URL, {"county": ""})
    assert len(_titles(response)) == 6
    assert "Nachbarstadt" in _options(response, "id_body")
    # Units only once a county is chosen: a Land's would be thousands.
    assert _options(response, "id_owner_unit") == ["Alle Organisationseinheiten"]
    assert "Für Organisationseinheiten oben einen Kreis wählen." in response.content.decode()


def test_all_counties_keeps_a_unit_the_address_asks_for(client, world, land):
    client.force_login(world.users["staff"])
    response = client.get(LIST_URL, {"county": "", "owner_unit": world.office.pk})
    assert _titles(response) == ["DMS-Einführung"]
    html = response.content.decode()
    assert re.search(rf'<option value="{world.office.pk}" selected>[^<]*Amt 12', html)
    unknown = client.get(LIST_URL, {"county": "", "owner_unit": "99999999999"})
    assert len(_titles(unknown)) == 6
    assert "keine gültige Auswahl" in unknown.content.decode()


def test_an_unknown_county_is_reported_at_the_switcher_and_every_county_listed(client, world, land):
    client.force_login(world.users["staff"])
    response = client.get(LIST_URL, {"county": "999999"})
    assert response.status_code == 200
    html = response.content.decode()
    switcher = html[html.index('class="sk-county-scope"') : html.index("Kreis anzeigen")]
    assert "999999 ist keine gültige Auswahl" in switcher
    assert 'aria-describedby="scope_county_error"' in switcher
    # As with every filter field: the unknown value is reported and left out.
    assert len(_titles(response)) == 6


def test_the_export_follows_the_county_in_view(client, world, land):
    client.force_login(world.users["staff"])
    own = client.get(EXPORT_URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert "DMS-Einführung" in own
    assert "Nachbarstadt-WLAN" not in own
    neighbour = client.get(EXPORT_URL, {"format": "csv", "county": land.pk}).content
    assert "Nachbarstadt-WLAN" in neighbour.decode("utf-8-sig")
    assert "DMS-Einführung" not in neighbour.decode("utf-8-sig")


def test_a_staff_unit_of_the_land_starts_with_every_county(client, world, land):
    land_staff = StaffUnitUserFactory(body=None)
    client.force_login(land_staff)
    response = client.get(LIST_URL)
    assert len(_titles(response)) == 6
    assert 'value="" selected>Alle Kreise' in response.content.decode()


def test_a_municipality_has_no_switch_and_is_offered_its_own_county(client, world, land):
    client.force_login(world.users["municipality_editor_own"])
    response = client.get(LIST_URL, {"county": land.pk})
    html = response.content.decode()
    assert 'id="scope_county"' not in html
    assert 'name="county"' not in html
    # Its visibility decides, not the parameter: its own, its county's, its participation.
    assert _titles(response) == ["Bürgerbüro online", "DMS-Einführung", "Gemeinsame Leitstelle"]
    bodies = _options(response, "id_body")
    assert "Testkreis" in bodies
    assert "Nachbarkreis" not in bodies
    units = _options(response, "id_owner_unit")
    assert not any("Kreisentwicklung" in unit for unit in units)


def test_an_installation_of_one_county_shows_no_switch(client, world):
    client.force_login(world.users["staff"])
    html = client.get(LIST_URL).content.decode()
    assert 'id="scope_county"' not in html
    assert 'name="county"' not in html
    assert Body.objects.filter(kind=Body.Kind.COUNTY).count() == 1


def test_a_municipality_user_of_a_second_county_sees_none_of_the_first(client, world, land):
    neighbour_editor = MunicipalityEditorFactory(body=Body.objects.get(name="Nachbarstadt"))
    client.force_login(neighbour_editor)
    response = client.get(LIST_URL, {"county": world.county.pk})
    assert _titles(response) == [
        "Gemeinsame Leitstelle",
        "Nachbarkreis-Portal",
        "Nachbarstadt-WLAN",
    ]
