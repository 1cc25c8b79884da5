"""Login throttling by user name AND address: an attacker locks only their own address out."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory, wrong_code
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ADDRESS_A = "198.51.100.1"
ADDRESS_B = "203.0.113.9"


def _login(client, username, password, address):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _fail_five_times(client, username, address):
    return [_login(client, username, f"wrong-{attempt}", address) for attempt in range(5)]


def test_five_failures_from_one_address_lock_the_user_there_but_not_elsewhere(client):
    UserFactory(username="u")

    responses = _fail_five_times(client, "u", ADDRESS_A)
    from_a = _login(client, "u", PASSWORD, ADDRESS_A)
    from_b = _login(client, "u", PASSWORD, ADDRESS_B)

    assert responses[-1].status_code == 429
    assert from_a.status_code == 429
    assert "Anmeldung gesperrt" in from_a.content.decode()
    assert from_b.status_code == 302
    assert from_b["Location"] == reverse("dashboard")


def test_the_lock_ends_after_the_cool_off(client, settings):
    UserFactory(username="u")
    _fail_five_times(client, "u", ADDRESS_A)
    assert _login(client, "u", PASSWORD, ADDRESS_A).status_code == 429

    # The cool-off has passed: the failures are older than it.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
        attempt.save()

    assert _login(client, "u", PASSWORD, ADDRESS_A).status_code == 302


def test_the_lock_page_names_the_configured_cool_off(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    UserFactory(username="u")

    response = _fail_five_times(client, "u", ADDRESS_A)[-1]

    assert "Bitte warten Sie 1 Minute" in response.content.decode()


def test_wrong_second_factor_codes_count_as_failures_and_lock(client):
    user = UserFactory(username="u")
    device = TOTPDeviceFactory(user=user)
    responses = []
    for _attempt in range(5):
        assert _login(client, "u", PASSWORD, ADDRESS_A)["Location"] == reverse(
            "login_second_factor"
        )
        responses.append(
            client.post(
                reverse("login_second_factor"),
                {"code": wrong_code(device.key)},
                REMOTE_ADDR=ADDRESS_A,
            )
        )

    assert [response.status_code for response in responses] == [200] * 4 + [429]
    assert "_auth_user_id" not in client.session
    assert _login(client, "u", PASSWORD, ADDRESS_A).status_code == 429
    reasons = list(
        AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED).values_list(
            "reason", flat=True
        )
    )
    assert reasons.count(AuditEntry.Reason.SECOND_FACTOR) == 4
    assert reasons[-1] == AuditEntry.Reason.LOCKED
