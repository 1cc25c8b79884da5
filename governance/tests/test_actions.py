"""The actions: what they change, what they record, and every refusal saving nothing."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from governance import actions
from governance.models import ActionItem, AgendaItem, Attendance, Decision, Meeting
from organisations.tests.factories import OrgUnitFactory, PersonFactory
from portfolio.models import Initiative
from topics.models import Topic
from topics.tests.factories import PriorityCriterionFactory, TopicScoreFactory

from .conftest import governance_state, ready_topic
from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


def _messages(error, field):
    return [str(message) for message in error.value.message_dict[field]]


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def staff(world):
    return world.users["staff"]


def _topic_item(world, staff, topic=None):
    actions.build_agenda(acting_user=staff, meeting=world.meeting, topics=[topic or world.topic])
    return AgendaItem.objects.get(meeting=world.meeting, topic=topic or world.topic)


# Meetings ----------------------------------------------------------------------------------


def test_plan_meeting_records_it(world, staff):
    start = _at(world.today + 7 * ONE_DAY)
    meeting = actions.plan_meeting(
        acting_user=staff,
        organization=world.committee,
        start=start,
        end=start + datetime.timedelta(hours=2),
        online_url="https://meet.example.org/lg",
    )
    assert meeting.state == Meeting.State.PLANNED
    assert AuditEntry.objects.filter(
        subject_id=str(meeting.pk), action=AuditEntry.Action.CREATE
    ).exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"location": "", "online_url": ""}, "location", "Ort oder einen Link"),
        ({"end_offset": -1}, "end", "muss nach ihrem Beginn enden"),
        ({"end_offset": 0}, "end", "muss nach ihrem Beginn enden"),
    ],
)
def test_plan_meeting_refusals_save_nothing(world, staff, values, field, message):
    start = _at(world.today + 7 * ONE_DAY)
    end = start + datetime.timedelta(hours=values.pop("end_offset", 2))
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.plan_meeting(
            acting_user=staff,
            organization=world.committee,
            start=start,
            end=end,
            **({"location": "Raum 1"} | values),
        )
    assert message in " ".join(_messages(error, field))
    assert governance_state() == before


def test_mark_meeting_held_and_refusals(world, staff):
    future = MeetingFactory(organization=world.committee, start=_at(world.today + 3 * ONE_DAY))
    with pytest.raises(ValidationError) as error:
        actions.mark_meeting_held(acting_user=staff, meeting=future)
    assert "ab ihrem Tag" in _messages(error, NON_FIELD_ERRORS)[0]
    held = actions.mark_meeting_held(acting_user=staff, meeting=world.meeting)
    assert held.state == Meeting.State.HELD
    with pytest.raises(ValidationError):
        actions.mark_meeting_held(acting_user=staff, meeting=world.meeting)


def test_approve_minutes_in_a_later_meeting_of_the_same_committee(world, staff):
    actions.mark_meeting_held(acting_user=staff, meeting=world.meeting)
    earlier = MeetingFactory(organization=world.committee, start=world.meeting.start - 30 * ONE_DAY)
    elsewhere = MeetingFactory(
        organization=world.other_committee, start=world.meeting.start + 30 * ONE_DAY
    )
    later = MeetingFactory(organization=world.committee, start=world.meeting.start + 30 * ONE_DAY)
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.approve_minutes(acting_user=staff, meeting=world.meeting, in_meeting=earlier)
    assert _messages(error, "in_meeting") == ["Die Niederschrift genehmigt eine spätere Sitzung."]
    with pytest.raises(ValidationError) as error:
        actions.approve_minutes(acting_user=staff, meeting=world.meeting, in_meeting=elsewhere)
    assert "desselben Gremiums" in _messages(error, "in_meeting")[0]
    assert governance_state() == before

    with pytest.raises(ValidationError) as error:
        actions.approve_minutes(acting_user=staff, meeting=world.meeting, in_meeting=later)
    assert "begonnen" in _messages(error, "in_meeting")[0]
    assert governance_state() == before

    begun = MeetingFactory(
        organization=world.committee, start=world.meeting.start + datetime.timedelta(hours=3)
    )
    approved = actions.approve_minutes(acting_user=staff, meeting=world.meeting, in_meeting=begun)
    assert approved.minutes_approved_in == begun
    with pytest.raises(ValidationError) as error:
        actions.write_minutes(acting_user=staff, item=world.guest_item, minutes="Nachtrag")
    assert "genehmigt" in _messages(error, "minutes")[0]


def test_minutes_of_a_meeting_not_held_cannot_be_approved(world, staff):
    later = MeetingFactory(organization=world.committee, start=world.meeting.start + 30 * ONE_DAY)
    with pytest.raises(ValidationError) as error:
        actions.approve_minutes(acting_user=staff, meeting=world.meeting, in_meeting=later)
    assert "durchgeführt" in _messages(error, NON_FIELD_ERRORS)[0]


# Agenda ------------------------------------------------------------------------------------


def _agenda(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("number", "kind", "title")
    )


def test_build_agenda_adds_standing_items_and_ready_topics_in_order(world, staff):
    meeting = MeetingFactory(organization=world.committee)
    second = ready_topic(title="Digitale Bauakte", fields=[world.field])
    actions.build_agenda(
        acting_user=staff,
        meeting=meeting,
        topics=[world.topic, second],
        standing_kinds=[
            AgendaItem.Kind.OPEN_ACTION_ITEMS,
            AgendaItem.Kind.MINUTES_APPROVAL,
            AgendaItem.Kind.STAFF_UNIT_REPORT,
            AgendaItem.Kind.PORTFOLIO_STATUS,
        ],
        other_titles=["Verschiedenes"],
    )
    assert _agenda(meeting) == [
        ("1", "MINUTES_APPROVAL", "Genehmigung der Niederschrift"),
        ("2", "STAFF_UNIT_REPORT", "Bericht der Stabsstelle"),
        ("3", "PORTFOLIO_STATUS", "Portfoliostatus"),
        ("4", "TOPIC", "E-Akte im Schulamt"),
        ("5", "TOPIC", "Digitale Bauakte"),
        ("6", "OTHER", "Verschiedenes"),
        ("7", "OPEN_ACTION_ITEMS", "Offene Aufträge"),
    ]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 7


@pytest.mark.parametrize(
    "status",
    [Topic.Status.SUBMITTED, Topic.Status.IN_PREPARATION, Topic.Status.DECIDED],
)
def test_a_topic_not_ready_is_refused_and_nothing_is_saved(world, staff, status):
    not_ready = ready_topic(title="Halbfertig", status=status, fields=[world.field])
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.build_agenda(
            acting_user=staff,
            meeting=world.meeting,
            topics=[world.topic, not_ready],
            standing_kinds=[AgendaItem.Kind.STAFF_UNIT_REPORT],
        )
    message = _messages(error, "topics")[0]
    assert "„Halbfertig“ ist nicht entscheidungsreif" in message
    assert governance_state() == before


def test_a_topic_already_on_the_agenda_is_refused(world, staff):
    _topic_item(world, staff)
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.build_agenda(acting_user=staff, meeting=world.meeting, topics=[world.topic])
    assert "steht bereits" in _messages(error, "topics")[0]
    assert governance_state() == before


def test_the_agenda_of_a_held_meeting_does_not_change(world, staff):
    actions.mark_meeting_held(acting_user=staff, meeting=world.meeting)
    before = governance_state()
    with pytest.raises(ValidationError):
        actions.build_agenda(acting_user=staff, meeting=world.meeting, topics=[world.topic])
    assert governance_state() == before


def test_reorder_move_and_remove_renumber_the_agenda(world, staff):
    third = AgendaItemFactory(meeting=world.meeting, position=3, title="Dritter")
    actions.move_agenda_item(acting_user=staff, item=third, offset=-1)
    assert [t for _n, _k, t in _agenda(world.meeting)] == [
        "Bericht der Stabsstelle",
        "Dritter",
        "Vertrauliches",
    ]
    actions.reorder_agenda(
        acting_user=staff,
        meeting=world.meeting,
        item_ids=[world.other_item.pk, world.guest_item.pk, third.pk],
    )
    assert [n + t for n, _k, t in _agenda(world.meeting)] == [
        "1Vertrauliches",
        "2Bericht der Stabsstelle",
        "3Dritter",
    ]
    actions.remove_agenda_item(acting_user=staff, item=world.other_item)
    assert [n + t for n, _k, t in _agenda(world.meeting)] == [
        "1Bericht der Stabsstelle",
        "2Dritter",
    ]
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DELETE, subject_repr__contains="Vertrauliches"
    ).exists()


def test_reorder_must_name_every_item(world, staff):
    before = governance_state()
    with pytest.raises(ValidationError):
        actions.reorder_agenda(
            acting_user=staff, meeting=world.meeting, item_ids=[world.guest_item.pk]
        )
    assert governance_state() == before


def test_an_item_with_a_decision_cannot_be_removed(world, staff):
    item = _topic_item(world, staff)
    actions.record_decision(
        acting_user=staff, item=item, outcome=Decision.Outcome.REJECTED, text="Abgelehnt."
    )
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.remove_agenda_item(acting_user=staff, item=item)
    assert "Beschluss" in _messages(error, NON_FIELD_ERRORS)[0]
    assert governance_state() == before


def test_guests_and_minutes_are_recorded(world, staff):
    guest = PersonFactory()
    actions.set_item_guests(acting_user=staff, item=world.other_item, guests=[guest])
    actions.write_minutes(acting_user=staff, item=world.other_item, minutes="Besprochen.")
    world.other_item.refresh_from_db()
    assert list(world.other_item.guests.all()) == [guest]
    assert world.other_item.minutes == "Besprochen."
    assert (
        AuditEntry.objects.filter(
            subject_id=str(world.other_item.pk), action=AuditEntry.Action.UPDATE
        ).count()
        == 2
    )


def test_record_attendance_creates_changes_and_clears(world, staff):
    chair, member = world.people["chair"], world.people["member"]
    actions.record_attendance(
        acting_user=staff,
        meeting=world.meeting,
        statuses={chair: Attendance.Status.PRESENT, member: Attendance.Status.EXCUSED},
    )
    actions.record_attendance(
        acting_user=staff,
        meeting=world.meeting,
        statuses={chair: "", member: Attendance.Status.PRESENT},
    )
    assert list(Attendance.objects.values_list("person", "status")) == [
        (member.pk, Attendance.Status.PRESENT)
    ]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).count() == 1


# Decisions ---------------------------------------------------------------------------------


def test_approval_creates_the_initiative_in_the_register(world, staff):
    item = _topic_item(world, staff)
    decision = actions.record_decision(
        acting_user=staff,
        item=item,
        outcome=Decision.Outcome.APPROVED,
        priority=Decision.Priority.A,
        text="Die Lenkungsgruppe beschließt die Einführung.",
    )
    initiative = decision.initiative
    assert initiative is not None
    assert initiative.title == "E-Akte im Schulamt"
    assert initiative.description == (
        "Problem: Anträge kommen auf Papier.\n\nVorschlag: Online-Antrag einführen."
    )
    assert initiative.owner_body == world.county
    assert initiative.owner_unit == world.office
    assert list(initiative.fields.all()) == [world.field]
    assert list(initiative.participating_bodies.all()) == [world.town]
    assert initiative.priority == Initiative.Priority.A
    assert initiative.status == Initiative.Status.PLANNED
    assert decision.decided_on == timezone.localdate(world.meeting.start)
    assert decision.recorded_by == staff
    world.topic.refresh_from_db()
    assert world.topic.status == Topic.Status.DECIDED
    recorded = set(AuditEntry.objects.values_list("subject_type__model", "action"))
    assert {
        ("decision", AuditEntry.Action.CREATE),
        ("initiative", AuditEntry.Action.CREATE),
        ("topic", AuditEntry.Action.UPDATE),
    } <= recorded


def test_approval_leaves_out_a_dissolved_submitting_unit(world, staff):
    dissolved = OrgUnitFactory(body=world.county, valid_until=world.today - 10 * ONE_DAY)
    topic = ready_topic(
        submitting_body=world.county, submitting_unit=dissolved, fields=[world.field]
    )
    item = _topic_item(world, staff, topic)
    decision = actions.record_decision(
        acting_user=staff, item=item, outcome="APPROVED", priority="C", text="Ja."
    )
    assert decision.initiative.owner_body == world.county
    assert decision.initiative.owner_unit is None


def test_if_the_initiative_cannot_be_created_no_decision_is_recorded(world, staff):
    topic = ready_topic(title="Ohne Handlungsfeld", submitting_body=world.county, fields=[])
    item = _topic_item(world, staff, topic)
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.record_decision(
            acting_user=staff, item=item, outcome="APPROVED", priority="B", text="Ja."
        )
    message = _messages(error, NON_FIELD_ERRORS)[0]
    assert "konnte nicht angelegt werden" in message
    assert "Handlungsfeld" in message
    assert governance_state() == before
    topic.refresh_from_db()
    assert topic.status == Topic.Status.READY_FOR_DECISION


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"outcome": ""}, "outcome", "Wählen Sie das Ergebnis"),
        ({"outcome": "APPROVED", "priority": ""}, "priority", "braucht eine Priorität"),
        ({"outcome": "REJECTED", "text": "  "}, "text", "Text des Beschlusses"),
        ({"outcome": "MAYBE"}, "outcome", "Unbekanntes Ergebnis"),
    ],
)
def test_decision_refusals_save_nothing(world, staff, values, field, message):
    item = _topic_item(world, staff)
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.record_decision(acting_user=staff, item=item, **({"text": "Text"} | values))
    assert message in " ".join(_messages(error, field))
    assert governance_state() == before


def test_a_second_decision_on_the_same_item_is_refused(world, staff):
    item = _topic_item(world, staff)
    actions.record_decision(acting_user=staff, item=item, outcome="DEFERRED", text="Vertagt.")
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.record_decision(acting_user=staff, item=item, outcome="REJECTED", text="Nein.")
    assert "bereits" in _messages(error, NON_FIELD_ERRORS)[0]
    assert governance_state() == before


def test_a_decision_before_the_meeting_day_is_refused(world, staff):
    future = MeetingFactory(organization=world.committee, start=_at(world.today + 5 * ONE_DAY))
    item = AgendaItemFactory(meeting=future, position=1)
    with pytest.raises(ValidationError) as error:
        actions.record_decision(acting_user=staff, item=item, outcome="REJECTED", text="Nein.")
    assert "ab dem Tag der Sitzung" in _messages(error, NON_FIELD_ERRORS)[0]
    assert not Decision.objects.exists()


def test_rejection_decides_the_topic_without_an_initiative(world, staff):
    item = _topic_item(world, staff)
    decision = actions.record_decision(
        acting_user=staff, item=item, outcome="REJECTED", priority="A", text="Nein."
    )
    assert decision.initiative is None
    assert decision.priority == ""
    world.topic.refresh_from_db()
    assert world.topic.status == Topic.Status.DECIDED
    assert not Initiative.objects.exists()


def test_a_deferred_topic_stays_ready_for_a_later_meeting(world, staff):
    item = _topic_item(world, staff)
    actions.record_decision(acting_user=staff, item=item, outcome="DEFERRED", text="Vertagt.")
    world.topic.refresh_from_db()
    assert world.topic.status == Topic.Status.READY_FOR_DECISION
    later = MeetingFactory(organization=world.committee)
    actions.build_agenda(acting_user=staff, meeting=later, topics=[world.topic])
    assert later.agenda_items.get().topic == world.topic


def test_the_ranking_is_frozen_with_the_decision(world, staff):
    cost = PriorityCriterionFactory(code="nutzen", name="Nutzen", weight=2)
    rival = ready_topic(title="Rivale", fields=[world.field])
    TopicScoreFactory(topic=world.topic, criterion=cost, score=5)
    TopicScoreFactory(topic=rival, criterion=cost, score=1)
    item = _topic_item(world, staff)
    decision = actions.record_decision(
        acting_user=staff, item=item, outcome="APPROVED", priority="A", text="Ja."
    )
    frozen = [
        (entry["title"], entry["rank"], entry["score"]) for entry in decision.ranking_snapshot
    ]
    assert frozen == [("E-Akte im Schulamt", 1, 10), ("Rivale", 2, 2)]

    cost.weight = 5
    cost.save()
    decision.refresh_from_db()
    assert [(e["title"], e["score"]) for e in decision.ranking_snapshot] == [
        ("E-Akte im Schulamt", 10),
        ("Rivale", 2),
    ]


# Action items ------------------------------------------------------------------------------


def test_add_action_item_with_a_unit_as_owner(world, staff):
    item = actions.add_action_item(
        acting_user=staff,
        meeting=world.meeting,
        title="Konzept vorlegen",
        owner_unit=world.office,
        due_date=world.today,
        today=world.today,
    )
    assert item.status == ActionItem.Status.OPEN
    assert item.done_on is None
    assert AuditEntry.objects.filter(subject_id=str(item.pk), action="CREATE").exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"owner_person": None},
            "owner_person",
            "verantwortliche Person oder Organisationseinheit",
        ),
        ({"due_offset": -1}, "due_date", "nicht in der Vergangenheit"),
        ({"title": ""}, "title", "Beschreiben Sie die Aufgabe"),
    ],
)
def test_action_item_refusals_save_nothing(world, staff, values, field, message):
    due = world.today + datetime.timedelta(days=values.pop("due_offset", 7))
    before = governance_state()
    with pytest.raises(ValidationError) as error:
        actions.add_action_item(
            acting_user=staff,
            meeting=world.meeting,
            today=world.today,
            **(
                {"title": "Konzept", "owner_person": world.people["member"], "due_date": due}
                | values
            ),
        )
    assert message in " ".join(_messages(error, field))
    assert governance_state() == before


def test_done_sets_done_on_and_reopening_clears_it(world, staff):
    item = actions.add_action_item(
        acting_user=staff,
        meeting=world.meeting,
        title="Konzept",
        owner_person=world.people["member"],
        due_date=world.today + ONE_DAY,
        today=world.today,
    )
    later = world.today + 3 * ONE_DAY
    done = actions.update_action_item(
        acting_user=staff, action_item=item, status=ActionItem.Status.DONE, today=later
    )
    assert done.done_on == later
    # An item past its due date can still be updated without moving the date.
    reopened = actions.update_action_item(
        acting_user=staff, action_item=done, status=ActionItem.Status.IN_PROGRESS, today=later
    )
    assert reopened.done_on is None
    with pytest.raises(ValidationError) as error:
        actions.update_action_item(
            acting_user=staff, action_item=reopened, due_date=world.today, today=later
        )
    assert "Vergangenheit" in _messages(error, "due_date")[0]


def test_a_stale_action_item_edit_is_refused(world, staff):
    item = actions.add_action_item(
        acting_user=staff,
        meeting=world.meeting,
        title="Konzept",
        owner_person=world.people["member"],
        due_date=world.today + ONE_DAY,
    )
    actions.update_action_item(acting_user=staff, action_item=item, title="Neu")
    with pytest.raises(ValidationError) as error:
        actions.update_action_item(
            acting_user=staff, action_item=item, expected_version=1, title="Alt"
        )
    assert error.value.error_dict[NON_FIELD_ERRORS][0].code == "stale"
