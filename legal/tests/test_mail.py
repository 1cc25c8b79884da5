"""The receipt and the answer through a real SMTP server (aiosmtpd on a free local port); a
mail server that is down loses neither the feedback nor its receipt."""

import email

import pytest
from django.urls import reverse

from legal.models import Feedback
from notifications.models import OutgoingMail

pytestmark = pytest.mark.django_db


def _received(envelope):
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return message, message.get_body(preferencelist=("plain",)).get_content()


def test_the_sender_receives_the_receipt_and_the_answer(
    client, users, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://smartkreis.example.de"
    # The mails go out after the commit, by the mail job (run in the process in tests).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("legal:feedback"),
            {
                "message": "Die Karte lässt sich nicht mit der Tastatur bedienen.",
                "contact_name": "Erika Mustermann",
                "contact_email": "erika@example.org",
            },
        )

    case = Feedback.objects.get()
    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == ["erika@example.org"]
    message, body = _received(envelope)
    assert message["Subject"] == f"Ihre Rückmeldung zur Barrierefreiheit ({case.reference})"
    assert "Guten Tag Erika Mustermann," in body
    assert f"Wir antworten Ihnen spätestens bis zum {case.due_date:%d.%m.%Y}." in body
    assert "https://smartkreis.example.de/barrierefreiheit/" in body

    client.force_login(users.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("legal:feedback_answer", args=[case.pk]),
            {"answer": "Die Karte hat jetzt eine Tabelle daneben.", "version": case.version},
        )

    assert len(smtp_server.envelopes) == 2
    message, body = _received(smtp_server.envelopes[1])
    assert (
        message["Subject"]
        == f"Antwort auf Ihre Rückmeldung zur Barrierefreiheit ({case.reference})"
    )
    assert "Die Karte hat jetzt eine Tabelle daneben." in body


def test_a_mail_server_that_is_down_keeps_the_receipt_for_later(
    client, closed_smtp_port, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("legal:feedback"),
            {"message": "Zu kleine Schrift.", "contact_email": "erika@example.org"},
        )

    assert response.status_code == 302
    assert Feedback.objects.count() == 1
    receipt = OutgoingMail.objects.get()
    assert (receipt.state, receipt.recipients) == (OutgoingMail.State.FAILED, ["erika@example.org"])
