"""TOTP second factor with recovery codes: enrolment, the login's second step, required roles,
an administrator's reset."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import (
    PASSWORD,
    AdministratorFactory,
    RecoveryCodesFactory,
    StaffUnitUserFactory,
    TOTPDeviceFactory,
    UserFactory,
    current_code,
    wrong_code,
)
from accounts.views import ENROL_KEY_SESSION_KEY
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _password_step(client, user, **data):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, **data})


def _code_step(client, code):
    return client.post(reverse("login_second_factor"), {"code": code})


@pytest.fixture
def user_with_app():
    user = UserFactory(username="u")
    device = TOTPDeviceFactory(user=user)
    RecoveryCodesFactory(user=user, codes=["aaaa2222", "bbbb3333"])
    return user, device


# Enrolment


def test_the_enrolment_page_shows_a_qr_code_and_the_secret_as_text(client):
    user = UserFactory()
    client.force_login(user)

    content = client.get(reverse("second_factor_enrol")).content.decode()

    assert "<svg" in content
    assert "QR-Code für die Authenticator-App" in content
    assert 'id="totp-secret"' in content
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_at_enrolment_is_refused_and_creates_nothing(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("second_factor_enrol"))
    key = client.session[ENROL_KEY_SESSION_KEY]

    response = client.post(reverse("second_factor_enrol"), {"code": wrong_code(key)})

    assert response.status_code == 200
    assert "Der Code stimmt nicht" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.MFA_ENABLE).exists()


def test_the_right_code_activates_the_app_and_shows_ten_recovery_codes_once(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("second_factor_enrol"))
    key = client.session[ENROL_KEY_SESSION_KEY]

    response = client.post(reverse("second_factor_enrol"), {"code": current_code(key)})
    page = client.get(response["Location"]).content.decode()
    again = client.get(reverse("recovery_codes")).content.decode()

    device = TOTPDevice.objects.get(user=user)
    assert (device.key, device.confirmed) == (key, True)
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(f"{code[:4]} {code[4:]}" in page for code in codes)
    assert "Ihr zweiter Faktor ist eingerichtet." in page
    assert not any(f"{code[:4]} {code[4:]}" in again for code in codes)
    assert "Sie haben 10 unbenutzte Wiederherstellungscodes." in again
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MFA_ENABLE, actor=user).exists()


def test_new_recovery_codes_replace_the_old_ones(client, user_with_app):
    user, _device = user_with_app
    client.force_login(user)

    client.post(reverse("recovery_codes"))

    tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(tokens) == 10
    assert not tokens & {"aaaa2222", "bbbb3333"}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MFA_CODES).exists()


def test_recovery_codes_without_an_app_are_refused(client):
    client.force_login(UserFactory())

    response = client.post(reverse("recovery_codes"), follow=True)

    assert "Richten Sie zuerst den zweiten Faktor ein" in response.content.decode()
    assert not StaticToken.objects.exists()


# The login's second step


def test_a_user_with_an_app_is_not_logged_in_after_the_password(client, user_with_app):
    user, _device = user_with_app

    response = _password_step(client, user)

    assert response["Location"] == reverse("login_second_factor")
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN).exists()


def test_the_app_code_completes_the_login_and_follows_next(client, user_with_app):
    user, device = user_with_app
    target = reverse("organisations:body_list")
    _password_step(client, user, next=target)

    response = _code_step(client, current_code(device.key))

    assert response["Location"] == target
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN, actor=user).exists()


def test_a_wrong_code_is_refused_with_a_german_message(client, user_with_app):
    user, device = user_with_app
    _password_step(client, user)

    response = _code_step(client, wrong_code(device.key))

    assert response.status_code == 200
    assert "Der Code ist falsch, abgelaufen oder wurde schon benutzt." in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert (entry.actor, entry.reason) == (user, AuditEntry.Reason.SECOND_FACTOR)


def test_an_app_code_is_accepted_once(client, user_with_app):
    user, device = user_with_app
    code = current_code(device.key)
    _password_step(client, user)
    _code_step(client, code)
    client.post(reverse("logout"))
    _password_step(client, user)

    response = _code_step(client, code)

    assert response.status_code == 200
    assert "wurde schon benutzt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client, user_with_app):
    user, _device = user_with_app
    _password_step(client, user)
    first = _code_step(client, "AAAA 2222")
    page = client.get(first["Location"]).content.decode()
    client.post(reverse("logout"))
    _password_step(client, user)

    reused = _code_step(client, "aaaa2222")

    assert first.status_code == 302
    assert "1 ist übrig" in page
    assert reused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["bbbb3333"]


def test_the_second_step_without_a_password_first_goes_back_to_the_login(client):
    assert client.get(reverse("login_second_factor"))["Location"] == reverse("login")
    assert client.post(reverse("login_second_factor"), {"code": "123456"})["Location"] == reverse(
        "login"
    )
    assert not AuditEntry.objects.exists()


def test_an_expired_second_step_starts_again(client, user_with_app):
    user, device = user_with_app
    _password_step(client, user)
    session = client.session
    session["accounts_pending_login"]["at"] -= 6 * 60
    session.save()

    response = _code_step(client, current_code(device.key))

    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


# Required roles


def test_a_required_role_without_app_is_sent_to_the_enrolment_from_every_page(client, settings):
    settings.MFA_REQUIRED_ROLES = ["ADMINISTRATOR", "STAFF_UNIT"]
    user = StaffUnitUserFactory(username="cdo")

    login = _password_step(client, user)
    page = client.get(login["Location"])
    htmx = client.get(reverse("organisations:body_list"), headers={"HX-Request": "true"})
    enrol = client.get(reverse("second_factor_enrol"))

    assert page.status_code == 302
    assert page["Location"] == reverse("second_factor_enrol")
    assert htmx["HX-Redirect"] == reverse("second_factor_enrol")
    assert enrol.status_code == 200
    assert "Ihre Rolle verlangt einen zweiten Faktor" in enrol.content.decode()


def test_roles_not_named_and_single_sign_on_are_not_asked(client, settings):
    settings.MFA_REQUIRED_ROLES = ["ADMINISTRATOR"]
    client.force_login(UserFactory())
    assert client.get(reverse("dashboard")).status_code == 200

    client.force_login(AdministratorFactory())
    assert client.get(reverse("dashboard"))["Location"] == reverse("second_factor_enrol")
    session = client.session
    session["accounts_way_in"] = AuditEntry.WayIn.SSO
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_default_asks_nobody(client, settings):
    assert settings.MFA_REQUIRED_ROLES == []
    client.force_login(AdministratorFactory())

    assert client.get(reverse("dashboard")).status_code == 200


# An administrator's reset


def test_an_administrator_resets_a_second_factor_audited(client, user_with_app):
    user, _device = user_with_app
    administrator = AdministratorFactory()
    client.force_login(administrator)
    url = reverse("second_factor_reset", kwargs={"user_pk": user.pk})

    assert "Zweiten Faktor von" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "wurde zurückgesetzt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MFA_RESET)
    assert (entry.actor, entry.subject_id) == (administrator, str(user.pk))


def test_others_may_not_reset_a_second_factor(client, user_with_app):
    user, _device = user_with_app
    client.force_login(StaffUnitUserFactory())
    url = reverse("second_factor_reset", kwargs={"user_pk": user.pk})

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()
    assert StaticToken.objects.filter(device__user=user).count() == 2
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.MFA_RESET).exists()
