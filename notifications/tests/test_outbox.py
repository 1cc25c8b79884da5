"""Queueing mails and delivering them: idempotent, nothing lost when the server fails."""

import email
import email.policy

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from notifications import actions
from notifications.models import OutgoingMail

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def _queue(key="test:1", recipients=("anna@example.org",), **kwargs):
    return actions.queue_mail(
        dedup_key=key,
        recipients=list(recipients),
        subject=kwargs.pop("subject", "Einladung"),
        body=kwargs.pop("body", "Guten Tag"),
        **kwargs,
    )


def test_queue_mail_is_idempotent_by_key():
    first = _queue()
    second = _queue(subject="Anderer Betreff")

    assert second.pk == first.pk
    assert OutgoingMail.objects.count() == 1
    stored = OutgoingMail.objects.get()
    assert stored.subject == "Einladung"
    assert stored.state == OutgoingMail.State.PENDING
    assert stored.recipients == ["anna@example.org"]


def test_invalid_address_is_refused_and_nothing_queued():
    with pytest.raises(ValidationError) as error:
        _queue(recipients=["anna@example.org", "kein-mail-adresse"])

    assert "„kein-mail-adresse“ ist keine gültige E-Mail-Adresse." in error.value.messages
    assert not OutgoingMail.objects.exists()


def test_mail_without_recipients_is_refused():
    with pytest.raises(ValidationError, match="mindestens einen Empfänger"):
        _queue(recipients=[" "])

    assert not OutgoingMail.objects.exists()


def test_deliver_pending_sends_with_attachment_and_marks_sent():
    queued = _queue(attachments=[("invitation.ics", ICS, "text/calendar")])

    result = actions.deliver_pending()

    assert (result.sent, result.failed) == (1, 0)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["anna@example.org"]
    assert sent.subject == "Einladung"
    assert sent.attachments[0].filename == "invitation.ics"
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT
    assert queued.sent_at is not None
    assert queued.attempts == 1


def test_a_sent_mail_is_not_sent_again():
    _queue()
    actions.deliver_pending()
    result = actions.deliver_pending()

    assert (result.sent, result.failed) == (0, 0)
    assert len(mail.outbox) == 1


def test_deliver_pending_respects_the_limit_oldest_first():
    first = _queue(key="a")
    _queue(key="b")

    result = actions.deliver_pending(limit=1)

    assert result.sent == 1
    first.refresh_from_db()
    assert first.state == OutgoingMail.State.SENT
    assert OutgoingMail.objects.filter(state=OutgoingMail.State.PENDING).count() == 1


def test_real_smtp_server_receives_the_mail_with_its_ics(smtp_server):
    queued = _queue(
        subject="Einladung: Lenkungsgruppe",
        body="Guten Tag, die Sitzung …",
        attachments=[("invitation.ics", ICS, "text/calendar; method=REQUEST")],
    )

    result = actions.deliver_pending()

    assert (result.sent, result.failed) == (1, 0)
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == ["anna@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == "Einladung: Lenkungsgruppe"
    attachments = list(message.iter_attachments())
    assert [part.get_filename() for part in attachments] == ["invitation.ics"]
    assert attachments[0].get_content_type() == "text/calendar"
    assert "BEGIN:VCALENDAR" in attachments[0].get_content()
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT


def test_failing_server_keeps_the_mail_and_a_later_run_sends_it(closed_smtp_port, settings):
    queued = _queue()

    result = actions.deliver_pending()

    assert (result.sent, result.failed) == (0, 1)
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.FAILED
    assert queued.attempts == 1
    assert "ConnectionRefusedError" in queued.last_error
    assert queued.sent_at is None

    actions.deliver_pending()
    queued.refresh_from_db()
    assert queued.attempts == 2
    assert queued.state == OutgoingMail.State.FAILED


def test_failed_mail_is_sent_once_the_server_is_back(closed_smtp_port, request):
    queued = _queue(attachments=[("invitation.ics", ICS, "text/calendar")])
    actions.deliver_pending()
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.FAILED

    server = request.getfixturevalue("smtp_server")
    result = actions.deliver_pending()

    assert (result.sent, result.failed) == (1, 0)
    assert len(server.envelopes) == 1
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT
    assert queued.attempts == 2
    assert queued.last_error == ""


@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r", "\u2028"])
def test_a_line_break_in_the_subject_adds_no_header(smtp_server, line_break):
    queued = _queue(subject=f"Erinnerung: Akte{line_break}Bcc: evil@example.org")

    result = actions.deliver_pending()

    assert (result.sent, result.failed) == (1, 0)
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == ["anna@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message.get_all("Subject") == ["Erinnerung: Akte Bcc: evil@example.org"]
    assert "Bcc" not in message
    queued.refresh_from_db()
    assert queued.subject == "Erinnerung: Akte Bcc: evil@example.org"
