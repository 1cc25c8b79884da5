"""The staff unit's outbox page: who may see it and retry, and what it shows."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import (
    AdministratorFactory,
    MunicipalityEditorFactory,
    StaffUnitUserFactory,
    UnitEditorFactory,
    UserFactory,
)
from notifications.models import OutgoingMail

pytestmark = pytest.mark.django_db

OUTBOX_URL = reverse("notifications:outbox")
SEND_URL = reverse("notifications:outbox_send")


@pytest.fixture
def failed_mail():
    return OutgoingMail.objects.create(
        dedup_key="failed",
        recipients=["anna@example.org"],
        subject="Einladung zur Lenkungsgruppe",
        body="Text",
        state=OutgoingMail.State.FAILED,
        attempts=3,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


@pytest.mark.parametrize("factory", [UserFactory, UnitEditorFactory, MunicipalityEditorFactory])
def test_other_roles_get_403_and_nothing_is_sent(client, failed_mail, factory):
    client.force_login(factory())

    assert client.get(OUTBOX_URL).status_code == 403
    assert client.post(SEND_URL).status_code == 403

    failed_mail.refresh_from_db()
    assert failed_mail.state == OutgoingMail.State.FAILED
    assert failed_mail.attempts == 3
    assert mail.outbox == []


def test_anonymous_visitors_are_sent_to_the_login(client, failed_mail):
    assert client.get(OUTBOX_URL).url.startswith(reverse("login"))
    assert client.post(SEND_URL).url.startswith(reverse("login"))
    failed_mail.refresh_from_db()
    assert failed_mail.attempts == 3


@pytest.mark.parametrize("factory", [StaffUnitUserFactory, AdministratorFactory])
def test_staff_unit_sees_failures(client, failed_mail, factory):
    OutgoingMail.objects.create(
        dedup_key="sent",
        recipients=["b@example.org"],
        subject="Schon verschickt",
        body="Text",
        state=OutgoingMail.State.SENT,
    )
    client.force_login(factory())

    response = client.get(OUTBOX_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Einladung zur Lenkungsgruppe" in content
    assert "ConnectionRefusedError" in content
    assert "fehlgeschlagen, wird erneut versucht" in content
    assert "Schon verschickt" not in content
    assert "Jetzt erneut senden" in content


def test_send_again_delivers_the_failed_mails(client, failed_mail):
    client.force_login(StaffUnitUserFactory())

    response = client.post(SEND_URL, follow=True)

    failed_mail.refresh_from_db()
    assert failed_mail.state == OutgoingMail.State.SENT
    assert len(mail.outbox) == 1
    assert "1 Mail(s) verschickt." in response.content.decode()


def test_send_again_with_the_server_down_keeps_the_mail(client, failed_mail, closed_smtp_port):
    client.force_login(StaffUnitUserFactory())

    response = client.post(SEND_URL, follow=True)

    failed_mail.refresh_from_db()
    assert failed_mail.state == OutgoingMail.State.FAILED
    assert failed_mail.attempts == 4
    assert "erneut fehlgeschlagen" in response.content.decode()


def test_outbox_page_query_count_is_constant(client, django_assert_max_num_queries):
    client.force_login(StaffUnitUserFactory())

    def add(count, start):
        OutgoingMail.objects.bulk_create(
            OutgoingMail(dedup_key=f"k{start + i}", recipients=["a@example.org"], subject="S")
            for i in range(count)
        )

    add(10, 0)
    with django_assert_max_num_queries(8) as few:
        client.get(OUTBOX_URL)
    add(190, 10)
    with django_assert_max_num_queries(8) as many:
        client.get(OUTBOX_URL)
    assert len(few.captured_queries) == len(many.captured_queries)
