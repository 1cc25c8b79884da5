"""Meeting invitations: who gets one, what it says, the .ics, idempotency per version."""

import datetime
import email
import email.policy
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from accounts.tests.factories import StaffUnitUserFactory
from audit.models import AuditEntry
from governance.models import Meeting, Membership
from notifications import actions
from notifications.models import OutgoingMail
from organisations.models import Function
from organisations.tests.factories import FunctionFactory, PersonFactory
from topics.models import Topic

from .factories import (
    BERLIN,
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    PersonWithEmailFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffUnitUserFactory()


@pytest.fixture
def meeting():
    return MeetingFactory(
        name="3. Sitzung der Lenkungsgruppe",
        online_url="https://meet.example.org/lenkungsgruppe",
    )


def _topic(user, **flags):
    return Topic.objects.create(
        title="E-Akte",
        problem="Papier",
        proposal="Digital",
        submitted_by=user,
        submitting_body=user.body,
        submitted_at=datetime.datetime(2030, 1, 1, tzinfo=BERLIN),
        status_changed_at=datetime.datetime(2030, 1, 1, tzinfo=BERLIN),
        **flags,
    )


def _mail_to(address):
    return next(m for m in OutgoingMail.objects.order_by("pk") if m.recipients == [address])


def _ics(queued):
    (attachment,) = queued.attachments
    assert attachment["filename"] == "invitation.ics"
    return Calendar.from_ical(attachment["content"])


def test_members_and_item_guests_are_invited_in_german(meeting, staff):
    chair = MembershipFactory(organization=meeting.organization, role=Membership.Role.CHAIR).person
    member = MembershipFactory(organization=meeting.organization).person
    MembershipFactory(organization=meeting.organization, end_date=datetime.date(2029, 12, 31))
    guest = PersonWithEmailFactory()
    AgendaItemFactory(meeting=meeting, number="1", position=1, title="Bericht der Stabsstelle")
    AgendaItemFactory(
        meeting=meeting, number="2", position=2, title="Breitbandausbau", guests=[guest]
    )

    result = actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    assert result.queued == 3
    assert {tuple(m.recipients) for m in OutgoingMail.objects.all()} == {
        (chair.email,),
        (member.email,),
        (guest.email,),
    }
    member_mail = _mail_to(member.email)
    assert member_mail.subject == "Einladung: 3. Sitzung der Lenkungsgruppe am 05.03.2030"
    assert "Datum: Dienstag, 5. März 2030" in member_mail.body
    assert "Uhrzeit: 10:00 bis 12:00 Uhr" in member_mail.body
    assert "Ort: Kreishaus Siegburg, Raum 1.23" in member_mail.body
    assert "Online: https://meet.example.org/lenkungsgruppe" in member_mail.body
    assert "TOP 1: Bericht der Stabsstelle" in member_mail.body
    assert "TOP 2: Breitbandausbau" in member_mail.body

    guest_mail = _mail_to(guest.email)
    assert "als Gast" in guest_mail.body
    assert "TOP 2: Breitbandausbau" in guest_mail.body
    assert "Bericht der Stabsstelle" not in guest_mail.body


def test_invitation_ics_can_be_read_back(meeting, staff):
    member = MembershipFactory(organization=meeting.organization).person
    guest = PersonWithEmailFactory()
    AgendaItemFactory(meeting=meeting, number="1", title="Haushalt", guests=[guest])

    actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    calendar = _ics(_mail_to(member.email))
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@smartkreis"
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2030, 3, 5, 10, 0, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND") == datetime.datetime(2030, 3, 5, 12, 0, tzinfo=BERLIN)
    assert str(event["SUMMARY"]) == "3. Sitzung der Lenkungsgruppe"
    assert "Kreishaus Siegburg" in str(event["LOCATION"])
    assert "TOP 1: Haushalt" in str(event["DESCRIPTION"])
    assert str(event["ORGANIZER"]) == "mailto:noreply@localhost"
    attendees = {str(attendee) for attendee in event["ATTENDEE"]}
    assert attendees == {f"mailto:{member.email}", f"mailto:{guest.email}"}
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"


def test_invitation_marks_the_meeting_invited_with_an_audit_entry(meeting, staff):
    MembershipFactory(organization=meeting.organization)

    actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED
    assert meeting.invitations_sent_at is not None
    entry = AuditEntry.objects.get(subject_id=str(meeting.pk), action=AuditEntry.Action.UPDATE)
    assert entry.actor == staff
    assert entry.changes["state"] == ["PLANNED", "INVITED"]


def test_inviting_twice_sends_once_but_again_after_a_change(meeting, staff):
    member = MembershipFactory(organization=meeting.organization).person
    actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    again = actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)
    assert again.queued == 0
    assert OutgoingMail.objects.count() == 1

    meeting.refresh_from_db()
    meeting.start += datetime.timedelta(hours=1)
    meeting.end += datetime.timedelta(hours=1)
    meeting.version += 1
    meeting.save()
    changed = actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    assert changed.queued == 1
    latest = OutgoingMail.objects.order_by("-pk").first()
    assert latest.recipients == [member.email]
    assert latest.subject.startswith("Geänderte Einladung:")
    assert "Uhrzeit: 11:00 bis 13:00 Uhr" in latest.body
    (event,) = _ics(latest).walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@smartkreis"
    assert event["SEQUENCE"] == 1


