"""The mail queue in the admin: read-only, with a "send now" action."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import AdministratorFactory, UserFactory
from notifications.models import CalendarFeed, OutgoingMail

pytestmark = pytest.mark.django_db


def test_admin_lists_mails_and_sends_selected(client):
    queued = OutgoingMail.objects.create(
        dedup_key="k", recipients=["a@example.org"], subject="Erinnerung", body="Text"
    )
    CalendarFeed.objects.create(user=UserFactory())
    client.force_login(AdministratorFactory())

    assert client.get(reverse("admin:notifications_outgoingmail_changelist")).status_code == 200
    assert client.get(reverse("admin:notifications_calendarfeed_changelist")).status_code == 200
    detail = client.get(reverse("admin:notifications_outgoingmail_change", args=[queued.pk]))
    assert detail.status_code == 200

    response = client.post(
        reverse("admin:notifications_outgoingmail_changelist"),
        {"action": "send_now", "_selected_action": [queued.pk]},
        follow=True,
    )

    assert "1 Mail verschickt, 0 fehlgeschlagen." in response.content.decode()
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT
    assert len(mail.outbox) == 1
