"""Local accounts in the browser: a staff unit user who must have a second factor sets up an
authenticator app, logs in again with a code computed from the secret the page showed, and
every page of the account and the login's second step passes axe, also at phone width."""

from base64 import b32decode

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.tests.factories import (
    AdministratorFactory,
    StaffUnitUserFactory,
    current_code,
    wrong_code,
)

from .harness import PASSWORD, format_violations
from .test_accessibility import PHONE_WIDTH, _check, _check_phone_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SUBMIT = "main form[method=post] button[type=submit]"


def _hex_secret(page):
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    return b32decode(secret).hex()


def _password_step(session, user):
    page = session.page
    session.goto(reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form.sk-login button[type=submit]")


def test_staff_user_sets_up_totp_and_logs_in_with_it(open_session, settings):
    settings.MFA_REQUIRED_ROLES = ["ADMINISTRATOR", "STAFF_UNIT"]
    user = StaffUnitUserFactory(username="cdo")
    session = open_session()
    phone = open_session(viewport={"width": PHONE_WIDTH, "height": 844})
    page = session.page
    problems = []

    # The password is right, but the role needs a second factor: the enrolment page it is.
    _password_step(session, user)
    assert page.url.endswith(reverse("second_factor_enrol"))
    expect(page.locator("main")).to_contain_text("Ihre Rolle verlangt einen zweiten Faktor")
    session.goto(reverse("dashboard"))
    assert page.url.endswith(reverse("second_factor_enrol"))
    _check(session, reverse("second_factor_enrol"), problems)
    expect(page.locator("main svg")).to_be_visible()

    # A wrong code first, then the right one computed from the secret shown as text.
    key = _hex_secret(page)
    page.fill("#id_code", wrong_code(key))
    with page.expect_navigation():
        page.click(SUBMIT)
    expect(page.locator("main")).to_contain_text("Der Code stimmt nicht")
    assert not TOTPDevice.objects.filter(user=user).exists()
    page.fill("#id_code", current_code(key))
    with page.expect_navigation():
        page.click(SUBMIT)
    assert page.url.endswith(reverse("recovery_codes"))
    expect(page.locator(".sk-recovery-codes li")).to_have_count(10)
    # The codes are shown once: axe checks this page as it is, not on a second visit.
    violations = session.axe_violations()
    if violations:
        problems.append(format_violations(page.url, violations))

    # The account page from the header; then log out.
    page.click(f'header a[href="{reverse("account")}"]')
    expect(page.locator("h1")).to_have_text("Mein Konto")
    expect(page.locator("main")).to_contain_text("Eine Authenticator-App ist eingerichtet.")
    for url in (reverse("account"), reverse("password_change"), reverse("recovery_codes")):
        _check(session, url, problems)
    with page.expect_navigation():
        page.click('header form[action="/konto/abmelden/"] button')

    # Logging in again asks for the code after the password. A code of the next time step:
    # the one of this step was used for the enrolment.
    _password_step(session, user)
    assert page.url.endswith(reverse("login_second_factor"))
    _check(session, reverse("login_second_factor"), problems)
    page.fill("#id_code", current_code(key, offset_seconds=30))
    with page.expect_navigation():
        page.click(SUBMIT)
    assert page.url.endswith(reverse("dashboard"))
    expect(page.locator("header")).to_contain_text("Mein Konto")

    # The same pages at phone width, with the phone's own login.
    _password_step(phone, user)
    assert phone.page.url.endswith(reverse("login_second_factor"))
    _check_phone_width(phone, reverse("login_second_factor"), problems)
    phone.page.fill("#id_code", current_code(key, offset_seconds=60))
    with phone.page.expect_navigation():
        phone.page.click(SUBMIT)
    assert phone.page.url.endswith(reverse("dashboard"))
    for url in (reverse("account"), reverse("second_factor_enrol"), reverse("recovery_codes")):
        _check_phone_width(phone, url, problems)

    assert not problems, "\n\n".join(problems)


def test_reset_and_administration_pages_pass_axe(open_session):
    administrator = AdministratorFactory()
    other = StaffUnitUserFactory()
    problems = []
    invalid_link = reverse(
        "password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(other.pk)), "token": "x-y"},
    )
    valid_link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(other.pk)),
            "token": default_token_generator.make_token(other),
        },
    )

    anonymous = open_session()
    anonymous_phone = open_session(viewport={"width": PHONE_WIDTH, "height": 844})
    for url in (
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_complete"),
        invalid_link,
    ):
        _check(anonymous, url, problems)
        _check_phone_width(anonymous_phone, url, problems)
    expect(anonymous.page.locator("main")).to_contain_text("Dieser Link gilt nicht mehr")
    anonymous.goto(valid_link)
    expect(anonymous.page.locator("#id_new_password1")).to_be_visible()
    _check(anonymous, anonymous.page.url, problems)

    admin_session = open_session()
    admin_session.log_in(administrator)
    reset_url = reverse("second_factor_reset", kwargs={"user_pk": other.pk})
    _check(admin_session, reset_url, problems)

    assert not problems, "\n\n".join(problems)