def test_new_agenda_item_is_sent_even_without_a_new_version(meeting, staff):
    MembershipFactory(organization=meeting.organization)
    actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    AgendaItemFactory(meeting=meeting, number="1", title="Nachtrag")
    result = actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    assert result.queued == 1
    assert "TOP 1: Nachtrag" in OutgoingMail.objects.order_by("-pk").first().body


def test_optional_member_is_invited_only_when_a_topic_concerns_them(meeting, staff):
    officer = PersonWithEmailFactory()
    FunctionFactory(
        person=officer,
        kind=Function.Kind.EQUAL_OPPORTUNITIES_OFFICER,
        title="Gleichstellungsbeauftragte",
    )
    MembershipFactory(organization=meeting.organization, person=officer, is_optional=True)
    MembershipFactory(organization=meeting.organization)
    AgendaItemFactory(meeting=meeting, number="1", title="Allgemeines")
    plain = actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)
    assert officer.email not in {m.recipients[0] for m in plain.mails}

    AgendaItemFactory(
        meeting=meeting,
        number="2",
        title="Mobiles Arbeiten",
        kind="TOPIC",
        topic=_topic(staff, touches_equality=True),
    )
    concerned = actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    officer_mail = _mail_to(officer.email)
    assert officer_mail in concerned.mails
    assert "beratend" in officer_mail.body
    assert "TOP 2" in officer_mail.body


def test_people_without_address_are_reported(meeting, staff):
    MembershipFactory(organization=meeting.organization)
    no_mail = MembershipFactory(organization=meeting.organization, person=PersonFactory()).person

    result = actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    assert result.without_email == [no_mail]
    assert OutgoingMail.objects.count() == 1


def test_invalid_address_refuses_the_whole_invitation(meeting, staff):
    MembershipFactory(organization=meeting.organization)
    MembershipFactory(
        organization=meeting.organization,
        person=PersonWithEmailFactory(email="falsch@"),
    )

    with pytest.raises(ValidationError, match="falsch@"):
        actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    assert not OutgoingMail.objects.exists()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED


def test_cancelled_meeting_is_not_invited(meeting, staff):
    MembershipFactory(organization=meeting.organization)
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.CANCELLED)

    with pytest.raises(ValidationError, match="geplante Sitzung"):
        actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    assert not OutgoingMail.objects.exists()


def test_meeting_without_invitees_is_refused(meeting, staff):
    with pytest.raises(ValidationError, match="niemand mit E-Mail-Adresse"):
        actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)


def test_queued_invitations_are_delivered(meeting, staff):
    MembershipFactory(organization=meeting.organization)
    actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)

    actions.deliver_pending()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0].filename == "invitation.ics"


INJECTION = "x\r\nATTENDEE:mailto:evil@example.org"


def test_line_breaks_in_user_text_add_no_header_and_no_calendar_property(staff, smtp_server):
    meeting = MeetingFactory(
        name=f"Sitzung {INJECTION}\nBcc: evil@example.org",
        location=f"Raum 1;2,3\\4 {INJECTION}\rEND:VEVENT",
    )
    member = MembershipFactory(
        organization=meeting.organization, person__family_name=INJECTION
    ).person
    AgendaItemFactory(meeting=meeting, number="1", title=f"Haushalt {INJECTION}\nEND:VCALENDAR")

    actions.queue_meeting_invitation(meeting=meeting, acting_user=staff)
    result = actions.deliver_pending()

    assert (result.sent, result.failed) == (1, 0)
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == [member.email]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message.get_all("Subject") == [
        "Einladung: Sitzung x ATTENDEE:mailto:evil@example.org Bcc: evil@example.org am 05.03.2030"
    ]
    assert "Bcc" not in message
    assert "ATTENDEE" not in message
    (attachment,) = message.iter_attachments()
    ics = attachment.get_content()
    lines = ics.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = ics.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")
    assert all(re.match(r"[A-Z][A-Z-]*[;:]", line) for line in unfolded)
    assert [line for line in unfolded if line.startswith("ATTENDEE")] == [
        f'ATTENDEE;CN="{member.given_name} x^nATTENDEE:mailto:evil@example.org";'
        f"PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{member.email}"
    ]
    assert unfolded.count("END:VEVENT") == unfolded.count("END:VCALENDAR") == 1
    assert unfolded[-1] == "END:VCALENDAR"
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == meeting.name.replace("\r\n", "\n")
    assert str(event["LOCATION"]) == meeting.location.replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["DESCRIPTION"]) == (
        "TOP 1: Haushalt x\nATTENDEE:mailto:evil@example.org\nEND:VCALENDAR"
    )
    assert str(event["ATTENDEE"]) == f"mailto:{member.email}"
