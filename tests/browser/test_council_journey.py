"""The council work of the staff unit, clicked through as its users would: a draft resolution
with live register data is written, finalised and downloaded; a council decision on a paper is
recorded and followed to its implementation; a paper is found with the header's quick search."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from audit.models import AuditEntry
from council.models import CouncilDecision
from papers.models import Consultation, Paper
from portfolio import actions as portfolio_actions
from portfolio.models import TrafficLight
from smartkreis.testing.documents import read_docx, read_pdf

from .harness import format_violations
from .scenario import build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SUBJECT = "Breitbandausbau an den Schulstandorten des Kreises"


def _click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def _assert_accessible(session):
    violations = session.axe_violations()
    assert not violations, format_violations(session.page.url, violations)


def _download(page, locator):
    with page.expect_download() as info:
        locator.click()
    return Path(info.value.path()).read_bytes()


def _unit_label(scenario):
    return f"{scenario.county.short_name or scenario.county.name}: {scenario.unit}"


def _day(day):
    return day.strftime("%d.%m.%Y")


def _initiative_row(page, title):
    """The row of `title` in the status quo's table of initiatives."""
    table = page.locator("table").filter(has_text="Vorhaben je Handlungsfeld")
    return table.locator("tbody tr").filter(has_text=title)


def test_a_draft_resolution_with_live_data_is_finalised_and_downloaded(session):
    scenario = build_scenario()
    initiative = scenario.initiative
    today = timezone.localdate()
    session.log_in(scenario.staff_user)
    page = session.page

    # Vorlagen → Neue Vorlage: a draft resolution with its sections and financial effects.
    _click_and_wait(
        page, page.locator("nav.sk-nav").get_by_role("link", name="Vorlagen", exact=True)
    )
    _click_and_wait(page, page.get_by_role("link", name="Neue Vorlage"))
    _assert_accessible(session)
    page.get_by_label("Art", exact=True).select_option(label="Beschlussvorlage")
    page.get_by_label("Aktenzeichen").fill("BV/0042/2026")
    page.get_by_label("Datum", exact=True).fill(today.isoformat())
    page.get_by_label("Betreff").fill(SUBJECT)
    page.get_by_label("Federführende Organisationseinheit").select_option(
        label=_unit_label(scenario)
    )
    page.get_by_label("Beschlussvorschlag").fill("Der Kreistag beschließt den Breitbandausbau.")
    page.get_by_label("Vorbemerkung").fill("Die Schulen brauchen schnelles Internet.")
    page.get_by_label("Sachverhalt und Erläuterungen").fill("Zwölf Standorte sind unterversorgt.")
    page.get_by_label("Auswirkungen auf den Haushalt").select_option(label="Ja")
    page.get_by_label("Ertrag oder Aufwand").select_option(label="Aufwand")
    page.get_by_label("Betrag (EUR)").fill("120000")
    page.get_by_label("Mittel stehen zur Verfügung").select_option(label="Ja")
    page.get_by_label("Über- oder außerplanmäßige Aufwendungen").select_option(label="Nein")
    page.get_by_label("Deckungsvorschlag").fill("Entfällt, die Mittel sind veranschlagt.")
    page.get_by_label("Folgekosten").fill("Wartung 8.000 € im Jahr.")
    _click_and_wait(page, page.get_by_role("button", name="Vorlage anlegen"))
    paper = Paper.objects.get(subject=SUBJECT)
    assert (paper.kind, paper.originator_unit, paper.affects_budget) == (
        Paper.Kind.DRAFT_RESOLUTION,
        scenario.unit,
        True,
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(SUBJECT)

    # A live-data block: the status quo of the field "Verwaltung" shows its initiative.
    _click_and_wait(page, page.get_by_role("link", name="Live-Datenbaustein einfügen"))
    _assert_accessible(session)
    page.get_by_label("Status quo der Vorhaben in Handlungsfeldern").check()
    page.get_by_label("Überschrift").fill("Status quo")
    page.get_by_label(scenario.field.name, exact=True).check()
    _click_and_wait(page, page.get_by_role("button", name="Einfügen"))
    expect(page.get_by_role("heading", name="Status quo", level=3)).to_be_visible()
    row = _initiative_row(page, initiative.title)
    expect(row).to_contain_text("40 %")
    expect(row).to_contain_text("gelb")

    # The Beratungsfolge: the Kreistag decides.
    session_date = today - datetime.timedelta(days=2)
    _click_and_wait(page, page.get_by_role("link", name="Gremium hinzufügen"))
    _assert_accessible(session)
    page.get_by_label(re.compile(r"^Gremium\b")).select_option(label="Kreistag")
    page.get_by_label("Sitzungsdatum").fill(session_date.isoformat())
    page.get_by_label("Rolle").fill("Entscheidung")
    page.get_by_label("Entscheidet").check()
    _click_and_wait(page, page.get_by_role("button", name="Hinzufügen"))
    consultations = page.locator("#consultations tbody tr")
    expect(consultations).to_have_count(1)
    expect(consultations).to_contain_text("Kreistag")
    expect(consultations).to_contain_text(_day(session_date))
    expect(consultations).to_contain_text("Entscheidung")
    _assert_accessible(session)

    # Finalising freezes version 1.
    _click_and_wait(page, page.get_by_role("button", name="Vorlage abschließen"))
    expect(
        page.get_by_role("status").filter(has_text="Fassung 1 wurde abgeschlossen.")
    ).to_be_visible()
    paper.refresh_from_db()
    assert paper.is_finalised
    assert paper.versions.count() == 1

    # The register moves on: a new status report, progress 75 %, green.
    portfolio_actions.submit_status_report(
        acting_user=scenario.staff_user,
        initiative=initiative,
        reported_on=today,
        schedule=TrafficLight.GREEN,
        cost=TrafficLight.GREEN,
        scope=TrafficLight.GREEN,
        overall=TrafficLight.GREEN,
        progress=75,
        summary="Die E-Akte läuft in drei Ämtern.",
    )

    # Version 1 keeps the figures of the day it was finalised.
    session.goto(paper.get_absolute_url())
    _click_and_wait(page, page.get_by_role("link", name=re.compile(r"^Fassung 1 vom ")))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Fassung 1: Beschlussvorlage {paper.reference}: {SUBJECT}"
    )
    row = _initiative_row(page, initiative.title)
    expect(row).to_contain_text("40 %")
    expect(row).to_contain_text("gelb")
    _assert_accessible(session)
    pdf = read_pdf(_download(page, page.get_by_role("link", name="PDF dieser Fassung")))
    assert SUBJECT in pdf.text
    assert "40 %" in pdf.text
    assert "75 %" not in pdf.text

    # A change of the paper opens a new draft, which shows the register as it is now.
    _click_and_wait(page, page.get_by_role("link", name=paper.reference))
    _click_and_wait(page, page.get_by_role("link", name="Vorlage bearbeiten"))
    page.get_by_label("Sachverhalt und Erläuterungen").fill(
        "Zwölf Standorte sind unterversorgt; drei sind inzwischen angeschlossen."
    )
    _click_and_wait(page, page.get_by_role("button", name="Änderungen speichern"))
    expect(page.get_by_text("Entwurf: Die Daten aus dem Register sind aktuell")).to_be_visible()
    row = _initiative_row(page, initiative.title)
    expect(row).to_contain_text("75 %")
    expect(row).to_contain_text("grün")
    # The draft's file is written by a background job; its page offers the download.
    _click_and_wait(
        page, page.get_by_role("button", name="Word-Dokument erstellen (aktueller Stand)")
    )
    expect(page.get_by_text("Fertig")).to_be_visible()
    docx = read_docx(_download(page, page.get_by_role("link", name=re.compile(r"herunterladen$"))))
    assert any(SUBJECT in text for _style, text in docx.paragraphs)
    cells = [cell for table in docx.tables for row in table for cell in row]
    assert any("75\u00a0%" in cell for cell in cells)
    assert paper.versions.count() == 1

    assert not session.console_errors, session.console_errors


