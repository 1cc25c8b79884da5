"""The steering group's work in the demo: committees, meetings, topics, decisions, tasks."""

import datetime
import itertools

from django.utils import timezone

from audit.models import AuditEntry
from demo.datafiles import demo_data
from demo.loading import load_demo
from governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Membership,
    Organization,
)
from topics.models import Statement, Topic


def steering_group():
    return Organization.objects.get(name=demo_data().steering_group, body__ags="05382000")


def test_steering_group_and_council_bodies(demo):
    group = steering_group()
    assert group.kind == Organization.Kind.STEERING_GROUP
    seats = {m.function_title: m for m in group.memberships.select_related("person").order_by("id")}
    assert seats["Landrat"].role == Membership.Role.CHAIR
    assert seats["Landrat"].person.family_name == "Hollenbeck"
    for title in (
        "Kreisdirektorin",
        "Leitung der Stabsstelle Digitalisierung (CDO)",
        "Leiter des Amtes 12",
        "Informationssicherheitsbeauftragte",
        "Datenschutzbeauftragter",
        "Personalrat",
    ):
        assert not seats[title].is_optional, title
    assert any("Amtes für Personal" in title for title in seats)
    assert seats["Gleichstellungsbeauftragte"].is_optional
    assert seats["Schwerbehindertenvertretung"].is_optional
    assert group.memberships.filter(role=Membership.Role.CHAIR).count() == 1
    kinds = dict(Organization.objects.values_list("name", "kind"))
    assert kinds["Kreistag"] == Organization.Kind.COUNCIL
    assert kinds["Kreisausschuss"] == Organization.Kind.EXECUTIVE_COMMITTEE
    assert kinds["Ausschuss für Wirtschaft, Digitalisierung und Tourismus"] == "COMMITTEE"
    assert kinds["Personalausschuss"] == Organization.Kind.HR_COMMITTEE
    assert kinds["SPD-Kreistagsfraktion"] == Organization.Kind.COUNCIL_GROUP


def test_meetings_held_with_minutes_attendance_and_approval(demo):
    meetings = list(Meeting.objects.filter(organization=steering_group()).order_by("start"))
    held = [m for m in meetings if m.state == Meeting.State.HELD]
    assert len(held) == len(demo_data().meeting_days) == 20
    assert timezone.localdate(held[0].start) == datetime.date(2021, 3, 16)
    upcoming = [m for m in meetings if m.state == Meeting.State.PLANNED]
    assert len(upcoming) == 1
    assert upcoming[0].start.date() > timezone.localdate()
    assert upcoming[0].agenda_items.filter(kind=AgendaItem.Kind.TOPIC).count() == 1
    # Every held meeting's minutes are approved by the next one; the last ones wait for the
    # upcoming meeting, which has not begun.
    for meeting, following in itertools.pairwise(held):
        assert meeting.minutes_approved_in_id == following.pk
    assert held[-1].minutes_approved_in_id is None
    items = AgendaItem.objects.filter(meeting__in=held)
    assert not items.filter(minutes="").exists()
    assert Attendance.objects.filter(meeting=held[-1], status="PRESENT").count() >= 5
    assert not Attendance.objects.filter(meeting=upcoming[0]).exists()


def test_topics_in_every_status_through_the_workflow(demo):
    statuses = set(Topic.objects.values_list("status", flat=True))
    assert statuses == set(Topic.Status.values)
    ozg = Topic.objects.get(title__startswith="OZG-Umsetzung")
    assert ozg.legal_obligation == "OZG"
    assert ozg.has_hard_criterion
    assert ozg.affected_bodies.count() == 19
    decided_statements = Statement.objects.filter(topic__status=Topic.Status.DECIDED)
    assert decided_statements.exists()
    assert not decided_statements.filter(result="").exists()
    assert Topic.objects.get(title="Faxgeräte in der Kreisverwaltung abschaffen").status == (
        Topic.Status.WITHDRAWN
    )
    municipal = Topic.objects.get(status=Topic.Status.SUBMITTED)
    assert municipal.submitting_body.name == "Siegburg"


def test_decisions_approved_rejected_deferred(demo):
    decisions = Decision.objects.select_related("agenda_item__meeting", "initiative")
    outcomes = {d.outcome for d in decisions}
    assert outcomes == set(Decision.Outcome.values)
    for decision in decisions:
        assert decision.decided_on == timezone.localdate(decision.agenda_item.meeting.start)
        if decision.outcome == Decision.Outcome.APPROVED:
            assert decision.priority
            assert decision.initiative is not None
            assert decision.initiative.title == decision.agenda_item.topic.title
            assert decision.initiative.demo_note
        else:
            assert decision.initiative is None
    school = Decision.objects.filter(agenda_item__topic__title__startswith="#MEK2020")
    assert list(school.order_by("decided_on").values_list("outcome", flat=True)) == [
        "DEFERRED",
        "APPROVED",
    ]
    priorities = dict(
        Decision.objects.filter(outcome="APPROVED").values_list(
            "agenda_item__topic__title", "priority"
        )
    )
    assert priorities["Ausschreibung und Vergabe der Cloud-Telefonie"] == "B"
    assert priorities["Prozessanalyse Jugendamt für die E-Akte"] == "A"


def test_action_items_in_every_status_one_overdue(demo):
    items = ActionItem.objects.all()
    assert set(items.values_list("status", flat=True)) == set(ActionItem.Status.values)
    assert not items.filter(status=ActionItem.Status.DONE, done_on__isnull=True).exists()
    assert not items.exclude(status=ActionItem.Status.DONE).filter(done_on__isnull=False).exists()
    overdue = items.filter(
        status__in=(ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS),
        due_date__lt=timezone.localdate(),
    )
    assert overdue.count() == 1
    assert items.filter(owner_person__isnull=False).exists()
    assert items.filter(owner_unit__isnull=False).exists()
    assert items.filter(decision__isnull=False).exists()


def test_second_run_adds_nothing_to_the_steering_group(demo):
    models = (Organization, Membership, Meeting, AgendaItem, Attendance, Decision, ActionItem)
    before = [model.objects.count() for model in (*models, Topic, Statement, AuditEntry)]
    assert load_demo().total == 0
    assert [model.objects.count() for model in (*models, Topic, Statement, AuditEntry)] == before
