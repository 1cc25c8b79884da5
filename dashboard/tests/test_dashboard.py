import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from dashboard import queries
from governance.models import ActionItem
from governance.tests.factories import ActionItemFactory, MeetingFactory
from organisations.tests.factories import CountyFactory, MunicipalityFactory
from portfolio import actions as portfolio_actions
from portfolio.models import BudgetLine, Initiative, TrafficLight
from portfolio.tests.factories import BudgetLineFactory, InitiativeFactory, MilestoneFactory
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 5, 15)


@pytest.fixture
def register():
    """A county initiative, one of municipality A, one of municipality B, and their details."""
    verwaltung = FieldOfActionFactory(name="Verwaltung", code="verwaltung", position=1)
    bildung = FieldOfActionFactory(name="Bildung", code="bildung", position=2)
    town_a, town_b = MunicipalityFactory(name="Siegburg"), MunicipalityFactory(name="Eitorf")
    county = InitiativeFactory(
        title="Dokumentenmanagement",
        fields=[verwaltung],
        traffic_light=TrafficLight.GREEN,
        next_report_due=TODAY - datetime.timedelta(days=10),
    )
    own = InitiativeFactory(
        title="Siegburg digital",
        owner_body=town_a,
        fields=[verwaltung, bildung],
        traffic_light=TrafficLight.RED,
        next_report_due=TODAY + datetime.timedelta(days=10),
    )
    foreign = InitiativeFactory(
        title="Eitorf vernetzt",
        owner_body=town_b,
        fields=[bildung],
        status=Initiative.Status.PLANNED,
        next_report_due=TODAY - datetime.timedelta(days=40),
    )
    InitiativeFactory(
        title="Eitorf Bürgerportal",
        owner_body=town_b,
        fields=[bildung],
        traffic_light=TrafficLight.YELLOW,
        next_report_due=TODAY - datetime.timedelta(days=5),
    )
    MilestoneFactory(
        initiative=county,
        title="DMS-Ausschreibung",
        planned_date=TODAY + datetime.timedelta(days=30),
    )
    MilestoneFactory(
        initiative=county,
        title="Erreichter Meilenstein",
        planned_date=TODAY - datetime.timedelta(days=3),
        actual_date=TODAY - datetime.timedelta(days=4),
    )
    MilestoneFactory(
        initiative=own,
        title="Siegburger Pilot",
        planned_date=TODAY - datetime.timedelta(days=20),
    )
    MilestoneFactory(
        initiative=foreign,
        title="Eitorfer Meilenstein",
        planned_date=TODAY - datetime.timedelta(days=2),
    )
    MilestoneFactory(
        initiative=county,
        title="Fernes Ziel",
        planned_date=TODAY + datetime.timedelta(days=91),
    )
    BudgetLineFactory(initiative=county, year=2024, amount=Decimal("100000"))
    BudgetLineFactory(
        initiative=county,
        year=2023,
        amount=Decimal("50000"),
        funding_source=BudgetLine.FundingSource.GRANT,
        grant_programme="Gigabitförderung",
        grant_amount=Decimal("40000"),
    )
    BudgetLineFactory(
        initiative=own,
        year=2024,
        amount=Decimal("20000"),
        funding_source=BudgetLine.FundingSource.GRANT,
        grant_programme="Digitalstrategie NRW",
        grant_amount=Decimal("15000"),
    )
    BudgetLineFactory(initiative=foreign, year=2024, amount=Decimal("999999"))
    goal = GoalFactory(field=verwaltung, title="Alle Leistungen online")
    indicator = IndicatorFactory(goal=goal, baseline_value=0, target_value=100)
    IndicatorValueFactory(indicator=indicator, value=Decimal("40"))
    GoalFactory(field=bildung, title="Ziel ohne Kennzahlen")
    return {"town_a": town_a, "verwaltung": verwaltung, "bildung": bildung}


