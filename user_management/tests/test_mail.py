"""The invitation through a real SMTP server (aiosmtpd on a free local port): the mail that
arrives carries the link that creates the account; a mail server that is down leaves no
invitation behind."""

import email
import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from user_management.models import Invitation

from .conftest import users_state

pytestmark = pytest.mark.django_db

PASSWORD = "Kreishaus-Siegburg-2026"


def _received(envelope):
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return message, message.get_body(preferencelist=("plain",)).get_content()


def test_the_mail_from_the_smtp_server_carries_a_working_link(client, world, smtp_server):
    client.force_login(world.staff)

    response = client.post(
        reverse("user_management:invitation_create"),
        {
            "email": "nina@siegburg.de",
            "role": "MUNICIPALITY_EDITOR",
            "body": world.town.pk,
            "org_unit": world.town_unit.pk,
        },
    )

    assert response.status_code == 302
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == ["nina@siegburg.de"]
    message, body = _received(envelope)
    assert message["Subject"] == "Ihre Einladung zu smartkreis"
    assert "Rolle: Redaktion einer Kommune" in body
    assert "Körperschaft: Siegburg" in body
    link = re.search(r"http://testserver(/benutzer/einladung/[^/\s]+/)", body).group(1)

    invitee = Client()
    accepted = invitee.post(
        link,
        {"username": "nina", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert accepted.status_code == 302
    user = User.objects.get(username="nina")
    assert (user.role, user.body, user.org_unit) == (
        User.Role.MUNICIPALITY_EDITOR,
        world.town,
        world.town_unit,
    )
    assert invitee.get(link).status_code == 410


def test_a_mail_server_that_is_down_leaves_no_invitation(client, world, closed_smtp_port):
    client.force_login(world.staff)
    before = users_state()

    response = client.post(
        reverse("user_management:invitation_create"),
        {"email": "nina@siegburg.de", "role": "READER", "body": world.town.pk},
    )

    assert response.status_code == 200
    assert "konnte nicht per E-Mail versandt werden" in response.content.decode()
    assert not Invitation.objects.exists()
    assert users_state() == before
