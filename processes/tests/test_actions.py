"""The actions: saving, validation in German, audit entries, and the one-step topic submission."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audit.models import AuditEntry
from processes import actions
from processes.models import BusinessProcess
from strategy.models import FieldOfAction
from topics.models import Topic

from .conftest import process_state

pytestmark = pytest.mark.django_db


def _values(world, **overrides):
    return {
        "org_unit": world.office,
        "name": "Führerscheinumtausch",
        "cases_per_year": 12000,
        "minutes_per_case": Decimal("20"),
        "target_minutes_per_case": Decimal("8"),
        "media_breaks": 3,
        "digitisation": BusinessProcess.Digitisation.PAPER,
        "target_state": "Online-Antrag mit Terminbuchung.",
    } | overrides


def test_saving_is_cases_times_minutes_saved_over_60(world):
    process = world.processes["office"]
    assert process.saving_hours_per_year == Decimal(60000) * 10 / 60


def test_create_update_delete_write_audit_entries(world):
    user = world.users["unit_editor"]
    process = actions.create_process(acting_user=user, **_values(world))
    process = actions.update_process(
        acting_user=user, process=process, expected_version=1, cases_per_year=15000
    )
    assert process.version == 2
    assert process.cases_per_year == 15000
    actions.delete_process(acting_user=user, process=process)
    entries = AuditEntry.objects.filter(subject_id=str(process.pk)).order_by("id")
    assert [entry.action for entry in entries] == [
        AuditEntry.Action.CREATE,
        AuditEntry.Action.UPDATE,
        AuditEntry.Action.DELETE,
    ]
    assert not BusinessProcess.objects.filter(pk=process.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cases_per_year": -1}, "cases_per_year", "Die Zahl darf nicht negativ sein."),
        ({"minutes_per_case": Decimal("-5")}, "minutes_per_case", "nicht negativ"),
        ({"media_breaks": -2}, "media_breaks", "nicht negativ"),
        (
            {"target_minutes_per_case": Decimal("25")},
            "target_minutes_per_case",
            "Der Zielzustand darf je Fall nicht länger dauern als heute.",
        ),
        ({"name": "  "}, "name", "Geben Sie den Namen des Prozesses ein."),
        ({"name": "Kfz-Zulassung"}, "name", "Diese Organisationseinheit hat bereits"),
        ({"digitisation": "SOMETIMES"}, "digitisation", "Wählen Sie den Stand"),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_written(world, overrides, field, message):
    before = process_state()
    with pytest.raises(ValidationError) as error:
        actions.create_process(acting_user=world.users["staff"], **_values(world, **overrides))
    assert message in " ".join(error.value.message_dict[field])
    assert process_state() == before


def test_update_to_a_slower_target_is_refused(world):
    process = world.processes["office"]
    before = process_state()
    with pytest.raises(ValidationError) as error:
        actions.update_process(
            acting_user=world.users["staff"], process=process, target_minutes_per_case=30
        )
    assert "target_minutes_per_case" in error.value.message_dict
    assert process_state() == before


def test_the_database_refuses_a_slower_target_too(world):
    process = world.processes["office"]
    with pytest.raises(IntegrityError), transaction.atomic():
        BusinessProcess.objects.filter(pk=process.pk).update(target_minutes_per_case=99)


def test_a_stale_edit_is_refused(world):
    process = world.processes["office"]
    actions.update_process(acting_user=world.users["staff"], process=process, media_breaks=1)
    with pytest.raises(ValidationError) as error:
        actions.update_process(
            acting_user=world.users["staff"], process=process, expected_version=1, media_breaks=0
        )
    assert error.value.error_dict["__all__"][0].code == "stale"


def test_moving_a_process_out_of_the_editors_scope_is_refused(world):
    before = process_state()
    with pytest.raises(PermissionDenied):
        actions.update_process(
            acting_user=world.users["unit_editor"],
            process=world.processes["office"],
            org_unit=world.other_office,
        )
    assert process_state() == before


def test_submitting_a_process_creates_and_links_a_prefilled_topic(world):
    process = world.processes["other_office"]
    topic = actions.submit_process_topic(acting_user=world.users["staff"], process=process)
    process.refresh_from_db()
    assert process.topic == topic
    assert process.version == 2
    assert topic.status == Topic.Status.SUBMITTED
    assert topic.submitting_body == world.county
    assert topic.submitting_unit == world.other_office
    assert "Bauantrag" in topic.title
    assert "2400" in topic.problem
    assert "540" in topic.problem
    assert topic.proposal == "Bauantrag online über Bauen-online."
    assert "8400" in topic.expected_benefit  # 2400 × (540 − 330) ÷ 60
    assert list(topic.fields.all()) == [world.field]
    assert list(topic.affected_units.all()) == [world.other_office]
    audited = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).latest("id")
    assert audited.subject_id == str(process.pk)


def test_a_process_is_submitted_once(world):
    process = world.processes["office"]
    actions.submit_process_topic(acting_user=world.users["unit_editor"], process=process)
    before = process_state()
    with pytest.raises(ValidationError) as error:
        actions.submit_process_topic(acting_user=world.users["unit_editor"], process=process)
    assert "bereits" in error.value.messages[0]
    assert process_state() == before


def test_a_failed_submission_leaves_neither_topic_nor_link(world):
    FieldOfAction.objects.all().delete()  # submit_topic then refuses: no field of action
    process = world.processes["office"]
    before = process_state()
    with pytest.raises(ValidationError):
        actions.submit_process_topic(acting_user=world.users["staff"], process=process)
    assert process_state() == before


def test_a_municipality_editor_submits_in_their_bodys_name(world):
    topic = actions.submit_process_topic(
        acting_user=world.users["municipality_editor"], process=world.processes["town"]
    )
    assert topic.submitting_body == world.town


def test_the_saving_in_the_topic_is_rounded_to_whole_hours(world):
    process = world.processes["office"]
    # 100 cases × 7.7 minutes saved ÷ 60 = 12.83 hours: 13, not 12.
    process.cases_per_year = 100
    process.minutes_per_case = Decimal("10.0")
    process.target_minutes_per_case = Decimal("2.3")
    process.save()
    topic = actions.submit_process_topic(acting_user=world.users["staff"], process=process)
    assert "13" in topic.expected_benefit
    assert "12" not in topic.expected_benefit
