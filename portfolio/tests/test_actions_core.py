import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import StaffUnitUserFactory
from audit.models import AuditEntry
from audit.queries import audit_entries_for
from organisations.tests.factories import CountyFactory, OrgUnitFactory
from portfolio import actions
from portfolio.models import Initiative, TrafficLight
from strategy.tests.factories import FieldOfActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffUnitUserFactory()


def _create(staff, **overrides):
    county = CountyFactory()
    values = {
        "title": "DMS-Einführung",
        "owner_body": county,
        "owner_unit": OrgUnitFactory(body=county),
        "fields": [FieldOfActionFactory()],
        "status": Initiative.Status.IN_PROGRESS,
        "start_date": datetime.date(2021, 1, 1),
        "end_date": datetime.date(2024, 12, 31),
    } | overrides
    return actions.create_initiative(acting_user=staff, **values)


def test_create_writes_an_audit_entry_with_the_new_values(staff):
    initiative = _create(staff)
    [entry] = audit_entries_for(initiative)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == staff
    assert entry.changes["title"] == [None, "DMS-Einführung"]
    assert initiative.next_report_due == datetime.date(2021, 4, 1)


def test_update_records_old_and_new_value_and_refuses_a_stale_version(staff):
    initiative = _create(staff)
    updated = actions.update_initiative(
        acting_user=staff, initiative=initiative, expected_version=1, title="DMS"
    )
    assert updated.version == 2
    assert audit_entries_for(initiative)[0].changes == {"title": ["DMS-Einführung", "DMS"]}
    with pytest.raises(ValidationError) as refused:
        actions.update_initiative(
            acting_user=staff, initiative=initiative, expected_version=1, title="Alt"
        )
    assert refused.value.error_dict["__all__"][0].code == "stale"
    assert Initiative.objects.get().title == "DMS"


def test_end_before_start_is_refused_and_nothing_saved(staff):
    with pytest.raises(ValidationError) as refused:
        _create(staff, end_date=datetime.date(2020, 1, 1))
    assert "end_date" in refused.value.error_dict
    assert not Initiative.objects.exists()
    assert not AuditEntry.objects.exists()


def test_grant_larger_than_its_budget_line_is_refused(staff):
    initiative = _create(staff)
    with pytest.raises(ValidationError) as refused:
        actions.add_budget_line(
            acting_user=staff,
            initiative=initiative,
            year=2022,
            amount=Decimal("1000"),
            funding_source="GRANT",
            grant_programme="Gigabit.NRW",
            grant_amount=Decimal("2000"),
        )
    assert "grant_amount" in refused.value.error_dict
    assert not initiative.budget_lines.exists()


def test_status_reports_drive_the_parent_traffic_light(staff):
    parent = _create(staff, title="Breitband")
    child_a = _create(staff, title="Cluster 1", parent=parent, weight=1)
    child_b = _create(staff, title="Cluster 2", parent=parent, weight=3)
    for child, light, progress in ((child_a, "RED", 20), (child_b, "GREEN", 80)):
        actions.submit_status_report(
            acting_user=staff,
            initiative=child,
            reported_on=datetime.date(2022, 3, 1),
            schedule=light,
            cost=light,
            scope=light,
            overall=light,
            progress=progress,
            summary="Bericht",
        )
    parent.refresh_from_db()
    assert parent.progress == 65
    assert parent.traffic_light == TrafficLight.YELLOW


def test_a_completed_initiative_takes_no_status_report(staff):
    initiative = _create(staff, status=Initiative.Status.COMPLETED)
    with pytest.raises(ValidationError):
        actions.submit_status_report(
            acting_user=staff,
            initiative=initiative,
            reported_on=datetime.date(2022, 3, 1),
            schedule="GREEN",
            cost="GREEN",
            scope="GREEN",
            overall="GREEN",
            progress=100,
            summary="Fertig",
        )
    assert not initiative.status_reports.exists()
