"""The main journeys through the app, as users walk them in a browser (without JavaScript
tricks: forms are filled and submitted like a person would)."""

import csv
import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portfolio.models import Initiative, Milestone, StatusReport

from .scenario import build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SUBMIT = "main form[method=post] button[type=submit]"


def test_unit_editor_creates_an_initiative_reports_on_it_and_exports_the_register(session):
    scenario = build_scenario()
    page = session.page
    session.log_in(scenario.unit_editor)

    # Create the initiative through the form.
    session.goto(reverse("portfolio:initiative_list"))
    page.click(f'main a[href="{reverse("portfolio:initiative_create")}"]')
    page.fill("#id_title", "E-Rechnung einführen")
    page.fill("#id_description", "Rechnungen kommen nur noch elektronisch.")
    page.select_option("#id_owner_body", str(scenario.county.pk))
    page.select_option("#id_owner_unit", str(scenario.unit.pk))
    page.check(f'input[name="fields"][value="{scenario.field.pk}"]')
    page.fill("#id_start_date", "2024-01-01")
    page.fill("#id_end_date", "2025-12-31")
    with page.expect_navigation():
        page.click(SUBMIT)
    initiative = Initiative.objects.get(title="E-Rechnung einführen")
    assert page.url.endswith(reverse("portfolio:initiative_detail", args=[initiative.pk]))
    expect(page.locator("h1")).to_contain_text("E-Rechnung einführen")

    # Add a milestone.
    page.click(f'main a[href="{reverse("portfolio:milestone_create", args=[initiative.pk])}"]')
    page.fill("#id_title", "Eingangsplattform angebunden")
    page.fill("#id_planned_date", "2024-09-30")
    with page.expect_navigation():
        page.click(SUBMIT)
    assert Milestone.objects.filter(initiative=initiative).count() == 1
    expect(page.locator("main")).to_contain_text("Eingangsplattform angebunden")

    # Submit a status report with a red overall light.
    report_url = reverse("portfolio:status_report_create", args=[initiative.pk])
    page.locator(f'main a[href="{report_url}"]').first.click()
    for name, light in (
        ("overall", "RED"),
        ("schedule", "RED"),
        ("cost", "GREEN"),
        ("scope", "YELLOW"),
    ):
        page.check(f'input[name="{name}"][value="{light}"]')
    page.fill("#id_progress", "20")
    page.fill("#id_summary", "Der Dienstleister ist ausgefallen.")
    with page.expect_navigation():
        page.click(SUBMIT)
    assert StatusReport.objects.filter(initiative=initiative).count() == 1

    # The traffic light shows on the detail page and in the list, with text, not colour alone.
    session.goto(reverse("portfolio:initiative_detail", args=[initiative.pk]))
    detail_light = page.locator("main .sk-light--RED").first
    expect(detail_light).to_be_visible()
    assert detail_light.inner_text().strip()
    session.goto(reverse("portfolio:initiative_list"))
    row = page.locator("main tr").filter(has=page.get_by_role("link", name="E-Rechnung einführen"))
    expect(row.locator(".sk-light--RED")).to_be_visible()

    # Export the register as CSV.
    with page.expect_download() as download_info:
        page.locator("main a[href*='format=csv']").first.click()
    content = download_info.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";" if ";" in content else ","))
    assert any("E-Rechnung einführen" in cell for row in rows for cell in row)

    assert not session.console_errors, session.console_errors


def test_a_municipality_editor_cannot_open_another_municipalitys_initiative(session):
    scenario = build_scenario()
    session.log_in(scenario.municipality_editor)

    response = session.goto(
        reverse("portfolio:initiative_detail", args=[scenario.municipality_initiative.pk])
    )

    assert response.status == 403
    expect(session.page.locator("h1")).to_have_text("Zugriff verweigert")
    expect(session.page.locator("main")).not_to_contain_text("Troisdorfer Bürger-App")
    session.goto(reverse("portfolio:initiative_list"))
    expect(session.page.locator("main")).to_contain_text(scenario.initiative.title)
    expect(session.page.locator("main")).not_to_contain_text("Troisdorfer Bürger-App")


def test_an_end_before_the_start_shows_a_german_error_at_the_field_and_saves_nothing(session):
    scenario = build_scenario()
    page = session.page
    session.log_in(scenario.unit_editor)
    count_before = Initiative.objects.count()

    session.goto(reverse("portfolio:initiative_create"))
    page.fill("#id_title", "Rückwärts geplant")
    page.select_option("#id_owner_unit", str(scenario.unit.pk))
    page.check(f'input[name="fields"][value="{scenario.field.pk}"]')
    page.fill("#id_start_date", "2025-06-01")
    page.fill("#id_end_date", "2025-01-01")
    with page.expect_navigation():
        page.click(SUBMIT)

    error = page.locator("#id_end_date_error")
    expect(error).to_be_visible()
    # The portfolio's German message: "Das geplante Ende darf nicht vor dem Beginn liegen."
    expect(error).to_contain_text("Ende")
    expect(error).to_contain_text("Beginn")
    described_by = page.locator("#id_end_date").get_attribute("aria-describedby") or ""
    assert "id_end_date_error" in described_by
    expect(page.locator("main [role=alert]").first).to_contain_text("Es wurde nichts gespeichert")
    # The entered values are kept, so the user only corrects the date.
    expect(page.locator("#id_title")).to_have_value("Rückwärts geplant")
    assert Initiative.objects.count() == count_before


def test_wrong_password_shows_a_german_error(session):
    scenario = build_scenario()

    session.goto(reverse("login"))
    session.page.fill("#id_username", scenario.staff_user.username)
    session.page.fill("#id_password", "falsches-passwort")
    with session.page.expect_navigation():
        session.page.click("form.sk-login button[type=submit]")

    expect(session.page.locator("main [role=alert]")).to_contain_text(
        "Bitte Benutzername und Passwort eingeben."
    )


def test_the_skip_link_is_the_first_stop_and_moves_the_focus_to_main(session):
    scenario = build_scenario()
    session.log_in(scenario.staff_user)
    session.goto(reverse("dashboard"))
    page = session.page

    page.keyboard.press("Tab")
    skip_link = page.locator(".sk-skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()