def test_the_county_staff_see_every_initiative(register):
    page = queries.dashboard(user=StaffUnitUserFactory(), today=TODAY)
    figures = page.register.key_figures
    assert (figures.initiatives, figures.in_progress) == (4, 3)
    assert figures.budget_year == Decimal("1119999")
    assert figures.grants_year == Decimal("15000")
    assert figures.grants_total == Decimal("55000")
    assert [i.title for i in page.register.overdue_reports] == [
        "Dokumentenmanagement",
        "Eitorf Bürgerportal",
    ]
    assert [m.title for m in page.register.overdue_milestones] == [
        "Siegburger Pilot",
        "Eitorfer Meilenstein",
    ]
    assert [m.title for m in page.register.upcoming_milestones] == ["DMS-Ausschreibung"]
    assert page.register.traffic_light_chart.rows == [
        ["grün", "1"],
        ["gelb", "1"],
        ["rot", "1"],
        ["noch kein Bericht", "0"],
    ]
    assert not page.is_restricted


def test_a_municipality_user_counts_only_what_they_may_see(register):
    user = MunicipalityEditorFactory(body=register["town_a"])
    page = queries.dashboard(user=user, today=TODAY)
    figures = page.register.key_figures
    assert (figures.initiatives, figures.in_progress) == (2, 2)
    assert figures.budget_year == Decimal("120000")
    assert figures.grants_year == Decimal("15000")
    assert figures.grants_total == Decimal("55000")
    assert [i.title for i in page.register.overdue_reports] == ["Dokumentenmanagement"]
    assert [m.title for m in page.register.overdue_milestones] == ["Siegburger Pilot"]
    # Rows: Verwaltung (county + own), Bildung (own only); columns: statuses, then the total.
    status_rows = {row[0]: row[-1] for row in page.register.status_chart.rows}
    assert status_rows == {"Verwaltung": "2", "Bildung": "1"}
    assert page.register.traffic_light_chart.rows[1] == ["gelb", "0"]
    assert page.is_restricted


def test_overdue_counts_lead_the_page_with_links_to_their_lists(client, register):
    staff = StaffUnitUserFactory()
    meeting = MeetingFactory()
    ActionItemFactory(meeting=meeting, due_date=TODAY - datetime.timedelta(days=1))
    ActionItemFactory(meeting=meeting, due_date=TODAY + datetime.timedelta(days=1))
    ActionItemFactory(
        meeting=meeting, due_date=TODAY - datetime.timedelta(days=9), status=ActionItem.Status.DONE
    )
    overdue = queries.dashboard(user=staff, today=TODAY).overdue
    assert (overdue.reports, overdue.milestones, overdue.action_items) == (3, 2, 1)

    client.force_login(staff)
    text = client.get(reverse("dashboard")).text
    top = text.split('id="overdue-heading"')[1].split("</dl>")[0]
    assert text.index('id="overdue-heading"') < text.index('id="status-heading"')
    assert f'href="{reverse("portfolio:initiative_list")}?overdue=on"' in top
    assert 'href="#overdue-milestones-heading"' in top
    assert f'href="{reverse("governance:action_item_list")}?overdue=on"' in top


def test_municipality_users_see_no_count_of_the_committees_action_items(client, register):
    user = MunicipalityEditorFactory(body=register["town_a"])
    assert queries.dashboard(user=user, today=TODAY).overdue.action_items is None
    client.force_login(user)
    assert reverse("governance:action_item_list") not in client.get(reverse("dashboard")).text


def test_goals_chart_lists_goals_with_indicators(register):
    page = queries.dashboard(user=UserFactory(), today=TODAY)
    assert page.register.goal_chart.rows == [["Alle Leistungen online", "40 %"]]


def test_the_status_table_puts_fields_as_rows_and_statuses_as_columns(register):
    page = queries.dashboard(user=UserFactory(), today=TODAY)
    labels = [column.label for column in page.register.status_chart.columns]
    assert labels == [
        "Handlungsfeld",
        "Idee",
        "Geplant",
        "In Umsetzung",
        "Abgeschlossen",
        "Eingestellt",
        "Summe",
    ]
    assert page.register.status_chart.rows[1] == ["Bildung", "0", "1", "2", "0", "0", "3"]


