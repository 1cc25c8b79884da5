"""The initiative list: columns, filters, sorting, pagination, htmx partial, visibility."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffUnitUserFactory
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory
from portfolio.models import Initiative, TrafficLight
from portfolio.tests.factories import InitiativeFactory, MilestoneFactory
from strategy.tests.factories import FieldOfActionFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("portfolio:initiative_list")
PAST = datetime.date(2020, 1, 1)
FUTURE = datetime.date(2099, 1, 1)


def _titles(response):
    """The titles in the result table, in order."""
    html = response.content.decode()
    table = html[html.index('id="results"') :]
    return re.findall(r'<a class="kern-link" href="/vorhaben/\d+/">([^<]+)</a>', table)


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.users["staff"])
    return client


def test_the_list_shows_every_column_in_german(staff_client, world):
    initiative = world.county_initiative
    Initiative.objects.filter(pk=initiative.pk).update(
        traffic_light=TrafficLight.YELLOW, progress=40, next_report_due=PAST, priority="A"
    )
    response = staff_client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html
    assert "Vorhabenregister" in html
    row = html[html.index(initiative.reference) :]
    row = row[: row.index("</tr>")]
    assert f'href="/vorhaben/{initiative.pk}/">DMS-Einführung</a>' in row
    assert "Testkreis" in row
    assert "IT und Digitalisierung" in row
    assert "Verwaltung" in row
    assert "In Umsetzung" in row
    assert "A – hoch" in row
    assert "sk-light--YELLOW" in row
    assert "gelb" in row
    assert "40 %" in row
    # Overdue is said in words, not only shown in colour.
    assert "01.01.2020" in row
    assert "(überfällig)" in row
    assert "3 Vorhaben gefunden" in html


def test_a_report_due_in_the_future_is_not_marked_overdue(staff_client, world):
    Initiative.objects.update(next_report_due=FUTURE)
    html = staff_client.get(LIST_URL).content.decode()
    assert "01.01.2099" in html
    assert "(überfällig)" not in html


def test_a_municipality_user_never_sees_another_municipalitys_initiative(client, world):
    client.force_login(world.users["municipality_editor_own"])
    titles = _titles(client.get(LIST_URL))
    assert "Bürgerbüro online" in titles  # their own
    assert "DMS-Einführung" in titles  # the county's
    assert "Troisdorfer Ratsinformation" not in titles
    # Not even when asked for it by filter or search.
    response = client.get(LIST_URL, {"body": world.other_town.pk, "q": "Troisdorfer"})
    assert "Troisdorfer Ratsinformation" not in response.content.decode()


def test_an_initiative_the_municipality_takes_part_in_is_listed_once(client, world):
    world.other_town_initiative.participating_bodies.set([world.town, world.county])
    client.force_login(world.users["municipality_editor_own"])
    titles = _titles(client.get(LIST_URL))
    assert titles.count("Troisdorfer Ratsinformation") == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "PLANNED"}, ["Planung Schul-WLAN"]),
        ({"priority": "A"}, ["Planung Schul-WLAN"]),
        ({"traffic_light": "RED"}, ["Bürgerbüro online"]),
        ({"traffic_light": "NONE"}, ["Planung Schul-WLAN", "Troisdorfer Ratsinformation"]),
        ({"overdue": "on"}, ["Bürgerbüro online"]),
        ({"q": "dokumenten"}, ["DMS-Einführung"]),
        ({"q": "dms"}, ["DMS-Einführung"]),
    ],
)
def test_filters(staff_client, world, params, expected):
    InitiativeFactory(
        title="Planung Schul-WLAN",
        status=Initiative.Status.PLANNED,
        priority="A",
        owner_body=world.county,
        owner_unit=world.other_office,
        fields=[world.field],
    )
    Initiative.objects.filter(pk=world.county_initiative.pk).update(
        description="Einführung eines Dokumentenmanagementsystems",
        traffic_light=TrafficLight.GREEN,
        next_report_due=FUTURE,
    )
    Initiative.objects.filter(pk=world.town_initiative.pk).update(
        traffic_light=TrafficLight.RED, next_report_due=PAST
    )
    assert _titles(staff_client.get(LIST_URL, params)) == expected


def test_filter_by_overdue_milestone(staff_client, world):
    # Overdue: planned in the past, not reached, initiative still open.
    MilestoneFactory(initiative=world.town_initiative, planned_date=PAST)
    MilestoneFactory(initiative=world.town_initiative, planned_date=PAST)
    MilestoneFactory(initiative=world.county_initiative, planned_date=PAST, actual_date=PAST)
    MilestoneFactory(initiative=world.county_initiative, planned_date=FUTURE)
    finished = InitiativeFactory(
        title="Abgeschlossen", status=Initiative.Status.COMPLETED, owner_body=world.county
    )
    MilestoneFactory(initiative=finished, planned_date=PAST)

    titles = _titles(staff_client.get(LIST_URL, {"milestone_overdue": "on"}))

    assert titles == ["Bürgerbüro online"]


def test_filter_by_reference(staff_client, world):
    reference = world.town_initiative.reference
    assert _titles(staff_client.get(LIST_URL, {"q": reference})) == ["Bürgerbüro online"]
    assert _titles(staff_client.get(LIST_URL, {"q": reference.lower()})) == ["Bürgerbüro online"]


def test_filter_by_field_of_action(staff_client, world):
    other_field = FieldOfActionFactory(code="bildung", name="Bildung")
    world.town_initiative.fields.add(other_field)
    assert _titles(staff_client.get(LIST_URL, {"field": other_field.pk})) == ["Bürgerbüro online"]


def test_filter_by_body_takes_owner_and_participating_bodies(staff_client, world):
    world.county_initiative.participating_bodies.set([world.town, world.other_town])
    titles = _titles(staff_client.get(LIST_URL, {"body": world.town.pk}))
    assert titles == ["Bürgerbüro online", "DMS-Einführung"]


def test_filter_by_owner_unit(staff_client, world):
    assert _titles(staff_client.get(LIST_URL, {"owner_unit": world.office.pk})) == [
        "DMS-Einführung"
    ]


def test_an_unknown_filter_value_is_reported_and_the_rest_still_applies(staff_client, world):
    response = staff_client.get(LIST_URL, {"status": "NONSENSE", "owner_unit": world.office.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "gültige Auswahl" in html
    assert _titles(response) == ["DMS-Einführung"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Alpha", "Beta", "Gamma"]),
        ("-title", ["Gamma", "Beta", "Alpha"]),
        ("status", ["Beta", "Gamma", "Alpha"]),
        ("-status", ["Alpha", "Gamma", "Beta"]),
        ("priority", ["Gamma", "Alpha", "Beta"]),
        ("-priority", ["Beta", "Alpha", "Gamma"]),
        ("progress", ["Beta", "Alpha", "Gamma"]),
        ("-progress", ["Gamma", "Alpha", "Beta"]),
        ("traffic_light", ["Alpha", "Gamma", "Beta"]),
        ("-traffic_light", ["Gamma", "Alpha", "Beta"]),
        ("next_report_due", ["Gamma", "Alpha", "Beta"]),
        ("-next_report_due", ["Alpha", "Gamma", "Beta"]),
        ("owner_body", ["Gamma", "Alpha", "Beta"]),
        ("-owner_body", ["Beta", "Alpha", "Gamma"]),
    ],
)
def test_sorting(client, sort, expected):
    county = CountyFactory()
    field = FieldOfActionFactory()
    common = {"fields": [field], "owner_unit": None}
    InitiativeFactory(
        title="Alpha",
        owner_body=MunicipalityFactory(name="Bornheim", parent=county),
        status=Initiative.Status.COMPLETED,
        priority="B",
        progress=50,
        traffic_light=TrafficLight.RED,
        next_report_due=datetime.date(2024, 9, 1),
        **common,
    )
    InitiativeFactory(
        title="Beta",
        owner_body=MunicipalityFactory(name="Bornheim II", parent=county),
        status=Initiative.Status.IDEA,
        priority="C",
        progress=10,
        traffic_light="",
        next_report_due=None,
        **common,
    )
    InitiativeFactory(
        title="Gamma",
        owner_body=MunicipalityFactory(name="Alfter", parent=county),
        status=Initiative.Status.IN_PROGRESS,
        priority="A",
        progress=90,
        traffic_light=TrafficLight.GREEN,
        next_report_due=datetime.date(2024, 7, 1),
        **common,
    )
    client.force_login(StaffUnitUserFactory(body=county))
    assert _titles(client.get(LIST_URL, {"sort": sort})) == expected


def test_column_headers_link_to_sorting_and_say_the_current_order(staff_client, world):
    params = {"sort": "progress", "status": "IN_PROGRESS"}
    html = staff_client.get(LIST_URL, params).content.decode()
    assert (
        'aria-sort="ascending"><a class="kern-link" href="?sort=-progress&amp;status=IN_PROGRESS"'
        in html
    )
    assert 'href="?sort=title&amp;status=IN_PROGRESS"' in html
    assert html.count("aria-sort=") == 1


def test_pagination_keeps_the_filter(staff_client, world):
    unit = OrgUnitFactory(body=world.county)
    for number in range(30):
        InitiativeFactory(
            title=f"Massenvorhaben {number:02d}",
            owner_body=world.county,
            owner_unit=unit,
            fields=[world.field],
        )
    first = staff_client.get(LIST_URL, {"owner_unit": unit.pk})
    assert len(_titles(first)) == 25
    assert "Seite 1 von 2" in first.content.decode()
    assert f"owner_unit={unit.pk}&amp;page=2" in first.content.decode()
    second = staff_client.get(LIST_URL, {"owner_unit": unit.pk, "page": 2})
    assert _titles(second) == [f"Massenvorhaben {n}" for n in range(25, 30)]


def test_export_links_carry_the_current_filter(staff_client, world):
    html = staff_client.get(LIST_URL, {"status": "IN_PROGRESS", "page": 1}).content.decode()
    assert "/vorhaben/export/?status=IN_PROGRESS&amp;format=xlsx" in html
    assert "/vorhaben/export/?status=IN_PROGRESS&amp;format=csv" in html
    assert "Als Excel herunterladen" in html
    assert "Als CSV herunterladen" in html


def test_htmx_gets_only_the_results(staff_client, world):
    response = staff_client.get(LIST_URL, {"status": "IN_PROGRESS"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<h1" not in html
    assert 'id="results"' in html
    assert "DMS-Einführung" in html
    assert "HX-Request" in response["Vary"]


def test_the_filter_form_works_without_javascript(staff_client, world):
    html = staff_client.get(LIST_URL).content.decode()
    assert '<form method="get" action="/vorhaben/"' in html
    assert "Filter anwenden" in html


def test_readers_see_no_create_button_but_editors_do(client, world):
    client.force_login(world.users["reader"])
    assert "Neues Vorhaben" not in client.get(LIST_URL).content.decode()
    client.force_login(world.users["unit_editor_own"])
    assert "Neues Vorhaben" in client.get(LIST_URL).content.decode()


def test_the_unit_filter_hides_another_municipalitys_units(client, world):
    OrgUnitFactory(body=world.other_town, name="Troisdorfer Bürgeramt")
    client.force_login(world.users["municipality_editor_own"])
    html = client.get(LIST_URL).content.decode()
    assert "Hauptamt" in html
    assert "IT und Digitalisierung" in html
    assert "Troisdorfer Bürgeramt" not in html
