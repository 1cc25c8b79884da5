import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import StaffUnitUserFactory
from audit.models import AuditEntry
from organisations.tests.factories import OrgUnitFactory
from strategy import actions
from strategy.models import Goal, Indicator, IndicatorValue
from strategy.tests.factories import (
    FieldOfActionFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffUnitUserFactory()


def _entries(obj):
    return AuditEntry.objects.filter(
        subject_id=str(obj.pk), subject_type__model=obj._meta.model_name
    )


def _indicator_values(**overrides):
    return {
        "goal": GoalFactory(),
        "name": "Haushalte mit mindestens 50 Mbit/s",
        "unit": "Haushalte",
        "baseline_value": Decimal("0"),
        "baseline_date": datetime.date(2015, 1, 1),
        "target_value": Decimal("25000"),
        "target_date": datetime.date(2025, 12, 31),
    } | overrides


# Goals -------------------------------------------------------------------------------------


def test_create_goal_writes_an_audit_entry(staff):
    field = FieldOfActionFactory(name="Verwaltung")
    goal = actions.create_goal(acting_user=staff, field=field, title="Digitale Akte überall")
    entry = _entries(goal).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == staff
    assert entry.changes["title"] == [None, "Digitale Akte überall"]


def test_create_goal_refuses_a_dissolved_unit(staff):
    unit = OrgUnitFactory(valid_until=datetime.date(2022, 2, 28))
    with pytest.raises(ValidationError) as caught:
        actions.create_goal(
            acting_user=staff, field=FieldOfActionFactory(), title="Ziel", owner_unit=unit
        )
    assert "aufgelöst" in caught.value.message_dict["owner_unit"][0]
    assert not Goal.objects.exists()
    assert not AuditEntry.objects.exists()


def test_update_goal_records_the_change_and_bumps_the_version(staff):
    goal = GoalFactory(title="Alt")
    updated = actions.update_goal(
        acting_user=staff, goal=goal, expected_version=1, title="Neu", position=3
    )
    assert (updated.title, updated.position, updated.version) == ("Neu", 3, 2)
    entry = _entries(goal).get()
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes == {"title": ["Alt", "Neu"], "position": [0, 3]}


def test_update_goal_refuses_a_stale_version_and_changes_nothing(staff):
    goal = GoalFactory(title="Alt")
    actions.update_goal(acting_user=staff, goal=goal, expected_version=1, title="Erste Änderung")
    with pytest.raises(ValidationError) as caught:
        actions.update_goal(acting_user=staff, goal=goal, expected_version=1, title="Zweite")
    assert caught.value.error_dict["__all__"][0].code == "stale"
    assert "inzwischen geändert" in caught.value.messages[0]
    goal.refresh_from_db()
    assert goal.title == "Erste Änderung"
    assert _entries(goal).count() == 1


def test_update_goal_keeps_a_unit_dissolved_after_it_was_chosen(staff):
    unit = OrgUnitFactory()
    goal = GoalFactory(owner_unit=unit)
    unit.valid_until = datetime.date(2022, 2, 28)
    unit.save()
    updated = actions.update_goal(acting_user=staff, goal=goal, owner_unit=unit, title="Neu")
    assert updated.owner_unit == unit


# Indicators --------------------------------------------------------------------------------


def test_create_indicator_writes_an_audit_entry_scoped_to_its_goal(staff):
    values = _indicator_values()
    indicator = actions.create_indicator(acting_user=staff, **values)
    entry = _entries(indicator).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.scope_id == str(values["goal"].pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"target_value": Decimal("0")}, "target_value", "Zielwert muss sich vom Ausgangswert"),
        (
            {"target_date": datetime.date(2014, 12, 31)},
            "target_date",
            "Zieldatum muss nach dem Datum des Ausgangswerts (01.01.2015)",
        ),
        (
            {"target_date": datetime.date(2015, 1, 1)},
            "target_date",
            "Zieldatum muss nach dem Datum des Ausgangswerts",
        ),
    ],
)
def test_create_indicator_refuses_bad_input_and_saves_nothing(staff, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        actions.create_indicator(acting_user=staff, **_indicator_values(**overrides))
    assert message in caught.value.message_dict[field][0]
    assert not Indicator.objects.exists()
    assert not AuditEntry.objects.exists()


def test_update_indicator_refuses_a_baseline_date_after_existing_values(staff):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2021, 3, 1))
    with pytest.raises(ValidationError) as caught:
        actions.update_indicator(
            acting_user=staff,
            indicator=indicator,
            expected_version=1,
            baseline_date=datetime.date(2022, 1, 1),
        )
    assert "01.03.2021" in caught.value.message_dict["baseline_date"][0]
    indicator.refresh_from_db()
    assert indicator.baseline_date == datetime.date(2020, 1, 1)
    assert indicator.version == 1


