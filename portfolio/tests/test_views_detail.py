"""The initiative page: all its data, history, lineage of its unit, and only allowed buttons."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from organisations.actions import dissolve_org_unit
from organisations.tests.factories import OrgUnitFactory
from portfolio import actions
from portfolio.models import Initiative, TrafficLight
from portfolio.tests.factories import InitiativeFactory, MilestoneFactory, StatusReportFactory
from strategy.tests.factories import GoalFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def _detail(client, initiative):
    response = client.get(reverse("portfolio:initiative_detail", args=[initiative.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _section(html, section_id):
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def test_the_page_shows_the_initiatives_data(client, world):
    initiative = world.county_initiative
    initiative.participating_bodies.set([world.town])
    initiative.goals.set([GoalFactory(title="Verwaltung papierlos", field=world.field)])
    initiative.indicators.set([IndicatorFactory(name="Anteil E-Akten")])
    Initiative.objects.filter(pk=initiative.pk).update(
        demo_note="Zahlen erfunden",
        status_changed_on=datetime.date(2021, 2, 1),
        traffic_light=TrafficLight.YELLOW,
        progress=35,
        next_report_due=datetime.date(2020, 1, 1),
    )
    client.force_login(world.users["reader"])
    html = _detail(client, initiative)
    assert html.count("<h1") == 1
    assert "DMS-Einführung" in html
    assert initiative.reference in html
    assert "Demo-Daten: Zahlen erfunden" in html
    assert "kern-alert--info" in html
    assert "Sankt Augustin" in html  # participating
    assert "Verwaltung papierlos" in html
    assert "Anteil E-Akten" in html
    assert "In Umsetzung" in html
    assert "(seit 01.02.2021)" in html
    assert "01.01.2021 – 31.12.2027" in html
    assert "gelb" in html
    assert "35 %" in html
    assert "Der Statusbericht war am 01.01.2020 fällig und ist überfällig." in html


def test_a_dissolved_owner_unit_shows_its_successors_and_a_successor_its_predecessor(client, world):
    staff = world.users["staff"]
    office_10 = OrgUnitFactory(body=world.county, number="10", name="Zentrale Steuerung")
    office_12 = OrgUnitFactory(
        body=world.county, number="99", name="IT neu", valid_from=datetime.date(2022, 4, 1)
    )
    old = InitiativeFactory(
        title="Telefonie",
        owner_body=world.county,
        owner_unit=office_10,
        start_date=datetime.date(2021, 1, 1),
        fields=[world.field],
    )
    dissolve_org_unit(
        acting_user=staff,
        unit=office_10,
        last_day=datetime.date(2022, 3, 31),
        successors=[office_12],
        initiatives_to=None,
    )
    client.force_login(staff)
    html = _detail(client, old)
    assert "Aufgelöst zum 31.03.2022; Nachfolge:" in html
    assert "IT neu" in html

    moved = InitiativeFactory(
        title="Mobiles Arbeiten",
        owner_body=world.county,
        owner_unit=office_12,
        start_date=datetime.date(2021, 6, 1),
        fields=[world.field],
    )
    html = _detail(client, moved)
    assert "bis 31.03.2022:" in html
    assert "Zentrale Steuerung" in html

    # An initiative that began after the predecessor's end has no such line.
    late = InitiativeFactory(
        title="Neu",
        owner_body=world.county,
        owner_unit=office_12,
        start_date=datetime.date(2023, 1, 1),
        fields=[world.field],
    )
    assert "bis 31.03.2022:" not in _detail(client, late)


def test_sub_initiatives_show_light_progress_and_weight_only_where_visible(client, world):
    parent = world.county_initiative
    InitiativeFactory(
        title="Cluster Nord",
        parent=parent,
        weight=3,
        progress=80,
        traffic_light=TrafficLight.GREEN,
        owner_body=world.town,
        owner_unit=world.town_unit,
        fields=[world.field],
    )
    InitiativeFactory(
        title="Cluster Süd",
        parent=parent,
        weight=1,
        owner_body=world.other_town,
        owner_unit=None,
        fields=[world.field],
    )
    client.force_login(world.users["staff"])
    children = _section(_detail(client, parent), "children-heading")
    assert "Cluster Nord" in children
    assert "Cluster Süd" in children
    assert "80 %" in children
    assert "grün" in children
    assert ">3<" in children
    client.force_login(world.users["municipality_editor_own"])
    children = _section(_detail(client, parent), "children-heading")
    assert "Cluster Nord" in children
    assert "Cluster Süd" not in children


def test_budget_lines_with_totals_per_year(client, world):
    staff, initiative = world.users["staff"], world.county_initiative
    for year, amount, grant in (
        (2022, "100000", "60000"),
        (2022, "20000", None),
        (2023, "50000", None),
    ):
        actions.add_budget_line(
            acting_user=staff,
            initiative=initiative,
            year=year,
            amount=Decimal(amount),
            funding_source="GRANT" if grant else "OWN_FUNDS",
            grant_programme="Gigabit.NRW" if grant else "",
            grant_amount=Decimal(grant) if grant else None,
        )
    client.force_login(staff)
    budget = _section(_detail(client, initiative), "budget")
    assert "Fördermittel: Gigabit.NRW" in budget
    per_year = budget[budget.index("Budget je Jahr") :]
    # 2022: 120,000 in all, 60,000 grant, 60,000 own share; 2023 all own funds.
    assert "120.000,00" in per_year
    assert "60.000,00" in per_year
    total = per_year[per_year.index("Summe") :]
    assert "170.000,00" in total
    assert "110.000,00" in total


def test_milestones_are_marked_reached_overdue_or_upcoming(client, world):
    initiative = world.county_initiative
    MilestoneFactory(
        initiative=initiative,
        title="Ausschreibung",
        planned_date=datetime.date(2021, 6, 30),
        actual_date=datetime.date(2021, 7, 5),
    )
    MilestoneFactory(initiative=initiative, title="Pilot", planned_date=datetime.date(2022, 1, 1))
    MilestoneFactory(initiative=initiative, title="Rollout", planned_date=datetime.date(2099, 1, 1))
    client.force_login(world.users["reader"])
    milestones = _section(_detail(client, initiative), "milestones")
    rows = milestones.split("<tr")[2:]
    assert "Ausschreibung" in rows[0]
    assert "05.07.2021" in rows[0]
    assert "erreicht" in rows[0]
    assert "Pilot" in rows[1]
    assert "überfällig" in rows[1]
    assert "Rollout" in rows[2]
    assert "anstehend" in rows[2]


def test_status_reports_newest_first_with_all_four_lights(client, world):
    initiative = world.county_initiative
    StatusReportFactory(initiative=initiative, reported_on=datetime.date(2022, 3, 31))
    StatusReportFactory(
        initiative=initiative,
        reported_on=datetime.date(2022, 6, 30),
        schedule=TrafficLight.RED,
        cost=TrafficLight.YELLOW,
        scope=TrafficLight.GREEN,
        overall=TrafficLight.YELLOW,
        summary="Verzug bei der Ausschreibung.",
        risks="Lieferengpass",
    )
    client.force_login(world.users["reader"])
    reports = _section(_detail(client, initiative), "reports")
    assert reports.index("Statusbericht vom 30.06.2022") < reports.index(
        "Statusbericht vom 31.03.2022"
    )
    newest = reports[: reports.index("Statusbericht vom 31.03.2022")]
    for label, light in (("Termine", "rot"), ("Kosten", "gelb"), ("Leistungsumfang", "grün")):
        assert label in newest
        assert light in newest
    assert "Verzug bei der Ausschreibung." in newest
    assert "Lieferengpass" in newest


def test_the_change_history_shows_who_changed_what(client, world):
    staff, initiative = world.users["staff"], world.county_initiative
    actions.update_initiative(acting_user=staff, initiative=initiative, title="DMS und E-Akte")
    actions.add_milestone(
        acting_user=staff,
        initiative=initiative,
        title="Pilot",
        planned_date=datetime.date(2022, 1, 1),
    )
    client.force_login(world.users["reader"])
    history = _section(_detail(client, initiative), "history")
    assert str(staff) in history
    assert "DMS-Einführung → DMS und E-Akte" in history
    assert "Meilenstein „Pilot“" in history


def test_buttons_appear_only_for_what_the_user_may_do(client, world):
    initiative = world.county_initiative
    edit_url = reverse("portfolio:initiative_edit", args=[initiative.pk])
    delete_url = reverse("portfolio:initiative_delete", args=[initiative.pk])
    milestone_url = reverse("portfolio:milestone_create", args=[initiative.pk])
    report_url = reverse("portfolio:status_report_create", args=[initiative.pk])

    client.force_login(world.users["reader"])
    html = _detail(client, initiative)
    assert edit_url not in html
    assert delete_url not in html
    assert milestone_url not in html
    assert report_url not in html

    client.force_login(world.users["unit_editor_own"])
    html = _detail(client, initiative)
    assert edit_url in html
    assert milestone_url in html
    assert report_url in html
    assert delete_url not in html

    client.force_login(world.users["staff"])
    assert delete_url in _detail(client, initiative)

    Initiative.objects.filter(pk=initiative.pk).update(status=Initiative.Status.COMPLETED)
    assert report_url not in _detail(client, initiative)


def test_a_municipality_user_cannot_open_another_municipalitys_initiative(client, world):
    client.force_login(world.users["municipality_editor_own"])
    url = reverse("portfolio:initiative_detail", args=[world.other_town_initiative.pk])
    assert client.get(url).status_code == 403


def test_an_unknown_initiative_is_not_found(client, world):
    client.force_login(world.users["staff"])
    assert client.get(reverse("portfolio:initiative_detail", args=[99999])).status_code == 404
