"""`send_reminders`: due and overdue action items, overdue status reports; idempotent."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.tests.factories import (
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from governance.models import ActionItem
from notifications.models import OutgoingMail
from organisations.models import Function
from organisations.tests.factories import FunctionFactory, OrgUnitFactory
from portfolio.models import Initiative
from portfolio.tests.factories import InitiativeFactory

from .factories import ActionItemFactory, PersonWithEmailFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 3, 5)


def _run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def _recipients_of(subject_part):
    (found,) = [m for m in OutgoingMail.objects.all() if subject_part in m.subject]
    return found.recipients


@pytest.fixture
def staff_user():
    return StaffUnitUserFactory(email="stabsstelle@example.org")


def test_action_item_reminders_go_to_the_right_people(staff_user):
    due_soon = ActionItemFactory(title="Konzept schreiben", due_date=datetime.date(2030, 3, 10))
    head_unit = OrgUnitFactory()
    head = PersonWithEmailFactory()
    FunctionFactory(person=head, org_unit=head_unit, kind=Function.Kind.HEAD_OF_UNIT)
    FunctionFactory(
        person=PersonWithEmailFactory(),
        org_unit=head_unit,
        kind=Function.Kind.HEAD_OF_UNIT,
        end_date=datetime.date(2029, 12, 31),
    )
    ActionItemFactory(
        title="Angebot einholen",
        owner_person=None,
        owner_unit=head_unit,
        due_date=datetime.date(2030, 3, 1),
    )
    headless_unit = OrgUnitFactory()
    unit_user = UserFactory(org_unit=headless_unit)
    ActionItemFactory(
        title="Daten liefern",
        owner_person=None,
        owner_unit=headless_unit,
        due_date=datetime.date(2030, 3, 6),
    )
    ActionItemFactory(title="Später", due_date=datetime.date(2030, 3, 20))
    ActionItemFactory(
        title="Erledigt", due_date=datetime.date(2030, 3, 1), status=ActionItem.Status.DONE
    )

    output = _run("--date", TODAY.isoformat())

    assert OutgoingMail.objects.count() == 3
    assert _recipients_of("Konzept schreiben") == [due_soon.owner_person.email]
    assert _recipients_of("Angebot einholen") == [head.email]
    assert _recipients_of("Daten liefern") == [unit_user.email]
    overdue = OutgoingMail.objects.get(subject__contains="Angebot einholen")
    assert overdue.subject == "Überfällig: Auftrag „Angebot einholen“ (fällig am 01.03.2030)"
    assert "war am 01.03.2030 fällig" in overdue.body
    soon = OutgoingMail.objects.get(subject__contains="Konzept schreiben")
    assert soon.subject == "Erinnerung: Auftrag „Konzept schreiben“ fällig am 10.03.2030"
    assert len(mail.outbox) == 3
    assert "3 Erinnerung(en) eingereiht" in output


def test_second_run_the_same_day_and_the_next_days_queue_nothing(staff_user):
    ActionItemFactory(due_date=datetime.date(2030, 3, 10))
    ActionItemFactory(due_date=datetime.date(2030, 3, 1))
    InitiativeFactory(next_report_due=datetime.date(2030, 2, 28))
    _run("--date", TODAY.isoformat())
    assert OutgoingMail.objects.count() == 3

    _run("--date", TODAY.isoformat())
    _run("--date", "2030-03-06")

    assert OutgoingMail.objects.count() == 3
    assert len(mail.outbox) == 3


def test_overdue_items_are_reminded_again_a_week_later(staff_user):
    ActionItemFactory(title="Überfälliger Auftrag", due_date=datetime.date(2030, 3, 1))
    _run("--date", TODAY.isoformat())

    _run("--date", "2030-03-08")

    assert OutgoingMail.objects.filter(subject__contains="Überfälliger Auftrag").count() == 2


def test_overdue_status_reports_go_to_the_editors_of_the_initiative(staff_user):
    directorate = OrgUnitFactory()
    office = OrgUnitFactory(parent=directorate)
    unit_editor = UnitEditorFactory(org_unit=directorate)
    UnitEditorFactory(org_unit=OrgUnitFactory())
    initiative = InitiativeFactory(
        title="E-Akte", owner_unit=office, next_report_due=datetime.date(2030, 3, 1)
    )
    municipality_editor = MunicipalityEditorFactory()
    municipal = InitiativeFactory(
        title="Bürgerportal",
        owner_body=municipality_editor.body,
        owner_unit=None,
        next_report_due=datetime.date(2030, 2, 1),
    )
    orphan = InitiativeFactory(
        title="Ohne Bearbeiter",
        owner_unit=OrgUnitFactory(),
        next_report_due=datetime.date(2030, 3, 4),
    )
    InitiativeFactory(title="Noch Zeit", next_report_due=datetime.date(2030, 3, 5))
    InitiativeFactory(
        title="Abgeschlossen",
        status=Initiative.Status.COMPLETED,
        next_report_due=datetime.date(2030, 1, 1),
    )

    _run("--date", TODAY.isoformat())

    assert OutgoingMail.objects.count() == 3
    assert _recipients_of(initiative.reference) == [unit_editor.email]
    assert _recipients_of(municipal.reference) == [municipality_editor.email]
    assert _recipients_of(orphan.reference) == [staff_user.email]
    reminder = OutgoingMail.objects.get(subject__contains="E-Akte")
    assert reminder.subject == f"Statusbericht überfällig: {initiative.reference} E-Akte"


def test_dry_run_lists_and_queues_nothing(staff_user):
    item = ActionItemFactory(title="Probelauf", due_date=datetime.date(2030, 3, 7))

    output = _run("--date", TODAY.isoformat(), "--dry-run")

    assert "Probelauf" in output
    assert item.owner_person.email in output
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_send_pending_mails_retries_the_queue(staff_user):
    ActionItemFactory(due_date=datetime.date(2030, 3, 7))
    _run("--date", TODAY.isoformat(), "--dry-run")
    OutgoingMail.objects.create(
        dedup_key="x", recipients=["a@example.org"], subject="Test", body="Text"
    )
    out = StringIO()

    call_command("send_pending_mails", stdout=out)

    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().state == OutgoingMail.State.SENT