@pytest.mark.parametrize(
    "factory",
    [
        AdministratorFactory,
        StaffUnitUserFactory,
        UnitEditorFactory,
        MunicipalityEditorFactory,
        UserFactory,
    ],
)
def test_the_dashboard_renders_for_every_role(client, register, factory):
    client.force_login(factory())
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    text = response.text
    assert text.count("<h1") == 1
    assert "Auf einen Blick" in text
    assert text.count('role="img"') == 3
    assert text.count("Datentabelle") == 3
    assert 'style="' not in text


def test_the_dashboard_links_overdue_items_to_their_initiatives(client, register):
    client.force_login(MunicipalityEditorFactory(body=register["town_a"]))
    text = client.get(reverse("dashboard")).text
    assert "Siegburger Pilot" in text
    assert "Eitorfer Meilenstein" not in text
    assert "Eitorf" not in text
    assert "Überfällige Statusberichte" in text


def test_long_lists_show_the_first_entries_and_lead_to_the_register(client):
    initiative = InitiativeFactory(next_report_due=datetime.date(2020, 1, 1))
    for day in range(queries.LIST_LIMIT + 1):
        MilestoneFactory(initiative=initiative, planned_date=datetime.date(2020, 1, 1 + day))
    client.force_login(StaffUnitUserFactory())

    text = client.get(reverse("dashboard")).text

    milestones = text.split('id="overdue-milestones-heading"')[1].split(
        "upcoming-milestones-heading"
    )[0]
    assert milestones.count("<tr") == queries.LIST_LIMIT + 1  # with the header row
    assert f"Es werden nur die ersten {queries.LIST_LIMIT} angezeigt." in milestones
    register = reverse("portfolio:initiative_list")
    assert f'href="{register}?milestone_overdue=on">Alle Vorhaben mit überfälligem' in milestones


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _register_of(count):
    fields = [FieldOfActionFactory(code=f"feld-{n}") for n in range(3)]
    town, county = MunicipalityFactory(), CountyFactory()
    goals = [GoalFactory(field=fields[n % 3]) for n in range(3)]
    indicators = [IndicatorFactory(goal=goals[n % 3]) for n in range(6)]
    for n in range(count):
        initiative = InitiativeFactory(
            owner_body=town if n % 2 else county,
            fields=[fields[n % 3]],
            status=list(Initiative.Status.values)[n % 5],
            traffic_light=["", *TrafficLight.values][n % 4],
            next_report_due=TODAY - datetime.timedelta(days=n % 30),
        )
        initiative.participating_bodies.add(town)
        MilestoneFactory(
            initiative=initiative, planned_date=TODAY + datetime.timedelta(n % 120 - 60)
        )
        BudgetLineFactory(initiative=initiative, year=2024)
        IndicatorValueFactory(indicator=indicators[n % 6])
    return town


@pytest.mark.parametrize("count", [10, 200])
def test_the_dashboard_needs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    town = _register_of(count)
    client.force_login(MunicipalityEditorFactory(body=town))
    # Session, user, body; the newest change; figures, budget, overdue reports, overdue
    # milestones and their count, upcoming milestones, status counts, fields, goals,
    # indicators.
    with django_assert_num_queries(14):
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    # Until the next change the register part comes from the cache: session, user, body and
    # the newest change.
    with django_assert_num_queries(4):
        again = client.get(reverse("dashboard"))

    def main(page):
        return page.text.split("<main")[1].split("</main>")[0]

    assert main(again) == main(response)


def test_a_change_shows_on_the_next_visit(register):
    staff = StaffUnitUserFactory()
    before = queries.dashboard(user=staff, today=TODAY).register.key_figures.initiatives
    # Written by the register's action, as every change is: with its audit entry.
    portfolio_actions.create_initiative(
        acting_user=staff, title="Ein neues Vorhaben", owner_body=CountyFactory()
    )
    after = queries.dashboard(user=staff, today=TODAY).register.key_figures.initiatives
    assert after == before + 1


def test_the_cached_overview_is_kept_apart_per_municipality(client, register):
    client.force_login(MunicipalityEditorFactory(body=register["town_a"]))
    assert "Siegburger Pilot" in client.get(reverse("dashboard")).text
    client.force_login(MunicipalityEditorFactory(body=MunicipalityFactory(name="Lohmar")))
    assert "Siegburger Pilot" not in client.get(reverse("dashboard")).text
