"""The steering group's whole cycle, clicked through as its users would: a municipality submits
a topic, the staff unit prepares it, the data protection officer gives the statement, the
steering group decides, the new initiative appears in the register and the decision's action
item is followed up to done."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from governance import actions as governance_actions
from governance.models import ActionItem, Decision, Meeting, Membership, Organization
from notifications.models import OutgoingMail
from online_services.models import MaturityModel
from organisations.models import Function
from organisations.tests.factories import FunctionFactory, PersonFactory
from portfolio.models import Initiative
from topics.models import PriorityCriterion, Statement, Topic

from .scenario import build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "Online-Terminvergabe im Bürgerbüro"


def _click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def _steering_group(scenario):
    """A second steering group with one member who has an e-mail address."""
    committee = governance_actions.create_committee(
        acting_user=scenario.staff_user,
        body=scenario.county,
        name="Lenkungsgruppe Verwaltungsdigitalisierung",
        kind=Organization.Kind.STEERING_GROUP,
    )
    governance_actions.add_membership(
        acting_user=scenario.staff_user,
        organization=committee,
        person=PersonFactory(
            given_name="Petra", family_name="Kreisdirektorin", email="petra@example.org"
        ),
        function_title="Kreisdirektorin",
        role=Membership.Role.CHAIR,
    )
    return committee


def _data_protection_officer(scenario):
    person = PersonFactory(given_name="Dana", family_name="Datenschutz", email="dana@example.org")
    FunctionFactory(
        body=scenario.county,
        title="Datenschutzbeauftragte",
        kind=Function.Kind.DATA_PROTECTION_OFFICER,
        person=person,
    )
    return UserFactory(username="datenschutz", body=scenario.county, person=person)


def test_a_topic_goes_from_submission_to_a_done_action_item(open_session, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    scenario = build_scenario()
    committee = _steering_group(scenario)
    officer = _data_protection_officer(scenario)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    # A municipality submits the topic, saying it processes personal data.
    municipality = open_session()
    municipality.log_in(scenario.municipality_editor)
    page = municipality.page
    municipality.goto(reverse("topics:topic_list"))
    _click_and_wait(page, page.get_by_role("link", name="Thema anmelden"))
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Problem oder Bedarf").fill("Termine gibt es nur am Telefon.")
    page.get_by_label("Vorschlag").fill("Termine online buchbar machen.")
    page.get_by_label(scenario.field.name).check()
    page.get_by_label("verarbeitet personenbezogene Daten").check()
    _click_and_wait(page, page.get_by_role("button", name="Thema anmelden"))
    topic = Topic.objects.get(title=TITLE)
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert topic.touches_personal_data
    assert topic.submitting_body == scenario.municipality

    # The staff unit takes it into preparation; the statement is requested by itself.
    staff = open_session()
    staff.log_in(scenario.staff_user)
    page = staff.page
    staff.goto(topic.get_absolute_url())
    _click_and_wait(page, page.get_by_role("button", name="Auf „In Vorbereitung“ setzen"))
    statement = topic.statements.get()
    assert statement.kind == Statement.Kind.DATA_PROTECTION

    # The data protection officer gives the statement.
    dpo = open_session()
    dpo.log_in(officer)
    page = dpo.page
    dpo.goto(topic.get_absolute_url())
    _click_and_wait(page, page.get_by_role("link", name=re.compile("Stellungnahme abgeben")))
    page.get_by_label("Zustimmung", exact=True).check()
    page.get_by_label("abgegeben am").fill(timezone.localdate().isoformat())
    _click_and_wait(page, page.get_by_role("button", name="Stellungnahme erfassen"))
    statement.refresh_from_db()
    assert statement.result == Statement.Result.AGREED
    assert statement.given_by == officer

    # The staff unit marks the topic ready for decision.
    page = staff.page
    staff.goto(topic.get_absolute_url())
    _click_and_wait(page, page.get_by_role("button", name="Auf „Entscheidungsreif“ setzen"))
    topic.refresh_from_db()
    assert topic.status == Topic.Status.READY_FOR_DECISION

    # It plans yesterday's meeting of the steering group and puts the topic on the agenda.
    staff.goto(committee.get_absolute_url())
    _click_and_wait(page, page.get_by_role("link", name="Sitzung planen"))
    page.get_by_label("Beginn").fill(f"{yesterday.isoformat()}T10:00")
    page.get_by_label("Ende").fill(f"{yesterday.isoformat()}T12:00")
    page.get_by_label("Ort").fill("Kreishaus Siegburg, Raum 1.23")
    _click_and_wait(page, page.get_by_role("button", name="Sitzung planen"))
    meeting = Meeting.objects.get(organization=committee)
    _click_and_wait(page, page.get_by_role("link", name="Tagesordnung bearbeiten"))
    page.get_by_label(re.compile(TITLE)).check()
    _click_and_wait(page, page.get_by_role("button", name="Zur Tagesordnung hinzufügen"))
    item = meeting.agenda_items.get(topic=topic)

    # It sends the invitations: mail with the calendar file to the member.
    staff.goto(meeting.get_absolute_url())
    _click_and_wait(page, page.get_by_role("button", name="Einladungen versenden"))
    expect(
        page.get_by_role("status").filter(has_text="1 Einladung wird versendet.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Geänderte Einladung versenden")).to_be_visible()
    (invitation,) = [m for m in mail.outbox if "petra@example.org" in m.to]
    assert invitation.attachments[0].filename == "invitation.ics"
    assert OutgoingMail.objects.filter(state=OutgoingMail.State.SENT).count() == 1
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.INVITED

    # It records the decision: approved, priority A.
    _click_and_wait(page, page.get_by_role("link", name=f"TOP {item.number}: {TITLE}"))
    _click_and_wait(page, page.get_by_role("link", name="Beschluss erfassen"))
    page.get_by_label("Beschlossen").check()
    page.get_by_label("A – hoch").check()
    page.get_by_label("Beschlusstext").fill("Die Online-Terminvergabe wird eingeführt.")
    _click_and_wait(page, page.get_by_role("button", name="Beschluss erfassen"))
    decision = Decision.objects.get(agenda_item=item)
    assert (decision.outcome, decision.priority) == (Decision.Outcome.APPROVED, "A")
    initiative = decision.initiative
    assert initiative.priority == "A"

    # The new initiative is in the register.
    _click_and_wait(page, page.get_by_role("link", name=re.compile(TITLE)).first)
    assert page.url.endswith(reverse("portfolio:initiative_detail", args=[initiative.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    staff.goto(reverse("portfolio:initiative_list"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert initiative.status == Initiative.Status.PLANNED

    # An action item from the decision, followed up to done.
    staff.goto(meeting.get_absolute_url())
    _click_and_wait(page, page.get_by_role("link", name="Auftrag hinzufügen"))
    page.get_by_label("Aufgabe").fill("Anbieter auswählen")
    page.get_by_label("Verantwortliche Organisationseinheit").select_option(
        label=f"{scenario.county.short_name or scenario.county.name}: {scenario.unit}"
    )
    due = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Fällig").fill(due.isoformat())
    page.get_by_label("Aus dem Beschluss").select_option(str(decision.pk))
    _click_and_wait(page, page.get_by_role("button", name="Auftrag hinzufügen"))
    action_item = ActionItem.objects.get(meeting=meeting)
    assert (action_item.status, action_item.decision) == (ActionItem.Status.OPEN, decision)
    _click_and_wait(page, page.get_by_role("link", name="Bearbeiten Anbieter auswählen"))
    page.get_by_label("Erledigt").check()
    _click_and_wait(page, page.get_by_role("button", name="Änderungen speichern"))
    action_item.refresh_from_db()
    assert action_item.status == ActionItem.Status.DONE
    assert action_item.done_on == timezone.localdate()

    # The decision register shows the initiative and the done action item.
    staff.goto(reverse("governance:decision_register"))
    row = page.locator("main tr").filter(has=page.get_by_role("link", name=re.compile(TITLE)))
    expect(row).to_contain_text("Anbieter auswählen")
    expect(row).to_contain_text("Erledigt")

    for session in (municipality, staff, dpo):
        assert not session.console_errors, session.console_errors


def test_the_rows_of_the_data_migrations_outlast_the_browser_tests(
    seed_rows_restored, transactional_db
):
    """Runs after the journeys above, on their xdist worker: their flush must not have taken
    the seeded rows from the tests that follow (see seed_rows_restored in conftest.py)."""
    assert PriorityCriterion.objects.filter(is_active=True).count() >= 4
    assert MaturityModel.objects.count() == 2
