import datetime
import re
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
from audit.models import AuditEntry
from organisations.tests.factories import MunicipalityFactory
from portfolio.tests.factories import InitiativeFactory
from strategy.models import Goal, Indicator, IndicatorValue
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db

ROLE_FACTORIES = {
    "administrator": AdministratorFactory,
    "staff unit": StaffUnitUserFactory,
    "unit editor": UnitEditorFactory,
    "municipality editor": MunicipalityEditorFactory,
    "reader": UserFactory,
}
WRITERS = ("administrator", "staff unit")
NON_WRITERS = ("unit editor", "municipality editor", "reader")


@pytest.fixture
def strategy_data():
    field = FieldOfActionFactory(name="Verwaltung", code="verwaltung", position=1)
    theme = FieldOfActionFactory(
        name="Breitband", code="breitband", position=1, is_cross_cutting=True
    )
    goal = GoalFactory(field=field, title="Verwaltungsleistungen online")
    GoalFactory(field=theme, title="Gigabit für alle Schulen")
    indicator = IndicatorFactory(
        goal=goal,
        name="Online verfügbare Leistungen",
        baseline_value=Decimal("10"),
        target_value=Decimal("90"),
    )
    value = IndicatorValueFactory(
        indicator=indicator, measured_on=datetime.date(2022, 6, 30), value=Decimal("50")
    )
    return {"field": field, "theme": theme, "goal": goal, "indicator": indicator, "value": value}


