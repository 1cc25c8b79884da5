"""The progress report pages: who may do what (refusals change nothing), the web view's
queries, and the files read back."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.tests.factories import MilestoneFactory
from reports import actions
from reports.models import ProgressReport
from smartkreis.testing.documents import assert_accessible_archivable_pdf, read_docx, read_pdf
from strategy.tests.factories import IndicatorFactory, IndicatorValueFactory

from .conftest import DAY, add_initiative, reports_state

pytestmark = pytest.mark.django_db

A, F, L = "allowed", "forbidden", "login"
ACTIONS = ("list", "draft", "issued", "docx_issued", "create", "edit", "issue")
MATRIX = {
    "anonymous": (L,) * len(ACTIONS),
    "reader": (A, F, A, A, F, F, F),
    "municipality_editor": (F,) * len(ACTIONS),
    "staff": (A,) * len(ACTIONS),
    "admin": (A,) * len(ACTIONS),
}
CASES = [
    pytest.param(role, action, outcome, id=f"{role}-{action}")
    for role, outcomes in MATRIX.items()
    for action, outcome in zip(ACTIONS, outcomes, strict=True)
]


@pytest.fixture
def reports(world):
    staff = world.users["staff"]

    def create(start, end):
        return actions.create_progress_report(
            acting_user=staff, committee=world.committee, period_start=start, period_end=end
        )

    issued = actions.issue_progress_report(
        acting_user=staff, report=create(world.start - 180 * DAY, world.start - DAY)
    )
    return create(world.start, world.end), issued


def _request(client, world, reports, action):
    draft, issued = reports
    gets = {
        "list": reverse("reports:report_list"),
        "draft": reverse("reports:report_detail", args=[draft.pk]),
        "issued": reverse("reports:report_detail", args=[issued.pk]),
        "docx_issued": reverse("reports:report_docx", args=[issued.pk]),
    }
    if action in gets:
        return client.get(gets[action]), None
    if action == "create":
        response = client.post(
            reverse("reports:report_create"),
            {
                "committee": world.committee.pk,
                "period_start": str(world.start),
                "period_end": str(world.end),
                "summary": "Gut.",
            },
        )
        return response, lambda: ProgressReport.objects.count() == 3
    if action == "edit":
        response = client.post(
            reverse("reports:report_edit", args=[draft.pk]),
            {
                "committee": world.committee.pk,
                "period_start": str(world.start),
                "period_end": str(world.end),
                "summary": "Neu geschrieben.",
                "version": draft.version,
            },
        )
        return (
            response,
            lambda: ProgressReport.objects.get(pk=draft.pk).summary == ("Neu geschrieben."),
        )
    if action == "issue":
        response = client.post(reverse("reports:report_issue", args=[draft.pk]))
        return response, lambda: ProgressReport.objects.get(pk=draft.pk).is_issued
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "outcome"), CASES)
def test_role_action_matrix(client, world, reports, role, action, outcome):
    if role != "anonymous":
        client.force_login(world.users[role])
    before = reports_state()
    response, took_effect = _request(client, world, reports, action)
    if outcome == L:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif outcome == F:
        assert response.status_code == 403
    if outcome in (L, F):
        assert reports_state() == before
        return
    if took_effect is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert took_effect()


def test_the_web_view_needs_a_constant_number_of_queries(client, world):
    report = actions.create_progress_report(
        acting_user=world.users["staff"],
        committee=world.committee,
        period_start=world.start,
        period_end=world.end,
    )
    url = reverse("reports:report_detail", args=[report.pk])
    client.force_login(world.users["staff"])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    goal = world.fields["education"].goals.create(title="Digitale Schulen")
    for index in range(6):
        initiative = add_initiative(
            world.county,
            [world.fields["education"]],
            f"Vorhaben {index}",
            next_report_due=world.today - DAY,
        )
        MilestoneFactory(
            initiative=initiative,
            planned_date=world.start + index * DAY,
            actual_date=world.start + index * DAY,
        )
        MilestoneFactory(initiative=initiative, planned_date=world.today - DAY)
        indicator = IndicatorFactory(goal=goal, target_date=world.today + 100 * DAY)
        IndicatorValueFactory(indicator=indicator, measured_on=world.start)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert "Vorhaben 5" in response.content.decode()
    assert len(large) == len(small)


@pytest.mark.xdist_group("pdf")
def test_pdf_and_word_file_say_what_the_web_view_says(client, world):
    report = actions.create_progress_report(
        acting_user=world.users["staff"],
        committee=world.committee,
        period_start=world.start,
        period_end=world.end,
        summary='Kosten < 5.000 € & "{{ 7 * 7 }}"',
    )
    client.force_login(world.users["staff"])
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Zielerreichung der Kennzahlen: Verwaltung" in page
    assert "<svg" in page

    response = client.get(reverse("reports:report_pdf", args=[report.pk]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="fortschrittsbericht-wdt-{world.start}-{world.end}.pdf"'
    )
    pdf = read_pdf(response.content)
    assert_accessible_archivable_pdf(pdf)
    assert {"/H2", "/H3", "/Table", "/TH"} <= pdf.structure_types
    assert pdf.title == report.title
    for text in (
        'Kosten < 5.000 € & "{{ 7 * 7 }}"',
        "Vorhaben nach Handlungsfeldern",
        "Schul-WLAN",
        "Zielerreichung der Kennzahlen: Verwaltung",
        "Online-Leistungen",
        "Pilot im Schulamt",
        "Die Lenkungsgruppe beschließt die E-Akte im Schulamt.",
        "Projektplan vorlegen",
    ):
        assert text in pdf.text, text

    response = client.get(reverse("reports:report_docx", args=[report.pk]))
    document = read_docx(response.content)
    assert document.title == report.title
    styles = {text: style for style, text in document.paragraphs}
    assert styles[report.title] == "Heading 1"
    assert styles["Verwaltung"] == "Heading 3"
    assert styles["Kennzahlen: Soll und Ist"] == "Heading 2"
    assert 'Kosten < 5.000 € & "{{ 7 * 7 }}"' in styles
    tables = {table[0][0]: table for table in document.tables}
    initiative_rows = [row[0] for row in document.tables[0][1:]]
    assert any(row.endswith("E-Akte") for row in initiative_rows)
    indicator_table = tables["Kennzahl"]
    assert indicator_table[1][0] == "Online-Leistungen"
    assert indicator_table[1][4] == "50\u00a0%"