def test_a_council_decision_is_recorded_and_followed_to_implementation(session):
    scenario = build_scenario()
    paper = scenario.council["paper"]
    consultation = scenario.council["consultation"]  # the Kreistag's, still undecided
    today = timezone.localdate()
    deadline = today + datetime.timedelta(days=60)
    session.log_in(scenario.staff_user)
    page = session.page

    # On the paper, the Kreistag's row of the Beratungsfolge offers to record the decision.
    session.goto(paper.get_absolute_url())
    _click_and_wait(page, page.get_by_role("link", name="Beschluss erfassen Kreistag"))
    _assert_accessible(session)
    page.get_by_label("Beschluss", exact=True).fill(
        "Der Kreistag nimmt die Digitalstrategie zustimmend zur Kenntnis."
    )
    page.get_by_label("Beschlossen am").fill(today.isoformat())
    page.get_by_label("Beschlossen", exact=True).check()
    page.get_by_label("Verantwortliche Organisationseinheit").select_option(
        label=_unit_label(scenario)
    )
    page.get_by_label("Frist").fill(deadline.isoformat())
    _click_and_wait(page, page.get_by_role("button", name="Kreistagsbeschluss erfassen"))
    expect(
        page.get_by_role("status").filter(has_text="Der Kreistagsbeschluss wurde erfasst.")
    ).to_be_visible()
    decision = CouncilDecision.objects.get(consultation=consultation)
    assert (decision.state, decision.owner_unit, decision.deadline) == (
        CouncilDecision.State.OPEN,
        scenario.unit,
        deadline,
    )
    consultation.refresh_from_db()
    assert consultation.result == Consultation.Result.APPROVED
    _assert_accessible(session)

    # The register lists it as not begun yet.
    def register_row():
        _click_and_wait(
            page,
            page.locator("nav.sk-nav").get_by_role("link", name="Kreistagsbeschlüsse", exact=True),
        )
        return page.locator("main tbody tr").filter(
            has=page.locator(f"a[href='{decision.get_absolute_url()}']")
        )

    row = register_row()
    expect(row).to_contain_text("Nicht begonnen")
    expect(row).to_contain_text(_day(deadline))
    expect(row).to_contain_text(str(scenario.unit))
    _assert_accessible(session)

    # Delayed without a reason: refused in German, nothing changed.
    _click_and_wait(page, row.get_by_role("link"))
    _click_and_wait(page, page.get_by_role("link", name="Umsetzung bearbeiten"))
    _assert_accessible(session)
    audit_count = AuditEntry.objects.count()
    page.get_by_label("Verzögert").check()
    _click_and_wait(page, page.get_by_role("button", name="Änderungen speichern"))
    expect(
        page.get_by_role("link", name="Grund der Verzögerung: Geben Sie den Grund")
    ).to_be_visible()
    expect(page.get_by_text("Geben Sie den Grund der Verzögerung an.", exact=True)).to_be_visible()
    _assert_accessible(session)
    decision.refresh_from_db()
    assert (decision.state, decision.delay_reason, decision.version) == (
        CouncilDecision.State.OPEN,
        "",
        1,
    )
    assert AuditEntry.objects.count() == audit_count

    # With the reason it is saved.
    page.get_by_label("Grund der Verzögerung").fill("Die Ausschreibung musste wiederholt werden.")
    _click_and_wait(page, page.get_by_role("button", name="Änderungen speichern"))
    expect(
        page.get_by_role("status").filter(has_text="Die Umsetzung wurde gespeichert.")
    ).to_be_visible()
    decision.refresh_from_db()
    assert decision.state == CouncilDecision.State.DELAYED
    row = register_row()
    expect(row).to_contain_text("Verzögert")
    expect(row).to_contain_text("Die Ausschreibung musste wiederholt werden.")

    # Marked as implemented today: the register shows it done.
    _click_and_wait(page, row.get_by_role("link"))
    _click_and_wait(page, page.get_by_role("link", name="Als umgesetzt markieren"))
    _assert_accessible(session)
    page.get_by_label("Umgesetzt am").fill(today.isoformat())
    _click_and_wait(page, page.get_by_role("button", name="Als umgesetzt markieren"))
    decision.refresh_from_db()
    assert (decision.state, decision.done_on, decision.delay_reason) == (
        CouncilDecision.State.DONE,
        today,
        "",
    )
    row = register_row()
    expect(row).to_contain_text("Umgesetzt")
    expect(row).to_contain_text(f"ja, am {_day(today)}")

    assert not session.console_errors, session.console_errors


def test_the_quick_search_finds_a_paper_with_the_match_highlighted(session):
    scenario = build_scenario()
    paper = scenario.council["paper"]
    session.log_in(scenario.staff_user)
    page = session.page

    session.goto(reverse("papers:paper_list"))
    page.get_by_label("Vorlagen und Vorhaben durchsuchen").fill("Digitalisierungsstrategie")
    _click_and_wait(
        page,
        page.get_by_role("search", name="Schnellsuche").get_by_role("button", name="Suchen"),
    )
    hit = page.locator("main li").filter(has=page.locator(f"a[href='{paper.get_absolute_url()}']"))
    expect(hit).to_have_count(1)
    expect(hit.locator("mark").first).to_have_text(re.compile("Digitalisierungsstrategie", re.I))
    _assert_accessible(session)
    _click_and_wait(page, hit.get_by_role("link", name=re.compile(paper.subject)))
    assert page.url.endswith(paper.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(paper.subject)

    assert not session.console_errors, session.console_errors
