"""Recording a council decision and following its implementation: rules, audit, atomicity."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from council import actions
from council.models import CouncilDecision
from governance.models import AgendaItem
from papers.models import Consultation

from .conftest import SESSION, council_state

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 24)


def _record(world, **values):
    arguments = {
        "acting_user": world.users["staff"],
        "consultation": world.consultation,
        "text": "Die Verwaltung wird beauftragt, eine Stabsstelle einzurichten.",
        "decided_on": SESSION,
        "result": Consultation.Result.APPROVED,
        "today": TODAY,
    } | values
    return actions.record_council_decision(**arguments)


def test_recording_sets_the_results_and_creates_the_decision_with_audit(world):
    decision = _record(world, owner_unit=world.unit, deadline=datetime.date(2022, 12, 31))

    consultation = Consultation.objects.get(pk=world.consultation.pk)
    item = AgendaItem.objects.get(pk=world.agenda_item.pk)
    assert consultation.result == Consultation.Result.APPROVED
    assert item.result == str(Consultation.Result.APPROVED.label)
    assert item.resolution_text.startswith("Die Verwaltung wird beauftragt")
    assert decision.state == CouncilDecision.State.OPEN
    assert decision.recorded_by == world.users["staff"]
    kinds = sorted(AuditEntry.objects.values_list("subject_type__model", "action").order_by("pk"))
    assert kinds == [
        ("agendaitem", "UPDATE"),
        ("consultation", "UPDATE"),
        ("councildecision", "CREATE"),
    ]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"text": "  "}, "text", "Geben Sie den Text des Beschlusses ein."),
        ({"decided_on": TODAY + datetime.timedelta(days=1)}, "decided_on", "Zukunft"),
        ({"result": Consultation.Result.REJECTED}, "result", "Zustimmung"),
        ({"deadline": SESSION - datetime.timedelta(days=1)}, "deadline", "Frist"),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_written(world, values, field, message):
    before = council_state()
    with pytest.raises(ValidationError) as caught:
        _record(world, **values)
    assert field in caught.value.error_dict
    assert message in " ".join(caught.value.message_dict[field])
    assert council_state() == before


def test_a_second_decision_on_the_same_consultation_is_refused(world):
    _record(world)
    before = council_state()
    with pytest.raises(ValidationError, match="bereits"):
        _record(world)
    assert council_state() == before


def test_a_delay_needs_its_reason_and_the_done_mark_its_date(world):
    decision = _record(world)
    before = council_state()
    with pytest.raises(ValidationError) as caught:
        actions.update_implementation(
            acting_user=world.users["staff"], decision=decision, state="DELAYED", today=TODAY
        )
    assert "Grund der Verzögerung" in caught.value.message_dict["delay_reason"][0]
    with pytest.raises(ValidationError) as caught:
        actions.update_implementation(
            acting_user=world.users["staff"], decision=decision, state="DONE", today=TODAY
        )
    assert "Datum" in caught.value.message_dict["done_on"][0]
    with pytest.raises(ValidationError):
        actions.mark_done(
            acting_user=world.users["staff"],
            decision=decision,
            done_on=TODAY + datetime.timedelta(days=1),
            today=TODAY,
        )
    assert council_state() == before


def test_updating_the_implementation_keeps_only_what_fits_the_state(world):
    decision = _record(world)
    staff = world.users["staff"]
    decision = actions.update_implementation(
        acting_user=staff,
        decision=decision,
        state="DELAYED",
        owner_unit=world.unit,
        deadline=datetime.date(2023, 6, 30),
        delay_reason="Fördermittel fehlen.",
        today=TODAY,
    )
    assert (decision.state, decision.delay_reason, decision.version) == (
        "DELAYED",
        "Fördermittel fehlen.",
        2,
    )
    decision = actions.mark_done(
        acting_user=staff, decision=decision, done_on=datetime.date(2024, 1, 15), today=TODAY
    )
    decision.refresh_from_db()
    assert decision.state == "DONE"
    assert decision.done_on == datetime.date(2024, 1, 15)
    assert decision.delay_reason == ""
    entry = AuditEntry.objects.filter(subject_id=str(decision.pk)).order_by("-pk").first()
    assert entry.changes["state"] == ["DELAYED", "DONE"]


def test_a_stale_edit_is_refused(world):
    decision = _record(world)
    with pytest.raises(ValidationError) as caught:
        actions.update_implementation(
            acting_user=world.users["staff"],
            decision=decision,
            state="IN_PROGRESS",
            expected_version=decision.version + 1,
            today=TODAY,
        )
    assert caught.value.error_dict["__all__"][0].code == "stale"


def test_linking_and_unlinking_is_audited(world):
    decision = _record(world)
    staff = world.users["staff"]
    actions.link_initiative(acting_user=staff, decision=decision, initiative=world.initiative)
    actions.link_action_item(acting_user=staff, decision=decision, action_item=world.action_item)
    assert list(decision.initiatives.all()) == [world.initiative]
    assert list(decision.action_items.all()) == [world.action_item]
    with pytest.raises(ValidationError, match="bereits verknüpft"):
        actions.link_initiative(acting_user=staff, decision=decision, initiative=world.initiative)
    actions.unlink_initiative(acting_user=staff, decision=decision, initiative=world.initiative)
    actions.unlink_action_item(acting_user=staff, decision=decision, action_item=world.action_item)
    assert not decision.initiatives.exists()
    assert not decision.action_items.exists()
    with pytest.raises(ValidationError, match="nicht verknüpft"):
        actions.unlink_initiative(acting_user=staff, decision=decision, initiative=world.initiative)
    changes = [
        entry.changes
        for entry in AuditEntry.objects.filter(
            subject_type__model="councildecision", action="UPDATE"
        ).order_by("pk")
    ]
    assert changes[0] == {"initiatives": [[], ["E-Akte"]]}
    assert changes[-1] == {"action_items": [["Stellen beschreiben"], []]}
