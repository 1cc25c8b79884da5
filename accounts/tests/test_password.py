"""Password reset by e-mail (through a real local SMTP server) and password change."""

import re
from datetime import datetime, timedelta
from email import message_from_bytes

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.tests.factories import PASSWORD, UserFactory
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kreishaus-Fahrrad-2026"


def _text(envelope):
    return message_from_bytes(envelope.content).get_payload(decode=True).decode()


def _reset_link(envelope):
    text = _text(envelope)
    return re.search(r"http://testserver(/konto/passwort-neu/[^\s]+/)", text).group(1)


def test_the_login_page_links_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_the_reset_mail_goes_through_smtp_and_its_link_sets_a_new_password(client, smtp_server):
    user = UserFactory(username="reader", email="reader@example.org")

    response = client.post(reverse("password_reset"), {"email": "reader@example.org"})

    assert response["Location"] == reverse("password_reset_done")
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["reader@example.org"]
    text = _text(envelope)
    assert "neues Passwort" in text
    assert "Ihr Benutzername: reader" in text
    link = client.get(_reset_link(envelope))
    form_url = link["Location"]
    saved = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert saved["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_RESET, actor=user).exists()
    # The link works once.
    again = client.get(_reset_link(envelope), follow=True).content.decode()
    assert "Dieser Link gilt nicht mehr" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_server):
    UserFactory(email="reader@example.org")

    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    known = client.post(reverse("password_reset"), {"email": "reader@example.org"})

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert [envelope.rcpt_tos for envelope in smtp_server.envelopes] == [["reader@example.org"]]
    page = client.get(unknown["Location"]).content.decode()
    assert "Wenn ein Konto diese E-Mail-Adresse hat" in page


def test_the_reset_refuses_a_weak_password_and_keeps_the_old_one(client, smtp_server):
    user = UserFactory(email="reader@example.org")
    client.post(reverse("password_reset"), {"email": "reader@example.org"})
    form_url = client.get(_reset_link(smtp_server.envelopes[0]))["Location"]

    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Passwort ist zu üblich." in content
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


class _Yesterday(PasswordResetTokenGenerator):
    def _now(self):
        return datetime.now() - timedelta(days=2)


def test_an_expired_link_is_refused_in_german_and_changes_nothing(client):
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = _Yesterday().make_token(user)
    url = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})

    page = client.get(url, follow=True).content.decode()
    post = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert "Dieser Link gilt nicht mehr: Er ist abgelaufen oder wurde schon benutzt." in page
    assert post.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_RESET).exists()


def test_the_reset_ends_every_session(client, smtp_server, django_user_model):
    user = UserFactory(email="reader@example.org")
    other_device = type(client)()
    other_device.force_login(user)
    client.post(reverse("password_reset"), {"email": "reader@example.org"})
    form_url = client.get(_reset_link(smtp_server.envelopes[0]))["Location"]

    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert other_device.get(reverse("dashboard")).status_code == 302


def test_a_password_change_checks_the_validators_and_ends_the_other_sessions(client):
    user = UserFactory()
    client.force_login(user)
    other_device = type(client)()
    other_device.force_login(user)
    url = reverse("password_change")

    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"}
    )
    user.refresh_from_db()
    assert weak.status_code == 200
    assert "Dieses Passwort ist zu kurz." in weak.content.decode()
    assert user.check_password(PASSWORD)

    changed = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    user.refresh_from_db()
    assert changed["Location"] == reverse("account")
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("dashboard")).status_code == 200
    assert other_device.get(reverse("dashboard")).status_code == 302
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_CHANGE).exists()


def test_a_wrong_old_password_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert user.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_CHANGE).exists()
