"""The Excel round-trip: export, read back, edit, import with a row-by-row report."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEntry
from online_services import actions, excel
from online_services.models import MaturityCriterion, ServiceOffer
from organisations.tests.factories import OrgUnitFactory
from processes import excel as process_excel
from processes.models import BusinessProcess
from processes.tests.factories import BusinessProcessFactory
from smartkreis.testing.spreadsheets import FORMULA_PAYLOADS, formula_cells

from .conftest import offers_state
from .factories import model_1, model_2

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(offers_world):
    actions.record_assessment(
        acting_user=offers_world.users["staff"],
        offer=offers_world.offer,
        model=model_1(),
        level=2,
        assessed_on=timezone.localdate().replace(day=1),
    )
    BusinessProcess.objects.create(
        org_unit=offers_world.town_unit,
        name="Anwohnerparkausweis ausstellen",
        service=offers_world.services[0],
        cases_per_year=1200,
        minutes_per_case=Decimal("25"),
        target_minutes_per_case=Decimal("10"),
        media_breaks=2,
        digitisation=BusinessProcess.Digitisation.PAPER,
    )
    return load_workbook(io.BytesIO(excel.export_body(offers_world.town)))


def _upload(workbook, name="angebote.xlsx"):
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)


def _post(client, world, workbook, **extra):
    return _import(client, world, {"file": _upload(workbook), **extra})


def _import(client, world, data):
    """Upload as a committed request does: the import job runs, the job's page shows its
    report."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("online_services:body_import", args=[world.town.pk]), data)
    return client.get(response.url)


def test_export_has_two_sheets_with_keys_as_text(exported, offers_world):
    assert exported.sheetnames == [excel.OFFER_SHEET, process_excel.PROCESS_SHEET]
    offers = exported[excel.OFFER_SHEET]
    assert [cell.value for cell in offers[1]] == list(excel.OFFER_COLUMNS)
    row = [cell.value for cell in offers[2]]
    assert row[:4] == ["Sankt Augustin", "00123", "Anwohnerparkausweis", "In Umsetzung"]
    assert offers["B2"].data_type == "s"
    assert offers["B2"].number_format == "@"
    assert row[9:11] == ["OZG-1.1", 2]
    processes = exported[process_excel.PROCESS_SHEET]
    assert [cell.value for cell in processes[2]][:5] == [
        "Sankt Augustin",
        "032",
        "Bürgerbüro",
        "Anwohnerparkausweis ausstellen",
        "00123",
    ]
    assert processes["B2"].data_type == "s"
    assert offers.max_row == 2  # the other town's offer is not in it


def test_an_edited_export_imports_with_audit_entries_of_source_import(
    client, exported, offers_world
):
    offers = exported[excel.OFFER_SHEET]
    offers["D2"] = "Online"
    offers["G2"] = timezone.localdate().replace(day=1)
    offers["K2"] = 3
    offers.append(["Sankt Augustin", "10092", "Wohngeld", "Geplant"])
    processes = exported[process_excel.PROCESS_SHEET]
    processes["F2"] = 1500
    processes.append(
        [
            "Sankt Augustin",
            "032",
            "Bürgerbüro",
            "Meldebescheinigung",
            "10559",
            800,
            12.5,
            3,
            0,
            "Teilweise digital",
            "Online-Antrag",
        ]
    )
    client.force_login(offers_world.users["town_editor"])
    response = _post(client, offers_world, exported)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Übernommen: 1 Onlineangebote angelegt, 1 aktualisiert" in page

    offer = ServiceOffer.objects.get(pk=offers_world.offer.pk)
    assert (offer.status, offer.current_level) == ("ONLINE", 3)
    assert offer.assessments.count() == 2
    assert offers_world.town.service_offers.filter(service__ozg_id="10092").exists()
    assert BusinessProcess.objects.get(name="Anwohnerparkausweis ausstellen").cases_per_year == 1500
    new_process = BusinessProcess.objects.get(name="Meldebescheinigung")
    assert new_process.minutes_per_case == Decimal("12.5")
    imported = AuditEntry.objects.filter(source=AuditEntry.Source.IMPORT)
    assert (
        imported.filter(action=AuditEntry.Action.CREATE).count() == 3
    )  # offer, assessment, process
    assert imported.filter(action=AuditEntry.Action.UPDATE).count() >= 2
    assert set(imported.values_list("actor", flat=True)) == {offers_world.users["town_editor"].pk}