def test_update_indicator_checks_the_merged_values(staff):
    indicator = IndicatorFactory(baseline_value=Decimal("10"), target_value=Decimal("90"))
    with pytest.raises(ValidationError) as caught:
        actions.update_indicator(acting_user=staff, indicator=indicator, baseline_value=Decimal(90))
    assert "target_value" in caught.value.message_dict


def test_update_indicator_refuses_a_stale_version(staff):
    indicator = IndicatorFactory(name="Alt")
    actions.update_indicator(acting_user=staff, indicator=indicator, expected_version=1, name="A")
    with pytest.raises(ValidationError) as caught:
        actions.update_indicator(
            acting_user=staff, indicator=indicator, expected_version=1, name="B"
        )
    assert caught.value.error_dict["__all__"][0].code == "stale"
    indicator.refresh_from_db()
    assert indicator.name == "A"


def test_update_indicator_records_old_and_new_values(staff):
    indicator = IndicatorFactory(target_value=Decimal("90"))
    actions.update_indicator(
        acting_user=staff, indicator=indicator, expected_version=1, target_value=Decimal("95.5")
    )
    assert _entries(indicator).get().changes == {"target_value": ["90", "95.5"]}


# Indicator values --------------------------------------------------------------------------


def test_add_indicator_value_writes_an_audit_entry(staff):
    indicator = IndicatorFactory()
    value = actions.add_indicator_value(
        acting_user=staff,
        indicator=indicator,
        measured_on=datetime.date(2022, 6, 30),
        value=Decimal("42"),
        note="Breitbandatlas",
    )
    entry = _entries(value).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.scope_id == str(indicator.pk)


def test_add_indicator_value_refuses_a_date_before_the_baseline(staff):
    indicator = IndicatorFactory(baseline_date=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as caught:
        actions.add_indicator_value(
            acting_user=staff,
            indicator=indicator,
            measured_on=datetime.date(2019, 12, 31),
            value=Decimal("1"),
        )
    assert caught.value.message_dict["measured_on"] == [
        "Das Datum liegt vor dem Datum des Ausgangswerts der Kennzahl (01.01.2020)."
    ]
    assert not IndicatorValue.objects.exists()
    assert not AuditEntry.objects.exists()


def test_add_indicator_value_refuses_a_second_value_on_the_same_day(staff):
    existing = IndicatorValueFactory(measured_on=datetime.date(2022, 6, 30), value=Decimal("5"))
    with pytest.raises(ValidationError) as caught:
        actions.add_indicator_value(
            acting_user=staff,
            indicator=existing.indicator,
            measured_on=datetime.date(2022, 6, 30),
            value=Decimal("6"),
        )
    assert "bereits einen Wert für den 30.06.2022" in caught.value.message_dict["measured_on"][0]
    assert IndicatorValue.objects.get().value == Decimal("5")
    assert not AuditEntry.objects.exists()


def test_the_same_day_is_fine_for_another_indicator(staff):
    IndicatorValueFactory(measured_on=datetime.date(2022, 6, 30))
    other = IndicatorFactory()
    actions.add_indicator_value(
        acting_user=staff, indicator=other, measured_on=datetime.date(2022, 6, 30), value=1
    )
    assert IndicatorValue.objects.count() == 2


def test_update_indicator_value_may_keep_its_own_date(staff):
    value = IndicatorValueFactory(measured_on=datetime.date(2022, 6, 30), value=Decimal("5"))
    actions.update_indicator_value(
        acting_user=staff,
        indicator_value=value,
        measured_on=datetime.date(2022, 6, 30),
        value=Decimal("7"),
    )
    value.refresh_from_db()
    assert value.value == Decimal("7")
    assert _entries(value).get().changes == {"value": ["5", "7"]}


def test_update_indicator_value_refuses_another_values_date(staff):
    first = IndicatorValueFactory(measured_on=datetime.date(2022, 6, 30))
    second = IndicatorValueFactory(
        indicator=first.indicator, measured_on=datetime.date(2022, 9, 30)
    )
    with pytest.raises(ValidationError):
        actions.update_indicator_value(
            acting_user=staff, indicator_value=second, measured_on=datetime.date(2022, 6, 30)
        )
    second.refresh_from_db()
    assert second.measured_on == datetime.date(2022, 9, 30)


def test_delete_indicator_value_keeps_a_record(staff):
    value = IndicatorValueFactory(value=Decimal("12"))
    value_pk = value.pk
    actions.delete_indicator_value(acting_user=staff, indicator_value=value)
    assert not IndicatorValue.objects.filter(pk=value_pk).exists()
    entry = AuditEntry.objects.get(subject_id=str(value_pk))
    assert entry.action == AuditEntry.Action.DELETE
    assert entry.changes["value"] == ["12", None]


def test_actions_refuse_unknown_fields(staff):
    with pytest.raises(TypeError):
        actions.create_goal(acting_user=staff, field=FieldOfActionFactory(), title="x", colour=1)
