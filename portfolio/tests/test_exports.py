"""Export of the filtered, sorted list as XLSX and as CSV for German Excel."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from portfolio.models import Initiative
from portfolio.tests.factories import InitiativeFactory
from smartkreis.testing.spreadsheets import FORMULA_PAYLOADS, cell_text, formula_cells

pytestmark = pytest.mark.django_db

EXPORT_URL = reverse("portfolio:initiative_export")
LIST_URL = reverse("portfolio:initiative_list")
HEADERS = [
    "Nummer",
    "Titel",
    "Verantwortliche Körperschaft",
    "Verantwortliche Organisationseinheit",
    "Beteiligte Körperschaften",
    "Handlungsfelder",
    "Status",
    "Status seit",
    "Priorität",
    "Ampel",
    "Fortschritt (%)",
    "Beginn",
    "Geplantes Ende",
    "Letzter Statusbericht",
    "Nächster Statusbericht fällig",
    "Statusbericht überfällig",
]


@pytest.fixture
def more_initiatives(world):
    InitiativeFactory(
        title="Schul-WLAN",
        owner_body=world.county,
        owner_unit=world.other_office,
        status=Initiative.Status.PLANNED,
        fields=[world.field],
    )
    world.county_initiative.participating_bodies.set([world.town, world.other_town])
    Initiative.objects.filter(pk=world.county_initiative.pk).update(
        next_report_due=datetime.date(2020, 3, 31), progress=30
    )


def _list_titles(client, params):
    html = client.get(LIST_URL, params).content.decode()
    table = html[html.index('id="results"') :]
    return re.findall(r'<a class="kern-link" href="/vorhaben/\d+/">([^<]+)</a>', table)


def _xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment;" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_xlsx_has_a_bold_frozen_german_header_with_autofilter_and_real_dates(
    client, world, more_initiatives
):
    client.force_login(world.users["staff"])
    sheet = _xlsx(client.get(EXPORT_URL, {"format": "xlsx"}))
    assert sheet.title == "Vorhaben"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{sheet.max_row}"
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "DMS-Einführung")
    assert row[0].value == world.county_initiative.reference
    assert row[4].value == "Sankt Augustin, Troisdorf"
    assert row[6].value == "In Umsetzung"
    assert row[10].value == 30
    assert row[11].value == datetime.datetime(2021, 1, 1)  # a date cell, not text
    assert row[11].number_format == "DD.MM.YYYY"
    assert row[14].value == datetime.datetime(2020, 3, 31)
    assert row[15].value == "ja"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "IN_PROGRESS", "sort": "-title"},
        {"owner_unit": "OFFICE"},
        {"q": "wlan"},
        {"overdue": "on"},
    ],
)
def test_exports_hold_exactly_the_filtered_sorted_list(client, world, more_initiatives, params):
    if params.get("owner_unit") == "OFFICE":
        params = {"owner_unit": world.office.pk}
    client.force_login(world.users["staff"])
    expected = _list_titles(client, params)
    sheet = _xlsx(client.get(EXPORT_URL, {**params, "format": "xlsx"}))
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == expected
    rows = _csv(client.get(EXPORT_URL, {**params, "format": "csv"}))
    assert rows[0] == HEADERS
    assert [row[1] for row in rows[1:]] == expected


def test_csv_writes_german_dates_and_words(client, world, more_initiatives):
    client.force_login(world.users["staff"])
    rows = _csv(client.get(EXPORT_URL, {"format": "csv", "q": "DMS"}))
    [row] = rows[1:]
    assert row[11] == "01.01.2021"
    assert row[14] == "31.03.2020"
    assert row[15] == "ja"
    assert row[9] == "noch kein Bericht"


def test_a_municipality_user_never_exports_another_municipalitys_initiative(client, world):
    client.force_login(world.users["municipality_editor_own"])
    own = ["Bürgerbüro online", "DMS-Einführung"]
    sheet = _xlsx(client.get(EXPORT_URL, {"format": "xlsx"}))
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == own
    rows = _csv(client.get(EXPORT_URL, {"format": "csv"}))
    assert sorted(row[1] for row in rows[1:]) == own
    # Asking for the other municipality by filter yields nothing of it.
    rows = _csv(client.get(EXPORT_URL, {"format": "csv", "body": world.other_town.pk}))
    assert rows[1:] == []


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_text_that_looks_like_a_formula_stays_text(client, world, payload):
    initiative = InitiativeFactory(title=payload, owner_body=world.county, fields=[world.field])
    world.field.name = payload
    world.field.save()
    client.force_login(world.users["staff"])
    sheet = _xlsx(client.get(EXPORT_URL, {"format": "xlsx"}))
    assert formula_cells(sheet.parent) == []
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == initiative.reference)
    assert (cell_text(row[1]), row[1].data_type, row[1].quotePrefix) == (payload, "s", True)
    assert cell_text(row[5]) == payload
    assert row[10].data_type == "n"  # the progress stays a number
    rows = _csv(client.get(EXPORT_URL, {"format": "csv"}))
    row = next(r for r in rows[1:] if r[0] == initiative.reference)
    assert row[1] == row[5] == "'" + payload


def test_control_characters_do_not_break_the_xlsx_export(client, world):
    world.county_initiative.title = "DMS\x01-Einführung"
    world.county_initiative.save()
    client.force_login(world.users["staff"])
    sheet = _xlsx(client.get(EXPORT_URL, {"format": "xlsx", "q": "Einführung"}))
    assert sheet.cell(row=2, column=2).value == "DMS-Einführung"


def test_an_unknown_format_is_refused(client, world):
    client.force_login(world.users["staff"])
    response = client.get(EXPORT_URL, {"format": "pdf"})
    assert response.status_code == 400
    assert "Unbekanntes Exportformat." in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(EXPORT_URL, {"format": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