def _snapshot_of_strategy():
    return (
        list(Goal.objects.order_by("pk").values()),
        list(Indicator.objects.order_by("pk").values()),
        list(IndicatorValue.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def _pages(data):
    return [
        reverse("strategy:goal_list"),
        reverse("strategy:goal_detail", args=[data["goal"].pk]),
        reverse("strategy:indicator_detail", args=[data["indicator"].pk]),
    ]


def _writes(data):
    """(url, POST data) of every write, with valid input."""
    goal, indicator, value = data["goal"], data["indicator"], data["value"]
    goal_post = {"field": data["field"].pk, "title": "Geändert", "position": 0, "version": 1}
    indicator_post = {
        "goal": goal.pk,
        "name": "Geändert",
        "unit": "%",
        "baseline_value": "10",
        "baseline_date": "2020-01-01",
        "target_value": "80",
        "target_date": "2026-12-31",
        "version": 1,
    }
    value_post = {"measured_on": "2023-06-30", "value": "60"}
    return [
        (reverse("strategy:goal_create"), goal_post),
        (reverse("strategy:goal_edit", args=[goal.pk]), goal_post),
        (reverse("strategy:indicator_create"), indicator_post),
        (reverse("strategy:indicator_edit", args=[indicator.pk]), indicator_post),
        (reverse("strategy:indicator_value_create", args=[indicator.pk]), value_post),
        (reverse("strategy:indicator_value_edit", args=[value.pk]), value_post),
        (reverse("strategy:indicator_value_delete", args=[value.pk]), {}),
    ]


@pytest.mark.parametrize("role", list(ROLE_FACTORIES))
def test_every_role_reads_the_strategy_pages(client, strategy_data, role):
    client.force_login(ROLE_FACTORIES[role]())
    for url in _pages(strategy_data):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.text.count("<h1") == 1
        assert 'style="' not in response.text


@pytest.mark.parametrize("role", list(ROLE_FACTORIES))
def test_only_the_staff_unit_and_administrators_see_edit_controls(client, strategy_data, role):
    client.force_login(ROLE_FACTORIES[role]())
    response = client.get(reverse("strategy:goal_detail", args=[strategy_data["goal"].pk]))
    assert ("Ziel bearbeiten" in response.text) is (role in WRITERS)


def test_anonymous_visitors_are_sent_to_the_login_and_nothing_changes(client, strategy_data):
    before = _snapshot_of_strategy()
    for url in _pages(strategy_data):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    for url, data in _writes(strategy_data):
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login"))
    assert _snapshot_of_strategy() == before


@pytest.mark.parametrize("role", NON_WRITERS)
def test_writes_are_refused_for_other_roles_and_change_nothing(client, strategy_data, role):
    client.force_login(ROLE_FACTORIES[role]())
    before = _snapshot_of_strategy()
    for url, data in _writes(strategy_data):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert _snapshot_of_strategy() == before


def test_the_goal_list_groups_goals_by_field_and_cross_cutting_theme(client, strategy_data):
    client.force_login(UserFactory())
    response = client.get(reverse("strategy:goal_list"))
    text = response.text
    assert "Handlungsfelder" in text
    assert "Querschnittsthemen" in text
    assert text.index("Verwaltungsleistungen online") < text.index("Querschnittsthemen")
    assert text.index("Querschnittsthemen") < text.index("Gigabit für alle Schulen")
    # Indicator at 50 of 10..90: 50 %; the goal's mean is the same.
    assert "50 %" in text


def test_goal_detail_shows_only_initiatives_the_user_may_see(client, strategy_data):
    goal = strategy_data["goal"]
    own_municipality, other_municipality = MunicipalityFactory(), MunicipalityFactory()
    county_initiative = InitiativeFactory(title="Kreisvorhaben")
    own = InitiativeFactory(title="Eigenes Vorhaben", owner_body=own_municipality)
    foreign = InitiativeFactory(title="Fremdes Vorhaben", owner_body=other_municipality)
    for initiative in (county_initiative, own, foreign):
        initiative.goals.add(goal)
    client.force_login(MunicipalityEditorFactory(body=own_municipality))
    response = client.get(reverse("strategy:goal_detail", args=[goal.pk]))
    assert "Kreisvorhaben" in response.text
    assert "Eigenes Vorhaben" in response.text
    assert "Fremdes Vorhaben" not in response.text

    client.force_login(UserFactory())
    response = client.get(reverse("strategy:goal_detail", args=[goal.pk]))
    assert "Fremdes Vorhaben" in response.text


def test_the_goal_list_counts_only_initiatives_the_user_may_see(client, strategy_data):
    goal = strategy_data["goal"]
    own_municipality, other_municipality = MunicipalityFactory(), MunicipalityFactory()
    for owner in (own_municipality, other_municipality):
        InitiativeFactory(owner_body=owner).goals.add(goal)
    link = re.escape(reverse("strategy:goal_detail", args=[goal.pk]))
    # The goal's row: its link, three cells (unit, date, indicators), then the count.
    row = re.compile(
        rf'href="{link}">[^<]*</a></th>(?:\s*<td[^>]*>[^<]*</td>){{3}}\s*<td[^>]*>(\d+)</td>'
    )
    client.force_login(MunicipalityEditorFactory(body=own_municipality))
    page = client.get(reverse("strategy:goal_list")).text
    assert (
        '<th scope="col" class="kern-table__header kern-table__header--numeric">Vorhaben</th>'
        in page
    )
    assert row.search(page).group(1) == "1"
    client.force_login(UserFactory())
    assert row.search(client.get(reverse("strategy:goal_list")).text).group(1) == "2"


def test_goal_detail_shows_its_history(client, strategy_data):
    staff = StaffUnitUserFactory()
    client.force_login(staff)
    goal = strategy_data["goal"]
    url = reverse("strategy:goal_edit", args=[goal.pk])
    response = client.post(
        url,
        {"field": goal.field_id, "title": "Alle Leistungen online", "position": 2, "version": 1},
    )
    assert response.status_code == 302
    response = client.get(reverse("strategy:goal_detail", args=[goal.pk]))
    assert "Änderungsverlauf" in response.text
    assert "Verwaltungsleistungen online → Alle Leistungen online" in response.text
    assert str(staff) in response.text


def test_the_indicator_page_shows_chart_and_tables(client, strategy_data):
    client.force_login(UserFactory())
    indicator = strategy_data["indicator"]
    response = client.get(reverse("strategy:indicator_detail", args=[indicator.pk]))
    text = response.text
    assert "<svg" in text
    assert 'role="img"' in text
    assert "Datentabelle" in text
    assert "Ausgangswert" in text
    assert "Zielwert" in text
    assert "30.06.2022" in text


def test_staff_create_a_goal(client, strategy_data):
    client.force_login(StaffUnitUserFactory())
    response = client.post(
        reverse("strategy:goal_create"),
        {"field": strategy_data["field"].pk, "title": "Papierlose Sitzungen", "position": 1},
    )
    goal = Goal.objects.get(title="Papierlose Sitzungen")
    assert response.status_code == 302
    assert response.url == reverse("strategy:goal_detail", args=[goal.pk])
    assert AuditEntry.objects.filter(subject_id=str(goal.pk), action="CREATE").exists()


def test_a_stale_goal_edit_shows_a_message_and_saves_nothing(client, strategy_data):
    client.force_login(StaffUnitUserFactory())
    goal = strategy_data["goal"]
    Goal.objects.filter(pk=goal.pk).update(version=2, title="Von jemand anderem")
    response = client.post(
        reverse("strategy:goal_edit", args=[goal.pk]),
        {"field": goal.field_id, "title": "Meine Fassung", "position": 0, "version": 1},
    )
    assert response.status_code == 200
    assert "inzwischen geändert" in response.text
    goal.refresh_from_db()
    assert goal.title == "Von jemand anderem"


def test_an_indicator_with_equal_baseline_and_target_is_refused_at_the_field(client, strategy_data):
    client.force_login(StaffUnitUserFactory())
    response = client.post(
        reverse("strategy:indicator_create"),
        {
            "goal": strategy_data["goal"].pk,
            "name": "Unsinnige Kennzahl",
            "unit": "%",
            "baseline_value": "10",
            "baseline_date": "2020-01-01",
            "target_value": "10",
            "target_date": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert "Es wurde nichts gespeichert" in response.text
    assert "Zielwert muss sich vom Ausgangswert unterscheiden" in response.text
    assert 'id="id_target_value_error"' in response.text
    assert not Indicator.objects.filter(name="Unsinnige Kennzahl").exists()


def test_staff_record_a_value_and_see_it(client, strategy_data):
    client.force_login(StaffUnitUserFactory())
    indicator = strategy_data["indicator"]
    response = client.post(
        reverse("strategy:indicator_value_create", args=[indicator.pk]),
        {"measured_on": "2023-06-30", "value": "70", "note": "Jahresbericht"},
    )
    assert response.status_code == 302
    response = client.get(response.url)
    assert "30.06.2023" in response.text
    assert "Jahresbericht" in response.text
    # 70 of 10..90: 75 %.
    assert "75 %" in response.text


def test_a_duplicate_value_date_is_refused_at_the_field(client, strategy_data):
    client.force_login(StaffUnitUserFactory())
    indicator = strategy_data["indicator"]
    response = client.post(
        reverse("strategy:indicator_value_create", args=[indicator.pk]),
        {"measured_on": "2022-06-30", "value": "70"},
    )
    assert response.status_code == 200
    assert "bereits einen Wert" in response.text
    assert indicator.values.count() == 1


def test_staff_edit_and_delete_a_value(client, strategy_data):
    client.force_login(AdministratorFactory())
    value = strategy_data["value"]
    response = client.post(
        reverse("strategy:indicator_value_edit", args=[value.pk]),
        {"measured_on": "2022-06-30", "value": "55"},
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal("55")
    confirm = client.get(reverse("strategy:indicator_value_delete", args=[value.pk]))
    assert "Messwert löschen" in confirm.text
    response = client.post(reverse("strategy:indicator_value_delete", args=[value.pk]))
    assert response.status_code == 302
    assert not IndicatorValue.objects.filter(pk=value.pk).exists()


def test_missing_objects_are_404(client):
    client.force_login(UserFactory())
    assert client.get(reverse("strategy:goal_detail", args=[999])).status_code == 404
    assert client.get(reverse("strategy:indicator_detail", args=[999])).status_code == 404


def _goal_list_data(count):
    fields = [FieldOfActionFactory(code=f"f{n}") for n in range(3)]
    goals = [GoalFactory(field=fields[n % 3]) for n in range(max(count // 10, 2))]
    indicators = [IndicatorFactory(goal=goals[n % len(goals)]) for n in range(max(count // 5, 2))]
    for n in range(count):
        IndicatorValueFactory(indicator=indicators[n % len(indicators)])
        initiative = InitiativeFactory(fields=[fields[n % 3]])
        initiative.goals.add(goals[n % len(goals)])


@pytest.mark.parametrize("count", [10, 200])
def test_the_goal_list_needs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    _goal_list_data(count)
    client.force_login(MunicipalityEditorFactory())
    # Session, user (+ body for the visibility rule), fields, goals, indicators, the register's
    # initiative counts per goal, unassigned.
    with django_assert_num_queries(8):
        response = client.get(reverse("strategy:goal_list"))
    assert response.status_code == 200
