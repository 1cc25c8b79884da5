import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from accounts.tests.factories import StaffUnitUserFactory
from audit.models import AuditEntry
from audit.queries import audit_entries_for
from audit.recording import record_change, snapshot
from governance.tests.factories import AgendaItemFactory, MeetingFactory
from organisations.tests.factories import MunicipalityFactory
from portfolio.tests.factories import BudgetLineFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def test_snapshot_names_related_objects_and_lists_many_to_many():
    municipality = MunicipalityFactory(name="Much")
    initiative = InitiativeFactory(title="Geoportal")
    initiative.participating_bodies.set([municipality])
    values = snapshot(initiative)
    assert values["title"] == "Geoportal"
    assert values["owner_body"] == str(initiative.owner_body)
    assert values["participating_bodies"] == ["Much"]
    assert values["start_date"] == "2021-01-01"
    assert "version" not in values
    assert "progress" not in values  # derived values are not history


def test_an_update_without_changes_writes_nothing():
    initiative = InitiativeFactory()
    before = snapshot(initiative)
    entry = record_change(
        actor=None, action=AuditEntry.Action.UPDATE, obj=initiative, before=before
    )
    assert entry is None
    assert not AuditEntry.objects.exists()


def test_entries_of_parts_appear_in_the_scope_of_their_initiative_with_readable_values():
    user = StaffUnitUserFactory(first_name="Kim", last_name="Muster")
    line = BudgetLineFactory(amount=Decimal("1500.00"))
    before = snapshot(line)
    line.amount = Decimal("2000.50")
    line.funding_source = "GRANT"
    line.grant_programme = "Gigabit.NRW"
    line.grant_amount = Decimal("1000")
    line.save()
    record_change(actor=user, action=AuditEntry.Action.UPDATE, obj=line, before=before)

    with translation.override("en"):
        [entry] = audit_entries_for(line.initiative)
    assert entry.actor_name == "Kim Muster"
    changes = {change.label: (change.old, change.new) for change in entry.displayed_changes}
    assert changes["Amount (EUR)"] == ("1500", "2000.50")
    assert changes["Funding"] == ("own funds", "grant")


def test_a_delete_keeps_the_old_values_and_the_actor_label_for_imports():
    initiative = InitiativeFactory(title="SORMAS", end_date=datetime.date(2023, 12, 31))
    entry = record_change(
        actor=None,
        action=AuditEntry.Action.DELETE,
        obj=initiative,
        source=AuditEntry.Source.IMPORT,
        label="Demo-Import",
    )
    assert entry.actor_name == "Demo-Import"
    assert entry.changes["title"] == ["SORMAS", None]
    assert entry.changes["end_date"] == ["2023-12-31", None]


def test_yes_no_and_times_are_shown_readably():
    meeting = MeetingFactory()
    before = snapshot(meeting)
    meeting.start = meeting.start.replace(hour=9)
    meeting.save()
    record_change(actor=None, action=AuditEntry.Action.UPDATE, obj=meeting, before=before)
    item = AgendaItemFactory(meeting=meeting, is_public=True)
    record_change(actor=None, action=AuditEntry.Action.CREATE, obj=item)
    with translation.override("de"):
        changes = {
            change.label: change
            for entry in audit_entries_for(meeting)
            for change in entry.displayed_changes
        }
    assert changes["Beginn"].new.endswith("09:00")
    assert "T" not in changes["Beginn"].new
    assert changes["Öffentlich"].new == "ja"
