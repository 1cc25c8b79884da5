"""The user management in the browser: the staff unit invites a person with role, body and
unit; the mail carries the link; the invitee opens it in a browser of their own, chooses user
name and password and logs in with the invited role; the staff unit sees the last login in the
list and deactivates the account, which ends the invitee's session and every later login. The
invitation's pages, seen by a visitor without login, pass axe, also at phone width."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from accounts.tests.factories import StaffUnitUserFactory
from audit.models import AuditEntry
from organisations.tests.factories import CountyFactory, MunicipalityFactory, OrgUnitFactory

from .test_accessibility import PHONE_WIDTH, _check, _check_phone_width

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "Rathaus-Siegburg-2026"


def _click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def _log_in(page, username, password):
    page.goto(reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    _click_and_wait(page, page.locator("form.sk-login button[type=submit]"))


def test_an_invited_person_logs_in_with_the_role_until_deactivated(open_session, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    county = CountyFactory(name="Rhein-Sieg-Kreis")
    town = MunicipalityFactory(name="Siegburg", parent=county)
    town_unit = OrgUnitFactory(body=town, number="1", name="Hauptamt")
    staff_user = StaffUnitUserFactory(username="stabsstelle", body=county)
    problems = []

    # The staff unit opens the user management from the main menu and sends the invitation.
    staff = open_session()
    staff.log_in(staff_user)
    page = staff.page
    _click_and_wait(page, page.locator("header nav").get_by_role("link", name="Benutzer"))
    _click_and_wait(page, page.get_by_role("link", name="Benutzer einladen"))
    page.get_by_label("E-Mail-Adresse").fill("nina.neumann@siegburg.de")
    page.select_option("#id_role", "MUNICIPALITY_EDITOR")
    page.select_option("#id_body", str(town.pk))
    page.select_option("#id_org_unit", str(town_unit.pk))
    _click_and_wait(page, page.get_by_role("button", name="Einladung senden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Einladungen")
    expect(page.locator("main")).to_contain_text("nina.neumann@siegburg.de")

    # The mail carries the link; only its hash is stored.
    (message,) = mail.outbox
    assert message.to == ["nina.neumann@siegburg.de"]
    link = re.search(r"https?://[^/\s]+(/benutzer/einladung/[^/\s]+/)", message.body).group(1)
    assert "Rolle: Redaktion einer Kommune" in message.body

    # The invitee, in a browser of their own, creates the account and logs in with it.
    invitee = open_session()
    invitee_phone = open_session(viewport={"width": PHONE_WIDTH, "height": 844})
    _check(invitee, link, problems)
    _check_phone_width(invitee_phone, link, problems)
    page = invitee.page
    invitee.goto(link)
    expect(page.locator("main")).to_contain_text("mit der Rolle „Redaktion einer Kommune“")
    page.get_by_label("Benutzername").fill("nneumann")
    page.get_by_label("Vorname").fill("Nina")
    page.get_by_label("Nachname").fill("Neumann")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    _click_and_wait(page, page.get_by_role("button", name="Konto anlegen"))
    assert page.url.endswith(reverse("login"))
    expect(page.locator("main")).to_contain_text("Ihr Konto „nneumann“ ist angelegt")
    _log_in(page, "nneumann", PASSWORD)
    assert page.url.endswith(reverse("dashboard"))
    expect(page.locator("header")).to_contain_text("Mein Konto")
    expect(page.locator("header nav").get_by_role("link", name="Benutzer")).to_have_count(0)
    user = User.objects.get(username="nneumann")
    assert (user.role, user.body, user.org_unit, user.email) == (
        User.Role.MUNICIPALITY_EDITOR,
        town,
        town_unit,
        "nina.neumann@siegburg.de",
    )
    # The link was good for one use.
    invitee_phone.goto(link)
    expect(invitee_phone.page.locator("main")).to_contain_text("bereits verwendet")
    _check(invitee_phone, link, problems)
    _check_phone_width(invitee_phone, link, problems)

    # The staff unit finds the account in the list, with its last login, and deactivates it.
    page = staff.page
    staff.goto(reverse("user_management:user_list"))
    row = page.locator("tr", has=page.get_by_role("link", name="Nina Neumann"))
    expect(row).to_contain_text("Redaktion einer Kommune")
    expect(row).to_contain_text("Siegburg")
    expect(row).to_contain_text(timezone.localdate().strftime("%d.%m.%Y"))  # the last login
    _click_and_wait(page, row.get_by_role("link", name="Nina Neumann"))
    _click_and_wait(page, page.get_by_role("button", name="Deaktivieren"))
    expect(page.locator("main")).to_contain_text("„Nina Neumann“ ist deaktiviert")
    expect(page.get_by_role("button", name="Wieder aktivieren")).to_be_visible()

    # The invitee's session has ended, and the login is refused (and audited, with address).
    page = invitee.page
    invitee.goto(reverse("dashboard"))
    assert "/konto/anmelden/" in page.url
    _log_in(page, "nneumann", PASSWORD)
    assert "/konto/anmelden/" in page.url
    expect(page.locator("main [role=alert]")).to_contain_text("Bitte Benutzername und Passwort")
    failure = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED).latest("pk")
    assert failure.subject_id == str(user.pk)
    assert failure.address == "127.0.0.1"
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.LOGIN, actor=user, address="127.0.0.1"
    ).exists()

    assert not problems, "\n\n".join(problems)