def _break(workbook, world):
    offers = workbook[excel.OFFER_SHEET]
    offers["D2"] = "Online"  # a valid change in row 2
    offers.append(["Sankt Augustin", "99999", "Unbekannt", "Online"])  # row 3: unknown key
    offers.append(["Sankt Augustin", "00123", "Doppelt", "Geplant"])  # row 4: duplicate
    offers.append(["Hennef (Sieg)", "10092", "Wohngeld", "Geplant"])  # row 5: wrong body
    offers.append(
        [
            "Sankt Augustin",
            "10559",
            "Melde",
            "Online",
            None,
            None,
            "gestern",
            None,
            "viele",
            "OZG-1.1",
            6,
        ]
    )  # row 6: bad date, bad number, invalid level
    processes = workbook[process_excel.PROCESS_SHEET]
    processes["F2"] = 1500  # a valid change
    other_unit = OrgUnitFactory(body=world.other_town, number="077")
    processes.append(
        ["Sankt Augustin", other_unit.number, "Amt", "Fremd", None, 1, 1, 1, 0, "Auf Papier"]
    )


def test_an_import_with_errors_reports_every_row_and_changes_nothing(
    client, exported, offers_world
):
    _break(exported, offers_world)
    client.force_login(offers_world.users["town_editor"])
    before = offers_state()
    response = _post(client, offers_world, exported)
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Unbekannte OZG-ID „99999“",
        "Doppelte Zeile",
        "gehört zu „Hennef (Sieg)“",
        "ist kein Datum",
        "ist keine gültige Zahl",
        "Stufe 6 gibt es in OZG-Reifegradmodell 1.1 nicht",
        "Die Einheit 077 gehört zu einer anderen Körperschaft",
        "Nichts wurde geändert",
    ):
        assert message in page, message
    assert offers_state() == before


def test_applying_only_the_valid_rows_needs_the_explicit_choice(client, exported, offers_world):
    _break(exported, offers_world)
    client.force_login(offers_world.users["town_editor"])
    response = _post(client, offers_world, exported, apply_valid_rows="on")
    assert "Übernommen" in response.content.decode()
    assert ServiceOffer.objects.get(pk=offers_world.offer.pk).status == "ONLINE"
    assert BusinessProcess.objects.get(name="Anwohnerparkausweis ausstellen").cases_per_year == 1500
    assert offers_world.town.service_offers.count() == 1
    assert not BusinessProcess.objects.filter(name="Fremd").exists()


def test_a_file_that_is_no_workbook_or_lacks_a_sheet_is_refused(client, offers_world, exported):
    client.force_login(offers_world.users["town_editor"])
    before = offers_state()
    response = _import(client, offers_world, {"file": SimpleUploadedFile("a.xlsx", b"keine")})
    assert "kann nicht als Excel-Arbeitsmappe" in response.content.decode()
    del exported[process_excel.PROCESS_SHEET]
    response = _post(client, offers_world, exported)
    assert "Das Tabellenblatt „Prozesse“ fehlt" in response.content.decode()
    assert offers_state() == before


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_text_that_looks_like_a_formula_is_exported_as_text(offers_world, payload):
    unit = OrgUnitFactory(body=offers_world.town, number="033", name=payload)
    BusinessProcessFactory(org_unit=unit, name=payload, target_state=payload)
    workbook = load_workbook(io.BytesIO(excel.export_body(offers_world.town)))
    assert formula_cells(workbook) == []
    row = workbook[process_excel.PROCESS_SHEET][2]
    unit_name, name, target_state = (row[i] for i in (2, 3, 10))
    for cell in (unit_name, name, target_state):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (payload, "s", True)


