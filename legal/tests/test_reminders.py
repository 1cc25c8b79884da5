"""`send_reminders` reminds the staff unit of open feedback, a week before its deadline and
every week after it, alongside the action items; idempotent."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.tests.factories import StaffUnitUserFactory
from legal.models import Feedback
from notifications.models import OutgoingMail

from .factories import FeedbackFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 3, 5)


def _run(day=TODAY):
    out = StringIO()
    call_command("send_reminders", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def staff_unit():
    return [
        StaffUnitUserFactory(email="stabsstelle@example.org"),
        StaffUnitUserFactory(email="cdo@example.org"),
    ]


def test_open_feedback_due_soon_or_overdue_is_reminded(staff_unit):
    soon = FeedbackFactory(due_date=datetime.date(2030, 3, 10), message="Kontrast zu schwach")
    overdue = FeedbackFactory(due_date=datetime.date(2030, 3, 1))
    FeedbackFactory(due_date=datetime.date(2030, 3, 20))
    FeedbackFactory(
        due_date=datetime.date(2030, 3, 1),
        state=Feedback.State.ANSWERED,
        answer="Erledigt",
        answered_on=datetime.date(2030, 2, 27),
    )

    output = _run()

    assert "2 Erinnerung(en) eingereiht" in output
    reminder = OutgoingMail.objects.get(subject__contains=soon.reference)
    assert reminder.subject == (
        f"Erinnerung: Rückmeldung zur Barrierefreiheit {soon.reference} fällig am 10.03.2030"
    )
    assert reminder.recipients == ["stabsstelle@example.org", "cdo@example.org"]
    assert "Kontrast zu schwach" in reminder.body
    late = OutgoingMail.objects.get(subject__contains=overdue.reference)
    assert late.subject.startswith("Überfällig: Rückmeldung zur Barrierefreiheit")
    assert "war am 01.03.2030 fällig und steht noch aus" in late.body
    assert len(mail.outbox) == 2


def test_reminders_are_not_repeated_but_overdue_ones_come_weekly(staff_unit):
    FeedbackFactory(due_date=datetime.date(2030, 3, 10))
    overdue = FeedbackFactory(due_date=datetime.date(2030, 3, 1))
    _run()

    _run()
    _run(datetime.date(2030, 3, 6))
    assert OutgoingMail.objects.count() == 2

    _run(datetime.date(2030, 3, 8))
    assert OutgoingMail.objects.filter(subject__contains=overdue.reference).count() == 2


def test_without_a_staff_unit_address_nothing_is_queued(db):
    StaffUnitUserFactory(email="")
    FeedbackFactory(due_date=datetime.date(2030, 3, 1))

    assert "0 Erinnerung(en) eingereiht" in _run()
    assert not OutgoingMail.objects.exists()