# As the forms store them: without leading or trailing whitespace (the import strips it too).
@pytest.mark.parametrize("payload", sorted({payload.strip() for payload in FORMULA_PAYLOADS}))
def test_text_that_looks_like_a_formula_imports_back_unchanged(offers_world, payload):
    process = BusinessProcessFactory(
        org_unit=offers_world.town_unit, name=payload, target_state=payload
    )
    exported = io.BytesIO(excel.export_body(offers_world.town))

    report = excel.check_file(exported, offers_world.town)
    excel.apply_import(
        acting_user=offers_world.users["town_editor"], body=offers_world.town, report=report
    )

    assert report.errors == []
    assert (report.created["processes"], report.updated["processes"]) == (0, 0)
    process.refresh_from_db()
    assert (process.name, process.target_state) == (payload, payload)


@pytest.fixture
def assessed_under_2_0(offers_world):
    """The offer assessed last month under OZG 2.0 at level 2, with criteria K01 and K02 met."""
    model = model_2()
    assessed_on = timezone.localdate() - datetime.timedelta(days=30)
    actions.record_assessment(
        acting_user=offers_world.users["staff"],
        offer=offers_world.offer,
        model=model,
        level=2,
        assessed_on=assessed_on,
        criteria=list(MaturityCriterion.objects.filter(model=model, code__in=["K01", "K02"])),
    )
    return assessed_on


def test_a_changed_level_is_dated_today_keeps_the_criteria_and_is_named(
    client, offers_world, assessed_under_2_0
):
    workbook = load_workbook(io.BytesIO(excel.export_body(offers_world.town)))
    offers = workbook[excel.OFFER_SHEET]
    assert offers["L2"].value.date() == assessed_under_2_0  # "Bewertet am", left unchanged
    offers["K2"] = 3
    client.force_login(offers_world.users["town_editor"])
    page = _post(client, offers_world, workbook).content.decode()

    latest = offers_world.offer.assessments.order_by("-assessed_on", "-pk").first()
    assert (latest.level, latest.assessed_on) == (3, timezone.localdate())
    assert sorted(latest.criteria_met.values_list("code", flat=True)) == ["K01", "K02"]
    changes = page.split('id="import-level-changes"')[1].split("</table>")[0]
    assert '<td class="kern-table__cell">Anwohnerparkausweis</td>' in changes
    assert '<td class="kern-table__cell">Sankt Augustin</td>' in changes
    assert "OZG-2.0 2 → OZG-2.0 3" in changes
    assert timezone.localdate().strftime("%d.%m.%Y") in changes


def test_a_changed_level_takes_a_later_date_the_file_gives(
    client, offers_world, assessed_under_2_0
):
    workbook = load_workbook(io.BytesIO(excel.export_body(offers_world.town)))
    offers = workbook[excel.OFFER_SHEET]
    given = assessed_under_2_0 + datetime.timedelta(days=10)
    offers["K2"], offers["L2"] = 4, given
    client.force_login(offers_world.users["town_editor"])
    _post(client, offers_world, workbook)
    latest = offers_world.offer.assessments.order_by("-assessed_on", "-pk").first()
    assert (latest.level, latest.assessed_on) == (4, given)


def test_a_date_before_the_latest_assessment_is_refused(client, offers_world, assessed_under_2_0):
    workbook = load_workbook(io.BytesIO(excel.export_body(offers_world.town)))
    offers = workbook[excel.OFFER_SHEET]
    offers["K2"], offers["L2"] = 4, assessed_under_2_0 - datetime.timedelta(days=1)
    # Logged in first: the login is audited, the refusal must add nothing.
    client.force_login(offers_world.users["town_editor"])
    before = offers_state()
    page = _post(client, offers_world, workbook).content.decode()
    assert "Das Bewertungsdatum liegt vor der letzten Bewertung vom" in page
    assert offers_state() == before
